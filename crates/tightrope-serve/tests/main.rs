//! All of this crate's integration tests in one binary: one link of the dependency tree
//! instead of one per file (less disk and build time). Each module is one former test file.

mod common;

mod api;
mod e2e_chromium;
mod postgres;
mod schedule;
mod tls_and_schemathesis;

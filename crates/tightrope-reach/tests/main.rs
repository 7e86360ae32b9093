//! All of this crate's integration tests in one binary: one link of the dependency tree
//! instead of one per file (less disk and build time). Each module is one former test file.

mod common;

mod batfish;
mod brute_force;
mod cloudmapper;
mod iac;
mod live_addresses;

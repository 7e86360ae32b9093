//! All of this crate's integration tests in one binary: one link of the dependency tree
//! instead of one per file (less disk and build time). Each module is one former test file.

mod actiondb;
mod ai_escalation;
mod authdetails_cli;
mod engine_conformance;
mod iam_vulnerable;
mod least_privilege;
mod managed_policies;

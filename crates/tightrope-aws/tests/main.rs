//! All of this crate's integration tests in one binary: one link of the dependency tree
//! instead of one per file (less disk and build time). Each module is one former test file.

mod common;

mod bedrock_replay;
mod moto;
mod s3_replay;

//! All of this crate's integration tests in one binary: one link of the dependency tree
//! instead of one per file (less disk and build time). Each module is one former test file.

#[path = "../../tightrope-aws/tests/common/moto.rs"]
mod moto;
#[cfg(feature = "aws")]
#[path = "../../tightrope-sqs/tests/common/mod.rs"]
mod sqs_common;
#[path = "../../tightrope-supply/tests/cyclonedx_schema/mod.rs"]
mod cyclonedx_schema;

mod aws_cli;
mod classify_cli;
mod cli;
mod detect_serve_cli;
mod drill_cli;
mod inventory_cli;
mod preflight_cli;

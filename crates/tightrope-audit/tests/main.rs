//! All of this crate's integration tests in one binary: one link of the dependency tree
//! instead of one per file (less disk and build time). Each module is one former test file.

mod eval_support;

mod azure_gcp_cases;
mod azure_gcp_terragoat;
mod compliance;
mod eval_checkov;
mod eval_terragoat;
mod eval_trivy;
mod fixtures;
mod fixtures_formats;
mod inventory;
mod terragoat;

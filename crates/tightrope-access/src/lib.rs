//! Step 2, least privilege: an IAM policy engine with the documented AWS evaluation logic, the IAM
//! action database, over-permissive grants, privilege-escalation paths into AI assets, `who-can`
//! queries, and least-privilege policies generated from CloudTrail activity.
//!
//! The library API is usable without the CLI: [`engine::evaluate`] decides one request;
//! [`analyze`] runs every check over an account model and returns typed results.

pub mod actiondb;
pub mod authdetails;
pub mod cli;
pub mod engine;
pub mod escalation;
pub mod findings;
pub mod model;
pub mod probe;
pub mod risk;
pub mod update;
pub mod whocan;

pub use findings::{Analysis, analyze};
pub mod activity;
pub mod fetch;
pub mod lint;

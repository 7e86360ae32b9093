//! Step 2, least privilege: IAM policy engine, over-permissive grants, escalation paths, policies from activity.

pub mod cli;

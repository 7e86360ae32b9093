//! Terraform: HCL directories (with variables, locals, local modules), plan JSON and state JSON, all
//! producing resources in the Terraform vocabulary for one adapter.

pub mod adapt;
pub mod hcl;
pub mod plan;

//! Shared types of tightrope.
//!
//! Every source (Terraform, CloudFormation, Kubernetes, later the live AWS API) is adapted into one
//! [`CloudState`]; every analyzer reads that state and emits [`Finding`]s; every renderer is a function
//! of `&[Finding]`. Each configuration value is an [`Attr`]: the value, whether it was set explicitly,
//! is the provider's default or could not be resolved, and the [`Origin`] it came from.

pub mod attr;
pub mod coverage;
pub mod exit;
pub mod finding;
pub mod origin;
pub mod policy;
pub mod redact;
pub mod severity;
pub mod state;

pub use attr::{Attr, Provenance};
pub use coverage::{NotCollected, NotEvaluated};
pub use finding::{Finding, InputError, Reference, ResourceRef, Step, Suppression};
pub use origin::Origin;
pub use policy::PolicyDocument;
pub use severity::Severity;
pub use state::CloudState;

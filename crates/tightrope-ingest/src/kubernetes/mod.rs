//! Kubernetes manifests: multi-document YAML read into one [`RawResource`](crate::raw::RawResource)
//! per object, and workloads adapted into the typed state.

mod adapt;
mod read;
mod yaml;

pub use adapt::adapt;
pub use read::{IGNORE_ANNOTATION, read, read_all};

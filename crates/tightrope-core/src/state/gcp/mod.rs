//! Google Cloud resources (from the `google` Terraform provider), one module per service.

pub mod storage;
pub mod vertex;

use serde::{Deserialize, Serialize};

/// Everything a scan knows about Google Cloud.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Gcp {
    pub vertex: vertex::Vertex,
    pub storage: storage::Storage,
}

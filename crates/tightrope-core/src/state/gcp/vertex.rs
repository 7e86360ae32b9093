//! Vertex AI: Workbench instances and legacy notebooks, endpoints, index endpoints, and the
//! datasets and featurestores that hold training data.

use crate::attr::Attr;
use crate::state::{LinkAttr, Meta};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Vertex {
    /// `google_workbench_instance` and legacy `google_notebooks_instance`.
    pub notebooks: Vec<Notebook>,
    pub endpoints: Vec<Endpoint>,
    pub index_endpoints: Vec<IndexEndpoint>,
    /// Datasets, featurestores and other resources whose only security setting is their CMEK.
    pub data_stores: Vec<DataStore>,
}

/// A Vertex AI Workbench instance or legacy user-managed notebook.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Notebook {
    pub meta: Meta,
    pub name: Attr<String>,
    /// The VM has an external IP (provider default: true; `disable_public_ip` / `no_public_ip`).
    pub public_ip: Attr<bool>,
    /// Cloud KMS key of the boot disk (CMEK); absent with Google-managed encryption.
    pub kms_key: LinkAttr,
    /// Shielded VM secure boot (provider default: false).
    pub secure_boot: Attr<bool>,
    /// Users may become root (default: true; metadata `notebook-disable-root = "true"` turns it off).
    pub root_access: Attr<bool>,
    pub network: LinkAttr,
}

/// A Vertex AI online prediction endpoint (`google_vertex_ai_endpoint`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Endpoint {
    pub meta: Meta,
    pub name: Attr<String>,
    /// VPC network peered for a private endpoint (`network`).
    pub network: LinkAttr,
    /// Private Service Connect enabled (`private_service_connect_config.enable_private_service_connect`).
    pub private_service_connect: Attr<bool>,
    pub kms_key: LinkAttr,
}

/// A Vector Search index endpoint (`google_vertex_ai_index_endpoint`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct IndexEndpoint {
    pub meta: Meta,
    pub name: Attr<String>,
    /// Served on a public endpoint (provider default: false).
    pub public_endpoint: Attr<bool>,
    pub network: LinkAttr,
    pub kms_key: LinkAttr,
}

/// A dataset, featurestore or metadata store: encrypted with `encryption_spec.kms_key_name`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct DataStore {
    pub meta: Meta,
    pub name: Attr<String>,
    pub kms_key: LinkAttr,
}

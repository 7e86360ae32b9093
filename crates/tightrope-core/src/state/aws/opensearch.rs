//! OpenSearch / Elasticsearch domains (vector stores for RAG) and OpenSearch Serverless collections.

use crate::attr::Attr;
use crate::policy::PolicyDocument;
use crate::state::{LinkAttr, Meta};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct OpenSearch {
    pub domains: Vec<Domain>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Domain {
    pub meta: Meta,
    pub name: Attr<String>,
    pub engine_version: Attr<String>,
    pub encrypt_at_rest: Attr<bool>,
    pub kms_key: LinkAttr,
    pub node_to_node_encryption: Attr<bool>,
    pub enforce_https: Attr<bool>,
    pub tls_security_policy: Attr<String>,
    pub in_vpc: Attr<bool>,
    pub fine_grained_access_control: Attr<bool>,
    pub access_policy: Attr<PolicyDocument>,
    /// Log types published (`AUDIT_LOGS`, `INDEX_SLOW_LOGS`, ...).
    pub log_types: Vec<Attr<String>>,
}

//! EC2 instances (including launch templates' instance settings) and Lambda functions.

use crate::attr::Attr;
use crate::state::{LinkAttr, Meta};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Compute {
    pub instances: Vec<Instance>,
    pub lambda_functions: Vec<LambdaFunction>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Instance {
    pub meta: Meta,
    pub instance_type: Attr<String>,
    pub ami: Attr<String>,
    pub associate_public_ip: Attr<bool>,
    pub subnet: LinkAttr,
    pub security_groups: Vec<LinkAttr>,
    pub iam_instance_profile: LinkAttr,
    /// IMDS: `required` means IMDSv2 only; `optional` also answers IMDSv1.
    pub metadata_http_tokens: Attr<String>,
    /// IMDS endpoint `enabled` / `disabled`.
    pub metadata_http_endpoint: Attr<String>,
    pub root_volume_encrypted: Attr<bool>,
    /// Other EBS volumes declared inline, encrypted or not.
    pub ebs_volumes_encrypted: Vec<Attr<bool>>,
    /// Never printed unredacted.
    pub user_data: Attr<String>,
    pub monitoring: Attr<bool>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct LambdaFunction {
    pub meta: Meta,
    pub name: Attr<String>,
    pub role: LinkAttr,
    pub runtime: Attr<String>,
    /// Environment variables; values are never printed unredacted.
    pub environment: BTreeMap<String, Attr<String>>,
    pub kms_key: LinkAttr,
    pub in_vpc: Attr<bool>,
    /// X-Ray tracing mode: `PassThrough` (default) or `Active`.
    pub tracing_mode: Attr<String>,
    pub reserved_concurrency: Attr<i64>,
    /// Function URL auth type (`NONE` is public), when a URL is declared.
    pub url_auth_type: Attr<String>,
}

//! CloudTrail trails.

use crate::attr::Attr;
use crate::state::{LinkAttr, Meta};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct CloudTrail {
    pub trails: Vec<Trail>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Trail {
    pub meta: Meta,
    pub name: Attr<String>,
    pub multi_region: Attr<bool>,
    pub log_file_validation: Attr<bool>,
    pub include_global_service_events: Attr<bool>,
    pub kms_key: LinkAttr,
    pub s3_bucket: LinkAttr,
    pub cloudwatch_log_group: LinkAttr,
    pub logging_enabled: Attr<bool>,
    /// Data-event selectors declared (e.g. `AWS::S3::Object`, `AWS::Bedrock::Model`).
    pub data_event_resource_types: Vec<Attr<String>>,
}

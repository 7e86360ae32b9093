//! Secrets Manager secrets.

use crate::attr::Attr;
use crate::state::{LinkAttr, Meta};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct SecretsManager {
    pub secrets: Vec<Secret>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Secret {
    pub meta: Meta,
    pub name: Attr<String>,
    /// Customer-managed key; absent means the AWS-managed `aws/secretsmanager` key.
    pub kms_key: LinkAttr,
    pub rotation_enabled: Attr<bool>,
    pub rotation_days: Attr<i64>,
}

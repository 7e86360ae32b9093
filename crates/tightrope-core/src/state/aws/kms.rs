//! KMS customer-managed keys.

use crate::attr::Attr;
use crate::policy::PolicyDocument;
use crate::state::Meta;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Kms {
    pub keys: Vec<Key>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Key {
    pub meta: Meta,
    pub description: Attr<String>,
    pub rotation_enabled: Attr<bool>,
    /// `SYMMETRIC_DEFAULT`, `RSA_2048`, ...: only symmetric keys can rotate automatically.
    pub key_spec: Attr<String>,
    pub deletion_window_days: Attr<i64>,
    pub policy: Attr<PolicyDocument>,
    pub multi_region: Attr<bool>,
}

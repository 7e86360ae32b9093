//! S3 buckets with the settings that Terraform spreads over separate resources
//! (`aws_s3_bucket_public_access_block`, `_server_side_encryption_configuration`, `_versioning`,
//! `_logging`, `_policy`, `_acl`) merged in.

use crate::attr::Attr;
use crate::policy::PolicyDocument;
use crate::state::{LinkAttr, Meta};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct S3 {
    pub buckets: Vec<Bucket>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Bucket {
    pub meta: Meta,
    pub name: Attr<String>,
    /// Canned ACL (`private` by default).
    pub acl: Attr<String>,
    pub policy: Attr<PolicyDocument>,
    /// `None`: no public access block is configured for the bucket.
    pub public_access_block: Option<PublicAccessBlock>,
    /// `None`: no default-encryption configuration is declared (S3 still applies SSE-S3 since 2023).
    pub encryption: Option<Encryption>,
    pub versioning: Attr<bool>,
    pub mfa_delete: Attr<bool>,
    /// Target bucket of server access logging; absent when logging is off.
    pub logging_target: LinkAttr,
    pub object_lock: Attr<bool>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct PublicAccessBlock {
    pub block_public_acls: Attr<bool>,
    pub block_public_policy: Attr<bool>,
    pub ignore_public_acls: Attr<bool>,
    pub restrict_public_buckets: Attr<bool>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Encryption {
    /// `AES256`, `aws:kms` or `aws:kms:dsse`.
    pub algorithm: Attr<String>,
    pub kms_key: LinkAttr,
}

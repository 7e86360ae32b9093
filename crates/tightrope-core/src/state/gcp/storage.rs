//! Cloud Storage buckets, with their IAM bindings and members merged in.

use crate::attr::Attr;
use crate::state::{LinkAttr, Meta};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Storage {
    pub buckets: Vec<Bucket>,
}

/// A bucket (`google_storage_bucket`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Bucket {
    pub meta: Meta,
    pub name: Attr<String>,
    /// Uniform bucket-level access (provider default: false, object ACLs apply).
    pub uniform_access: Attr<bool>,
    /// `enforced` or `inherited` (provider default: `inherited`).
    pub public_access_prevention: Attr<String>,
    /// Members of `google_storage_bucket_iam_binding` / `_iam_member` resources on this bucket,
    /// each pointing at the IAM resource that grants it.
    pub iam_members: Vec<BucketMember>,
    pub kms_key: LinkAttr,
}

/// One member granted a role on a bucket by a separate IAM resource.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct BucketMember {
    /// The IAM resource (`google_storage_bucket_iam_binding.x`).
    pub meta: Meta,
    pub role: Attr<String>,
    pub member: Attr<String>,
}

impl BucketMember {
    /// `allUsers` or `allAuthenticatedUsers`: anyone on the internet (with a Google account).
    pub fn is_public(&self) -> bool {
        self.member
            .get()
            .is_some_and(|m| m == "allUsers" || m == "allAuthenticatedUsers")
    }
}

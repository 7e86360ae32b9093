//! S3 buckets: `aws_s3_bucket` with its legacy inline settings, and the split resources
//! (`_public_access_block`, `_server_side_encryption_configuration`, `_versioning`, `_logging`,
//! `_policy`, `_acl`) merged into the bucket they name. A split resource's settings keep the split
//! resource's lines as their origin, and override the bucket's inline settings.

use super::ByKind;
use super::block::{present, status};
use super::target::{Target, merge};
use crate::fields::Fields;
use tightrope_core::state::aws::s3::{Bucket, Encryption, PublicAccessBlock};
use tightrope_core::{Attr, CloudState};

pub const KINDS: &[&str] = &[
    "aws_s3_bucket",
    "aws_s3_bucket_public_access_block",
    "aws_s3_bucket_server_side_encryption_configuration",
    "aws_s3_bucket_versioning",
    "aws_s3_bucket_logging",
    "aws_s3_bucket_policy",
    "aws_s3_bucket_acl",
];

/// Where the default-encryption settings live, inline (`server_side_encryption_configuration`) or
/// in the split resource (the resource itself).
const SSE_DEFAULT: &str = "rule.apply_server_side_encryption_by_default";

impl Target for Bucket {
    fn address(&self) -> &str {
        &self.meta.address
    }
    fn literal_name(&self) -> Option<&str> {
        self.name.get().map(String::as_str)
    }
}

pub fn adapt(by: &ByKind, state: &mut CloudState) {
    let buckets = &mut state.aws.s3.buckets;
    let unmodelled = &mut state.unmodelled;
    buckets.extend(by.of("aws_s3_bucket").iter().map(|r| bucket(&Fields::new(r))));

    for r in by.of("aws_s3_bucket_public_access_block") {
        let f = Fields::new(r);
        let pab = PublicAccessBlock {
            block_public_acls: f.bool("block_public_acls", Some(false)),
            block_public_policy: f.bool("block_public_policy", Some(false)),
            ignore_public_acls: f.bool("ignore_public_acls", Some(false)),
            restrict_public_buckets: f.bool("restrict_public_buckets", Some(false)),
        };
        merge(r, "bucket", buckets, unmodelled, |b| b.public_access_block = Some(pab.clone()));
    }
    for r in by.of("aws_s3_bucket_server_side_encryption_configuration") {
        let enc = encryption(&Fields::new(r), SSE_DEFAULT);
        merge(r, "bucket", buckets, unmodelled, |b| b.encryption = Some(enc.clone()));
    }
    for r in by.of("aws_s3_bucket_versioning") {
        let f = Fields::new(r);
        let (versioning, mfa_delete) =
            (status(&f, "versioning_configuration.status", None), status(&f, "versioning_configuration.mfa_delete", Some(false)));
        merge(r, "bucket", buckets, unmodelled, |b| {
            b.versioning = versioning.clone();
            b.mfa_delete = mfa_delete.clone();
        });
    }
    for r in by.of("aws_s3_bucket_logging") {
        let target = Fields::new(r).link("target_bucket");
        merge(r, "bucket", buckets, unmodelled, |b| b.logging_target = target.clone());
    }
    for r in by.of("aws_s3_bucket_policy") {
        let policy = Fields::new(r).policy("policy");
        merge(r, "bucket", buckets, unmodelled, |b| b.policy = policy.clone());
    }
    for r in by.of("aws_s3_bucket_acl") {
        let f = Fields::new(r);
        // An ACL given as `access_control_policy` grants rather than a canned ACL leaves `acl` unknown.
        let acl = if f.has("acl") { f.string("acl", None) } else { Attr::unknown(f.block_origin()) };
        merge(r, "bucket", buckets, unmodelled, |b| b.acl = acl.clone());
    }
}

fn bucket(f: &Fields) -> Bucket {
    let object_lock = if f.has("object_lock_enabled") {
        f.bool("object_lock_enabled", Some(false))
    } else {
        status(f, "object_lock_configuration.object_lock_enabled", Some(false))
    };
    Bucket {
        meta: f.meta("tags"),
        name: f.string("bucket", None),
        acl: f.string("acl", Some("private")),
        policy: f.policy("policy"),
        public_access_block: None,
        encryption: inline_encryption(f),
        versioning: f.bool("versioning.enabled", Some(false)),
        mfa_delete: f.bool("versioning.mfa_delete", Some(false)),
        logging_target: f.link("logging.target_bucket"),
        object_lock,
    }
}

/// The legacy inline `server_side_encryption_configuration` block; an unresolved block (a `dynamic`
/// block over a variable) leaves both settings unknown.
fn inline_encryption(f: &Fields) -> Option<Encryption> {
    let block = present(f, "server_side_encryption_configuration");
    if block.is_unknown() {
        let origin = block.origin;
        return Some(Encryption { algorithm: Attr::unknown(origin.clone()), kms_key: Attr::unknown(origin) });
    }
    block.is(&true).then(|| encryption(f, &format!("server_side_encryption_configuration.{SSE_DEFAULT}")))
}

fn encryption(f: &Fields, by_default: &str) -> Encryption {
    Encryption {
        algorithm: f.string(&format!("{by_default}.sse_algorithm"), None),
        kms_key: f.link(&format!("{by_default}.kms_master_key_id")),
    }
}

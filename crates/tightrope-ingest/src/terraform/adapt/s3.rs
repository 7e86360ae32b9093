//! S3 buckets: `aws_s3_bucket` with its legacy inline settings, and the split resources
//! (`_public_access_block`, `_server_side_encryption_configuration`, `_versioning`, `_logging`,
//! `_policy`, `_acl`) merged into the bucket they name. A split resource's settings keep the split
//! resource's lines as their origin, and override the bucket's inline settings.

use super::ByKind;
use super::block::{present, status};
use super::target::{Target, merge_each};
use crate::fields::Fields;
use tightrope_core::policy::PolicyDocument;
use tightrope_core::state::LinkAttr;
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

    let mut split = |kind: &str, read: &dyn Fn(&Fields) -> Setting| {
        merge_each(by, kind, "bucket", buckets, unmodelled, read, |b, setting| setting.apply_to(b));
    };
    split("aws_s3_bucket_public_access_block", &|f| {
        Setting::PublicAccessBlock(PublicAccessBlock {
            block_public_acls: f.bool("block_public_acls", Some(false)),
            block_public_policy: f.bool("block_public_policy", Some(false)),
            ignore_public_acls: f.bool("ignore_public_acls", Some(false)),
            restrict_public_buckets: f.bool("restrict_public_buckets", Some(false)),
        })
    });
    split("aws_s3_bucket_server_side_encryption_configuration", &|f| Setting::Encryption(encryption(f, SSE_DEFAULT)));
    split("aws_s3_bucket_versioning", &|f| Setting::Versioning {
        enabled: status(f, "versioning_configuration.status", None),
        mfa_delete: status(f, "versioning_configuration.mfa_delete", Some(false)),
    });
    split("aws_s3_bucket_logging", &|f| Setting::Logging(f.link("target_bucket")));
    split("aws_s3_bucket_policy", &|f| Setting::Policy(f.policy("policy")));
    // An ACL given as `access_control_policy` grants rather than a canned ACL leaves `acl` unknown.
    split("aws_s3_bucket_acl", &|f| Setting::Acl(if f.has("acl") { f.string("acl", None) } else { Attr::unknown(f.block_origin()) }));
}

/// What one split resource sets on its bucket.
#[derive(Clone)]
enum Setting {
    PublicAccessBlock(PublicAccessBlock),
    Encryption(Encryption),
    Versioning { enabled: Attr<bool>, mfa_delete: Attr<bool> },
    Logging(LinkAttr),
    Policy(Attr<PolicyDocument>),
    Acl(Attr<String>),
}

impl Setting {
    fn apply_to(self, b: &mut Bucket) {
        match self {
            Setting::PublicAccessBlock(pab) => b.public_access_block = Some(pab),
            Setting::Encryption(enc) => b.encryption = Some(enc),
            Setting::Versioning { enabled, mfa_delete } => {
                b.versioning = enabled;
                b.mfa_delete = mfa_delete;
            }
            Setting::Logging(target) => b.logging_target = target,
            Setting::Policy(policy) => b.policy = policy,
            Setting::Acl(acl) => b.acl = acl,
        }
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

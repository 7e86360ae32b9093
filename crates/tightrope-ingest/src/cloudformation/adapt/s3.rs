//! `AWS::S3::Bucket`, with `AWS::S3::BucketPolicy` merged in by its `Bucket`.

use super::target;
use crate::fields::Fields;
use tightrope_core::state::aws::s3::{Bucket, Encryption, PublicAccessBlock};
use tightrope_core::state::Link;
use tightrope_core::{Attr, CloudState};

pub fn bucket(f: &Fields, state: &mut CloudState) {
    let public_access_block = f.node("PublicAccessBlockConfiguration").map(|n| {
        let p = f.at(n);
        PublicAccessBlock {
            block_public_acls: p.bool("BlockPublicAcls", Some(false)),
            block_public_policy: p.bool("BlockPublicPolicy", Some(false)),
            ignore_public_acls: p.bool("IgnorePublicAcls", Some(false)),
            restrict_public_buckets: p.bool("RestrictPublicBuckets", Some(false)),
        }
    });
    let encryption = f.node("BucketEncryption").map(|n| {
        let e = f.at(n);
        let by_default = "ServerSideEncryptionConfiguration.ServerSideEncryptionByDefault";
        Encryption { algorithm: e.string(&format!("{by_default}.SSEAlgorithm"), None), kms_key: e.link(&format!("{by_default}.KMSMasterKeyID")) }
    });
    // Logging without a destination bucket logs into the bucket itself.
    let logging_target = match f.node("LoggingConfiguration") {
        Some(n) if !f.has("LoggingConfiguration.DestinationBucketName") && !n.is_unknown() => {
            Attr::explicit(Link::Resource(f.res.address.clone()), f.origin_of(n.span))
        }
        _ => f.link("LoggingConfiguration.DestinationBucketName"),
    };
    state.aws.s3.buckets.push(Bucket {
        meta: f.meta("Tags"),
        name: f.string("BucketName", None),
        acl: f.string("AccessControl", Some("Private")).map(|a| canned_acl(&a)),
        policy: Attr::default_value(None, f.block_origin()),
        public_access_block,
        encryption,
        versioning: f.string("VersioningConfiguration.Status", Some("Suspended")).map(|s| s.eq_ignore_ascii_case("Enabled")),
        // CloudFormation cannot enable MFA delete.
        mfa_delete: Attr::default_value(Some(false), f.block_origin()),
        logging_target,
        object_lock: f.enabled("ObjectLockEnabled", Some(false)),
    });
}

pub fn bucket_policy(f: &Fields, state: &mut CloudState) -> bool {
    let policy = f.policy("PolicyDocument");
    target::each(f, "Bucket", &mut state.aws.s3.buckets, |b| (&b.meta, b.name.get().map(String::as_str)), |b| b.policy = policy.clone())
}

/// CloudFormation's `PublicRead` → the S3 canned ACL `public-read`.
fn canned_acl(cfn: &str) -> String {
    let mut out = String::new();
    for (i, c) in cfn.chars().enumerate() {
        if c.is_ascii_uppercase() && i > 0 {
            out.push('-');
        }
        out.push(c.to_ascii_lowercase());
    }
    out
}

//! KMS: customer-managed keys with their spec, rotation status, key policy and deletion window.

use crate::services::Fragment;
use crate::session::{client, Ctx};
use crate::values::{api, attr, meta, opt, policy, text, unknown};
use aws_sdk_kms::types::KeyManagerType;
use tightrope_core::state::aws::kms::Key;
use tightrope_core::Attr;

pub(crate) async fn collect(ctx: &Ctx, f: &mut Fragment) {
    let kms = client!(aws_sdk_kms, ctx);
    let Some(keys) = pages!(f.gaps, "ListKeys", kms.list_keys(), keys) else { return };
    for k in keys {
        let Some(id) = k.key_id() else { continue };
        let md = match f.gaps.sub("DescribeKey", kms.describe_key().key_id(id).send().await, &[]) {
            Ok(Some(out)) => out.key_metadata().cloned(),
            _ => None,
        };
        let Some(md) = md else { continue };
        // AWS-managed keys (aws/s3, aws/ebs, ...) rotate yearly and cannot be configured.
        if md.key_manager() != Some(&KeyManagerType::Customer) {
            continue;
        }
        let arn = md.arn().map(str::to_string).unwrap_or_else(|| ctx.arn("kms", &format!("key/{id}")));
        let arn = arn.as_str();
        let spec = md.key_spec().map(|s| s.as_str().to_string());
        let symmetric = spec.as_deref() == Some("SYMMETRIC_DEFAULT");
        // Only symmetric keys can rotate; asking about the others is an error by design.
        let rotation = if symmetric {
            match f.gaps.sub("GetKeyRotationStatus", kms.get_key_rotation_status().key_id(id).send().await, &[]) {
                Ok(Some(r)) => Attr::explicit(r.key_rotation_enabled(), api(arn, "KeyRotationEnabled")),
                _ => unknown(arn, "KeyRotationEnabled"),
            }
        } else {
            Attr::explicit(false, api(arn, "KeyRotationEnabled"))
        };
        let key_policy = match f.gaps.sub("GetKeyPolicy", kms.get_key_policy().key_id(id).policy_name("default").send().await, &[]) {
            Ok(Some(p)) => policy(p.policy(), arn, "Policy"),
            _ => unknown(arn, "Policy"),
        };
        f.aws.kms.keys.push(Key {
            meta: meta(arn, "AWS::KMS::Key", "Keys"),
            description: text(md.description(), arn, "Description"),
            rotation_enabled: rotation,
            key_spec: opt(spec, arn, "KeySpec"),
            deletion_window_days: attr(md.pending_deletion_window_in_days().map(i64::from), Some(30), arn, "PendingDeletionWindowInDays"),
            policy: key_policy,
            multi_region: attr(md.multi_region(), Some(false), arn, "MultiRegion"),
        });
    }
}

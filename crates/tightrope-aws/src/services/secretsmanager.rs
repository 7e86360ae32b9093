//! Secrets Manager: secrets' metadata (KMS key, rotation); never a secret value.

use crate::services::Fragment;
use crate::session::{client, Ctx};
use crate::values::{attr, link, meta, opt, text};
use tightrope_core::state::aws::secretsmanager::Secret;

pub(crate) async fn collect(ctx: &Ctx, f: &mut Fragment) {
    let sm = client!(aws_sdk_secretsmanager, ctx);
    let Some(list) = pages!(f.gaps, "ListSecrets", sm.list_secrets(), secret_list) else { return };
    for s in list {
        let arn = s.arn().map(str::to_string).unwrap_or_else(|| ctx.arn("secretsmanager", &format!("secret:{}", s.name().unwrap_or_default())));
        let arn = arn.as_str();
        f.aws.secretsmanager.secrets.push(Secret {
            meta: meta(arn, "AWS::SecretsManager::Secret", "SecretList"),
            name: text(s.name(), arn, "Name"),
            kms_key: link(s.kms_key_id(), arn, "KmsKeyId"),
            rotation_enabled: attr(s.rotation_enabled(), Some(false), arn, "RotationEnabled"),
            rotation_days: opt(s.rotation_rules().and_then(|r| r.automatically_after_days()), arn, "RotationRules.AutomaticallyAfterDays"),
        });
    }
}

//! `AWS::SecretsManager::Secret`, with `AWS::SecretsManager::RotationSchedule` merged in by its
//! `SecretId`.

use super::target;
use crate::fields::Fields;
use tightrope_core::state::aws::secretsmanager::Secret;
use tightrope_core::{Attr, CloudState};

pub fn secret(f: &Fields, state: &mut CloudState) {
    state.aws.secretsmanager.secrets.push(Secret {
        meta: f.meta("Tags"),
        name: f.string("Name", None),
        kms_key: f.link("KmsKeyId"),
        rotation_enabled: Attr::default_value(Some(false), f.block_origin()),
        rotation_days: Attr::default_value(None, f.block_origin()),
    });
}

pub fn rotation_schedule(f: &Fields, state: &mut CloudState) -> bool {
    let enabled = Attr::explicit(true, f.block_origin());
    let days = f.int("RotationRules.AutomaticallyAfterDays", None);
    target::each(f, "SecretId", &mut state.aws.secretsmanager.secrets, |s| (&s.meta, s.name.get().map(String::as_str)), |s| {
        s.rotation_enabled = enabled.clone();
        s.rotation_days = days.clone();
    })
}

//! Secrets Manager secrets, with `aws_secretsmanager_secret_rotation` merged in by `secret_id`.

use super::ByKind;
use super::target::{Target, merge_each};
use crate::fields::Fields;
use tightrope_core::state::aws::secretsmanager::Secret;
use tightrope_core::{Attr, CloudState};

pub const KINDS: &[&str] = &["aws_secretsmanager_secret", "aws_secretsmanager_secret_rotation"];

impl Target for Secret {
    fn address(&self) -> &str {
        &self.meta.address
    }
    fn literal_name(&self) -> Option<&str> {
        self.name.get().map(String::as_str)
    }
}

pub fn adapt(by: &ByKind, state: &mut CloudState) {
    let secrets = &mut state.aws.secretsmanager.secrets;
    secrets.extend(by.of("aws_secretsmanager_secret").iter().map(|r| {
        let f = Fields::new(r);
        Secret {
            meta: f.meta("tags"),
            name: f.string("name", None),
            kms_key: f.link("kms_key_id"),
            rotation_enabled: Attr::default_value(Some(false), f.block_origin()),
            rotation_days: Attr::default_value(None, f.block_origin()),
        }
    }));
    merge_each(
        by,
        "aws_secretsmanager_secret_rotation",
        "secret_id",
        secrets,
        &mut state.unmodelled,
        |f| (Attr::explicit(true, f.block_origin()), f.int("rotation_rules.automatically_after_days", None)),
        |s, (enabled, days)| {
            s.rotation_enabled = enabled;
            s.rotation_days = days;
        },
    );
}

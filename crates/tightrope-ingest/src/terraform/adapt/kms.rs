//! KMS keys (`aws_kms_key`).

use super::ByKind;
use super::block::first_written;
use crate::fields::Fields;
use tightrope_core::CloudState;
use tightrope_core::state::aws::kms::Key;

pub const KINDS: &[&str] = &["aws_kms_key"];

pub fn adapt(by: &ByKind, state: &mut CloudState) {
    state.aws.kms.keys.extend(by.of("aws_kms_key").iter().map(|r| key(&Fields::new(r))));
}

fn key(f: &Fields) -> Key {
    Key {
        meta: f.meta("tags"),
        description: f.string("description", None),
        rotation_enabled: f.bool("enable_key_rotation", Some(false)),
        key_spec: f.string(first_written(f, &["customer_master_key_spec", "key_spec"]), Some("SYMMETRIC_DEFAULT")),
        deletion_window_days: f.int("deletion_window_in_days", Some(30)),
        policy: f.policy("policy"),
        multi_region: f.bool("multi_region", Some(false)),
    }
}

//! `AWS::KMS::Key`.

use crate::fields::Fields;
use tightrope_core::state::aws::kms::Key;
use tightrope_core::CloudState;

pub fn key(f: &Fields, state: &mut CloudState) {
    state.aws.kms.keys.push(Key {
        meta: f.meta("Tags"),
        description: f.string("Description", None),
        rotation_enabled: f.bool("EnableKeyRotation", Some(false)),
        key_spec: f.string("KeySpec", Some("SYMMETRIC_DEFAULT")),
        deletion_window_days: f.int("PendingWindowInDays", Some(30)),
        policy: f.policy("KeyPolicy"),
        multi_region: f.bool("MultiRegion", Some(false)),
    });
}

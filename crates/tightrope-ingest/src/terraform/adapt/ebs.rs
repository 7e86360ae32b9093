//! Standalone EBS volumes.

use super::ByKind;
use crate::fields::Fields;
use tightrope_core::CloudState;
use tightrope_core::state::aws::ebs::Volume;

pub const KINDS: &[&str] = &["aws_ebs_volume"];

pub fn adapt(by: &ByKind, state: &mut CloudState) {
    state.aws.ebs.volumes.extend(by.of("aws_ebs_volume").iter().map(|r| {
        let f = Fields::new(r);
        Volume {
            meta: f.meta("tags"),
            encrypted: f.bool("encrypted", Some(false)),
            kms_key: f.link("kms_key_id"),
            size_gib: f.int("size", None),
        }
    }));
}

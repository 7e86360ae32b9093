//! `AWS::EC2::Volume`.

use crate::fields::Fields;
use tightrope_core::CloudState;
use tightrope_core::state::aws::ebs::Volume;

pub fn volume(f: &Fields, state: &mut CloudState) {
    state.aws.ebs.volumes.push(Volume {
        meta: f.meta("Tags"),
        encrypted: f.bool("Encrypted", Some(false)),
        kms_key: f.link("KmsKeyId"),
        size_gib: f.int("Size", None),
    });
}

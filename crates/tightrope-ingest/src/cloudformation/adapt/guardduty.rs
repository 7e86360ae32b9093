//! `AWS::GuardDuty::Detector`.

use crate::fields::Fields;
use tightrope_core::CloudState;
use tightrope_core::state::aws::guardduty::Detector;

pub fn detector(f: &Fields, state: &mut CloudState) {
    state.aws.guardduty.detectors.push(Detector {
        meta: f.meta("Tags"),
        enabled: f.bool("Enable", Some(true)),
    });
}

//! GuardDuty detectors.

use super::ByKind;
use crate::fields::Fields;
use tightrope_core::CloudState;
use tightrope_core::state::aws::guardduty::Detector;

pub const KINDS: &[&str] = &["aws_guardduty_detector"];

pub fn adapt(by: &ByKind, state: &mut CloudState) {
    state
        .aws
        .guardduty
        .detectors
        .extend(by.of("aws_guardduty_detector").iter().map(|r| {
            let f = Fields::new(r);
            Detector {
                meta: f.meta("tags"),
                enabled: f.bool("enable", Some(true)),
            }
        }));
}

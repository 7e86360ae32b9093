//! GuardDuty: the region's detectors and whether each is enabled.

use crate::services::Fragment;
use crate::session::{client, Ctx};
use crate::values::{api, meta, unknown};
use tightrope_core::state::aws::guardduty::Detector;
use tightrope_core::Attr;

pub(crate) async fn collect(ctx: &Ctx, f: &mut Fragment) {
    let gd = client!(aws_sdk_guardduty, ctx);
    let Some(ids) = pages!(f.gaps, "ListDetectors", gd.list_detectors(), detector_ids) else { return };
    for id in ids {
        let arn = ctx.arn("guardduty", &format!("detector/{id}"));
        let enabled = match f.gaps.sub("GetDetector", gd.get_detector().detector_id(&id).send().await, &[]) {
            Ok(Some(d)) => Attr::explicit(d.status().is_some_and(|s| s.as_str() == "ENABLED"), api(&arn, "Status")),
            _ => unknown(&arn, "Status"),
        };
        f.aws.guardduty.detectors.push(Detector { meta: meta(&arn, "AWS::GuardDuty::Detector", "DetectorIds"), enabled });
    }
}

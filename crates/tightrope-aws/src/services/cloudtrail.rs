//! CloudTrail: trails whose home is this region, with logging status and the data-event
//! resource types of their (basic and advanced) event selectors.

use crate::services::Fragment;
use crate::session::{client, Ctx};
use crate::values::{attr, link, meta, text, texts, unknown};
use tightrope_core::state::aws::cloudtrail::Trail;

pub(crate) async fn collect(ctx: &Ctx, f: &mut Fragment) {
    let ct = client!(aws_sdk_cloudtrail, ctx);
    // Multi-region trails show up in every region as shadow trails: read each in its home region.
    let trails = match ct.describe_trails().include_shadow_trails(false).send().await {
        Ok(out) => out.trail_list().to_vec(),
        Err(e) => return f.gaps.failed("DescribeTrails", &e),
    };
    for t in trails {
        let Some(arn) = t.trail_arn().map(str::to_string) else { continue };
        let arn = arn.as_str();
        let logging = match f.gaps.sub("GetTrailStatus", ct.get_trail_status().name(arn).send().await, &[]) {
            Ok(Some(s)) => attr(s.is_logging(), Some(false), arn, "IsLogging"),
            _ => unknown(arn, "IsLogging"),
        };
        let mut data_types = Vec::new();
        if let Ok(Some(sel)) = f.gaps.sub("GetEventSelectors", ct.get_event_selectors().trail_name(arn).send().await, &[]) {
            let basic = sel.event_selectors().iter().flat_map(|s| s.data_resources()).filter_map(|d| d.r#type());
            data_types.extend(texts(basic, arn, "EventSelectors.DataResources.Type"));
            let advanced = sel
                .advanced_event_selectors()
                .iter()
                .flat_map(|s| s.field_selectors())
                .filter(|fs| fs.field() == "resources.type")
                .flat_map(|fs| fs.equals().iter().map(String::as_str));
            data_types.extend(texts(advanced, arn, "AdvancedEventSelectors.FieldSelectors"));
        }
        f.aws.cloudtrail.trails.push(Trail {
            meta: meta(arn, "AWS::CloudTrail::Trail", "trailList"),
            name: text(t.name(), arn, "Name"),
            multi_region: attr(t.is_multi_region_trail(), Some(false), arn, "IsMultiRegionTrail"),
            log_file_validation: attr(t.log_file_validation_enabled(), Some(false), arn, "LogFileValidationEnabled"),
            include_global_service_events: attr(t.include_global_service_events(), Some(true), arn, "IncludeGlobalServiceEvents"),
            kms_key: link(t.kms_key_id(), arn, "KmsKeyId"),
            s3_bucket: link(t.s3_bucket_name(), arn, "S3BucketName"),
            cloudwatch_log_group: link(t.cloud_watch_logs_log_group_arn(), arn, "CloudWatchLogsLogGroupArn"),
            logging_enabled: logging,
            data_event_resource_types: data_types,
        });
    }
}

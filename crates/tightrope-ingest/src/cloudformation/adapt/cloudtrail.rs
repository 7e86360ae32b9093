//! `AWS::CloudTrail::Trail`.

use crate::fields::Fields;
use tightrope_core::state::aws::cloudtrail::Trail;
use tightrope_core::CloudState;

pub fn trail(f: &Fields, state: &mut CloudState) {
    state.aws.cloudtrail.trails.push(Trail {
        meta: f.meta("Tags"),
        name: f.string("TrailName", None),
        multi_region: f.bool("IsMultiRegionTrail", Some(false)),
        log_file_validation: f.bool("EnableLogFileValidation", Some(false)),
        include_global_service_events: f.bool("IncludeGlobalServiceEvents", Some(true)),
        kms_key: f.link("KMSKeyId"),
        s3_bucket: f.link("S3BucketName"),
        cloudwatch_log_group: f.link("CloudWatchLogsLogGroupArn"),
        // `IsLogging` is required; a template without it does not deploy.
        logging_enabled: f.bool("IsLogging", None),
        data_event_resource_types: f.strings("EventSelectors.DataResources.Type"),
    });
}

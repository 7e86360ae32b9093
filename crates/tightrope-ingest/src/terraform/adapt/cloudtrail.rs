//! CloudTrail trails, with the data-event resource types of basic (`event_selector`) and advanced
//! (`advanced_event_selector`, field `resources.type`) selectors.

use super::ByKind;
use crate::fields::{Fields, scalar_string};
use tightrope_core::state::aws::cloudtrail::Trail;
use tightrope_core::{Attr, CloudState};

pub const KINDS: &[&str] = &["aws_cloudtrail"];

pub fn adapt(by: &ByKind, state: &mut CloudState) {
    state.aws.cloudtrail.trails.extend(by.of("aws_cloudtrail").iter().map(|r| trail(&Fields::new(r))));
}

fn trail(f: &Fields) -> Trail {
    let mut data_event_resource_types = f.strings("event_selector.data_resource.type");
    data_event_resource_types.extend(advanced_resource_types(f));
    Trail {
        meta: f.meta("tags"),
        name: f.string("name", None),
        multi_region: f.bool("is_multi_region_trail", Some(false)),
        log_file_validation: f.bool("enable_log_file_validation", Some(false)),
        include_global_service_events: f.bool("include_global_service_events", Some(true)),
        kms_key: f.link("kms_key_id"),
        s3_bucket: f.link("s3_bucket_name"),
        cloudwatch_log_group: f.link("cloud_watch_logs_group_arn"),
        logging_enabled: f.bool("enable_logging", Some(true)),
        data_event_resource_types,
    }
}

/// `equals` of every advanced field selector on `resources.type`.
fn advanced_resource_types(f: &Fields) -> Vec<Attr<String>> {
    f.all("advanced_event_selector.field_selector")
        .into_iter()
        .filter(|s| s.get("field").and_then(scalar_string).as_deref() == Some("resources.type"))
        .flat_map(|s| f.at(s).strings("equals"))
        .collect()
}

//! DynamoDB tables.

use super::ByKind;
use crate::fields::Fields;
use tightrope_core::CloudState;
use tightrope_core::state::aws::dynamodb::Table;

pub const KINDS: &[&str] = &["aws_dynamodb_table"];

pub fn adapt(by: &ByKind, state: &mut CloudState) {
    state.aws.dynamodb.tables.extend(by.of("aws_dynamodb_table").iter().map(|r| {
        let f = Fields::new(r);
        Table {
            meta: f.meta("tags"),
            name: f.string("name", None),
            point_in_time_recovery: f.bool("point_in_time_recovery.enabled", Some(false)),
            sse_kms: f.bool("server_side_encryption.enabled", Some(false)),
            kms_key: f.link("server_side_encryption.kms_key_arn"),
        }
    }));
}

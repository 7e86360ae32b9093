//! `AWS::DynamoDB::Table`.

use crate::fields::Fields;
use tightrope_core::CloudState;
use tightrope_core::state::aws::dynamodb::Table;

pub fn table(f: &Fields, state: &mut CloudState) {
    state.aws.dynamodb.tables.push(Table {
        meta: f.meta("Tags"),
        name: f.string("TableName", None),
        point_in_time_recovery: f.bool("PointInTimeRecoverySpecification.PointInTimeRecoveryEnabled", Some(false)),
        sse_kms: f.bool("SSESpecification.SSEEnabled", Some(false)),
        kms_key: f.link("SSESpecification.KMSMasterKeyId"),
    });
}

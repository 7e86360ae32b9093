//! DynamoDB tables: encryption (from `DescribeTable`) and point-in-time recovery (from
//! `DescribeContinuousBackups`), two calls per table.

use crate::gaps::Gaps;
use crate::services::{each, Fragment};
use crate::session::{client, Ctx};
use crate::values::{api, link, meta, text, unknown};
use tightrope_core::state::aws::dynamodb::Table;
use tightrope_core::Attr;

pub(crate) async fn collect(ctx: &Ctx, f: &mut Fragment) {
    let ddb = client!(aws_sdk_dynamodb, ctx);
    let Some(names) = pages!(f.gaps, "ListTables", ddb.list_tables(), table_names) else { return };
    let tables = each(&mut f.gaps, names, |name, g| table(ctx, &ddb, name, g)).await;
    f.aws.dynamodb.tables.extend(tables);
}

async fn table(ctx: &Ctx, ddb: &aws_sdk_dynamodb::Client, name: String, mut g: Gaps) -> (Option<Table>, Gaps) {
    let Ok(Some(described)) = g.sub("DescribeTable", ddb.describe_table().table_name(&name).send().await, &[]) else { return (None, g) };
    let Some(t) = described.table() else { return (None, g) };
    let arn = t.table_arn().map(str::to_string).unwrap_or_else(|| ctx.arn("dynamodb", &format!("table/{name}")));
    let arn = arn.as_str();
    let sse = t.sse_description();
    // Without an SSE description the table uses the AWS-owned key (no KMS).
    let sse_kms = sse.is_some_and(|s| s.sse_type().is_some_and(|t| t.as_str() == "KMS") && s.status().is_none_or(|st| matches!(st.as_str(), "ENABLED" | "ENABLING" | "UPDATING")));
    let pitr = match g.sub("DescribeContinuousBackups", ddb.describe_continuous_backups().table_name(&name).send().await, &[]) {
        Ok(Some(out)) => Attr::explicit(
            out.continuous_backups_description()
                .and_then(|c| c.point_in_time_recovery_description())
                .and_then(|p| p.point_in_time_recovery_status())
                .is_some_and(|s| s.as_str() == "ENABLED"),
            api(arn, "ContinuousBackupsDescription.PointInTimeRecoveryDescription.PointInTimeRecoveryStatus"),
        ),
        _ => unknown(arn, "ContinuousBackupsDescription"),
    };
    let table = Table {
        meta: meta(arn, "AWS::DynamoDB::Table", "TableNames"),
        name: text(Some(name.as_str()), arn, "TableName"),
        point_in_time_recovery: pitr,
        sse_kms: Attr::explicit(sse_kms, api(arn, "SSEDescription.SSEType")),
        kms_key: link(sse.and_then(|s| s.kms_master_key_arn()), arn, "SSEDescription.KMSMasterKeyArn"),
    };
    (Some(table), g)
}

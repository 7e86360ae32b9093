//! RDS: DB instances and Aurora (or Multi-AZ) DB clusters, from one paginated listing each.

use crate::services::Fragment;
use crate::session::{client, Ctx};
use crate::values::{attr, link, meta, opt, tags, text};
use tightrope_core::state::aws::rds::Database;

/// A [`Database`] from an SDK `DBInstance` or `DBCluster`: the two share the accessors of every
/// setting the rules read.
macro_rules! database {
    ($d:expr, $arn:expr, $cfn:literal, $list:literal, $name:expr, $name_field:literal, $cluster:expr) => {{
        let (d, arn) = ($d, $arn);
        let mut m = meta(arn, $cfn, $list);
        m.tags = tags(d.tag_list().iter().map(|t| (t.key(), t.value())));
        Database {
            meta: m,
            name: text($name, arn, $name_field),
            engine: text(d.engine(), arn, "Engine"),
            storage_encrypted: attr(d.storage_encrypted(), Some(false), arn, "StorageEncrypted"),
            kms_key: link(d.kms_key_id(), arn, "KmsKeyId"),
            publicly_accessible: attr(d.publicly_accessible(), Some(false), arn, "PubliclyAccessible"),
            iam_auth: attr(d.iam_database_authentication_enabled(), Some(false), arn, "IAMDatabaseAuthenticationEnabled"),
            deletion_protection: attr(d.deletion_protection(), Some(false), arn, "DeletionProtection"),
            backup_retention_days: opt(d.backup_retention_period().map(i64::from), arn, "BackupRetentionPeriod"),
            cluster: $cluster,
        }
    }};
}

pub(crate) async fn collect(ctx: &Ctx, f: &mut Fragment) {
    let rds = client!(aws_sdk_rds, ctx);
    if let Some(list) = pages!(f.gaps, "DescribeDBInstances", rds.describe_db_instances(), db_instances) {
        for d in &list {
            let id = d.db_instance_identifier();
            let arn = d.db_instance_arn().map(str::to_string).unwrap_or_else(|| ctx.arn("rds", &format!("db:{}", id.unwrap_or_default())));
            let cluster = d.db_cluster_identifier().map(|c| ctx.arn("rds", &format!("cluster:{c}")));
            let cluster = link(cluster.as_deref(), &arn, "DBClusterIdentifier");
            f.aws.rds.instances.push(database!(d, &arn, "AWS::RDS::DBInstance", "DBInstances", id, "DBInstanceIdentifier", cluster));
        }
    }
    if let Some(list) = pages!(f.gaps, "DescribeDBClusters", rds.describe_db_clusters(), db_clusters) {
        for c in &list {
            let id = c.db_cluster_identifier();
            let arn = c.db_cluster_arn().map(str::to_string).unwrap_or_else(|| ctx.arn("rds", &format!("cluster:{}", id.unwrap_or_default())));
            let none = opt(None, &arn, "DBClusterIdentifier");
            f.aws.rds.clusters.push(database!(c, &arn, "AWS::RDS::DBCluster", "DBClusters", id, "DBClusterIdentifier", none));
        }
    }
}

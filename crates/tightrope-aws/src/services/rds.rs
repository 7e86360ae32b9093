//! RDS: DB instances and Aurora (or Multi-AZ) DB clusters, from one paginated listing each.

use crate::services::Fragment;
use crate::session::{client, Ctx};
use crate::values::{attr, link, meta, opt, tags, text};
use tightrope_core::state::aws::rds::Database;

pub(crate) async fn collect(ctx: &Ctx, f: &mut Fragment) {
    let rds = client!(aws_sdk_rds, ctx);
    if let Some(list) = pages!(f.gaps, "DescribeDBInstances", rds.describe_db_instances(), db_instances) {
        for d in list {
            let id = d.db_instance_identifier().unwrap_or_default();
            let arn = d.db_instance_arn().map(str::to_string).unwrap_or_else(|| ctx.arn("rds", &format!("db:{id}")));
            let arn = arn.as_str();
            let mut m = meta(arn, "AWS::RDS::DBInstance", "DBInstances");
            m.tags = tags(d.tag_list().iter().map(|t| (t.key(), t.value())));
            let cluster = d.db_cluster_identifier().map(|c| ctx.arn("rds", &format!("cluster:{c}")));
            f.aws.rds.instances.push(Database {
                meta: m,
                name: text(d.db_instance_identifier(), arn, "DBInstanceIdentifier"),
                engine: text(d.engine(), arn, "Engine"),
                storage_encrypted: attr(d.storage_encrypted(), Some(false), arn, "StorageEncrypted"),
                kms_key: link(d.kms_key_id(), arn, "KmsKeyId"),
                publicly_accessible: attr(d.publicly_accessible(), Some(false), arn, "PubliclyAccessible"),
                iam_auth: attr(d.iam_database_authentication_enabled(), Some(false), arn, "IAMDatabaseAuthenticationEnabled"),
                deletion_protection: attr(d.deletion_protection(), Some(false), arn, "DeletionProtection"),
                backup_retention_days: opt(d.backup_retention_period().map(i64::from), arn, "BackupRetentionPeriod"),
                cluster: link(cluster.as_deref(), arn, "DBClusterIdentifier"),
            });
        }
    }
    if let Some(list) = pages!(f.gaps, "DescribeDBClusters", rds.describe_db_clusters(), db_clusters) {
        for c in list {
            let id = c.db_cluster_identifier().unwrap_or_default();
            let arn = c.db_cluster_arn().map(str::to_string).unwrap_or_else(|| ctx.arn("rds", &format!("cluster:{id}")));
            let arn = arn.as_str();
            let mut m = meta(arn, "AWS::RDS::DBCluster", "DBClusters");
            m.tags = tags(c.tag_list().iter().map(|t| (t.key(), t.value())));
            f.aws.rds.clusters.push(Database {
                meta: m,
                name: text(c.db_cluster_identifier(), arn, "DBClusterIdentifier"),
                engine: text(c.engine(), arn, "Engine"),
                storage_encrypted: attr(c.storage_encrypted(), Some(false), arn, "StorageEncrypted"),
                kms_key: link(c.kms_key_id(), arn, "KmsKeyId"),
                publicly_accessible: attr(c.publicly_accessible(), Some(false), arn, "PubliclyAccessible"),
                iam_auth: attr(c.iam_database_authentication_enabled(), Some(false), arn, "IAMDatabaseAuthenticationEnabled"),
                deletion_protection: attr(c.deletion_protection(), Some(false), arn, "DeletionProtection"),
                backup_retention_days: opt(c.backup_retention_period().map(i64::from), arn, "BackupRetentionPeriod"),
                cluster: opt(None, arn, "DBClusterIdentifier"),
            });
        }
    }
}

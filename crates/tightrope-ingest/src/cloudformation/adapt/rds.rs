//! `AWS::RDS::DBInstance` and `AWS::RDS::DBCluster`.

use crate::fields::Fields;
use tightrope_core::state::aws::rds::Database;
use tightrope_core::{Attr, CloudState};

pub fn db_instance(f: &Fields, state: &mut CloudState) {
    state.aws.rds.instances.push(Database {
        meta: f.meta("Tags"),
        name: f.string("DBInstanceIdentifier", None),
        engine: f.string("Engine", None),
        storage_encrypted: f.bool("StorageEncrypted", Some(false)),
        kms_key: f.link("KmsKeyId"),
        // Left out, it depends on the subnet group (public subnets make it public): not guessed.
        publicly_accessible: f.bool("PubliclyAccessible", None),
        iam_auth: f.bool("EnableIAMDatabaseAuthentication", Some(false)),
        deletion_protection: f.bool("DeletionProtection", Some(false)),
        backup_retention_days: f.int("BackupRetentionPeriod", Some(1)),
        cluster: f.link("DBClusterIdentifier"),
    });
}

pub fn db_cluster(f: &Fields, state: &mut CloudState) {
    let serverless = f.string("EngineMode", Some("provisioned")).eq_ignore_case("serverless");
    state.aws.rds.clusters.push(Database {
        meta: f.meta("Tags"),
        name: f.string("DBClusterIdentifier", None),
        engine: f.string("Engine", None),
        storage_encrypted: f.bool("StorageEncrypted", Some(serverless)),
        kms_key: f.link("KmsKeyId"),
        publicly_accessible: f.bool("PubliclyAccessible", None),
        iam_auth: f.bool("EnableIAMDatabaseAuthentication", Some(false)),
        deletion_protection: f.bool("DeletionProtection", Some(false)),
        backup_retention_days: f.int("BackupRetentionPeriod", Some(1)),
        cluster: Attr::default_value(None, f.block_origin()),
    });
}

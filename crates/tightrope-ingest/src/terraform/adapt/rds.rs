//! RDS DB instances and RDS / Aurora clusters.

use super::ByKind;
use crate::fields::Fields;
use tightrope_core::CloudState;
use tightrope_core::state::aws::rds::Database;

pub const KINDS: &[&str] = &["aws_db_instance", "aws_rds_cluster"];

pub fn adapt(by: &ByKind, state: &mut CloudState) {
    let rds = &mut state.aws.rds;
    rds.instances
        .extend(by.of("aws_db_instance").iter().map(|r| instance(&Fields::new(r))));
    rds.clusters
        .extend(by.of("aws_rds_cluster").iter().map(|r| cluster(&Fields::new(r))));
}

fn instance(f: &Fields) -> Database {
    Database {
        meta: f.meta("tags"),
        name: f.string("identifier", None),
        engine: f.string("engine", None),
        storage_encrypted: f.bool("storage_encrypted", Some(false)),
        kms_key: f.link("kms_key_id"),
        publicly_accessible: f.bool("publicly_accessible", Some(false)),
        iam_auth: f.bool("iam_database_authentication_enabled", Some(false)),
        deletion_protection: f.bool("deletion_protection", Some(false)),
        backup_retention_days: f.int("backup_retention_period", None),
        cluster: f.link("cluster_identifier"),
    }
}

fn cluster(f: &Fields) -> Database {
    // Serverless (v1) clusters are always encrypted; provisioned ones only when asked.
    let serverless = f.string("engine_mode", Some("provisioned")).eq_ignore_case("serverless");
    Database {
        meta: f.meta("tags"),
        name: f.string("cluster_identifier", None),
        engine: f.string("engine", Some("aurora")),
        storage_encrypted: f.bool("storage_encrypted", Some(serverless)),
        kms_key: f.link("kms_key_id"),
        publicly_accessible: f.bool("publicly_accessible", Some(false)),
        iam_auth: f.bool("iam_database_authentication_enabled", Some(false)),
        deletion_protection: f.bool("deletion_protection", Some(false)),
        backup_retention_days: f.int("backup_retention_period", Some(1)),
        cluster: tightrope_core::Attr::default_value(None, f.block_origin()),
    }
}

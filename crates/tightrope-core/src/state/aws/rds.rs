//! RDS DB instances and Aurora / RDS clusters (relational stores, often vector stores through
//! pgvector).

use crate::attr::Attr;
use crate::state::{LinkAttr, Meta};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Rds {
    pub instances: Vec<Database>,
    pub clusters: Vec<Database>,
}

/// A DB instance or a DB cluster: the settings both share.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Database {
    pub meta: Meta,
    /// Identifier (`identifier` / `cluster_identifier`).
    pub name: Attr<String>,
    /// `postgres`, `aurora-postgresql`, `mysql`, ...
    pub engine: Attr<String>,
    pub storage_encrypted: Attr<bool>,
    pub kms_key: LinkAttr,
    pub publicly_accessible: Attr<bool>,
    pub iam_auth: Attr<bool>,
    pub deletion_protection: Attr<bool>,
    pub backup_retention_days: Attr<i64>,
    /// The cluster an instance belongs to (Aurora instances inherit storage encryption from it).
    pub cluster: LinkAttr,
}

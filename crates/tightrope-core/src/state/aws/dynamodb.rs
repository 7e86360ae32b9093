//! DynamoDB tables.

use crate::attr::Attr;
use crate::state::{LinkAttr, Meta};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct DynamoDb {
    pub tables: Vec<Table>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Table {
    pub meta: Meta,
    pub name: Attr<String>,
    /// Point-in-time recovery (off by default).
    pub point_in_time_recovery: Attr<bool>,
    /// Server-side encryption with a KMS key (`true`); `false` means the AWS-owned key.
    pub sse_kms: Attr<bool>,
    /// The KMS key; absent with `sse_kms` means the AWS-managed `aws/dynamodb` key.
    pub kms_key: LinkAttr,
}

//! Standalone EBS volumes (`aws_ebs_volume`, `AWS::EC2::Volume`).

use crate::attr::Attr;
use crate::state::{LinkAttr, Meta};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Ebs {
    pub volumes: Vec<Volume>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Volume {
    pub meta: Meta,
    /// Left out, the account's "encryption by default" setting decides (off unless enabled).
    pub encrypted: Attr<bool>,
    pub kms_key: LinkAttr,
    pub size_gib: Attr<i64>,
}

//! The typed cloud state: every resource every source describes, grouped by provider and service.
//!
//! Resources are typed structs, not bags of JSON. Each carries a [`Meta`] (address, source type,
//! origin, tags, inline suppressions) and its settings as [`Attr`]s.

pub mod aws;
pub mod azure;
pub mod gcp;
pub mod kubernetes;

use crate::attr::Attr;
use crate::finding::{ResourceRef, Suppression};
use crate::origin::Origin;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

pub use aws::Aws;
pub use azure::Azure;
pub use gcp::Gcp;
pub use kubernetes::Kubernetes;

/// Everything a scan knows about the environment.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct CloudState {
    pub aws: Aws,
    pub kubernetes: Kubernetes,
    #[serde(default)]
    pub azure: Azure,
    #[serde(default)]
    pub gcp: Gcp,
    /// Resources that were read but that no adapter models yet, by source type (for coverage reports).
    pub unmodelled: BTreeMap<String, usize>,
    /// Services the source could not read (live collection only; IaC reads everything it has).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub not_collected: Vec<crate::coverage::NotCollected>,
}

/// What every resource has.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Meta {
    /// Stable address (see [`ResourceRef::address`]).
    pub address: String,
    /// Type in the source's own vocabulary (`aws_s3_bucket`, `AWS::S3::Bucket`, `Deployment`).
    pub kind: String,
    /// The whole resource block or API object.
    pub origin: Origin,
    pub tags: BTreeMap<String, String>,
    /// Inline suppressions written on or in the resource.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub suppressions: Vec<Suppression>,
}

impl Meta {
    pub fn resource_ref(&self) -> ResourceRef {
        ResourceRef { address: self.address.clone(), kind: self.kind.clone() }
    }
}

/// A reference to another resource or a literal identifier (bucket name, key ARN, role ARN).
///
/// Sources often point at other resources by expression (`aws_kms_key.k.arn`, `!GetAtt Key.Arn`)
/// rather than by literal value; both are kept so that rules and later steps can follow the link.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Link {
    /// A literal value: a name, ID or ARN.
    Literal(String),
    /// The address of a resource in the same source set (`aws_kms_key.k`, `TrainingKey`).
    Resource(String),
}

impl Link {
    pub fn as_literal(&self) -> Option<&str> {
        match self {
            Link::Literal(s) => Some(s),
            Link::Resource(_) => None,
        }
    }

    /// Refers to the resource with this address, or to this literal name/ARN.
    pub fn points_to(&self, address: &str, literal: Option<&str>) -> bool {
        match self {
            Link::Resource(a) => a == address,
            Link::Literal(s) => literal.is_some_and(|l| l == s || s.ends_with(&format!(":{l}")) || s.ends_with(&format!("/{l}"))),
        }
    }
}

/// Convenience alias: an optional link attribute (a KMS key, a subnet, a role).
pub type LinkAttr = Attr<Link>;

//! EKS clusters and node groups, ECR repositories.

use crate::attr::Attr;
use crate::policy::PolicyDocument;
use crate::state::{LinkAttr, Meta};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Containers {
    pub eks_clusters: Vec<EksCluster>,
    pub eks_node_groups: Vec<EksNodeGroup>,
    pub ecr_repositories: Vec<EcrRepository>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct EksCluster {
    pub meta: Meta,
    pub name: Attr<String>,
    pub version: Attr<String>,
    pub role: LinkAttr,
    pub endpoint_public_access: Attr<bool>,
    pub endpoint_private_access: Attr<bool>,
    pub public_access_cidrs: Vec<Attr<String>>,
    /// KMS envelope encryption of Kubernetes secrets.
    pub secrets_kms_key: LinkAttr,
    /// Control-plane log types enabled (`api`, `audit`, `authenticator`, ...).
    pub enabled_log_types: Vec<Attr<String>>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct EksNodeGroup {
    pub meta: Meta,
    pub cluster: LinkAttr,
    pub node_role: LinkAttr,
    pub instance_types: Vec<Attr<String>>,
    pub ami_type: Attr<String>,
    /// SSH key for remote access (`remote_access.ec2_ssh_key`).
    pub ssh_key: Attr<String>,
    /// Security groups allowed to SSH; empty with a key means SSH is open to the world.
    pub ssh_source_security_groups: Vec<LinkAttr>,
    /// Launch template the nodes start from (its IMDS settings apply); absent when none is given.
    pub launch_template: LinkAttr,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct EcrRepository {
    pub meta: Meta,
    pub name: Attr<String>,
    /// `MUTABLE` (default) or `IMMUTABLE`.
    pub image_tag_mutability: Attr<String>,
    pub scan_on_push: Attr<bool>,
    /// `AES256` (default) or `KMS`.
    pub encryption_type: Attr<String>,
    pub kms_key: LinkAttr,
    pub policy: Attr<PolicyDocument>,
}

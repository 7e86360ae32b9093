//! Azure Machine Learning: workspaces and compute instances.

use crate::attr::Attr;
use crate::state::{LinkAttr, Meta};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct MachineLearning {
    pub workspaces: Vec<Workspace>,
    pub compute_instances: Vec<ComputeInstance>,
}

/// An Azure ML workspace (`azurerm_machine_learning_workspace`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Workspace {
    pub meta: Meta,
    pub name: Attr<String>,
    /// Reachable from public networks (azurerm default: true).
    pub public_network_access: Attr<bool>,
    /// High business impact: less diagnostic data collected, scratch disks encrypted (default: false).
    pub high_business_impact: Attr<bool>,
    /// Key Vault key of the customer-managed key (`encryption.key_id`).
    pub customer_managed_key: LinkAttr,
    /// `managed_network.isolation_mode`: `Disabled` (default), `AllowInternetOutbound`,
    /// `AllowOnlyApprovedOutbound`.
    pub managed_network_isolation: Attr<String>,
    pub storage_account: LinkAttr,
}

/// An Azure ML compute instance (`azurerm_machine_learning_compute_instance`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ComputeInstance {
    pub meta: Meta,
    pub name: Attr<String>,
    pub workspace: LinkAttr,
    /// The node has a public IP address (azurerm default: true).
    pub public_ip: Attr<bool>,
    /// An `ssh` block enables SSH with a public key.
    pub ssh: Attr<bool>,
    pub subnet: LinkAttr,
    /// Keys accepted besides Entra ID (azurerm default: true).
    pub local_auth: Attr<bool>,
}

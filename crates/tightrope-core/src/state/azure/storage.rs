//! Azure Storage accounts (blob containers hold training data, datasets and model artifacts).

use crate::attr::Attr;
use crate::state::{LinkAttr, Meta};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Storage {
    pub accounts: Vec<StorageAccount>,
}

/// A storage account (`azurerm_storage_account`), with its separate
/// `azurerm_storage_account_network_rules` merged in.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct StorageAccount {
    pub meta: Meta,
    pub name: Attr<String>,
    /// Containers may be made public (`allow_nested_items_to_be_public`, azurerm 3+/4 default: true).
    pub public_nested_items: Attr<bool>,
    /// Only HTTPS accepted (azurerm default: true).
    pub https_only: Attr<bool>,
    /// `TLS1_0`, `TLS1_1`, `TLS1_2` (azurerm 3+/4 default: `TLS1_2`).
    pub min_tls_version: Attr<String>,
    /// Network rules' default action: `Allow` (default without network rules) or `Deny`.
    pub network_default_action: Attr<String>,
    /// Shared key (account key) authorization (azurerm default: true).
    pub shared_key_access: Attr<bool>,
    /// Reachable from public networks (azurerm default: true).
    pub public_network_access: Attr<bool>,
    pub customer_managed_key: LinkAttr,
}

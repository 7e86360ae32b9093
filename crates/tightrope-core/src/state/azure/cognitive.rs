//! Azure AI services: Cognitive Services accounts, Azure OpenAI among them.

use crate::attr::Attr;
use crate::state::{LinkAttr, Meta};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Cognitive {
    pub accounts: Vec<CognitiveAccount>,
}

/// An Azure AI services account (`azurerm_cognitive_account`): `kind` is `OpenAI`, `AIServices`,
/// `TextAnalytics`, `FormRecognizer`, ...
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct CognitiveAccount {
    pub meta: Meta,
    pub name: Attr<String>,
    pub kind: Attr<String>,
    /// Reachable from public networks (azurerm default: true).
    pub public_network_access: Attr<bool>,
    /// API keys accepted besides Entra ID tokens (azurerm default: true).
    pub local_auth: Attr<bool>,
    /// Key Vault key of the customer-managed key (inline block or the separate
    /// `azurerm_cognitive_account_customer_managed_key`).
    pub customer_managed_key: LinkAttr,
    /// Managed identity type (`SystemAssigned`, `UserAssigned`, both), absent when none.
    pub identity_type: Attr<String>,
    /// Outbound calls limited to `fqdns` (azurerm default: false).
    pub outbound_network_access_restricted: Attr<bool>,
    /// Allowed outbound destinations.
    pub fqdns: Vec<Attr<String>>,
    /// `network_acls.default_action`: `Allow` or `Deny`; absent without `network_acls`.
    pub network_default_action: Attr<String>,
}

impl CognitiveAccount {
    /// The account serves generative models (Azure OpenAI or the multi-service AI Services kind).
    pub fn is_openai(&self) -> bool {
        self.kind.get().is_some_and(|k| {
            k.eq_ignore_ascii_case("OpenAI") || k.eq_ignore_ascii_case("AIServices")
        })
    }
}

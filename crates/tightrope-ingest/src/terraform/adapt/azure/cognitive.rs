//! `azurerm_cognitive_account` (Azure OpenAI and the other Azure AI services), with
//! `azurerm_cognitive_account_customer_managed_key` merged in.

use super::super::ByKind;
use super::super::target::Target;
use super::merge_split;
use crate::fields::Fields;
use tightrope_core::CloudState;
use tightrope_core::state::azure::cognitive::CognitiveAccount;

pub const KINDS: &[&str] = &[
    "azurerm_cognitive_account",
    "azurerm_cognitive_account_customer_managed_key",
];

impl Target for CognitiveAccount {
    fn address(&self) -> &str {
        &self.meta.address
    }
    fn literal_name(&self) -> Option<&str> {
        self.name.get().map(String::as_str)
    }
}

pub fn adapt(by: &ByKind, state: &mut CloudState) {
    let accounts = &mut state.azure.cognitive.accounts;
    accounts.extend(
        by.of("azurerm_cognitive_account")
            .iter()
            .map(|r| account(&Fields::new(r))),
    );
    merge_split(
        by,
        "azurerm_cognitive_account_customer_managed_key",
        &["cognitive_account_id"],
        accounts,
        &mut state.unmodelled,
        |f| f.link("key_vault_key_id"),
        |a, key| a.customer_managed_key = key.clone(),
    );
}

fn account(f: &Fields) -> CognitiveAccount {
    CognitiveAccount {
        meta: f.meta("tags"),
        name: f.string("name", None),
        kind: f.string("kind", None),
        public_network_access: f.bool("public_network_access_enabled", Some(true)),
        local_auth: f.bool("local_auth_enabled", Some(true)),
        customer_managed_key: f.link("customer_managed_key.key_vault_key_id"),
        identity_type: f.string("identity.type", None),
        outbound_network_access_restricted: f
            .bool("outbound_network_access_restricted", Some(false)),
        fqdns: f.strings("fqdns"),
        network_default_action: f.string("network_acls.default_action", None),
    }
}

//! `azurerm_storage_account`, with `azurerm_storage_account_network_rules` and
//! `azurerm_storage_account_customer_managed_key` merged in.

use super::super::ByKind;
use super::super::block::first_written;
use super::super::target::Target;
use super::merge_split;
use crate::fields::Fields;
use tightrope_core::state::azure::storage::StorageAccount;
use tightrope_core::{Attr, CloudState};

pub const KINDS: &[&str] = &[
    "azurerm_storage_account",
    "azurerm_storage_account_network_rules",
    "azurerm_storage_account_customer_managed_key",
];

impl Target for StorageAccount {
    fn address(&self) -> &str {
        &self.meta.address
    }
    fn literal_name(&self) -> Option<&str> {
        self.name.get().map(String::as_str)
    }
}

pub fn adapt(by: &ByKind, state: &mut CloudState) {
    let accounts = &mut state.azure.storage.accounts;
    accounts.extend(
        by.of("azurerm_storage_account")
            .iter()
            .map(|r| account(&Fields::new(r))),
    );
    let unmodelled = &mut state.unmodelled;
    merge_split(
        by,
        "azurerm_storage_account_network_rules",
        &["storage_account_id", "storage_account_name"],
        accounts,
        unmodelled,
        |f| f.string("default_action", None),
        |a, action| a.network_default_action = action.clone(),
    );
    merge_split(
        by,
        "azurerm_storage_account_customer_managed_key",
        &["storage_account_id"],
        accounts,
        unmodelled,
        |f| f.link("key_vault_key_id"),
        |a, key| a.customer_managed_key = key.clone(),
    );
}

fn account(f: &Fields) -> StorageAccount {
    // azurerm 2.x called it `allow_blob_public_access` (default false); 3.x and 4.x
    // `allow_nested_items_to_be_public` (default true).
    let public_nested_items = if f.has("allow_blob_public_access") {
        f.bool("allow_blob_public_access", Some(false))
    } else {
        f.bool("allow_nested_items_to_be_public", Some(true))
    };
    // Without a `network_rules` block every network is allowed.
    let network_default_action = match f.node("network_rules") {
        None => Attr::default_value(Some("Allow".to_string()), f.block_origin()),
        Some(_) => f.string("network_rules.default_action", None),
    };
    StorageAccount {
        meta: f.meta("tags"),
        name: f.string("name", None),
        public_nested_items,
        https_only: f.bool(
            first_written(
                f,
                &["https_traffic_only_enabled", "enable_https_traffic_only"],
            ),
            Some(true),
        ),
        min_tls_version: f.string("min_tls_version", Some("TLS1_2")),
        network_default_action,
        shared_key_access: f.bool("shared_access_key_enabled", Some(true)),
        public_network_access: f.bool("public_network_access_enabled", Some(true)),
        customer_managed_key: f.link("customer_managed_key.key_vault_key_id"),
    }
}

//! `azurerm_machine_learning_workspace` and `azurerm_machine_learning_compute_instance`.

use super::super::ByKind;
use super::super::block::present;
use crate::fields::Fields;
use tightrope_core::CloudState;
use tightrope_core::state::azure::machine_learning::{ComputeInstance, Workspace};

pub const KINDS: &[&str] = &[
    "azurerm_machine_learning_workspace",
    "azurerm_machine_learning_compute_instance",
];

pub fn adapt(by: &ByKind, state: &mut CloudState) {
    let ml = &mut state.azure.machine_learning;
    ml.workspaces.extend(
        by.of("azurerm_machine_learning_workspace")
            .iter()
            .map(|r| workspace(&Fields::new(r))),
    );
    ml.compute_instances.extend(
        by.of("azurerm_machine_learning_compute_instance")
            .iter()
            .map(|r| compute_instance(&Fields::new(r))),
    );
}

fn workspace(f: &Fields) -> Workspace {
    Workspace {
        meta: f.meta("tags"),
        name: f.string("name", None),
        public_network_access: f.bool("public_network_access_enabled", Some(true)),
        high_business_impact: f.bool("high_business_impact", Some(false)),
        customer_managed_key: f.link("encryption.key_id"),
        managed_network_isolation: f.string("managed_network.isolation_mode", Some("Disabled")),
        storage_account: f.link("storage_account_id"),
    }
}

fn compute_instance(f: &Fields) -> ComputeInstance {
    ComputeInstance {
        meta: f.meta("tags"),
        name: f.string("name", None),
        workspace: f.link("machine_learning_workspace_id"),
        public_ip: f.bool("node_public_ip_enabled", Some(true)),
        ssh: present(f, "ssh"),
        subnet: f.link("subnet_resource_id"),
        local_auth: f.bool("local_auth_enabled", Some(true)),
    }
}

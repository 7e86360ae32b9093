use crate::declare_rule;
use crate::rules::support::stated;

declare_rule! {
    /// ## What it does
    /// Flags storage accounts reachable from public networks whose network rules allow every network:
    /// no `network_rules` block (nor a separate `azurerm_storage_account_network_rules`), or
    /// `default_action = "Allow"`.
    ///
    /// ## Why is this bad
    /// Every storage endpoint is then reachable from the internet, so a leaked account key or SAS token
    /// works from anywhere. Denying by default and allowing only your VNets, IP ranges and trusted
    /// Azure services keeps stolen credentials from being usable outside your network.
    ///
    /// ## Example
    /// ```hcl
    /// resource "azurerm_storage_account" "training" {
    ///   name                     = "contosotraining"
    ///   resource_group_name      = "rg-ml"
    ///   location                 = "westeurope"
    ///   account_tier             = "Standard"
    ///   account_replication_type = "GRS"
    /// }
    /// ```
    ///
    /// ## Remediation
    /// Add `network_rules { default_action = "Deny" ... }` (or an
    /// `azurerm_storage_account_network_rules` resource) with the allowed subnets and IP ranges, or set
    /// `public_network_access_enabled = false` and use private endpoints.
    pub struct AzureStorageNetworkAllow;
    meta {
        id: "TR-AZURE-STORAGE-004",
        title: "Azure storage account allows access from all networks",
        severity: Medium,
        step: Audit,
        provider: "azure",
        service: "storage",
        ai: false,
        remediation: "Add `network_rules { default_action = \"Deny\" }` with the allowed networks, or disable public network access and use private endpoints.",
        references: [
            ("azurerm_storage_account: network_rules", "https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/storage_account"),
            ("CIS Microsoft Azure Foundations Benchmark 3.8", "https://www.cisecurity.org/benchmark/azure"),
            ("MITRE ATLAS AML.T0036: Data from Information Repositories", "https://atlas.mitre.org/techniques/AML.T0036"),
        ],
        compliance: [(CisAzure, "3.8"), (MitreAtlas, "AML.T0036")],
    }
    fn check(state, out) {
        for a in &state.azure.storage.accounts {
            if a.public_network_access.is(&true) && a.network_default_action.eq_ignore_case("Allow") {
                out.at_attr(&a.meta, &a.network_default_action, "network_rules.default_action", format!("every network may connect: the network rules' default action {}", stated(&a.network_default_action, "is Allow")));
            }
        }
    }
}

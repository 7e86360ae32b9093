use crate::declare_rule;
use crate::rules::support::stated;

declare_rule! {
    /// ## What it does
    /// Flags Azure Machine Learning workspaces whose managed virtual network is disabled
    /// (`managed_network.isolation_mode`, default `Disabled`).
    ///
    /// ## Why is this bad
    /// Without workspace managed network isolation, compute instances, clusters and managed online
    /// endpoints get no Microsoft-managed network boundary: training jobs and notebooks can reach any
    /// internet host, so a malicious package or a compromised notebook can exfiltrate training data and
    /// model weights. `AllowOnlyApprovedOutbound` limits egress to the rules you approve.
    ///
    /// ## Example
    /// ```hcl
    /// resource "azurerm_machine_learning_workspace" "research" {
    ///   name                    = "research-ws"
    ///   location                = "westeurope"
    ///   resource_group_name     = "rg-ml"
    ///   application_insights_id = azurerm_application_insights.ml.id
    ///   key_vault_id            = azurerm_key_vault.ml.id
    ///   storage_account_id      = azurerm_storage_account.ml.id
    ///
    ///   identity {
    ///     type = "SystemAssigned"
    ///   }
    /// }
    /// ```
    ///
    /// ## Remediation
    /// Add `managed_network { isolation_mode = "AllowOnlyApprovedOutbound" }` (or at least
    /// `AllowInternetOutbound` together with private endpoints to the workspace resources), or deploy
    /// compute into your own VNet with egress controls.
    pub struct AzureMlWorkspaceNoManagedNetwork;
    meta {
        id: "TR-AZURE-ML-004",
        title: "Azure ML workspace has no managed network isolation",
        severity: Medium,
        step: Audit,
        provider: "azure",
        service: "machine_learning",
        ai: true,
        remediation: "Add `managed_network { isolation_mode = \"AllowOnlyApprovedOutbound\" }` and approve the outbound rules the jobs need.",
        references: [
            ("azurerm_machine_learning_workspace: managed_network.isolation_mode", "https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/machine_learning_workspace"),
            ("Azure ML: workspace managed network isolation", "https://learn.microsoft.com/en-us/azure/machine-learning/how-to-managed-network"),
            ("MITRE ATLAS AML.T0025: Exfiltration via Cyber Means", "https://atlas.mitre.org/techniques/AML.T0025"),
        ],
        compliance: [(MitreAtlas, "AML.T0025"), (NistAiRmf, "MEASURE 2.7")],
    }
    fn check(state, out) {
        for w in &state.azure.machine_learning.workspaces {
            if w.managed_network_isolation.eq_ignore_case("Disabled") {
                out.at_attr(&w.meta, &w.managed_network_isolation, "managed_network.isolation_mode", format!("managed network isolation {}", stated(&w.managed_network_isolation, "is disabled")));
            }
        }
    }
}

use crate::declare_rule;
use crate::rules::support::stated;

declare_rule! {
    /// ## What it does
    /// Flags Azure Machine Learning workspaces with public network access enabled, which is the azurerm
    /// default (`public_network_access_enabled = true`).
    ///
    /// ## Why is this bad
    /// The workspace API and studio then accept connections from any network: its datasets, registered
    /// models, job outputs, endpoints and the credentials in its linked Key Vault are one stolen token
    /// away from the internet. Private endpoints keep the workspace reachable only from your networks.
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
    ///   # public_network_access_enabled defaults to true
    /// }
    /// ```
    ///
    /// ## Remediation
    /// Set `public_network_access_enabled = false` and connect through a private endpoint
    /// (`azurerm_private_endpoint` with subresource `amlworkspace`).
    pub struct AzureMlWorkspacePublic;
    meta {
        id: "TR-AZURE-ML-001",
        title: "Azure ML workspace is reachable from public networks",
        severity: High,
        step: Audit,
        provider: "azure",
        service: "machine_learning",
        ai: true,
        remediation: "Set `public_network_access_enabled = false` and reach the workspace through a private endpoint.",
        references: [
            ("azurerm_machine_learning_workspace: public_network_access_enabled (default true)", "https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/machine_learning_workspace"),
            ("Azure ML: configure a private endpoint", "https://learn.microsoft.com/en-us/azure/machine-learning/how-to-configure-private-link"),
            ("MITRE ATLAS AML.T0036: Data from Information Repositories", "https://atlas.mitre.org/techniques/AML.T0036"),
        ],
        compliance: [(MitreAtlas, "AML.T0036"), (OwaspLlm, "LLM02"), (NistAiRmf, "MEASURE 2.7")],
    }
    fn check(state, out) {
        for w in &state.azure.machine_learning.workspaces {
            if w.public_network_access.is(&true) {
                out.at_attr(&w.meta, &w.public_network_access, "public_network_access_enabled", format!("public network access {}", stated(&w.public_network_access, "is enabled")));
            }
        }
    }
}

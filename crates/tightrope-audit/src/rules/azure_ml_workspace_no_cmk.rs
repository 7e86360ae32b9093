use crate::declare_rule;
use crate::rules::support::no_customer_key;

declare_rule! {
    /// ## What it does
    /// Flags Azure Machine Learning workspaces without an `encryption` block naming a Key Vault key.
    ///
    /// ## Why is this bad
    /// Without a customer-managed key, the metadata the workspace stores for you (run history,
    /// environment definitions, job inputs and outputs kept in Microsoft-managed resources) is
    /// encrypted with Microsoft-managed keys that you cannot audit or revoke. Regulated training data
    /// and models usually require keys under your control.
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
    /// Add `encryption { key_vault_id = ..., key_id = ... }` (the workspace must be created with it; it
    /// cannot be added later).
    pub struct AzureMlWorkspaceNoCmk;
    meta {
        id: "TR-AZURE-ML-002",
        title: "Azure ML workspace is not encrypted with a customer-managed key",
        severity: Medium,
        step: Audit,
        provider: "azure",
        service: "machine_learning",
        ai: true,
        remediation: "Add `encryption { key_vault_id = azurerm_key_vault.k.id, key_id = azurerm_key_vault_key.k.id }` when creating the workspace.",
        references: [
            ("azurerm_machine_learning_workspace: encryption", "https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/machine_learning_workspace"),
            ("Azure ML: customer-managed keys", "https://learn.microsoft.com/en-us/azure/machine-learning/concept-customer-managed-keys"),
            ("MITRE ATLAS AML.T0035: AI Artifact Collection", "https://atlas.mitre.org/techniques/AML.T0035"),
        ],
        compliance: [(MitreAtlas, "AML.T0035"), (NistAiRmf, "MEASURE 2.7")],
    }
    fn check(state, out) {
        for w in &state.azure.machine_learning.workspaces {
            if no_customer_key(&w.customer_managed_key) {
                out.at_attr(&w.meta, &w.customer_managed_key, "encryption", "no customer-managed key: workspace data is encrypted with Microsoft-managed keys");
            }
        }
    }
}

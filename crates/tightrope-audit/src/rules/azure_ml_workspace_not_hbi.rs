use crate::declare_rule;
use crate::rules::support::stated;

declare_rule! {
    /// ## What it does
    /// Flags Azure Machine Learning workspaces with `high_business_impact` left false (the default).
    ///
    /// ## Why is this bad
    /// The high-business-impact flag limits the diagnostic data Microsoft collects from the workspace
    /// and encrypts the local scratch disks of compute clusters. Workspaces that train on personal or
    /// confidential data should set it; it can only be chosen when the workspace is created.
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
    ///   high_business_impact = false   # the default
    /// }
    /// ```
    ///
    /// ## Remediation
    /// Set `high_business_impact = true` for workspaces that process personal or confidential data (set
    /// at creation).
    pub struct AzureMlWorkspaceNotHbi;
    meta {
        id: "TR-AZURE-ML-003",
        title: "Azure ML workspace is not flagged high business impact",
        severity: Low,
        step: Audit,
        provider: "azure",
        service: "machine_learning",
        ai: true,
        remediation: "Set `high_business_impact = true` (at creation) for workspaces that process personal or confidential data.",
        references: [
            ("azurerm_machine_learning_workspace: high_business_impact", "https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/machine_learning_workspace"),
            ("Azure ML: data encryption (hbi_workspace)", "https://learn.microsoft.com/en-us/azure/machine-learning/concept-data-encryption"),
            ("OWASP LLM02: Sensitive Information Disclosure", "https://genai.owasp.org/llmrisk/llm022025-sensitive-information-disclosure/"),
        ],
        compliance: [(OwaspLlm, "LLM02"), (NistAiRmf, "MEASURE 2.10")],
    }
    fn check(state, out) {
        for w in &state.azure.machine_learning.workspaces {
            if w.high_business_impact.is(&false) {
                out.at_attr(&w.meta, &w.high_business_impact, "high_business_impact", format!("high business impact {}", stated(&w.high_business_impact, "is off")));
            }
        }
    }
}

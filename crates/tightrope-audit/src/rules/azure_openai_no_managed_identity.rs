use crate::declare_rule;

declare_rule! {
    /// ## What it does
    /// Flags Azure AI services accounts without an `identity` block.
    ///
    /// ## Why is this bad
    /// Without a managed identity the account cannot use customer-managed keys or reach Storage, AI
    /// Search and Key Vault with Entra ID; connections to data sources then fall back to account keys
    /// and connection strings stored in the service, which are long-lived secrets outside your rotation
    /// and audit.
    ///
    /// ## Example
    /// ```hcl
    /// resource "azurerm_cognitive_account" "openai" {
    ///   name                = "contoso-openai"
    ///   location            = "eastus"
    ///   resource_group_name = "rg-ai"
    ///   kind                = "OpenAI"
    ///   sku_name            = "S0"
    /// }
    /// ```
    ///
    /// ## Remediation
    /// Add `identity { type = "SystemAssigned" }` (or a user-assigned identity) and grant it least-
    /// privilege roles on the data sources the account reads.
    pub struct AzureOpenAiNoManagedIdentity;
    meta {
        id: "TR-AZURE-COGNITIVE-005",
        title: "Azure OpenAI / AI services account has no managed identity",
        severity: Low,
        step: Audit,
        provider: "azure",
        service: "cognitive",
        ai: true,
        remediation: "Add `identity { type = \"SystemAssigned\" }` (or `UserAssigned`) and grant it roles on the data sources instead of keys.",
        references: [
            ("azurerm_cognitive_account: identity", "https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/cognitive_account"),
            ("Azure OpenAI: configure managed identities", "https://learn.microsoft.com/en-us/azure/ai-services/openai/how-to/managed-identity"),
            ("MITRE ATLAS AML.T0055: Unsecured Credentials", "https://atlas.mitre.org/techniques/AML.T0055"),
        ],
        compliance: [(MitreAtlas, "AML.T0055"), (NistAiRmf, "MEASURE 2.7")],
    }
    fn check(state, out) {
        for a in &state.azure.cognitive.accounts {
            if a.identity_type.is_absent() {
                out.at_attr(&a.meta, &a.identity_type, "identity", "no managed identity: connections to data sources need keys or connection strings");
            }
        }
    }
}

use crate::declare_rule;
use crate::rules::support::no_customer_key;

declare_rule! {
    /// ## What it does
    /// Flags Azure AI services accounts with neither a `customer_managed_key` block nor a separate
    /// `azurerm_cognitive_account_customer_managed_key`.
    ///
    /// ## Why is this bad
    /// Fine-tuning files, fine-tuned model weights, batch inputs and stored completions are then
    /// encrypted with Microsoft-managed keys. A customer-managed key in Key Vault lets you audit every
    /// use of the key and revoke it, which makes the data unreadable, and is what most regulated
    /// workloads require for training data and model artifacts.
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
    /// Add a `customer_managed_key { key_vault_key_id = ..., identity_client_id = ... }` block (or an
    /// `azurerm_cognitive_account_customer_managed_key` resource) with a key from a Key Vault that has
    /// purge protection.
    pub struct AzureOpenAiNoCmk;
    meta {
        id: "TR-AZURE-COGNITIVE-003",
        title: "Azure OpenAI / AI services account is not encrypted with a customer-managed key",
        severity: Medium,
        step: Audit,
        provider: "azure",
        service: "cognitive",
        ai: true,
        remediation: "Add `customer_managed_key { key_vault_key_id = azurerm_key_vault_key.k.id }` (or `azurerm_cognitive_account_customer_managed_key`) with a Key Vault key.",
        references: [
            ("azurerm_cognitive_account: customer_managed_key", "https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/cognitive_account"),
            ("Azure OpenAI: encryption of data at rest with customer-managed keys", "https://learn.microsoft.com/en-us/azure/ai-services/openai/encrypt-data-at-rest"),
            ("OWASP LLM02: Sensitive Information Disclosure", "https://genai.owasp.org/llmrisk/llm022025-sensitive-information-disclosure/"),
        ],
        compliance: [(OwaspLlm, "LLM02"), (MitreAtlas, "AML.T0035"), (NistAiRmf, "MEASURE 2.7")],
    }
    fn check(state, out) {
        for a in &state.azure.cognitive.accounts {
            if no_customer_key(&a.customer_managed_key) {
                out.at_attr(&a.meta, &a.customer_managed_key, "customer_managed_key", "no customer-managed key: data is encrypted with a Microsoft-managed key");
            }
        }
    }
}

use crate::declare_rule;
use crate::rules::support::stated;

declare_rule! {
    /// ## What it does
    /// Flags Azure AI services accounts (`azurerm_cognitive_account`: Azure OpenAI, AI Services,
    /// Language, Document Intelligence, ...) whose public network access is enabled (the azurerm
    /// default) without `network_acls` that deny by default.
    ///
    /// ## Why is this bad
    /// The account's endpoint then accepts calls from any address on the internet. Anyone holding a key
    /// or a token (leaked in a notebook, a repository or a client application) can run prompts, read
    /// fine-tuning files and deployments, and spend the quota; there is no network layer left to stop
    /// stolen credentials.
    ///
    /// ## Example
    /// ```hcl
    /// resource "azurerm_cognitive_account" "openai" {
    ///   name                = "contoso-openai"
    ///   location            = "eastus"
    ///   resource_group_name = "rg-ai"
    ///   kind                = "OpenAI"
    ///   sku_name            = "S0"
    ///   # public_network_access_enabled defaults to true
    /// }
    /// ```
    ///
    /// ## Remediation
    /// Set `public_network_access_enabled = false` and reach the account through a private endpoint, or
    /// keep it public with `network_acls { default_action = "Deny" }` and explicit `ip_rules` /
    /// `virtual_network_rules`.
    pub struct AzureOpenAiPublicNetwork;
    meta {
        id: "TR-AZURE-COGNITIVE-001",
        title: "Azure OpenAI / AI services account is reachable from every network",
        severity: High,
        step: Audit,
        provider: "azure",
        service: "cognitive",
        ai: true,
        remediation: "Set `public_network_access_enabled = false` and use a private endpoint, or add `network_acls { default_action = \"Deny\" }` with the allowed networks.",
        references: [
            ("azurerm_cognitive_account: public_network_access_enabled (default true)", "https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/cognitive_account"),
            ("Azure AI services: configure virtual networks", "https://learn.microsoft.com/en-us/azure/ai-services/cognitive-services-virtual-networks"),
            ("MITRE ATLAS AML.T0040: AI Model Inference API Access", "https://atlas.mitre.org/techniques/AML.T0040"),
            ("OWASP LLM10: Unbounded Consumption", "https://genai.owasp.org/llmrisk/llm102025-unbounded-consumption/"),
        ],
        compliance: [(MitreAtlas, "AML.T0040"), (OwaspLlm, "LLM10"), (NistAiRmf, "MEASURE 2.7")],
    }
    fn check(state, out) {
        for a in &state.azure.cognitive.accounts {
            let restricted = a.network_default_action.get().is_some_and(|d| d.eq_ignore_ascii_case("Deny"));
            if a.public_network_access.is(&true) && !restricted && !a.network_default_action.is_unknown() {
                out.at_attr(&a.meta, &a.public_network_access, "public_network_access_enabled", format!("public network access {} and no network ACL denies by default", stated(&a.public_network_access, "is enabled")));
            }
        }
    }
}

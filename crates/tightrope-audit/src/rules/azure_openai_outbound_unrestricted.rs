use crate::declare_rule;
use crate::rules::support::stated;

declare_rule! {
    /// ## What it does
    /// Flags Azure AI services accounts that do not restrict outbound network access
    /// (`outbound_network_access_restricted`, default false) to an allow-list of `fqdns`.
    ///
    /// ## Why is this bad
    /// Features such as "On Your Data", assistants with file search and web grounding make the service
    /// fetch from other endpoints. Without an outbound allow-list a prompt injection or a misconfigured
    /// data source can make the service send prompts, retrieved documents or completions to an
    /// attacker-chosen host: a data exfiltration path that no network control on your side sees.
    ///
    /// ## Example
    /// ```hcl
    /// resource "azurerm_cognitive_account" "openai" {
    ///   name                = "contoso-openai"
    ///   location            = "eastus"
    ///   resource_group_name = "rg-ai"
    ///   kind                = "OpenAI"
    ///   sku_name            = "S0"
    ///   # outbound_network_access_restricted defaults to false
    /// }
    /// ```
    ///
    /// ## Remediation
    /// Set `outbound_network_access_restricted = true` and list the data sources the account may reach
    /// in `fqdns`.
    pub struct AzureOpenAiOutboundUnrestricted;
    meta {
        id: "TR-AZURE-COGNITIVE-004",
        title: "Azure OpenAI / AI services account may call any outbound destination",
        severity: Medium,
        step: Audit,
        provider: "azure",
        service: "cognitive",
        ai: true,
        remediation: "Set `outbound_network_access_restricted = true` and list the allowed destinations in `fqdns`.",
        references: [
            ("azurerm_cognitive_account: outbound_network_access_restricted, fqdns", "https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/cognitive_account"),
            ("Azure AI services: data loss prevention (outbound restriction)", "https://learn.microsoft.com/en-us/azure/ai-services/cognitive-services-data-loss-prevention"),
            ("MITRE ATLAS AML.T0025: Exfiltration via Cyber Means", "https://atlas.mitre.org/techniques/AML.T0025"),
            ("OWASP LLM02: Sensitive Information Disclosure", "https://genai.owasp.org/llmrisk/llm022025-sensitive-information-disclosure/"),
        ],
        compliance: [(MitreAtlas, "AML.T0025"), (OwaspLlm, "LLM02"), (NistAiRmf, "MEASURE 2.7")],
    }
    fn check(state, out) {
        for a in &state.azure.cognitive.accounts {
            if a.outbound_network_access_restricted.is(&false) {
                out.at_attr(&a.meta, &a.outbound_network_access_restricted, "outbound_network_access_restricted", format!("outbound network access {}", stated(&a.outbound_network_access_restricted, "is unrestricted")));
            }
        }
    }
}

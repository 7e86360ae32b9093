use crate::declare_rule;
use crate::rules::support::stated;

declare_rule! {
    /// ## What it does
    /// Flags Azure AI services accounts that keep local (API key) authentication enabled, which is the
    /// azurerm default (`local_auth_enabled = true`).
    ///
    /// ## Why is this bad
    /// API keys are long-lived shared secrets: they are not tied to a person or workload, are not
    /// covered by Conditional Access or MFA, and show up in notebooks, `.env` files and client code. A
    /// leaked key gives full use of every model deployment in the account until someone rotates it.
    /// With local auth disabled only Microsoft Entra ID tokens are accepted, which are short-lived and
    /// attributable.
    ///
    /// ## Example
    /// ```hcl
    /// resource "azurerm_cognitive_account" "openai" {
    ///   name                = "contoso-openai"
    ///   location            = "eastus"
    ///   resource_group_name = "rg-ai"
    ///   kind                = "OpenAI"
    ///   sku_name            = "S0"
    ///   local_auth_enabled  = true   # the default
    /// }
    /// ```
    ///
    /// ## Remediation
    /// Set `local_auth_enabled = false`, grant callers the `Cognitive Services OpenAI User` role, and
    /// authenticate with Entra ID (managed identities for workloads).
    pub struct AzureOpenAiLocalAuth;
    meta {
        id: "TR-AZURE-COGNITIVE-002",
        title: "Azure OpenAI / AI services account accepts API keys",
        severity: Medium,
        step: Audit,
        provider: "azure",
        service: "cognitive",
        ai: true,
        remediation: "Set `local_auth_enabled = false` and authenticate callers with Microsoft Entra ID (managed identities and the Cognitive Services OpenAI User role).",
        references: [
            ("azurerm_cognitive_account: local_auth_enabled (default true)", "https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/cognitive_account"),
            ("Azure AI services: disable local authentication", "https://learn.microsoft.com/en-us/azure/ai-services/disable-local-auth"),
            ("MITRE ATLAS AML.T0055: Unsecured Credentials", "https://atlas.mitre.org/techniques/AML.T0055"),
        ],
        compliance: [(MitreAtlas, "AML.T0055"), (MitreAtlas, "AML.T0012"), (NistAiRmf, "MEASURE 2.7")],
    }
    fn check(state, out) {
        for a in &state.azure.cognitive.accounts {
            if a.local_auth.is(&true) {
                out.at_attr(&a.meta, &a.local_auth, "local_auth_enabled", format!("API key authentication {}", stated(&a.local_auth, "is enabled")));
            }
        }
    }
}

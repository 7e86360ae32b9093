use crate::declare_rule;
use crate::rules::support::stated;

declare_rule! {
    /// ## What it does
    /// Flags OpenSearch (and Elasticsearch) domains without fine-grained access control.
    ///
    /// ## Why is this bad
    /// Without it, anyone the domain access policy admits can read and write every index: there
    /// are no index-, document- or field-level permissions. In a RAG vector store that means one
    /// tenant's or team's application can retrieve another's passages, and any writer can plant
    /// documents that later land in prompts.
    ///
    /// ## Example
    /// ```hcl
    /// resource "aws_opensearch_domain" "vectors" {
    ///   domain_name = "rag-vectors"
    ///   # no advanced_security_options
    /// }
    /// ```
    ///
    /// ## Remediation
    /// Set `advanced_security_options { enabled = true, internal_user_database_enabled = false,
    /// master_user_options { master_user_arn = ... } }` and map roles to index permissions.
    pub struct OpenSearchNoFgac;
    meta {
        id: "TR-AWS-OPENSEARCH-005",
        title: "OpenSearch domain has no fine-grained access control",
        severity: Medium,
        step: Audit,
        provider: "aws",
        service: "opensearch",
        ai: true,
        remediation: "Set `advanced_security_options { enabled = true }` with an IAM master user (CloudFormation: `AdvancedSecurityOptions.Enabled: true`); it also requires node-to-node encryption, encryption at rest and HTTPS.",
        references: [
            ("AWS: Fine-grained access control in Amazon OpenSearch Service", "https://docs.aws.amazon.com/opensearch-service/latest/developerguide/fgac.html"),
            ("OWASP LLM08: Vector and Embedding Weaknesses", "https://genai.owasp.org/llmrisk/llm082025-vector-and-embedding-weaknesses/"),
            ("MITRE ATLAS AML.T0070: RAG Poisoning", "https://atlas.mitre.org/techniques/AML.T0070"),
        ],
        compliance: [(OwaspLlm, "LLM08"), (MitreAtlas, "AML.T0070"), (NistAiRmf, "MEASURE 2.7")],
    }
    fn check(state, out) {
        for d in &state.aws.opensearch.domains {
            if d.fine_grained_access_control.is(&false) {
                out.at_attr(&d.meta, &d.fine_grained_access_control, "advanced_security_options.enabled", format!("fine-grained access control {}", stated(&d.fine_grained_access_control, "is disabled")));
            }
        }
    }
}

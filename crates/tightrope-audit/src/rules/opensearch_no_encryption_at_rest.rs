use crate::declare_rule;
use crate::rules::support::stated;

declare_rule! {
    /// ## What it does
    /// Flags OpenSearch (and Elasticsearch) domains without encryption at rest, which is off by
    /// default for domains created through the API and Terraform.
    ///
    /// ## Why is this bad
    /// Domains used as vector stores for retrieval-augmented generation hold the indexed text of the
    /// documents behind an AI application, often with personal data. Unencrypted indices, logs and
    /// snapshots are readable by anyone who gets at the underlying storage.
    ///
    /// ## Example
    /// ```hcl
    /// resource "aws_opensearch_domain" "vectors" {
    ///   domain_name    = "rag-vectors"
    ///   engine_version = "OpenSearch_2.13"
    ///   encrypt_at_rest {
    ///     enabled = false   # the default when left out
    ///   }
    /// }
    /// ```
    ///
    /// ## Remediation
    /// Set `encrypt_at_rest { enabled = true, kms_key_id = ... }`.
    pub struct OpenSearchNoEncryptionAtRest;
    meta {
        id: "TR-AWS-OPENSEARCH-001",
        title: "OpenSearch domain is not encrypted at rest",
        severity: High,
        step: Audit,
        provider: "aws",
        service: "opensearch",
        ai: true,
        remediation: "Add `encrypt_at_rest { enabled = true }` (CloudFormation: `EncryptionAtRestOptions.Enabled: true`), ideally with a customer-managed `kms_key_id`.",
        references: [
            ("AWS: Encryption of data at rest for Amazon OpenSearch Service", "https://docs.aws.amazon.com/opensearch-service/latest/developerguide/encryption-at-rest.html"),
            ("OWASP LLM08: Vector and Embedding Weaknesses", "https://genai.owasp.org/llmrisk/llm082025-vector-and-embedding-weaknesses/"),
        ],
        compliance: [(OwaspLlm, "LLM08"), (NistAiRmf, "MEASURE 2.7")],
    }
    fn check(state, out) {
        for d in &state.aws.opensearch.domains {
            if d.encrypt_at_rest.is(&false) {
                out.at_attr(&d.meta, &d.encrypt_at_rest, "encrypt_at_rest.enabled", format!("encryption at rest {}", stated(&d.encrypt_at_rest, "is disabled")));
            }
        }
    }
}

use crate::declare_rule;
use crate::rules::support::stated;

declare_rule! {
    /// ## What it does
    /// Flags OpenSearch (and Elasticsearch) domains that do not require HTTPS.
    ///
    /// ## Why is this bad
    /// Without `enforce_https` clients may send queries, documents and credentials (basic-auth users
    /// of fine-grained access control) in clear text, where anyone on the path can read or alter
    /// them, including the embeddings and passages a RAG application retrieves.
    ///
    /// ## Example
    /// ```hcl
    /// resource "aws_opensearch_domain" "vectors" {
    ///   domain_name = "rag-vectors"
    ///   domain_endpoint_options {
    ///     enforce_https = false
    ///   }
    /// }
    /// ```
    ///
    /// ## Remediation
    /// Set `domain_endpoint_options { enforce_https = true, tls_security_policy = "Policy-Min-TLS-1-2-2019-07" }`.
    pub struct OpenSearchNoHttps;
    meta {
        id: "TR-AWS-OPENSEARCH-002",
        title: "OpenSearch domain does not enforce HTTPS",
        severity: Medium,
        step: Audit,
        provider: "aws",
        service: "opensearch",
        ai: true,
        remediation: "Set `domain_endpoint_options { enforce_https = true }` (CloudFormation: `DomainEndpointOptions.EnforceHTTPS: true`) with a TLS 1.2 policy.",
        references: [
            ("AWS Config rule opensearch-https-required", "https://docs.aws.amazon.com/config/latest/developerguide/opensearch-https-required.html"),
            ("OWASP LLM08: Vector and Embedding Weaknesses", "https://genai.owasp.org/llmrisk/llm082025-vector-and-embedding-weaknesses/"),
        ],
        compliance: [(OwaspLlm, "LLM08"), (NistAiRmf, "MEASURE 2.7")],
    }
    fn check(state, out) {
        for d in &state.aws.opensearch.domains {
            if d.enforce_https.is(&false) {
                out.at_attr(&d.meta, &d.enforce_https, "domain_endpoint_options.enforce_https", format!("HTTPS {}", stated(&d.enforce_https, "is not enforced")));
            }
        }
    }
}

use crate::declare_rule;
use crate::rules::support::all_known;

declare_rule! {
    /// ## What it does
    /// Flags OpenSearch (and Elasticsearch) domains that do not publish audit logs
    /// (`AUDIT_LOGS`) to CloudWatch Logs.
    ///
    /// ## Why is this bad
    /// Audit logs record who authenticated, which indices they searched and what they changed.
    /// Without them you cannot tell which documents of a RAG vector store were read or rewritten,
    /// by whom, after a leaked credential or a poisoning attempt.
    ///
    /// ## Example
    /// ```hcl
    /// resource "aws_opensearch_domain" "vectors" {
    ///   domain_name = "rag-vectors"
    ///   log_publishing_options {
    ///     log_type                 = "INDEX_SLOW_LOGS"
    ///     cloudwatch_log_group_arn = aws_cloudwatch_log_group.os.arn
    ///   }
    /// }
    /// ```
    ///
    /// ## Remediation
    /// Add `log_publishing_options { log_type = "AUDIT_LOGS", cloudwatch_log_group_arn = ... }`
    /// (requires fine-grained access control), then enable audit logging in OpenSearch Dashboards.
    pub struct OpenSearchNoAuditLogs;
    meta {
        id: "TR-AWS-OPENSEARCH-006",
        title: "OpenSearch domain does not publish audit logs",
        severity: Low,
        step: Audit,
        provider: "aws",
        service: "opensearch",
        ai: true,
        remediation: "Add `log_publishing_options { log_type = \"AUDIT_LOGS\", cloudwatch_log_group_arn = ... }` (CloudFormation: `LogPublishingOptions.AUDIT_LOGS`); audit logs require fine-grained access control.",
        references: [
            ("AWS: Monitoring audit logs in Amazon OpenSearch Service", "https://docs.aws.amazon.com/opensearch-service/latest/developerguide/audit-logs.html"),
            ("AWS Config rule opensearch-audit-logging-enabled", "https://docs.aws.amazon.com/config/latest/developerguide/opensearch-audit-logging-enabled.html"),
            ("OWASP LLM08: Vector and Embedding Weaknesses", "https://genai.owasp.org/llmrisk/llm082025-vector-and-embedding-weaknesses/"),
        ],
        compliance: [(OwaspLlm, "LLM08"), (NistAiRmf, "MEASURE 2.4"), (Iso42001, "A.6.2.8")],
    }
    fn check(state, out) {
        for d in &state.aws.opensearch.domains {
            if all_known(&d.log_types) && !d.log_types.iter().any(|t| t.eq_ignore_case("AUDIT_LOGS")) {
                let message = if d.log_types.is_empty() {
                    "no logs are published, audit logs included"
                } else {
                    "audit logs (AUDIT_LOGS) are not published"
                };
                out.push(&d.meta, d.meta.origin.clone(), Some("log_publishing_options"), message);
            }
        }
    }
}

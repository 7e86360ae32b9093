use crate::declare_rule;

declare_rule! {
    /// ## What it does
    /// Flags OpenSearch (and Elasticsearch) domains with a public endpoint (not in a VPC) whose
    /// access policy allows any principal without a condition.
    ///
    /// ## Why is this bad
    /// Such a domain answers anyone on the internet: its indices, including the documents and
    /// embeddings of a RAG vector store, can be read, and poisoned documents can be written for the
    /// application to retrieve.
    ///
    /// ## Example
    /// ```hcl
    /// resource "aws_opensearch_domain" "vectors" {
    ///   domain_name     = "rag-vectors"
    ///   access_policies = jsonencode({
    ///     Version   = "2012-10-17"
    ///     Statement = [{ Effect = "Allow", Principal = "*", Action = "es:*", Resource = "*" }]
    ///   })
    ///   # no vpc_options
    /// }
    /// ```
    ///
    /// ## Remediation
    /// Put the domain in a VPC (`vpc_options`), and grant access in the policy to specific roles
    /// only, or restrict it with conditions such as `aws:SourceIp`.
    pub struct OpenSearchPublic;
    meta {
        id: "TR-AWS-OPENSEARCH-003",
        title: "OpenSearch domain is publicly accessible",
        severity: Critical,
        step: Audit,
        provider: "aws",
        service: "opensearch",
        ai: true,
        remediation: "Add `vpc_options` with private subnets, and replace `Principal: \"*\"` in `access_policies` with specific IAM principals.",
        references: [
            ("AWS: Launching your Amazon OpenSearch Service domains within a VPC", "https://docs.aws.amazon.com/opensearch-service/latest/developerguide/vpc.html"),
            ("AWS: Identity and Access Management in Amazon OpenSearch Service", "https://docs.aws.amazon.com/opensearch-service/latest/developerguide/ac.html"),
            ("OWASP LLM08: Vector and Embedding Weaknesses", "https://genai.owasp.org/llmrisk/llm082025-vector-and-embedding-weaknesses/"),
            ("MITRE ATLAS AML.T0070: RAG Poisoning", "https://atlas.mitre.org/techniques/AML.T0070"),
        ],
        compliance: [(OwaspLlm, "LLM08"), (MitreAtlas, "AML.T0036"), (MitreAtlas, "AML.T0070"), (NistAiRmf, "MEASURE 2.7")],
    }
    fn check(state, out) {
        for d in &state.aws.opensearch.domains {
            if !d.in_vpc.is(&false) {
                continue;
            }
            let Some(policy) = d.access_policy.get() else { continue };
            if policy.allows().any(|s| s.any_principal() && s.condition.is_none()) {
                out.at_attr(&d.meta, &d.access_policy, "access_policies", "domain has a public endpoint and its access policy allows any principal without a condition");
            }
        }
    }
}

use crate::declare_rule;
use crate::rules::support::stated;

declare_rule! {
    /// ## What it does
    /// Flags OpenSearch (and Elasticsearch) domains without node-to-node encryption.
    ///
    /// ## Why is this bad
    /// Without it, traffic between the nodes of the domain (shard replication, search fan-out)
    /// crosses the VPC in clear text: the documents and embeddings of a RAG vector store, and the
    /// queries against it, can be read by anything that can observe that traffic. Fine-grained
    /// access control also requires it.
    ///
    /// ## Example
    /// ```hcl
    /// resource "aws_opensearch_domain" "vectors" {
    ///   domain_name = "rag-vectors"
    ///   node_to_node_encryption {
    ///     enabled = false
    ///   }
    /// }
    /// ```
    ///
    /// ## Remediation
    /// Set `node_to_node_encryption { enabled = true }`.
    pub struct OpenSearchNoNodeToNode;
    meta {
        id: "TR-AWS-OPENSEARCH-004",
        title: "OpenSearch domain has no node-to-node encryption",
        severity: Medium,
        step: Audit,
        provider: "aws",
        service: "opensearch",
        ai: true,
        remediation: "Set `node_to_node_encryption { enabled = true }` (CloudFormation: `NodeToNodeEncryptionOptions.Enabled: true`).",
        references: [
            ("AWS: Node-to-node encryption for Amazon OpenSearch Service", "https://docs.aws.amazon.com/opensearch-service/latest/developerguide/ntn.html"),
            ("AWS Config rule opensearch-node-to-node-encryption-check", "https://docs.aws.amazon.com/config/latest/developerguide/opensearch-node-to-node-encryption-check.html"),
            ("OWASP LLM08: Vector and Embedding Weaknesses", "https://genai.owasp.org/llmrisk/llm082025-vector-and-embedding-weaknesses/"),
        ],
        compliance: [(OwaspLlm, "LLM08"), (NistAiRmf, "MEASURE 2.7")],
    }
    fn check(state, out) {
        for d in &state.aws.opensearch.domains {
            if d.node_to_node_encryption.is(&false) {
                out.at_attr(&d.meta, &d.node_to_node_encryption, "node_to_node_encryption.enabled", format!("node-to-node encryption {}", stated(&d.node_to_node_encryption, "is disabled")));
            }
        }
    }
}

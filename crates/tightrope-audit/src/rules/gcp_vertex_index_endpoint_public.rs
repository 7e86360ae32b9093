use crate::declare_rule;

declare_rule! {
    /// ## What it does
    /// Flags Vector Search index endpoints (`google_vertex_ai_index_endpoint`) with
    /// `public_endpoint_enabled = true` (the default is false).
    ///
    /// ## Why is this bad
    /// The index endpoint serves nearest-neighbour queries over the embeddings of your documents.
    /// Public, it lets any holder of a token enumerate what a RAG system knows, reconstruct source text
    /// from embeddings and probe which documents exist.
    ///
    /// ## Example
    /// ```hcl
    /// resource "google_vertex_ai_index_endpoint" "rag" {
    ///   display_name            = "rag-vectors"
    ///   region                  = "us-central1"
    ///   public_endpoint_enabled = true
    /// }
    /// ```
    ///
    /// ## Remediation
    /// Remove `public_endpoint_enabled` and serve the index on a VPC `network` or through Private
    /// Service Connect.
    pub struct GcpVertexIndexEndpointPublic;
    meta {
        id: "TR-GCP-VERTEX-006",
        title: "Vertex AI Vector Search index endpoint is public",
        severity: High,
        step: Audit,
        provider: "gcp",
        service: "vertex",
        ai: true,
        remediation: "Remove `public_endpoint_enabled = true`; use `network` (VPC peering) or Private Service Connect.",
        references: [
            ("google_vertex_ai_index_endpoint: public_endpoint_enabled (default false)", "https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/vertex_ai_index_endpoint"),
            ("Vertex AI Vector Search: private endpoints", "https://cloud.google.com/vertex-ai/docs/vector-search/setup/vpc"),
            ("OWASP LLM08: Vector and Embedding Weaknesses", "https://genai.owasp.org/llmrisk/llm082025-vector-and-embedding-weaknesses/"),
        ],
        compliance: [(OwaspLlm, "LLM08"), (MitreAtlas, "AML.T0036"), (NistAiRmf, "MEASURE 2.7")],
    }
    fn check(state, out) {
        for e in &state.gcp.vertex.index_endpoints {
            if e.public_endpoint.is(&true) {
                out.at_attr(&e.meta, &e.public_endpoint, "public_endpoint_enabled", "the index is served on a public endpoint");
            }
        }
    }
}

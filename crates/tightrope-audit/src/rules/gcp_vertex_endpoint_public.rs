use crate::declare_rule;

declare_rule! {
    /// ## What it does
    /// Flags Vertex AI online prediction endpoints (`google_vertex_ai_endpoint`) with neither a peered
    /// VPC `network` nor Private Service Connect enabled, which makes them public endpoints.
    ///
    /// ## Why is this bad
    /// A public endpoint accepts prediction requests from anywhere with a valid token: a leaked service
    /// account key is enough to query the model at scale, extract it through its outputs or run up the
    /// bill. A private endpoint is only reachable from your VPC.
    ///
    /// ## Example
    /// ```hcl
    /// resource "google_vertex_ai_endpoint" "chat" {
    ///   name         = "chat-endpoint"
    ///   display_name = "chat"
    ///   location     = "us-central1"
    /// }
    /// ```
    ///
    /// ## Remediation
    /// Set `network` to a peered VPC network or `private_service_connect_config {
    /// enable_private_service_connect = true, project_allowlist = [...] }`.
    pub struct GcpVertexEndpointPublic;
    meta {
        id: "TR-GCP-VERTEX-005",
        title: "Vertex AI endpoint is served on the public internet",
        severity: Medium,
        step: Audit,
        provider: "gcp",
        service: "vertex",
        ai: true,
        remediation: "Set `network` (VPC peering) or enable Private Service Connect in `private_service_connect_config`.",
        references: [
            ("google_vertex_ai_endpoint: network, private_service_connect_config", "https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/vertex_ai_endpoint"),
            ("Vertex AI: use private endpoints for online prediction", "https://cloud.google.com/vertex-ai/docs/predictions/using-private-endpoints"),
            ("MITRE ATLAS AML.T0040: AI Model Inference API Access", "https://atlas.mitre.org/techniques/AML.T0040"),
            ("OWASP LLM10: Unbounded Consumption", "https://genai.owasp.org/llmrisk/llm102025-unbounded-consumption/"),
        ],
        compliance: [(MitreAtlas, "AML.T0040"), (MitreAtlas, "AML.T0024"), (OwaspLlm, "LLM10"), (NistAiRmf, "MEASURE 2.7")],
    }
    fn check(state, out) {
        for e in &state.gcp.vertex.endpoints {
            if e.network.is_absent() && e.private_service_connect.is(&false) {
                out.at_resource(&e.meta, "public endpoint: no peered VPC network and no Private Service Connect");
            }
        }
    }
}

use crate::declare_rule;
use crate::rules::support::stated;

declare_rule! {
    /// ## What it does
    /// Flags Workbench instances and legacy notebooks that do not set the metadata key `notebook-
    /// disable-root = "true"`, so notebook users can run commands as root (the default).
    ///
    /// ## Why is this bad
    /// Root on the notebook VM lets a user, or code they run such as a malicious package or a pickle-
    /// based model, change the system, disable logging, read other users' files and persist with the VM
    /// service account's credentials.
    ///
    /// ## Example
    /// ```hcl
    /// resource "google_workbench_instance" "research" {
    ///   name     = "research-workbench"
    ///   location = "us-central1-a"
    ///
    ///   gce_setup {
    ///     machine_type = "n1-standard-4"
    ///   }
    /// }
    /// ```
    ///
    /// ## Remediation
    /// Add `metadata = { notebook-disable-root = "true" }` (inside `gce_setup` for Workbench instances)
    /// and install system software with a post-startup script.
    pub struct GcpVertexNotebookRootAccess;
    meta {
        id: "TR-GCP-VERTEX-004",
        title: "Vertex AI Workbench instance or notebook gives users root access",
        severity: Medium,
        step: Audit,
        provider: "gcp",
        service: "vertex",
        ai: true,
        remediation: "Set metadata `notebook-disable-root = \"true\"` and install system software with a post-startup script.",
        references: [
            ("google_workbench_instance (gce_setup)", "https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/workbench_instance"),
            ("google_notebooks_instance", "https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/notebooks_instance"),
            ("Vertex AI Workbench: metadata (notebook-disable-root)", "https://cloud.google.com/vertex-ai/docs/workbench/instances/manage-metadata"),
            ("MITRE ATLAS AML.T0011: User Execution", "https://atlas.mitre.org/techniques/AML.T0011"),
            ("OWASP LLM03: Supply Chain", "https://genai.owasp.org/llmrisk/llm032025-supply-chain/"),
        ],
        compliance: [(MitreAtlas, "AML.T0011"), (OwaspLlm, "LLM03"), (NistAiRmf, "MEASURE 2.7")],
    }
    fn check(state, out) {
        for nb in &state.gcp.vertex.notebooks {
            if nb.root_access.is(&true) {
                out.at_attr(&nb.meta, &nb.root_access, "metadata.notebook-disable-root", format!("root access for notebook users {}", stated(&nb.root_access, "is enabled")));
            }
        }
    }
}

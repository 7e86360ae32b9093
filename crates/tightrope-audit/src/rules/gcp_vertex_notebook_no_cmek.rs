use crate::declare_rule;
use crate::rules::support::no_customer_key;

declare_rule! {
    /// ## What it does
    /// Flags Workbench instances whose boot disk (`gce_setup.boot_disk.kms_key`) and legacy notebooks
    /// whose disks (`kms_key`) are not encrypted with a Cloud KMS key (CMEK).
    ///
    /// ## Why is this bad
    /// Notebook disks hold copies of training data, credentials cached by the SDKs and model
    /// checkpoints. With Google-managed keys you cannot audit or revoke access to that data; CMEK puts
    /// the key, its access log and its destruction in your hands.
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
    /// Set `boot_disk { disk_encryption = "CMEK", kms_key = google_kms_crypto_key.k.id }` (legacy:
    /// `disk_encryption = "CMEK"` and `kms_key`), and the same for data disks.
    pub struct GcpVertexNotebookNoCmek;
    meta {
        id: "TR-GCP-VERTEX-002",
        title: "Vertex AI Workbench instance or notebook disk has no customer-managed key",
        severity: Medium,
        step: Audit,
        provider: "gcp",
        service: "vertex",
        ai: true,
        remediation: "Set `disk_encryption = \"CMEK\"` and `kms_key` on the boot (and data) disks.",
        references: [
            ("google_workbench_instance (gce_setup)", "https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/workbench_instance"),
            ("google_notebooks_instance", "https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/notebooks_instance"),
            ("Vertex AI Workbench: customer-managed encryption keys", "https://cloud.google.com/vertex-ai/docs/workbench/instances/cmek"),
            ("MITRE ATLAS AML.T0035: AI Artifact Collection", "https://atlas.mitre.org/techniques/AML.T0035"),
        ],
        compliance: [(MitreAtlas, "AML.T0035"), (OwaspLlm, "LLM02"), (NistAiRmf, "MEASURE 2.7")],
    }
    fn check(state, out) {
        for nb in &state.gcp.vertex.notebooks {
            if no_customer_key(&nb.kms_key) {
                out.at_attr(&nb.meta, &nb.kms_key, "kms_key", "disks are encrypted with Google-managed keys, not a customer-managed Cloud KMS key");
            }
        }
    }
}

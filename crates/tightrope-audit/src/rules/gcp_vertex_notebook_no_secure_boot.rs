use crate::declare_rule;
use crate::rules::support::stated;

declare_rule! {
    /// ## What it does
    /// Flags Workbench instances and legacy notebooks whose
    /// `shielded_instance_config.enable_secure_boot` is false, the provider default.
    ///
    /// ## Why is this bad
    /// Secure boot verifies the boot chain, so a rootkit or bootkit planted by code running on the
    /// notebook (which users can often run as root) cannot persist across restarts unnoticed. Notebook
    /// VMs run arbitrary third-party packages and models, which makes them a likely place for such an
    /// implant.
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
    /// Add `shielded_instance_config { enable_secure_boot = true, enable_vtpm = true,
    /// enable_integrity_monitoring = true }` (inside `gce_setup` for Workbench instances).
    pub struct GcpVertexNotebookNoSecureBoot;
    meta {
        id: "TR-GCP-VERTEX-003",
        title: "Vertex AI Workbench instance or notebook runs without Shielded VM secure boot",
        severity: Medium,
        step: Audit,
        provider: "gcp",
        service: "vertex",
        ai: true,
        remediation: "Add `shielded_instance_config { enable_secure_boot = true }` (with vTPM and integrity monitoring).",
        references: [
            ("google_workbench_instance (gce_setup)", "https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/workbench_instance"),
            ("google_notebooks_instance", "https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/notebooks_instance"),
            ("CIS Google Cloud Platform Foundation Benchmark 4.8", "https://www.cisecurity.org/benchmark/google_cloud_computing_platform"),
            ("MITRE ATLAS AML.T0010: AI Supply Chain Compromise", "https://atlas.mitre.org/techniques/AML.T0010"),
        ],
        compliance: [(CisGcp, "4.8"), (MitreAtlas, "AML.T0010"), (NistAiRmf, "MEASURE 2.7")],
    }
    fn check(state, out) {
        for nb in &state.gcp.vertex.notebooks {
            if nb.secure_boot.is(&false) {
                out.at_attr(&nb.meta, &nb.secure_boot, "shielded_instance_config.enable_secure_boot", format!("secure boot {}", stated(&nb.secure_boot, "is off")));
            }
        }
    }
}

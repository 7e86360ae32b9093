use crate::declare_rule;
use crate::rules::support::stated;

/// The attribute that controls the external IP, in each resource type's vocabulary.
fn public_ip_attribute(kind: &str) -> &'static str {
    if kind == "google_notebooks_instance" {
        "no_public_ip"
    } else {
        "gce_setup.disable_public_ip"
    }
}

declare_rule! {
    /// ## What it does
    /// Flags Vertex AI Workbench instances (`google_workbench_instance`) and legacy user-managed
    /// notebooks (`google_notebooks_instance`) that get an external IP address:
    /// `gce_setup.disable_public_ip` / `no_public_ip` is false, which is the provider default.
    ///
    /// ## Why is this bad
    /// A notebook VM runs with a service account that reads training data and models; an external IP
    /// exposes it to internet scanning and lets code on it (a malicious package, a poisoned model
    /// loader) send data anywhere without passing a NAT or egress control.
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
    /// Set `gce_setup { disable_public_ip = true }` (legacy: `no_public_ip = true`) and give the subnet
    /// Private Google Access or Cloud NAT for updates.
    pub struct GcpVertexNotebookPublicIp;
    meta {
        id: "TR-GCP-VERTEX-001",
        title: "Vertex AI Workbench instance or notebook has a public IP address",
        severity: High,
        step: Audit,
        provider: "gcp",
        service: "vertex",
        ai: true,
        remediation: "Set `gce_setup { disable_public_ip = true }` (legacy notebooks: `no_public_ip = true`) and use Private Google Access / Cloud NAT.",
        references: [
            ("google_workbench_instance (gce_setup)", "https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/workbench_instance"),
            ("google_notebooks_instance", "https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/notebooks_instance"),
            ("CIS Google Cloud Platform Foundation Benchmark 4.9", "https://www.cisecurity.org/benchmark/google_cloud_computing_platform"),
            ("MITRE ATLAS AML.T0049: Exploit Public-Facing Application", "https://atlas.mitre.org/techniques/AML.T0049"),
        ],
        compliance: [(CisGcp, "4.9"), (MitreAtlas, "AML.T0049"), (NistAiRmf, "MEASURE 2.7")],
    }
    fn check(state, out) {
        for nb in &state.gcp.vertex.notebooks {
            if nb.public_ip.is(&true) {
                out.at_attr(&nb.meta, &nb.public_ip, public_ip_attribute(&nb.meta.kind), format!("the instance {}", stated(&nb.public_ip, "has an external IP address")));
            }
        }
    }
}

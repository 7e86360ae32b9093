use crate::declare_rule;
use crate::rules::support::stated;

declare_rule! {
    /// ## What it does
    /// Flags Cloud Storage buckets whose `public_access_prevention` is not `enforced` (the provider
    /// default is `inherited`, which only protects the bucket when an organization policy enforces it).
    ///
    /// ## Why is this bad
    /// Public access prevention makes grants to `allUsers` and `allAuthenticatedUsers` ineffective,
    /// whatever IAM binding or ACL is added later. Without it, one IAM change publishes the bucket's
    /// training data.
    ///
    /// ## Example
    /// ```hcl
    /// resource "google_storage_bucket" "training" {
    ///   name     = "contoso-training-data"
    ///   location = "EU"
    /// }
    /// ```
    ///
    /// ## Remediation
    /// Set `public_access_prevention = "enforced"` (or enforce
    /// `constraints/storage.publicAccessPrevention` for the organization).
    pub struct GcpGcsPublicAccessPrevention;
    meta {
        id: "TR-GCP-GCS-003",
        title: "Cloud Storage bucket does not enforce public access prevention",
        severity: Low,
        step: Audit,
        provider: "gcp",
        service: "storage",
        ai: false,
        remediation: "Set `public_access_prevention = \"enforced\"`.",
        references: [
            ("google_storage_bucket: public_access_prevention (default inherited)", "https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/storage_bucket"),
            ("Cloud Storage: public access prevention", "https://cloud.google.com/storage/docs/public-access-prevention"),
            ("MITRE ATLAS AML.T0036: Data from Information Repositories", "https://atlas.mitre.org/techniques/AML.T0036"),
        ],
        compliance: [(CisGcp, "5.1"), (MitreAtlas, "AML.T0036")],
    }
    fn check(state, out) {
        for b in &state.gcp.storage.buckets {
            if b.public_access_prevention.get().is_some_and(|p| !p.eq_ignore_ascii_case("enforced")) {
                out.at_attr(&b.meta, &b.public_access_prevention, "public_access_prevention", format!("public access prevention {}", stated(&b.public_access_prevention, "is not enforced")));
            }
        }
    }
}

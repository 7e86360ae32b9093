use crate::declare_rule;
use crate::rules::support::stated;

declare_rule! {
    /// ## What it does
    /// Flags Cloud Storage buckets with `uniform_bucket_level_access` false, the provider default, so
    /// per-object ACLs apply besides IAM.
    ///
    /// ## Why is this bad
    /// Object ACLs are a second, per-object permission system that IAM policies and audits do not show:
    /// a single object uploaded with a public ACL (for example by a data pipeline or an SDK default) is
    /// readable by anyone even though the bucket IAM looks private.
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
    /// Set `uniform_bucket_level_access = true` and grant access with IAM only.
    pub struct GcpGcsNoUniformAccess;
    meta {
        id: "TR-GCP-GCS-001",
        title: "Cloud Storage bucket does not use uniform bucket-level access",
        severity: Medium,
        step: Audit,
        provider: "gcp",
        service: "storage",
        ai: false,
        remediation: "Set `uniform_bucket_level_access = true`.",
        references: [
            ("google_storage_bucket: uniform_bucket_level_access (default false)", "https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/storage_bucket"),
            ("CIS Google Cloud Platform Foundation Benchmark 5.2", "https://www.cisecurity.org/benchmark/google_cloud_computing_platform"),
        ],
        compliance: [(CisGcp, "5.2")],
    }
    fn check(state, out) {
        for b in &state.gcp.storage.buckets {
            if b.uniform_access.is(&false) {
                out.at_attr(&b.meta, &b.uniform_access, "uniform_bucket_level_access", format!("uniform bucket-level access {}: object ACLs apply", stated(&b.uniform_access, "is off")));
            }
        }
    }
}

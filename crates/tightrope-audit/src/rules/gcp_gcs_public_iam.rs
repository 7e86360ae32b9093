use crate::declare_rule;

declare_rule! {
    /// ## What it does
    /// Flags Cloud Storage buckets that a `google_storage_bucket_iam_binding` or
    /// `google_storage_bucket_iam_member` opens to `allUsers` (anyone) or `allAuthenticatedUsers`
    /// (anyone with a Google account).
    ///
    /// ## Why is this bad
    /// Every object in the bucket becomes readable (or writable, depending on the role) from the
    /// internet. For buckets holding training data this is both a leak and, with write roles, a way to
    /// poison the data the next model is trained on.
    ///
    /// ## Example
    /// ```hcl
    /// resource "google_storage_bucket" "training" {
    ///   name     = "contoso-training-data"
    ///   location = "EU"
    ///   uniform_bucket_level_access = true
    /// }
    ///
    /// resource "google_storage_bucket_iam_member" "public_read" {
    ///   bucket = google_storage_bucket.training.name
    ///   role   = "roles/storage.objectViewer"
    ///   member = "allUsers"
    /// }
    /// ```
    ///
    /// ## Remediation
    /// Remove the `allUsers` / `allAuthenticatedUsers` members, grant named principals instead, and set
    /// `public_access_prevention = "enforced"` so the mistake cannot recur.
    pub struct GcpGcsPublicIam;
    meta {
        id: "TR-GCP-GCS-002",
        title: "Cloud Storage bucket grants access to allUsers or allAuthenticatedUsers",
        severity: Critical,
        step: Audit,
        provider: "gcp",
        service: "storage",
        ai: false,
        remediation: "Remove `allUsers` / `allAuthenticatedUsers` from the bucket's IAM members and set `public_access_prevention = \"enforced\"`.",
        references: [
            ("google_storage_bucket_iam_binding / _iam_member", "https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/storage_bucket_iam"),
            ("CIS Google Cloud Platform Foundation Benchmark 5.1", "https://www.cisecurity.org/benchmark/google_cloud_computing_platform"),
            ("MITRE ATLAS AML.T0036: Data from Information Repositories", "https://atlas.mitre.org/techniques/AML.T0036"),
            ("MITRE ATLAS AML.T0020: Poison Training Data", "https://atlas.mitre.org/techniques/AML.T0020"),
        ],
        compliance: [(CisGcp, "5.1"), (MitreAtlas, "AML.T0036"), (MitreAtlas, "AML.T0020")],
    }
    fn check(state, out) {
        for b in &state.gcp.storage.buckets {
            for m in b.iam_members.iter().filter(|m| m.is_public()) {
                let role = m.role.get().map_or("a role", String::as_str);
                let who = m.member.get().map_or("", String::as_str);
                let origin = if m.member.origin == tightrope_core::Origin::Unknown { m.meta.origin.clone() } else { m.member.origin.clone() };
                out.push(&b.meta, origin, Some("member"), format!("{} grants {role} to {who}", m.meta.address));
            }
        }
    }
}

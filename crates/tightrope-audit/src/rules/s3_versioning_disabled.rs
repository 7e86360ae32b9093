use crate::declare_rule;
use crate::rules::support::stated;

declare_rule! {
    /// ## What it does
    /// Flags S3 buckets whose versioning is not enabled (it is off by default).
    ///
    /// ## Why is this bad
    /// Without versioning an overwritten or deleted object is gone: a poisoned training file can
    /// silently replace the original, and ransomware or a mistaken sync can destroy datasets and
    /// model artefacts with no way back.
    ///
    /// ## Example
    /// ```hcl
    /// resource "aws_s3_bucket_versioning" "datasets" {
    ///   bucket = aws_s3_bucket.datasets.id
    ///   versioning_configuration {
    ///     status = "Suspended"
    ///   }
    /// }
    /// ```
    ///
    /// ## Remediation
    /// Set `versioning_configuration { status = "Enabled" }`, with a lifecycle rule expiring old
    /// versions.
    pub struct S3VersioningDisabled;
    meta {
        id: "TR-AWS-S3-005",
        title: "S3 bucket versioning is not enabled",
        severity: Low,
        step: Audit,
        provider: "aws",
        service: "s3",
        ai: false,
        remediation: "Add `aws_s3_bucket_versioning` with `status = \"Enabled\"` (CloudFormation: `VersioningConfiguration.Status: Enabled`).",
        references: [
            ("AWS: Retaining multiple versions of objects with S3 Versioning", "https://docs.aws.amazon.com/AmazonS3/latest/userguide/Versioning.html"),
            ("MITRE ATLAS AML.T0020: Poison Training Data", "https://atlas.mitre.org/techniques/AML.T0020"),
        ],
        compliance: [(MitreAtlas, "AML.T0020")],
    }
    fn check(state, out) {
        for b in &state.aws.s3.buckets {
            if b.versioning.is(&false) {
                out.at_attr(&b.meta, &b.versioning, "versioning_configuration.status", format!("versioning {}", stated(&b.versioning, "is not enabled")));
            }
        }
    }
}

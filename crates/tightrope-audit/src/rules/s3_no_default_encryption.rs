use crate::declare_rule;

declare_rule! {
    /// ## What it does
    /// Flags S3 buckets that declare no default-encryption configuration.
    ///
    /// ## Why is this bad
    /// Since January 2023 S3 encrypts every new object with SSE-S3 even when nothing is declared,
    /// so the data is not stored in clear. But SSE-S3 keys are not yours: no key policy limits who
    /// can decrypt, and no CloudTrail record shows each use. Declaring the configuration also keeps
    /// the intent visible and reviewable in code. Hence the low severity.
    ///
    /// ## Example
    /// ```hcl
    /// resource "aws_s3_bucket" "datasets" {
    ///   bucket = "acme-training-datasets"
    ///   # no aws_s3_bucket_server_side_encryption_configuration for it
    /// }
    /// ```
    ///
    /// ## Remediation
    /// Add an `aws_s3_bucket_server_side_encryption_configuration` with `sse_algorithm = "aws:kms"`
    /// and a customer-managed `kms_master_key_id`, and `bucket_key_enabled = true`.
    pub struct S3NoDefaultEncryption;
    meta {
        id: "TR-AWS-S3-004",
        title: "S3 bucket declares no default encryption",
        severity: Low,
        step: Audit,
        provider: "aws",
        service: "s3",
        ai: false,
        remediation: "Add `aws_s3_bucket_server_side_encryption_configuration` (CloudFormation: `BucketEncryption`) with SSE-KMS and a customer-managed key.",
        references: [
            ("AWS: Default encryption FAQ (SSE-S3 applied to all new objects since January 2023)", "https://docs.aws.amazon.com/AmazonS3/latest/userguide/default-encryption-faq.html"),
            ("AWS: Setting default server-side encryption behavior for Amazon S3 buckets", "https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucket-encryption.html"),
        ],
    }
    fn check(state, out) {
        for b in &state.aws.s3.buckets {
            if b.encryption.is_none() {
                out.at_resource(&b.meta, "bucket declares no default encryption; S3 applies SSE-S3 by default (since January 2023), with keys you do not control");
            }
        }
    }
}

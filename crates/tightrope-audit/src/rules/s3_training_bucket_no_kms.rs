use crate::declare_rule;
use crate::rules::support::training_data_signal;

declare_rule! {
    /// ## What it does
    /// Flags S3 buckets that hold training data or model artifacts (heuristic in
    /// `rules/support.rs`) whose default encryption is not KMS (no configuration, or SSE-S3
    /// `AES256`).
    ///
    /// ## Why is this bad
    /// With SSE-S3 anyone allowed `s3:GetObject` reads the data; a KMS key adds a second permission
    /// (`kms:Decrypt`) that can be limited to the training role, is logged per use in CloudTrail,
    /// and can be revoked at once.
    ///
    /// ## Example
    /// ```hcl
    /// resource "aws_s3_bucket_server_side_encryption_configuration" "datasets" {
    ///   bucket = aws_s3_bucket.datasets.id
    ///   rule {
    ///     apply_server_side_encryption_by_default { sse_algorithm = "AES256" }
    ///   }
    /// }
    /// ```
    ///
    /// ## Remediation
    /// Use `sse_algorithm = "aws:kms"` with a customer-managed `kms_master_key_id`.
    pub struct S3TrainingBucketNoKms;
    meta {
        id: "TR-AWS-S3-008",
        title: "Training-data S3 bucket is not encrypted with KMS",
        severity: Medium,
        step: Audit,
        provider: "aws",
        service: "s3",
        ai: true,
        remediation: "Set default encryption to `aws:kms` with a customer-managed key (`kms_master_key_id`) and enable S3 Bucket Keys.",
        references: [
            ("AWS: Using server-side encryption with AWS KMS keys (SSE-KMS)", "https://docs.aws.amazon.com/AmazonS3/latest/userguide/UsingKMSEncryption.html"),
            ("MITRE ATLAS AML.T0035: AI Artifact Collection", "https://atlas.mitre.org/techniques/AML.T0035"),
            ("NIST AI RMF (MANAGE 2.4)", "https://www.nist.gov/itl/ai-risk-management-framework"),
        ],
        compliance: [(MitreAtlas, "AML.T0035"), (Iso42001, "A.7.2"), (NistAiRmf, "MEASURE 2.10")],
    }
    fn check(state, out) {
        for b in &state.aws.s3.buckets {
            let algorithm = b.encryption.as_ref().map(|e| &e.algorithm);
            if algorithm.is_some_and(|a| a.is_unknown() || a.get().is_some_and(|v| v.starts_with("aws:kms"))) {
                continue;
            }
            let Some(why) = training_data_signal(state, b) else { continue };
            let what = match algorithm.and_then(|a| a.get()) {
                Some(a) => format!("training-data bucket ({why}) uses `{a}`, not KMS"),
                None => format!("training-data bucket ({why}) has no KMS default encryption (SSE-S3 applies)"),
            };
            match algorithm {
                Some(a) => out.at_attr(&b.meta, a, "sse_algorithm", what),
                None => out.at_resource(&b.meta, what),
            };
        }
    }
}

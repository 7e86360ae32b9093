use crate::declare_rule;
use crate::rules::support::{key_problem, no_customer_key};

declare_rule! {
    /// ## What it does
    /// Flags CloudTrail trails whose logs are not encrypted with a customer-managed KMS key.
    ///
    /// ## Why is this bad
    /// With SSE-KMS, reading the logs needs both S3 access and `kms:Decrypt` on a key whose policy
    /// you control, so a bucket misconfiguration alone does not expose the account's activity
    /// history (which reveals resources, principals and, for data events, object names).
    ///
    /// ## Example
    /// ```hcl
    /// resource "aws_cloudtrail" "main" {
    ///   name           = "main"
    ///   s3_bucket_name = aws_s3_bucket.trail.id
    ///   # no kms_key_id
    /// }
    /// ```
    ///
    /// ## Remediation
    /// Set `kms_key_id` to a customer-managed key whose policy allows CloudTrail to encrypt.
    pub struct CloudTrailNoKms;
    meta {
        id: "TR-AWS-CLOUDTRAIL-003",
        title: "CloudTrail logs are not encrypted with a customer-managed KMS key",
        severity: Medium,
        step: Audit,
        provider: "aws",
        service: "cloudtrail",
        ai: false,
        remediation: "Set `kms_key_id` (CloudFormation: `KMSKeyId`) to a customer-managed KMS key.",
        references: [
            ("CIS AWS Foundations Benchmark 3.5", "https://www.cisecurity.org/benchmark/amazon_web_services"),
            ("AWS: Encrypting CloudTrail log files with AWS KMS keys (SSE-KMS)", "https://docs.aws.amazon.com/awscloudtrail/latest/userguide/encrypting-cloudtrail-log-files-with-aws-kms.html"),
        ],
        compliance: [(CisAws, "3.5")],
    }
    fn check(state, out) {
        for t in &state.aws.cloudtrail.trails {
            if no_customer_key(&t.kms_key) {
                out.at_attr(&t.meta, &t.kms_key, "kms_key_id", format!("trail {}", key_problem(&t.kms_key)));
            }
        }
    }
}

use crate::declare_rule;
use crate::rules::support::find_bucket;

declare_rule! {
    /// ## What it does
    /// Flags Bedrock model invocation logging whose S3 destination bucket (declared in the same
    /// scan) is not encrypted with KMS.
    ///
    /// ## Why is this bad
    /// Invocation logs hold every prompt and completion in full: user data, retrieved documents,
    /// secrets pasted into chats. With SSE-S3 anyone who can read the bucket reads them; a KMS key
    /// adds a separate, audited decrypt permission.
    ///
    /// ## Example
    /// ```hcl
    /// resource "aws_s3_bucket" "bedrock_logs" { bucket = "bedrock-logs" }
    /// resource "aws_bedrock_model_invocation_logging_configuration" "main" {
    ///   logging_config {
    ///     s3_config { bucket_name = aws_s3_bucket.bedrock_logs.id }
    ///   }
    /// }
    /// ```
    ///
    /// ## Remediation
    /// Give the log bucket default encryption `aws:kms` with a customer-managed key.
    pub struct BedrockLoggingBucketNoKms;
    meta {
        id: "TR-AWS-BEDROCK-009",
        title: "Bedrock invocation logs go to an S3 bucket without KMS encryption",
        severity: Medium,
        step: Audit,
        provider: "aws",
        service: "bedrock",
        ai: true,
        remediation: "Set the log bucket's default encryption to `aws:kms` with a customer-managed key (`aws_s3_bucket_server_side_encryption_configuration`), and allow Bedrock to use the key.",
        references: [
            ("AWS: Monitor model invocation using CloudWatch Logs and Amazon S3", "https://docs.aws.amazon.com/bedrock/latest/userguide/model-invocation-logging.html"),
            ("OWASP LLM02: Sensitive Information Disclosure", "https://genai.owasp.org/llmrisk/llm022025-sensitive-information-disclosure/"),
            ("NIST AI RMF (MANAGE 2.4)", "https://www.nist.gov/itl/ai-risk-management-framework"),
        ],
        compliance: [(OwaspLlm, "LLM02"), (Iso42001, "A.6.2.8"), (MitreAtlas, "AML.T0057")],
    }
    fn check(state, out) {
        for l in &state.aws.bedrock.invocation_logging {
            let Some(bucket) = find_bucket(state, &l.s3_bucket) else { continue };
            let algorithm = bucket.encryption.as_ref().map(|e| &e.algorithm);
            let kms = algorithm.and_then(|a| a.get()).map(|a| a.starts_with("aws:kms"));
            if algorithm.is_some_and(|a| a.is_unknown()) || kms == Some(true) {
                continue;
            }
            let name = bucket.name.get().map_or(bucket.meta.address.as_str(), String::as_str);
            out.at_attr(&l.meta, &l.s3_bucket, "logging_config.s3_config.bucket_name", format!("invocation logs are delivered to bucket `{name}`, which is not encrypted with KMS"));
        }
    }
}

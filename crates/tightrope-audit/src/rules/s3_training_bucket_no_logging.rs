use crate::declare_rule;
use crate::rules::support::training_data_signal;

declare_rule! {
    /// ## What it does
    /// Flags S3 buckets that hold training data or model artifacts (see the heuristic in
    /// `rules/support.rs`: SageMaker model data, data-classification tags, training words in tags
    /// or names) and have no server access logging.
    ///
    /// ## Why is this bad
    /// Data poisoning and dataset theft are writes and reads to this bucket. Without access logs
    /// there is no record of who changed or copied the data a model learned from, and an incident
    /// cannot be scoped.
    ///
    /// ## Example
    /// ```hcl
    /// resource "aws_s3_bucket" "training_data" {
    ///   bucket = "acme-training-data"
    ///   # no aws_s3_bucket_logging
    /// }
    /// ```
    ///
    /// ## Remediation
    /// Add `aws_s3_bucket_logging` with a separate log bucket (or CloudTrail S3 data events).
    pub struct S3TrainingBucketNoLogging;
    meta {
        id: "TR-AWS-S3-007",
        title: "Training-data S3 bucket has no access logging",
        severity: Medium,
        step: Audit,
        provider: "aws",
        service: "s3",
        ai: true,
        remediation: "Enable server access logging (`aws_s3_bucket_logging`, CloudFormation `LoggingConfiguration`) to a dedicated log bucket, or log S3 data events for the bucket in CloudTrail.",
        references: [
            ("AWS: Logging requests with server access logging", "https://docs.aws.amazon.com/AmazonS3/latest/userguide/ServerLogs.html"),
            ("CIS AWS Foundations Benchmark 3.6", "https://www.cisecurity.org/benchmark/amazon_web_services"),
            ("MITRE ATLAS AML.T0020: Poison Training Data", "https://atlas.mitre.org/techniques/AML.T0020"),
            ("OWASP LLM04: Data and Model Poisoning", "https://genai.owasp.org/llmrisk/llm042025-data-and-model-poisoning/"),
        ],
        compliance: [(MitreAtlas, "AML.T0020"), (OwaspLlm, "LLM04"), (Iso42001, "A.6.2.8"), (Iso42001, "A.7.5")],
    }
    fn check(state, out) {
        for b in &state.aws.s3.buckets {
            if !b.logging_target.is_absent() {
                continue;
            }
            if let Some(why) = training_data_signal(state, b) {
                out.at_attr(&b.meta, &b.logging_target, "logging", format!("training-data bucket ({why}) has no access logging"));
            }
        }
    }
}

use crate::declare_rule;
use crate::rules::support::stated;

declare_rule! {
    /// ## What it does
    /// Flags CloudTrail trails without log file integrity validation (off by default).
    ///
    /// ## Why is this bad
    /// Without digest files nobody can prove that log files were not altered or deleted after
    /// delivery, which is the first thing an intruder with access to the trail bucket would do.
    ///
    /// ## Example
    /// ```hcl
    /// resource "aws_cloudtrail" "main" {
    ///   name                       = "main"
    ///   s3_bucket_name             = aws_s3_bucket.trail.id
    ///   enable_log_file_validation = false
    /// }
    /// ```
    ///
    /// ## Remediation
    /// Set `enable_log_file_validation = true`.
    pub struct CloudTrailNoLogValidation;
    meta {
        id: "TR-AWS-CLOUDTRAIL-002",
        title: "CloudTrail log file validation is not enabled",
        severity: Medium,
        step: Audit,
        provider: "aws",
        service: "cloudtrail",
        ai: false,
        remediation: "Set `enable_log_file_validation = true` (CloudFormation: `EnableLogFileValidation: true`).",
        references: [
            ("CIS AWS Foundations Benchmark 3.2", "https://www.cisecurity.org/benchmark/amazon_web_services"),
            ("AWS: Validating CloudTrail log file integrity", "https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-log-file-validation-intro.html"),
        ],
        compliance: [(CisAws, "3.2")],
    }
    fn check(state, out) {
        for t in &state.aws.cloudtrail.trails {
            if t.log_file_validation.is(&false) {
                out.at_attr(&t.meta, &t.log_file_validation, "enable_log_file_validation", format!("log file validation {}", stated(&t.log_file_validation, "is disabled")));
            }
        }
    }
}

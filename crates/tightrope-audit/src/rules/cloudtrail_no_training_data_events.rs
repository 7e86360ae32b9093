use crate::declare_rule;
use crate::rules::support::training_data_signal;

declare_rule! {
    /// ## What it does
    /// When the scan declares CloudTrail trails, flags each training-data S3 bucket (heuristic in
    /// `rules/support.rs`) if no trail records S3 data events (`AWS::S3::Object`).
    ///
    /// ## Why is this bad
    /// Management events do not include `GetObject` / `PutObject`. Without data events nobody can
    /// tell who read the training set or which principal altered it before a poisoned model was
    /// trained.
    ///
    /// ## Example
    /// ```hcl
    /// resource "aws_s3_bucket" "training_data" { bucket = "acme-training-data" }
    /// resource "aws_cloudtrail" "main" {
    ///   name           = "main"
    ///   s3_bucket_name = "trail-logs"
    ///   # no event_selector { data_resource { type = "AWS::S3::Object" ... } }
    /// }
    /// ```
    ///
    /// ## Remediation
    /// Add an event selector (or advanced event selector) logging `AWS::S3::Object` data events for
    /// the training-data buckets.
    pub struct CloudTrailNoTrainingDataEvents;
    meta {
        id: "TR-AWS-CLOUDTRAIL-005",
        title: "No CloudTrail S3 data events for a training-data bucket",
        severity: Medium,
        step: Audit,
        provider: "aws",
        service: "cloudtrail",
        ai: true,
        remediation: "Add `event_selector { data_resource { type = \"AWS::S3::Object\", values = [\"${aws_s3_bucket.training.arn}/\"] } }` (or an advanced event selector on `resources.type = AWS::S3::Object`) to a trail.",
        references: [
            ("CIS AWS Foundations Benchmark 3.10 / 3.11 (S3 object-level logging)", "https://www.cisecurity.org/benchmark/amazon_web_services"),
            ("AWS: Logging data events (CloudTrail)", "https://docs.aws.amazon.com/awscloudtrail/latest/userguide/logging-data-events-with-cloudtrail.html"),
            ("MITRE ATLAS AML.T0020: Poison Training Data", "https://atlas.mitre.org/techniques/AML.T0020"),
        ],
        compliance: [(CisAws, "3.8"), (CisAws, "3.9"), (MitreAtlas, "AML.T0020"), (Iso42001, "A.6.2.8")],
    }
    fn check(state, out) {
        let trails = &state.aws.cloudtrail.trails;
        if trails.is_empty() {
            return;
        }
        let logged = trails.iter().any(|t| t.data_event_resource_types.iter().any(|d| d.is_unknown() || d.get().is_some_and(|v| v.eq_ignore_ascii_case("AWS::S3::Object"))));
        if logged {
            return;
        }
        for b in &state.aws.s3.buckets {
            if let Some(why) = training_data_signal(state, b) {
                out.at_resource(&b.meta, format!("training-data bucket ({why}) is not covered by any trail's S3 data events"));
            }
        }
    }
}

use crate::declare_rule;
use crate::rules::support::stated;

declare_rule! {
    /// ## What it does
    /// Flags CloudTrail trails that record only their home region (`is_multi_region_trail` is
    /// false by default).
    ///
    /// ## Why is this bad
    /// Attackers deliberately work in regions nobody watches: spinning up GPU instances for
    /// mining, or calling Bedrock models in a region where the account's model access is enabled
    /// but not logged.
    ///
    /// ## Example
    /// ```hcl
    /// resource "aws_cloudtrail" "main" {
    ///   name           = "main"
    ///   s3_bucket_name = aws_s3_bucket.trail.id
    /// }
    /// ```
    ///
    /// ## Remediation
    /// Set `is_multi_region_trail = true`.
    pub struct CloudTrailNotMultiRegion;
    meta {
        id: "TR-AWS-CLOUDTRAIL-001",
        title: "CloudTrail trail is not multi-region",
        severity: Medium,
        step: Audit,
        provider: "aws",
        service: "cloudtrail",
        ai: false,
        remediation: "Set `is_multi_region_trail = true` (CloudFormation: `IsMultiRegionTrail: true`).",
        references: [
            ("CIS AWS Foundations Benchmark 3.1", "https://www.cisecurity.org/benchmark/amazon_web_services"),
            ("AWS: Receiving CloudTrail log files from multiple Regions", "https://docs.aws.amazon.com/awscloudtrail/latest/userguide/receive-cloudtrail-log-files-from-multiple-regions.html"),
        ],
        compliance: [(CisAws, "3.1")],
    }
    fn check(state, out) {
        for t in &state.aws.cloudtrail.trails {
            if t.multi_region.is(&false) {
                out.at_attr(&t.meta, &t.multi_region, "is_multi_region_trail", format!("trail {}", stated(&t.multi_region, "records a single region")));
            }
        }
    }
}

use crate::declare_rule;
use crate::rules::support::stated;

declare_rule! {
    /// ## What it does
    /// Flags EC2 instances whose metadata service accepts IMDSv1 (`http_tokens = "optional"`, the
    /// default for most AMIs).
    ///
    /// ## Why is this bad
    /// IMDSv1 answers plain GET requests, so a server-side request forgery in any app on the
    /// instance (a model server fetching a user-supplied URL, for one) returns the instance role's
    /// credentials to the attacker.
    ///
    /// ## Example
    /// ```hcl
    /// resource "aws_instance" "inference" {
    ///   ami           = "ami-0123456789abcdef0"
    ///   instance_type = "g5.xlarge"
    ///   # no metadata_options: http_tokens defaults to "optional"
    /// }
    /// ```
    ///
    /// ## Remediation
    /// Set `metadata_options { http_tokens = "required" }`.
    pub struct Ec2ImdsV1;
    meta {
        id: "TR-AWS-EC2-002",
        title: "EC2 instance allows IMDSv1",
        severity: Medium,
        step: Audit,
        provider: "aws",
        service: "ec2",
        ai: false,
        remediation: "Add `metadata_options { http_tokens = \"required\" }` (CloudFormation: `MetadataOptions.HttpTokens: required` on a launch template).",
        references: [
            ("CIS AWS Foundations Benchmark 5.6", "https://www.cisecurity.org/benchmark/amazon_web_services"),
            ("AWS: Configure the instance metadata service options", "https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/configuring-instance-metadata-service.html"),
            ("MITRE ATLAS AML.T0055: Unsecured Credentials", "https://atlas.mitre.org/techniques/AML.T0055"),
        ],
        compliance: [(CisAws, "5.6"), (MitreAtlas, "AML.T0055")],
    }
    fn check(state, out) {
        for i in &state.aws.compute.instances {
            if i.metadata_http_endpoint.eq_ignore_case("disabled") {
                continue;
            }
            if i.metadata_http_tokens.eq_ignore_case("optional") {
                let msg = format!("instance metadata service {}", stated(&i.metadata_http_tokens, "accepts IMDSv1 (http_tokens = optional)"));
                out.at_attr(&i.meta, &i.metadata_http_tokens, "metadata_options.http_tokens", msg);
            }
        }
    }
}

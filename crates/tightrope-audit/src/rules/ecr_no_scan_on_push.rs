use crate::declare_rule;
use crate::rules::support::stated;

declare_rule! {
    /// ## What it does
    /// Flags ECR repositories that do not scan images on push (off by default).
    ///
    /// ## Why is this bad
    /// ML serving and training images are large and pull in many native and Python dependencies;
    /// without scanning, known-vulnerable versions ship unnoticed.
    ///
    /// ## Example
    /// ```hcl
    /// resource "aws_ecr_repository" "inference" {
    ///   name = "inference"
    ///   image_scanning_configuration {
    ///     scan_on_push = false
    ///   }
    /// }
    /// ```
    ///
    /// ## Remediation
    /// Set `image_scanning_configuration { scan_on_push = true }`, or configure enhanced scanning
    /// for the registry with `aws_ecr_registry_scanning_configuration` (which this rule cannot see
    /// when it is declared elsewhere).
    pub struct EcrNoScanOnPush;
    meta {
        id: "TR-AWS-ECR-002",
        title: "ECR repository does not scan images on push",
        severity: Low,
        step: Audit,
        provider: "aws",
        service: "ecr",
        ai: false,
        remediation: "Set `image_scanning_configuration { scan_on_push = true }` (CloudFormation: `ImageScanningConfiguration.ScanOnPush: true`).",
        references: [
            ("AWS: Scan images for software vulnerabilities in Amazon ECR", "https://docs.aws.amazon.com/AmazonECR/latest/userguide/image-scanning.html"),
            ("OWASP LLM03: Supply Chain", "https://genai.owasp.org/llmrisk/llm032025-supply-chain/"),
        ],
        compliance: [(OwaspLlm, "LLM03"), (MitreAtlas, "AML.T0010")],
    }
    fn check(state, out) {
        for r in &state.aws.containers.ecr_repositories {
            if r.scan_on_push.is(&false) {
                out.at_attr(&r.meta, &r.scan_on_push, "image_scanning_configuration.scan_on_push", format!("scan on push {}", stated(&r.scan_on_push, "is disabled")));
            }
        }
    }
}

use crate::declare_rule;
use crate::rules::support::stated;

declare_rule! {
    /// ## What it does
    /// Flags ECR repositories whose image tags are mutable (the default).
    ///
    /// ## Why is this bad
    /// With mutable tags anyone who can push can replace `llm-server:1.4` with a different image;
    /// every deployment, training job or endpoint that pulls by tag then runs it.
    ///
    /// ## Example
    /// ```hcl
    /// resource "aws_ecr_repository" "inference" {
    ///   name = "inference"
    ///   # image_tag_mutability defaults to "MUTABLE"
    /// }
    /// ```
    ///
    /// ## Remediation
    /// Set `image_tag_mutability = "IMMUTABLE"`, and deploy by digest where possible.
    pub struct EcrMutableTags;
    meta {
        id: "TR-AWS-ECR-001",
        title: "ECR repository allows tags to be overwritten",
        severity: Medium,
        step: Audit,
        provider: "aws",
        service: "ecr",
        ai: false,
        remediation: "Set `image_tag_mutability = \"IMMUTABLE\"` (CloudFormation: `ImageTagMutability: IMMUTABLE`).",
        references: [
            ("AWS: Preventing image tags from being overwritten in Amazon ECR", "https://docs.aws.amazon.com/AmazonECR/latest/userguide/image-tag-mutability.html"),
            ("OWASP LLM03: Supply Chain", "https://genai.owasp.org/llmrisk/llm032025-supply-chain/"),
        ],
        compliance: [(OwaspLlm, "LLM03"), (MitreAtlas, "AML.T0010")],
    }
    fn check(state, out) {
        for r in &state.aws.containers.ecr_repositories {
            if r.image_tag_mutability.eq_ignore_case("MUTABLE") {
                out.at_attr(&r.meta, &r.image_tag_mutability, "image_tag_mutability", format!("image tags {}", stated(&r.image_tag_mutability, "are mutable")));
            }
        }
    }
}

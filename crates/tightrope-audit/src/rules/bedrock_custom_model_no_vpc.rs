use crate::declare_rule;
use crate::rules::support::stated;

declare_rule! {
    /// ## What it does
    /// Flags Bedrock custom models (model customization / fine-tuning jobs) whose job does not run
    /// in a VPC.
    ///
    /// ## Why is this bad
    /// Without `vpc_config` the job reads its training and validation data from S3 over the public
    /// service network, and you cannot restrict it with VPC endpoint policies, security groups or
    /// S3 bucket policies keyed to your VPC endpoint. Training data is often the most sensitive
    /// data an AI workload touches, and a tampered dataset poisons the model.
    ///
    /// ## Example
    /// ```hcl
    /// resource "aws_bedrock_custom_model" "support" {
    ///   custom_model_name     = "support-tuned"
    ///   job_name              = "support-tuning-1"
    ///   base_model_identifier = "arn:aws:bedrock:us-east-1::foundation-model/amazon.titan-text-express-v1"
    ///   role_arn              = aws_iam_role.bedrock_tuning.arn
    ///   # no vpc_config
    /// }
    /// ```
    ///
    /// ## Remediation
    /// Add `vpc_config { subnet_ids = [...], security_group_ids = [...] }` with private subnets and
    /// an S3 gateway endpoint, and allow the training bucket only through that endpoint.
    pub struct BedrockCustomModelNoVpc;
    meta {
        id: "TR-AWS-BEDROCK-008",
        title: "Bedrock model customization job does not run in a VPC",
        severity: Medium,
        step: Audit,
        provider: "aws",
        service: "bedrock",
        ai: true,
        remediation: "Add `vpc_config { subnet_ids, security_group_ids }` (API: `vpcConfig`) using private subnets with an S3 VPC endpoint, and restrict the training data bucket to that endpoint.",
        references: [
            ("AWS: Protect your model customization jobs using a VPC", "https://docs.aws.amazon.com/bedrock/latest/userguide/custom-model-job-access-security.html#vpc-model-customization"),
            ("OWASP LLM04: Data and Model Poisoning", "https://genai.owasp.org/llmrisk/llm042025-data-and-model-poisoning/"),
            ("MITRE ATLAS AML.T0020: Poison Training Data", "https://atlas.mitre.org/techniques/AML.T0020"),
        ],
        compliance: [(OwaspLlm, "LLM04"), (MitreAtlas, "AML.T0020"), (NistAiRmf, "MEASURE 2.7")],
    }
    fn check(state, out) {
        for m in &state.aws.bedrock.custom_models {
            if m.in_vpc.is(&false) {
                out.at_attr(&m.meta, &m.in_vpc, "vpc_config", format!("the customization job {}", stated(&m.in_vpc, "runs outside your VPC")));
            }
        }
    }
}

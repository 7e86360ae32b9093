use crate::declare_rule;
use crate::rules::support::stated;

declare_rule! {
    /// ## What it does
    /// Flags SageMaker models whose containers are not attached to your VPC (no `vpc_config`).
    ///
    /// ## Why is this bad
    /// Without a VPC configuration the model containers run in a SageMaker-managed network with
    /// internet access: security groups, VPC endpoints, flow logs and egress filtering cannot apply
    /// to them, so a compromised or malicious model image can reach out and send data or the
    /// execution role's credentials anywhere.
    ///
    /// ## Example
    /// ```hcl
    /// resource "aws_sagemaker_model" "llm" {
    ///   name               = "llm"
    ///   execution_role_arn = aws_iam_role.sagemaker.arn
    ///   primary_container {
    ///     image          = "123456789012.dkr.ecr.us-east-1.amazonaws.com/llm-serving:1.4"
    ///     model_data_url = "s3://acme-models/llm/model.tar.gz"
    ///   }
    ///   # no vpc_config
    /// }
    /// ```
    ///
    /// ## Remediation
    /// Add `vpc_config { subnets = [...], security_group_ids = [...] }` with private subnets, and
    /// VPC endpoints for S3 and the other services the model needs.
    pub struct SageMakerModelNoVpc;
    meta {
        id: "TR-AWS-SAGEMAKER-012",
        title: "SageMaker model is not in a VPC",
        severity: Medium,
        step: Audit,
        provider: "aws",
        service: "sagemaker",
        ai: true,
        remediation: "Add `vpc_config { subnets = [...], security_group_ids = [...] }` (CloudFormation: `VpcConfig`) with private subnets, and VPC endpoints for the services the model needs.",
        references: [
            ("AWS: Give SageMaker AI hosted endpoints access to resources in your Amazon VPC", "https://docs.aws.amazon.com/sagemaker/latest/dg/host-vpc.html"),
            ("MITRE ATLAS AML.T0025: Exfiltration via Cyber Means", "https://atlas.mitre.org/techniques/AML.T0025"),
        ],
        compliance: [(MitreAtlas, "AML.T0025"), (NistAiRmf, "MEASURE 2.7")],
    }
    fn check(state, out) {
        for m in &state.aws.sagemaker.models {
            if m.in_vpc.is(&false) {
                out.at_attr(&m.meta, &m.in_vpc, "vpc_config", format!("model {}", stated(&m.in_vpc, "does not run in your VPC")));
            }
        }
    }
}

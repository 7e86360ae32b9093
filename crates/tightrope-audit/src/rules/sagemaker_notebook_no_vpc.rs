use crate::declare_rule;

declare_rule! {
    /// ## What it does
    /// Flags SageMaker notebook instances that are not placed in a VPC subnet.
    ///
    /// ## Why is this bad
    /// Without a `subnet_id` the notebook runs in a SageMaker-managed network with internet access:
    /// security groups, VPC endpoints, flow logs and egress filtering cannot apply to it, so data and
    /// the execution role's credentials can leave without passing any control you own.
    ///
    /// ## Example
    /// ```hcl
    /// resource "aws_sagemaker_notebook_instance" "research" {
    ///   name          = "research"
    ///   role_arn      = aws_iam_role.sagemaker.arn
    ///   instance_type = "ml.t3.medium"
    ///   # no subnet_id / security_groups
    /// }
    /// ```
    ///
    /// ## Remediation
    /// Set `subnet_id` (a private subnet) and `security_groups`, and turn direct internet access off.
    pub struct SageMakerNotebookNoVpc;
    meta {
        id: "TR-AWS-SAGEMAKER-003",
        title: "SageMaker notebook instance is not in a VPC",
        severity: Medium,
        step: Audit,
        provider: "aws",
        service: "sagemaker",
        ai: true,
        remediation: "Set `subnet_id` to a private subnet and `security_groups` (CloudFormation: `SubnetId`, `SecurityGroupIds`), then set `direct_internet_access = \"Disabled\"`.",
        references: [
            ("AWS: Connect a notebook instance in a VPC to external resources", "https://docs.aws.amazon.com/sagemaker/latest/dg/appendix-notebook-and-internet-access.html"),
            ("MITRE ATLAS AML.T0025: Exfiltration via Cyber Means", "https://atlas.mitre.org/techniques/AML.T0025"),
            ("NIST AI RMF (MANAGE 2.4)", "https://www.nist.gov/itl/ai-risk-management-framework"),
        ],
        compliance: [(MitreAtlas, "AML.T0025"), (NistAiRmf, "MEASURE 2.7")],
    }
    fn check(state, out) {
        for nb in &state.aws.sagemaker.notebook_instances {
            if nb.subnet.is_absent() {
                out.at_attr(&nb.meta, &nb.subnet, "subnet_id", "notebook instance has no subnet, so it does not run in your VPC");
            }
        }
    }
}

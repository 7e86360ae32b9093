use crate::declare_rule;

declare_rule! {
    /// ## What it does
    /// Flags SageMaker training, processing and monitoring jobs that are not attached to a VPC.
    ///
    /// ## Why is this bad
    /// Outside your VPC the job reaches S3 and other services over SageMaker's managed network:
    /// VPC endpoint policies, security groups, flow logs and bucket policies that require your VPC
    /// (`aws:SourceVpce`) cannot apply to it.
    ///
    /// ## Example
    /// ```hcl
    /// resource "aws_sagemaker_data_quality_job_definition" "drift" {
    ///   network_config {
    ///     enable_network_isolation = true
    ///     # no vpc_config
    ///   }
    ///   ...
    /// }
    /// ```
    ///
    /// ## Remediation
    /// Add `network_config.vpc_config` with private subnets and security groups.
    pub struct SageMakerJobNoVpc;
    meta {
        id: "TR-AWS-SAGEMAKER-017",
        title: "SageMaker job is not attached to a VPC",
        severity: Low,
        step: Audit,
        provider: "aws",
        service: "sagemaker",
        ai: true,
        remediation: "Add `network_config.vpc_config { subnets = [...], security_group_ids = [...] }` (CloudFormation: `NetworkConfig.VpcConfig`) with private subnets.",
        references: [
            ("AWS: Give SageMaker training jobs access to resources in your VPC", "https://docs.aws.amazon.com/sagemaker/latest/dg/train-vpc.html"),
            ("MITRE ATLAS AML.T0025: Exfiltration via Cyber Means", "https://atlas.mitre.org/techniques/AML.T0025"),
            ("NIST AI RMF (MANAGE 2.4)", "https://www.nist.gov/itl/ai-risk-management-framework"),
        ],
        compliance: [(MitreAtlas, "AML.T0025"), (NistAiRmf, "MEASURE 2.7")],
    }
    fn check(state, out) {
        for j in &state.aws.sagemaker.training_jobs {
            if j.in_vpc.is(&false) {
                out.at_attr(&j.meta, &j.in_vpc, "network_config.vpc_config", "job has no VPC configuration, so it runs outside your VPC");
            }
        }
    }
}

use crate::declare_rule;
use crate::rules::support::stated;

declare_rule! {
    /// ## What it does
    /// Flags SageMaker training, processing and monitoring jobs that do not encrypt the traffic
    /// between their containers.
    ///
    /// ## Why is this bad
    /// Distributed training and processing jobs exchange model parameters and data between
    /// instances. Unencrypted, that traffic (weights, gradients, records) is readable by anything
    /// that can observe the network path.
    ///
    /// ## Example
    /// ```hcl
    /// resource "aws_sagemaker_data_quality_job_definition" "drift" {
    ///   network_config {
    ///     enable_inter_container_traffic_encryption = false
    ///   }
    ///   ...
    /// }
    /// ```
    ///
    /// ## Remediation
    /// Set `network_config.enable_inter_container_traffic_encryption = true`.
    pub struct SageMakerJobNoTrafficEncryption;
    meta {
        id: "TR-AWS-SAGEMAKER-014",
        title: "SageMaker job does not encrypt inter-container traffic",
        severity: Medium,
        step: Audit,
        provider: "aws",
        service: "sagemaker",
        ai: true,
        remediation: "Set `network_config.enable_inter_container_traffic_encryption = true` (CloudFormation: `NetworkConfig.EnableInterContainerTrafficEncryption`).",
        references: [
            ("AWS: Protect communications between ML compute instances in a distributed training job", "https://docs.aws.amazon.com/sagemaker/latest/dg/train-encrypt.html"),
            ("MITRE ATLAS AML.T0035: AI Artifact Collection", "https://atlas.mitre.org/techniques/AML.T0035"),
            ("Checkov CKV_AWS_369", "https://www.checkov.io/5.Policy%20Index/terraform.html"),
        ],
        compliance: [(MitreAtlas, "AML.T0035"), (NistAiRmf, "MEASURE 2.7")],
    }
    fn check(state, out) {
        for j in &state.aws.sagemaker.training_jobs {
            if j.inter_container_encryption.is(&false) {
                out.at_attr(&j.meta, &j.inter_container_encryption, "network_config.enable_inter_container_traffic_encryption", format!("job {}", stated(&j.inter_container_encryption, "does not encrypt inter-container traffic")));
            }
        }
    }
}

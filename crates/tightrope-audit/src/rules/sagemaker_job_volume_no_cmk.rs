use crate::declare_rule;
use crate::rules::support::{key_problem, no_customer_key};

declare_rule! {
    /// ## What it does
    /// Flags SageMaker training, processing and monitoring jobs whose ML storage volumes are not
    /// encrypted with a customer-managed KMS key.
    ///
    /// ## Why is this bad
    /// The job's volumes hold copies of the training or inference data and intermediate artifacts.
    /// With the default key you cannot restrict or audit who may decrypt them, nor revoke access by
    /// disabling the key.
    ///
    /// ## Example
    /// ```hcl
    /// resource "aws_sagemaker_data_quality_job_definition" "drift" {
    ///   job_resources {
    ///     cluster_config {
    ///       instance_count = 1
    ///       instance_type  = "ml.m5.large"
    ///       volume_size_in_gb = 20
    ///       # no volume_kms_key_id
    ///     }
    ///   }
    ///   ...
    /// }
    /// ```
    ///
    /// ## Remediation
    /// Set `job_resources.cluster_config.volume_kms_key_id` to a customer-managed key.
    pub struct SageMakerJobVolumeNoCmk;
    meta {
        id: "TR-AWS-SAGEMAKER-015",
        title: "SageMaker job volumes are not encrypted with a customer-managed KMS key",
        severity: Medium,
        step: Audit,
        provider: "aws",
        service: "sagemaker",
        ai: true,
        remediation: "Set `job_resources.cluster_config.volume_kms_key_id` (CloudFormation: `JobResources.ClusterConfig.VolumeKmsKeyId`) to a customer-managed KMS key.",
        references: [
            ("AWS: Protect data at rest using encryption (SageMaker)", "https://docs.aws.amazon.com/sagemaker/latest/dg/encryption-at-rest.html"),
            ("Checkov CKV_AWS_368", "https://www.checkov.io/5.Policy%20Index/terraform.html"),
            ("NIST AI RMF (MANAGE 2.4)", "https://www.nist.gov/itl/ai-risk-management-framework"),
        ],
        compliance: [(MitreAtlas, "AML.T0035"), (NistAiRmf, "MEASURE 2.7")],
    }
    fn check(state, out) {
        for j in &state.aws.sagemaker.training_jobs {
            if no_customer_key(&j.volume_kms_key) {
                out.at_attr(&j.meta, &j.volume_kms_key, "job_resources.cluster_config.volume_kms_key_id", format!("job volume {}", key_problem(&j.volume_kms_key)));
            }
        }
    }
}

use crate::declare_rule;
use crate::rules::support::{key_problem, no_customer_key};

declare_rule! {
    /// ## What it does
    /// Flags SageMaker endpoint configurations without a customer-managed KMS key for the storage
    /// volumes of the endpoint instances.
    ///
    /// ## Why is this bad
    /// Endpoint volumes hold the deployed model weights and any data the container writes. With no
    /// key of your own you cannot control or audit who may decrypt them.
    ///
    /// ## Example
    /// ```hcl
    /// resource "aws_sagemaker_endpoint_configuration" "llm" {
    ///   name = "llm"
    ///   production_variants {
    ///     variant_name           = "primary"
    ///     model_name             = aws_sagemaker_model.llm.name
    ///     instance_type          = "ml.g5.xlarge"
    ///     initial_instance_count = 1
    ///   }
    ///   # no kms_key_arn
    /// }
    /// ```
    ///
    /// ## Remediation
    /// Set `kms_key_arn` to a customer-managed KMS key.
    pub struct SageMakerEndpointConfigNoKms;
    meta {
        id: "TR-AWS-SAGEMAKER-007",
        title: "SageMaker endpoint configuration has no customer-managed KMS key",
        severity: Medium,
        step: Audit,
        provider: "aws",
        service: "sagemaker",
        ai: true,
        remediation: "Set `kms_key_arn` (CloudFormation: `KmsKeyId`) to a customer-managed KMS key.",
        references: [
            ("AWS: Protect data at rest using encryption (SageMaker)", "https://docs.aws.amazon.com/sagemaker/latest/dg/encryption-at-rest.html"),
            ("MITRE ATLAS AML.T0035: AI Artifact Collection", "https://atlas.mitre.org/techniques/AML.T0035"),
        ],
        compliance: [(MitreAtlas, "AML.T0035"), (NistAiRmf, "MEASURE 2.7")],
    }
    fn check(state, out) {
        for ec in &state.aws.sagemaker.endpoint_configs {
            if no_customer_key(&ec.kms_key) {
                out.at_attr(&ec.meta, &ec.kms_key, "kms_key_arn", format!("endpoint storage volumes: the configuration {}", key_problem(&ec.kms_key)));
            }
        }
    }
}

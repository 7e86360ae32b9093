use crate::declare_rule;
use crate::rules::support::{key_problem, no_customer_key};

declare_rule! {
    /// ## What it does
    /// Flags SageMaker endpoint configurations that capture inference data without encrypting it
    /// with a customer-managed KMS key.
    ///
    /// ## Why is this bad
    /// Captured data is a verbatim copy of the prompts, features and predictions that pass through
    /// the endpoint, often personal or confidential. Without a key of your own, anyone who can read
    /// the S3 prefix can read it, and you cannot restrict, audit or revoke decryption separately.
    ///
    /// ## Example
    /// ```hcl
    /// resource "aws_sagemaker_endpoint_configuration" "llm" {
    ///   name = "llm"
    ///   production_variants { ... }
    ///   data_capture_config {
    ///     initial_sampling_percentage = 100
    ///     destination_s3_uri          = "s3://acme-capture/llm"
    ///     capture_options { capture_mode = "Input" }
    ///     capture_options { capture_mode = "Output" }
    ///     # no kms_key_id
    ///   }
    /// }
    /// ```
    ///
    /// ## Remediation
    /// Set `data_capture_config.kms_key_id` to a customer-managed KMS key.
    pub struct SageMakerDataCaptureNoCmk;
    meta {
        id: "TR-AWS-SAGEMAKER-010",
        title: "SageMaker endpoint data capture is not encrypted with a customer-managed KMS key",
        severity: Medium,
        step: Audit,
        provider: "aws",
        service: "sagemaker",
        ai: true,
        remediation: "Set `data_capture_config { kms_key_id = ... }` (CloudFormation: `DataCaptureConfig.KmsKeyId`) to a customer-managed KMS key.",
        references: [
            ("AWS: DataCaptureConfig (SageMaker API)", "https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_DataCaptureConfig.html"),
            ("AWS: Protect data at rest using encryption (SageMaker)", "https://docs.aws.amazon.com/sagemaker/latest/dg/encryption-at-rest.html"),
            ("OWASP LLM02: Sensitive Information Disclosure", "https://genai.owasp.org/llmrisk/llm022025-sensitive-information-disclosure/"),
        ],
        compliance: [(OwaspLlm, "LLM02"), (NistAiRmf, "MEASURE 2.7"), (NistAiRmf, "MEASURE 2.10")],
    }
    fn check(state, out) {
        for ec in &state.aws.sagemaker.endpoint_configs {
            if ec.data_capture_enabled.is(&true) && no_customer_key(&ec.data_capture_kms_key) {
                out.at_attr(&ec.meta, &ec.data_capture_kms_key, "data_capture_config.kms_key_id", format!("captured inference data: the data capture configuration {}", key_problem(&ec.data_capture_kms_key)));
            }
        }
    }
}

use crate::declare_rule;
use crate::rules::support::stated;

declare_rule! {
    /// ## What it does
    /// Flags SageMaker endpoint configurations that do not capture inference data (requests and
    /// responses) for model monitoring.
    ///
    /// ## Why is this bad
    /// Without data capture there is no record of what the deployed model was asked and what it
    /// answered: Model Monitor cannot detect data or quality drift, and abuse of the endpoint
    /// (model extraction by repeated queries, adversarial inputs, leaked outputs) leaves nothing to
    /// investigate.
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
    ///   # no data_capture_config
    /// }
    /// ```
    ///
    /// ## Remediation
    /// Add a `data_capture_config` block with `enable_capture = true`, a `destination_s3_uri`, an
    /// `initial_sampling_percentage` and `capture_options` for `Input` and `Output`.
    pub struct SageMakerEndpointNoDataCapture;
    meta {
        id: "TR-AWS-SAGEMAKER-009",
        title: "SageMaker endpoint configuration does not capture inference data",
        severity: Low,
        step: Audit,
        provider: "aws",
        service: "sagemaker",
        ai: true,
        remediation: "Add `data_capture_config { enable_capture = true, destination_s3_uri = ..., initial_sampling_percentage = ..., capture_options { capture_mode = \"Input\" }, capture_options { capture_mode = \"Output\" } }` (CloudFormation: `DataCaptureConfig`), encrypted with a customer-managed KMS key.",
        references: [
            ("AWS: Data capture (SageMaker Model Monitor)", "https://docs.aws.amazon.com/sagemaker/latest/dg/model-monitor-data-capture.html"),
            ("AWS: Capture data from real-time endpoint", "https://docs.aws.amazon.com/sagemaker/latest/dg/model-monitor-data-capture-endpoint.html"),
            ("NIST AI RMF (MEASURE 2.4)", "https://www.nist.gov/itl/ai-risk-management-framework"),
        ],
        compliance: [(NistAiRmf, "MEASURE 2.4"), (NistAiRmf, "MANAGE 4.1"), (Iso42001, "A.6.2.6")],
    }
    fn check(state, out) {
        for ec in &state.aws.sagemaker.endpoint_configs {
            if ec.data_capture_enabled.is(&false) {
                let attribute = if ec.data_capture_enabled.is_explicit() { "data_capture_config.enable_capture" } else { "data_capture_config" };
                out.at_attr(&ec.meta, &ec.data_capture_enabled, attribute, format!("inference data capture {}", stated(&ec.data_capture_enabled, "is off")));
            }
        }
    }
}

use crate::declare_rule;

declare_rule! {
    /// ## What it does
    /// Flags Bedrock model invocation logging configurations that do not deliver text data, or that
    /// name no destination (neither an S3 bucket nor a CloudWatch log group).
    ///
    /// ## Why is this bad
    /// Invocation logs are the only record of what prompts reached a model and what it answered.
    /// Without text data or without a destination, prompt injection, data exfiltration through the
    /// model and abuse of the account's model access cannot be investigated.
    ///
    /// ## Example
    /// ```hcl
    /// resource "aws_bedrock_model_invocation_logging_configuration" "this" {
    ///   logging_config {
    ///     text_data_delivery_enabled = false
    ///     s3_config {
    ///       bucket_name = aws_s3_bucket.logs.id
    ///     }
    ///   }
    /// }
    /// ```
    ///
    /// ## Remediation
    /// Set `text_data_delivery_enabled = true` and configure `s3_config` and/or
    /// `cloudwatch_config`; encrypt and restrict the destination, since it will hold prompts.
    pub struct BedrockInvocationLogging;
    meta {
        id: "TR-AWS-BEDROCK-005",
        title: "Bedrock model invocation logging does not record text or has no destination",
        severity: Medium,
        step: Audit,
        provider: "aws",
        service: "bedrock",
        ai: true,
        remediation: "Set `text_data_delivery_enabled = true` and add an `s3_config` or `cloudwatch_config` destination to `logging_config`.",
        references: [
            ("AWS: Monitor model invocation using CloudWatch Logs and Amazon S3", "https://docs.aws.amazon.com/bedrock/latest/userguide/model-invocation-logging.html"),
            ("OWASP LLM10: Unbounded Consumption", "https://genai.owasp.org/llmrisk/llm102025-unbounded-consumption/"),
            ("NIST AI RMF (MEASURE 2.4, MANAGE 4.1)", "https://www.nist.gov/itl/ai-risk-management-framework"),
        ],
        compliance: [(OwaspLlm, "LLM10"), (NistAiRmf, "MEASURE 2.4"), (NistAiRmf, "MANAGE 4.1"), (Iso42001, "A.6.2.8")],
    }
    fn check(state, out) {
        for l in &state.aws.bedrock.invocation_logging {
            if l.text_data_delivery.is(&false) {
                out.at_attr(&l.meta, &l.text_data_delivery, "logging_config.text_data_delivery_enabled", "invocation logging does not deliver text data (prompts and responses)");
            }
            if !l.has_destination() {
                out.at_resource(&l.meta, "invocation logging has no destination: neither an S3 bucket nor a CloudWatch log group");
            }
        }
    }
}

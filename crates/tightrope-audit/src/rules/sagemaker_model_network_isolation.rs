use crate::declare_rule;
use crate::rules::support::stated;

declare_rule! {
    /// ## What it does
    /// Flags SageMaker models deployed without network isolation, which is off by default.
    ///
    /// ## Why is this bad
    /// Without network isolation the inference container can make outbound calls. A model artifact
    /// or container image from a third party (a pickled model, a compromised dependency) can then
    /// send prompts, inference data or credentials out, or download further payloads.
    ///
    /// ## Example
    /// ```hcl
    /// resource "aws_sagemaker_model" "llm" {
    ///   name               = "llm"
    ///   execution_role_arn = aws_iam_role.sagemaker.arn
    ///   primary_container {
    ///     image          = "123456789012.dkr.ecr.us-east-1.amazonaws.com/llm:1.0"
    ///     model_data_url = "s3://models/llm/model.tar.gz"
    ///   }
    ///   # enable_network_isolation defaults to false
    /// }
    /// ```
    ///
    /// ## Remediation
    /// Set `enable_network_isolation = true`; the container then reads its model data from S3
    /// through SageMaker and cannot reach the network itself.
    pub struct SageMakerModelNetworkIsolation;
    meta {
        id: "TR-AWS-SAGEMAKER-006",
        title: "SageMaker model runs without network isolation",
        severity: Medium,
        step: Audit,
        provider: "aws",
        service: "sagemaker",
        ai: true,
        remediation: "Set `enable_network_isolation = true` (CloudFormation: `EnableNetworkIsolation: true`).",
        references: [
            ("AWS: Run training and inference containers in internet-free mode", "https://docs.aws.amazon.com/sagemaker/latest/dg/mkt-algo-model-internet-free.html"),
            ("OWASP LLM03: Supply Chain", "https://genai.owasp.org/llmrisk/llm032025-supply-chain/"),
            ("MITRE ATLAS AML.T0010: AI Supply Chain Compromise", "https://atlas.mitre.org/techniques/AML.T0010"),
        ],
        compliance: [(OwaspLlm, "LLM03"), (MitreAtlas, "AML.T0010"), (MitreAtlas, "AML.T0025"), (NistAiRmf, "MEASURE 2.7")],
    }
    fn check(state, out) {
        for m in &state.aws.sagemaker.models {
            if m.network_isolation.is(&false) {
                out.at_attr(&m.meta, &m.network_isolation, "enable_network_isolation", format!("network isolation {}", stated(&m.network_isolation, "is disabled")));
            }
        }
    }
}

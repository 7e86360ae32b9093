use crate::declare_rule;
use crate::rules::support::stated;

declare_rule! {
    /// ## What it does
    /// Flags SageMaker training, processing and monitoring jobs (in IaC: monitoring job definitions)
    /// that run without network isolation.
    ///
    /// ## Why is this bad
    /// Without network isolation the job's containers can open outbound connections: third-party
    /// training or monitoring code, or a poisoned dependency, can send the training data or the
    /// model it reads anywhere on the internet.
    ///
    /// ## Example
    /// ```hcl
    /// resource "aws_sagemaker_data_quality_job_definition" "drift" {
    ///   role_arn = aws_iam_role.monitor.arn
    ///   network_config {
    ///     enable_network_isolation = false
    ///   }
    ///   ...
    /// }
    /// ```
    ///
    /// ## Remediation
    /// Set `network_config.enable_network_isolation = true` (CloudFormation:
    /// `NetworkConfig.EnableNetworkIsolation: true`).
    pub struct SageMakerJobNoNetworkIsolation;
    meta {
        id: "TR-AWS-SAGEMAKER-013",
        title: "SageMaker job runs without network isolation",
        severity: Medium,
        step: Audit,
        provider: "aws",
        service: "sagemaker",
        ai: true,
        remediation: "Set `network_config.enable_network_isolation = true` so the job's containers cannot make outbound calls.",
        references: [
            ("AWS: Run training and inference containers in internet-free mode", "https://docs.aws.amazon.com/sagemaker/latest/dg/mkt-algo-model-internet-free.html"),
            ("MITRE ATLAS AML.T0025: Exfiltration via Cyber Means", "https://atlas.mitre.org/techniques/AML.T0025"),
            ("OWASP LLM03: Supply Chain", "https://genai.owasp.org/llmrisk/llm032025-supply-chain/"),
        ],
        compliance: [(MitreAtlas, "AML.T0025"), (OwaspLlm, "LLM03"), (NistAiRmf, "MEASURE 2.7")],
    }
    fn check(state, out) {
        for j in &state.aws.sagemaker.training_jobs {
            if j.network_isolation.is(&false) {
                out.at_attr(&j.meta, &j.network_isolation, "network_config.enable_network_isolation", format!("job {}", stated(&j.network_isolation, "runs without network isolation")));
            }
        }
    }
}

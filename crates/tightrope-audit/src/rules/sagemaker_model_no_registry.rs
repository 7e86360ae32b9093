use crate::declare_rule;

declare_rule! {
    /// ## What it does
    /// Flags SageMaker models when the scanned configuration declares endpoints but no model
    /// registry (model package group).
    ///
    /// ## Why is this bad
    /// Without a registry there is no record of which model version was approved, from which
    /// training data and artifacts, before it was deployed: a swapped or tampered artifact in S3
    /// goes to production without anyone noticing, and incidents cannot be traced to a version.
    ///
    /// ## Example
    /// ```hcl
    /// resource "aws_sagemaker_model" "classifier" {
    ///   primary_container { model_data_url = "s3://models/classifier.tar.gz" ... }
    /// }
    /// # no aws_sagemaker_model_package_group
    /// ```
    ///
    /// ## Remediation
    /// Register models in an `aws_sagemaker_model_package_group` with an approval step, and deploy
    /// only approved model packages.
    pub struct SageMakerModelNoRegistry;
    meta {
        id: "TR-AWS-SAGEMAKER-021",
        title: "SageMaker models are deployed without a model registry",
        severity: Low,
        step: Audit,
        provider: "aws",
        service: "sagemaker",
        ai: true,
        remediation: "Declare an `aws_sagemaker_model_package_group` (CloudFormation: `AWS::SageMaker::ModelPackageGroup`), register model versions in it with an approval status, and deploy approved packages only.",
        references: [
            ("AWS: Model Registration Deployment with Model Registry", "https://docs.aws.amazon.com/sagemaker/latest/dg/model-registry.html"),
            ("OWASP LLM03: Supply Chain", "https://genai.owasp.org/llmrisk/llm032025-supply-chain/"),
            ("MITRE ATLAS AML.T0058: Publish Poisoned Models", "https://atlas.mitre.org/techniques/AML.T0058"),
            ("ISO/IEC 42001 A.6.2.6 (AI system operation and monitoring)", "https://www.iso.org/standard/81230.html"),
        ],
        compliance: [(OwaspLlm, "LLM03"), (Iso42001, "A.7.5"), (MitreAtlas, "AML.T0010"), (NistAiRmf, "MAP 4.1")],
    }
    fn check(state, out) {
        let sm = &state.aws.sagemaker;
        if !sm.model_package_groups.is_empty() || sm.endpoint_configs.is_empty() {
            return;
        }
        for m in &sm.models {
            out.at_resource(&m.meta, "model is deployed to endpoints while no model package group (registry) is declared");
        }
    }
}

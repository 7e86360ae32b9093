use crate::declare_rule;
use crate::rules::support::stated;

declare_rule! {
    /// ## What it does
    /// Flags SageMaker notebook instances that give their users root access, which is the default.
    ///
    /// ## Why is this bad
    /// With root access a notebook user (or code they run, such as a malicious package or a model
    /// loader that executes pickles) can change the instance's software, disable monitoring, read
    /// every other user's files and persist on the instance with the execution role's credentials.
    ///
    /// ## Example
    /// ```hcl
    /// resource "aws_sagemaker_notebook_instance" "research" {
    ///   name          = "research"
    ///   role_arn      = aws_iam_role.sagemaker.arn
    ///   instance_type = "ml.t3.medium"
    ///   root_access   = "Enabled"   # the default when left out
    /// }
    /// ```
    ///
    /// ## Remediation
    /// Set `root_access = "Disabled"`. Install what the notebook needs with a lifecycle
    /// configuration, which still runs as root.
    pub struct SageMakerNotebookRootAccess;
    meta {
        id: "TR-AWS-SAGEMAKER-002",
        title: "SageMaker notebook instance gives users root access",
        severity: Medium,
        step: Audit,
        provider: "aws",
        service: "sagemaker",
        ai: true,
        remediation: "Set `root_access = \"Disabled\"` (CloudFormation: `RootAccess: Disabled`); use a lifecycle configuration for software that needs root to install.",
        references: [
            ("AWS: Control root access to a notebook instance", "https://docs.aws.amazon.com/sagemaker/latest/dg/nbi-root-access.html"),
            ("MITRE ATLAS AML.T0011: User Execution", "https://atlas.mitre.org/techniques/AML.T0011"),
            ("OWASP LLM03: Supply Chain", "https://genai.owasp.org/llmrisk/llm032025-supply-chain/"),
        ],
        compliance: [(OwaspLlm, "LLM03"), (MitreAtlas, "AML.T0011"), (NistAiRmf, "MEASURE 2.7")],
    }
    fn check(state, out) {
        for nb in &state.aws.sagemaker.notebook_instances {
            if nb.root_access.is(&true) {
                out.at_attr(&nb.meta, &nb.root_access, "root_access", format!("root access for notebook users {}", stated(&nb.root_access, "is enabled")));
            }
        }
    }
}

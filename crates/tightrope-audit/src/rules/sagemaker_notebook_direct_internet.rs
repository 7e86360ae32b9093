use crate::declare_rule;

declare_rule! {
    /// ## What it does
    /// Flags SageMaker notebook instances with direct internet access, which is the default.
    ///
    /// ## Why is this bad
    /// A notebook holds the execution role's credentials and usually reads training data. With direct
    /// internet access, code or a package installed in the notebook can send data and credentials
    /// anywhere, bypassing VPC egress controls, and the notebook can be reached from outside.
    ///
    /// ## Example
    /// ```hcl
    /// resource "aws_sagemaker_notebook_instance" "research" {
    ///   name                   = "research"
    ///   role_arn               = aws_iam_role.sagemaker.arn
    ///   instance_type          = "ml.t3.medium"
    ///   direct_internet_access = "Enabled"   # the default when left out
    /// }
    /// ```
    ///
    /// ## Remediation
    /// Set `direct_internet_access = "Disabled"` and give the notebook a `subnet_id` in a private
    /// subnet with VPC endpoints (or a NAT with egress filtering) for what it needs.
    pub struct SageMakerNotebookDirectInternet;
    meta {
        id: "TR-AWS-SAGEMAKER-001",
        title: "SageMaker notebook instance has direct internet access",
        severity: High,
        step: Audit,
        provider: "aws",
        service: "sagemaker",
        ai: true,
        remediation: "Set `direct_internet_access = \"Disabled\"` (CloudFormation: `DirectInternetAccess: Disabled`) and place the notebook in a private subnet with VPC endpoints.",
        references: [
            ("AWS: Connect a notebook instance in a VPC to external resources", "https://docs.aws.amazon.com/sagemaker/latest/dg/appendix-notebook-and-internet-access.html"),
            ("OWASP LLM02: Sensitive Information Disclosure", "https://genai.owasp.org/llmrisk/llm022025-sensitive-information-disclosure/"),
            ("MITRE ATLAS AML.T0025: Exfiltration via Cyber Means", "https://atlas.mitre.org/techniques/AML.T0025"),
        ],
        compliance: [(OwaspLlm, "LLM02"), (MitreAtlas, "AML.T0025"), (NistAiRmf, "MEASURE 2.7")],
    }
    fn check(state, out) {
        for nb in &state.aws.sagemaker.notebook_instances {
            if nb.direct_internet_access.is(&true) {
                let how = if nb.direct_internet_access.is_explicit() { "is enabled" } else { "is enabled by default" };
                out.at_attr(&nb.meta, &nb.direct_internet_access, "direct_internet_access", format!("direct internet access {how}"));
            }
        }
    }
}

use crate::declare_rule;
use crate::rules::support::{key_problem, no_customer_key};

declare_rule! {
    /// ## What it does
    /// Flags SageMaker notebook instances whose ML storage volume is not encrypted with a
    /// customer-managed KMS key.
    ///
    /// ## Why is this bad
    /// The notebook volume holds datasets, model weights and credentials written by users. With
    /// the AWS-managed key you cannot restrict or audit who may decrypt it through a key policy,
    /// nor revoke access by disabling the key.
    ///
    /// ## Example
    /// ```hcl
    /// resource "aws_sagemaker_notebook_instance" "research" {
    ///   name          = "research"
    ///   role_arn      = aws_iam_role.sagemaker.arn
    ///   instance_type = "ml.t3.medium"
    ///   # no kms_key_id
    /// }
    /// ```
    ///
    /// ## Remediation
    /// Set `kms_key_id` to a customer-managed key whose policy grants only the notebook's role.
    pub struct SageMakerNotebookNoCmk;
    meta {
        id: "TR-AWS-SAGEMAKER-004",
        title: "SageMaker notebook volume is not encrypted with a customer-managed KMS key",
        severity: Medium,
        step: Audit,
        provider: "aws",
        service: "sagemaker",
        ai: true,
        remediation: "Set `kms_key_id` (CloudFormation: `KmsKeyId`) to a customer-managed KMS key with rotation enabled.",
        references: [
            ("AWS: Protect data at rest using encryption (SageMaker)", "https://docs.aws.amazon.com/sagemaker/latest/dg/encryption-at-rest.html"),
            ("OWASP LLM02: Sensitive Information Disclosure", "https://genai.owasp.org/llmrisk/llm022025-sensitive-information-disclosure/"),
        ],
        compliance: [(OwaspLlm, "LLM02"), (NistAiRmf, "MEASURE 2.7")],
    }
    fn check(state, out) {
        for nb in &state.aws.sagemaker.notebook_instances {
            if no_customer_key(&nb.kms_key) {
                out.at_attr(&nb.meta, &nb.kms_key, "kms_key_id", format!("notebook storage volume {}", key_problem(&nb.kms_key)));
            }
        }
    }
}

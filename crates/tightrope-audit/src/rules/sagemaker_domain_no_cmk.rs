use crate::declare_rule;
use crate::rules::support::{key_problem, no_customer_key};

declare_rule! {
    /// ## What it does
    /// Flags SageMaker Studio domains whose storage is not encrypted with a customer-managed KMS key.
    ///
    /// ## Why is this bad
    /// The domain's EFS volume holds every user's home directory: notebooks, datasets, model
    /// checkpoints, cached credentials. With the default AWS-managed key you cannot restrict, audit
    /// or revoke who may decrypt it.
    ///
    /// ## Example
    /// ```hcl
    /// resource "aws_sagemaker_domain" "studio" {
    ///   domain_name = "studio"
    ///   auth_mode   = "IAM"
    ///   vpc_id      = aws_vpc.ml.id
    ///   subnet_ids  = [aws_subnet.ml.id]
    ///   default_user_settings {
    ///     execution_role = aws_iam_role.studio.arn
    ///   }
    ///   # no kms_key_id
    /// }
    /// ```
    ///
    /// ## Remediation
    /// Set `kms_key_id` to a customer-managed KMS key (the domain must be re-created).
    pub struct SageMakerDomainNoCmk;
    meta {
        id: "TR-AWS-SAGEMAKER-011",
        title: "SageMaker Studio domain has no customer-managed KMS key",
        severity: Medium,
        step: Audit,
        provider: "aws",
        service: "sagemaker",
        ai: true,
        remediation: "Set `kms_key_id` (CloudFormation: `KmsKeyId`) to a customer-managed KMS key; it can only be set when the domain is created.",
        references: [
            ("AWS: Protect data at rest using encryption (SageMaker)", "https://docs.aws.amazon.com/sagemaker/latest/dg/encryption-at-rest.html"),
            ("MITRE ATLAS AML.T0035: AI Artifact Collection", "https://atlas.mitre.org/techniques/AML.T0035"),
        ],
        compliance: [(MitreAtlas, "AML.T0035"), (NistAiRmf, "MEASURE 2.7")],
    }
    fn check(state, out) {
        for d in &state.aws.sagemaker.domains {
            if no_customer_key(&d.kms_key) {
                out.at_attr(&d.meta, &d.kms_key, "kms_key_id", format!("Studio domain storage: the domain {}", key_problem(&d.kms_key)));
            }
        }
    }
}

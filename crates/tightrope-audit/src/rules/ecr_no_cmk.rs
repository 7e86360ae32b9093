use crate::declare_rule;
use crate::rules::support::no_customer_key;

declare_rule! {
    /// ## What it does
    /// Flags ECR repositories not encrypted with a customer-managed KMS key: AES256 (the default),
    /// or `KMS` without a key, which uses the AWS-managed `aws/ecr` key.
    ///
    /// ## Why is this bad
    /// Repositories of training and serving images often embed model weights and code. With
    /// AES256, every principal with pull permission reads them; a KMS key adds an auditable,
    /// revocable decrypt permission.
    ///
    /// ## Example
    /// ```hcl
    /// resource "aws_ecr_repository" "inference" {
    ///   name = "inference"
    ///   # no encryption_configuration { encryption_type = "KMS" }
    /// }
    /// ```
    ///
    /// ## Remediation
    /// Set `encryption_configuration { encryption_type = "KMS", kms_key = aws_kms_key.k.arn }` when
    /// creating the repository (it cannot be changed afterwards).
    pub struct EcrNoCmk;
    meta {
        id: "TR-AWS-ECR-003",
        title: "ECR repository is not encrypted with a customer-managed KMS key",
        severity: Low,
        step: Audit,
        provider: "aws",
        service: "ecr",
        ai: false,
        remediation: "Create the repository with `encryption_configuration { encryption_type = \"KMS\", kms_key = <customer-managed key> }` (CloudFormation: `EncryptionConfiguration.EncryptionType: KMS`).",
        references: [
            ("AWS: Encryption at rest (Amazon ECR)", "https://docs.aws.amazon.com/AmazonECR/latest/userguide/encryption-at-rest.html"),
            ("OWASP LLM03: Supply Chain", "https://genai.owasp.org/llmrisk/llm032025-supply-chain/"),
            ("Trivy AWS-0033", "https://avd.aquasec.com/misconfig/aws/ecr/avd-aws-0033/"),
        ],
        compliance: [(OwaspLlm, "LLM03")],
    }
    fn check(state, out) {
        for r in &state.aws.containers.ecr_repositories {
            if r.encryption_type.eq_ignore_case("AES256") {
                out.at_attr(&r.meta, &r.encryption_type, "encryption_configuration.encryption_type", "repository is encrypted with AES256, not a KMS key");
            } else if r.encryption_type.eq_ignore_case("KMS") && no_customer_key(&r.kms_key) {
                out.at_attr(&r.meta, &r.kms_key, "encryption_configuration.kms_key", "repository uses KMS with the AWS-managed `aws/ecr` key, not a customer-managed key");
            }
        }
    }
}

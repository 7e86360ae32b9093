use crate::declare_rule;
use crate::rules::support::no_customer_key;

declare_rule! {
    /// ## What it does
    /// Flags EKS clusters without envelope encryption of Kubernetes secrets under a customer-managed
    /// KMS key.
    ///
    /// ## Why is this bad
    /// Kubernetes secrets (model-provider API keys, registry credentials, database passwords) are
    /// stored in etcd. Without a key of your own you cannot restrict or audit their decryption, nor
    /// revoke it by disabling the key. Newer EKS versions encrypt API data with an AWS-owned key by
    /// default, which offers none of this control.
    ///
    /// ## Example
    /// ```hcl
    /// resource "aws_eks_cluster" "ml" {
    ///   name     = "ml"
    ///   role_arn = aws_iam_role.cluster.arn
    ///   vpc_config { ... }
    ///   # no encryption_config
    /// }
    /// ```
    ///
    /// ## Remediation
    /// Add `encryption_config { resources = ["secrets"], provider { key_arn = aws_kms_key.eks.arn } }`.
    pub struct EksNoSecretsEncryption;
    meta {
        id: "TR-AWS-EKS-002",
        title: "EKS secrets are not encrypted with a customer-managed KMS key",
        severity: Medium,
        step: Audit,
        provider: "aws",
        service: "eks",
        ai: false,
        remediation: "Add `encryption_config { resources = [\"secrets\"] provider { key_arn = ... } }` (CloudFormation: `EncryptionConfig`).",
        references: [
            ("AWS: Encrypt Kubernetes secrets with KMS on existing clusters", "https://docs.aws.amazon.com/eks/latest/userguide/enable-kms.html"),
            ("Kubernetes: Good practices for Kubernetes Secrets", "https://kubernetes.io/docs/concepts/security/secrets-good-practices/"),
        ],
        compliance: [(MitreAtlas, "AML.T0055")],
    }
    fn check(state, out) {
        for c in &state.aws.containers.eks_clusters {
            if no_customer_key(&c.secrets_kms_key) {
                out.at_attr(&c.meta, &c.secrets_kms_key, "encryption_config", "Kubernetes secrets are not envelope-encrypted with a customer-managed KMS key");
            }
        }
    }
}

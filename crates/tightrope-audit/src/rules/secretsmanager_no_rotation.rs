use crate::declare_rule;
use crate::rules::support::stated;

declare_rule! {
    /// ## What it does
    /// Flags Secrets Manager secrets with no automatic rotation configured.
    ///
    /// ## Why is this bad
    /// A secret that never changes stays valid for as long as anyone who ever saw it (a former
    /// employee, a log line, a notebook output cell) keeps a copy.
    ///
    /// ## Example
    /// ```hcl
    /// resource "aws_secretsmanager_secret" "db" {
    ///   name = "prod/feature-store/db"
    ///   # no aws_secretsmanager_secret_rotation for it
    /// }
    /// ```
    ///
    /// ## Remediation
    /// Add an `aws_secretsmanager_secret_rotation` with a rotation Lambda and
    /// `rotation_rules { automatically_after_days = 30 }`.
    pub struct SecretsManagerNoRotation;
    meta {
        id: "TR-AWS-SECRETSMANAGER-001",
        title: "Secrets Manager secret is not rotated automatically",
        severity: Medium,
        step: Audit,
        provider: "aws",
        service: "secretsmanager",
        ai: false,
        remediation: "Add `aws_secretsmanager_secret_rotation` (CloudFormation: `AWS::SecretsManager::RotationSchedule`) with a schedule of 90 days or less.",
        references: [
            ("AWS: Rotate AWS Secrets Manager secrets", "https://docs.aws.amazon.com/secretsmanager/latest/userguide/rotating-secrets.html"),
        ],
    }
    fn check(state, out) {
        for s in &state.aws.secretsmanager.secrets {
            if s.rotation_enabled.is(&false) || s.rotation_enabled.is_absent() {
                out.at_attr(&s.meta, &s.rotation_enabled, "aws_secretsmanager_secret_rotation", format!("automatic rotation {}", stated(&s.rotation_enabled, "is not configured")));
            }
        }
    }
}

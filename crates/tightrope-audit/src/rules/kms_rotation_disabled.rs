use crate::declare_rule;
use crate::rules::support::stated;

declare_rule! {
    /// ## What it does
    /// Flags symmetric customer-managed KMS keys without automatic rotation (off by default).
    ///
    /// ## Why is this bad
    /// Without rotation the same key material protects data for years, widening what one leaked or
    /// cryptanalysed key exposes. Rotation is free of re-encryption work: old data stays readable.
    ///
    /// ## Example
    /// ```hcl
    /// resource "aws_kms_key" "models" {
    ///   description = "model artefacts"
    ///   # enable_key_rotation defaults to false
    /// }
    /// ```
    ///
    /// ## Remediation
    /// Set `enable_key_rotation = true` (optionally `rotation_period_in_days`).
    pub struct KmsRotationDisabled;
    meta {
        id: "TR-AWS-KMS-001",
        title: "KMS key rotation is not enabled",
        severity: Medium,
        step: Audit,
        provider: "aws",
        service: "kms",
        ai: false,
        remediation: "Set `enable_key_rotation = true` (CloudFormation: `EnableKeyRotation: true`) on symmetric encryption keys.",
        references: [
            ("CIS AWS Foundations Benchmark 3.6", "https://www.cisecurity.org/benchmark/amazon_web_services"),
            ("AWS: Rotate AWS KMS keys", "https://docs.aws.amazon.com/kms/latest/developerguide/rotate-keys.html"),
        ],
        compliance: [(CisAws, "3.6")],
    }
    fn check(state, out) {
        for k in &state.aws.kms.keys {
            // Only symmetric encryption keys rotate automatically; an unresolved spec is not guessed.
            let symmetric = k.key_spec.get().map_or(k.key_spec.is_absent(), |s| s.eq_ignore_ascii_case("SYMMETRIC_DEFAULT"));
            if symmetric && k.rotation_enabled.is(&false) {
                out.at_attr(&k.meta, &k.rotation_enabled, "enable_key_rotation", format!("automatic key rotation {}", stated(&k.rotation_enabled, "is disabled")));
            }
        }
    }
}

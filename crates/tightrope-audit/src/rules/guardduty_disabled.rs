use crate::declare_rule;

declare_rule! {
    /// ## What it does
    /// Flags GuardDuty detectors that are declared but disabled.
    ///
    /// ## Why is this bad
    /// GuardDuty is the account's managed threat detection: credential exfiltration from notebooks
    /// and training hosts, crypto-mining on GPU instances, anomalous S3 access to datasets. A
    /// disabled detector reports none of it.
    ///
    /// ## Example
    /// ```hcl
    /// resource "aws_guardduty_detector" "main" {
    ///   enable = false
    /// }
    /// ```
    ///
    /// ## Remediation
    /// Set `enable = true`, and enable the S3, EKS, runtime and malware protection features.
    pub struct GuardDutyDisabled;
    meta {
        id: "TR-AWS-GUARDDUTY-001",
        title: "GuardDuty detector is disabled",
        severity: Medium,
        step: Audit,
        provider: "aws",
        service: "guardduty",
        ai: false,
        remediation: "Set `enable = true` on the detector (CloudFormation: `Enable: true`) in every region, with S3, EKS and runtime protection.",
        references: [
            ("CIS AWS Foundations Benchmark 4.x (GuardDuty)", "https://www.cisecurity.org/benchmark/amazon_web_services"),
            ("AWS Foundational Security Best Practices GuardDuty.1", "https://docs.aws.amazon.com/securityhub/latest/userguide/guardduty-controls.html"),
            ("NIST AI RMF (MANAGE 4.1)", "https://www.nist.gov/itl/ai-risk-management-framework"),
        ],
        compliance: [(NistAiRmf, "MEASURE 2.7")],
    }
    fn check(state, out) {
        for d in &state.aws.guardduty.detectors {
            if d.enabled.is(&false) {
                out.at_attr(&d.meta, &d.enabled, "enable", "GuardDuty detector is disabled");
            }
        }
    }
}

use crate::declare_rule;

declare_rule! {
    /// ## What it does
    /// Flags SageMaker Studio domains that authenticate users with IAM instead of IAM Identity
    /// Center (SSO).
    ///
    /// ## Why is this bad
    /// With `IAM` auth mode every Studio user is an IAM principal that can call
    /// `CreatePresignedDomainUrl`; access is managed per IAM policy rather than per person, with no
    /// central MFA, session policy or joiner/leaver process, and presigned URLs can be shared.
    ///
    /// ## Example
    /// ```hcl
    /// resource "aws_sagemaker_domain" "studio" {
    ///   domain_name = "research"
    ///   auth_mode   = "IAM"
    ///   ...
    /// }
    /// ```
    ///
    /// ## Remediation
    /// Create the domain with `auth_mode = "SSO"` and assign users through IAM Identity Center.
    pub struct SageMakerDomainIamAuth;
    meta {
        id: "TR-AWS-SAGEMAKER-019",
        title: "SageMaker Studio domain uses IAM instead of SSO authentication",
        severity: Low,
        step: Audit,
        provider: "aws",
        service: "sagemaker",
        ai: true,
        remediation: "Use `auth_mode = \"SSO\"` (CloudFormation: `AuthMode: SSO`) so Studio users sign in through IAM Identity Center with its MFA and session controls. The auth mode cannot be changed in place: recreate the domain.",
        references: [
            ("AWS: Domain overview (IAM Identity Center or IAM authentication)", "https://docs.aws.amazon.com/sagemaker/latest/dg/gs-studio-onboard.html"),
            ("CIS AWS Foundations Benchmark 1.x (centralised identity)", "https://www.cisecurity.org/benchmark/amazon_web_services"),
            ("NIST AI RMF (GOVERN 1.6)", "https://www.nist.gov/itl/ai-risk-management-framework"),
        ],
        compliance: [(MitreAtlas, "AML.T0012"), (NistAiRmf, "MEASURE 2.7")],
    }
    fn check(state, out) {
        for d in &state.aws.sagemaker.domains {
            if d.auth_mode.eq_ignore_case("IAM") {
                out.at_attr(&d.meta, &d.auth_mode, "auth_mode", "Studio domain authenticates users with IAM, not IAM Identity Center");
            }
        }
    }
}

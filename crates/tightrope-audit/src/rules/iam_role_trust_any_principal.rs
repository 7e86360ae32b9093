use crate::declare_rule;

declare_rule! {
    /// ## What it does
    /// Flags IAM roles whose trust policy lets any principal (`"*"` or `{"AWS": "*"}`) assume the
    /// role without a condition.
    ///
    /// ## Why is this bad
    /// Anyone with an AWS account, anywhere, can then assume the role and use its permissions.
    ///
    /// ## Example
    /// ```hcl
    /// resource "aws_iam_role" "inference" {
    ///   name               = "inference"
    ///   assume_role_policy = jsonencode({
    ///     Version   = "2012-10-17"
    ///     Statement = [{ Effect = "Allow", Principal = { AWS = "*" }, Action = "sts:AssumeRole" }]
    ///   })
    /// }
    /// ```
    ///
    /// ## Remediation
    /// Name the service or account that should assume the role (for SageMaker,
    /// `{ Service = "sagemaker.amazonaws.com" }`), and for third parties add an `sts:ExternalId`
    /// condition.
    pub struct IamRoleTrustAnyPrincipal;
    meta {
        id: "TR-AWS-IAM-003",
        title: "IAM role can be assumed by any principal",
        severity: Critical,
        step: Audit,
        provider: "aws",
        service: "iam",
        ai: false,
        remediation: "Replace `Principal: \"*\"` in `assume_role_policy` with the specific service, account or role, and add conditions (`sts:ExternalId`, `aws:PrincipalOrgID`) for cross-account trust.",
        references: [
            ("AWS: Policy elements: Principal", "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html"),
            ("AWS: Security best practices in IAM", "https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html"),
        ],
        compliance: [(MitreAtlas, "AML.T0012")],
    }
    fn check(state, out) {
        for r in &state.aws.iam.roles {
            let Some(trust) = r.trust_policy.get() else { continue };
            if trust.allows().any(|s| s.any_principal() && s.condition.is_none()) {
                out.at_attr(&r.meta, &r.trust_policy, "assume_role_policy", "trust policy lets any principal assume the role, with no condition");
            }
        }
    }
}

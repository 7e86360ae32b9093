use crate::declare_rule;

declare_rule! {
    /// ## What it does
    /// Flags IAM users with policies attached directly (inline or managed) or with long-lived
    /// access keys.
    ///
    /// ## Why is this bad
    /// Permissions attached to individual users drift and are hard to review; access keys are
    /// long-lived credentials that end up in notebooks, `.env` files, CI variables and container
    /// images, and leak from there. Humans should sign in through federation or IAM Identity
    /// Center, and workloads should use roles.
    ///
    /// ## Example
    /// ```hcl
    /// resource "aws_iam_user" "ml_bot" {
    ///   name = "ml-bot"
    /// }
    ///
    /// resource "aws_iam_access_key" "ml_bot" {
    ///   user = aws_iam_user.ml_bot.name
    /// }
    /// ```
    ///
    /// ## Remediation
    /// Grant permissions through groups (or better, roles), and replace access keys with roles
    /// assumed by the workload (instance profiles, IRSA, OIDC federation for CI).
    pub struct IamUserDirectPermissions;
    meta {
        id: "TR-AWS-IAM-002",
        title: "IAM user has directly attached policies or access keys",
        severity: Medium,
        step: Audit,
        provider: "aws",
        service: "iam",
        ai: false,
        remediation: "Move the user's policies to a group or a role, and replace `aws_iam_access_key` with a role the workload assumes.",
        references: [
            ("CIS AWS Foundations Benchmark 1.15", "https://www.cisecurity.org/benchmark/amazon_web_services"),
            ("AWS: Security best practices in IAM", "https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html"),
            ("MITRE ATLAS AML.T0055: Unsecured Credentials", "https://atlas.mitre.org/techniques/AML.T0055"),
        ],
        compliance: [(CisAws, "1.15"), (MitreAtlas, "AML.T0055")],
    }
    fn check(state, out) {
        for u in &state.aws.iam.users {
            let policies = u.inline_policies.len() + u.managed_policies.len();
            if policies > 0 {
                out.at_resource(&u.meta, format!("user has {policies} policy(ies) attached directly instead of through a group or role"));
            }
            for key in &u.access_keys {
                out.push(&u.meta, key.origin.clone(), Some("aws_iam_access_key"), format!("user has a long-lived access key (`{}`)", key.address));
            }
        }
    }
}

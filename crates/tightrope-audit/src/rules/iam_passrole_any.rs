use crate::declare_rule;
use crate::rules::support::identity_policies;
use crate::rule::Findings;
use tightrope_core::Attr;
use tightrope_core::policy::PolicyDocument;
use tightrope_core::state::Meta;

/// An `Allow` statement granting `iam:PassRole` (by name or wildcard, not as part of `*`, which
/// TR-AWS-IAM-001 reports) on every resource.
fn passes_any_role(doc: &PolicyDocument) -> bool {
    doc.allows().any(|s| {
        s.on_all_resources()
            && s.resources.iter().any(|r| r == "*")
            && s.actions.iter().any(|a| a != "*" && tightrope_core::policy::action_matches(a, "iam:PassRole"))
    })
}

fn check_document(out: &mut Findings, owner: &Meta, doc: &Attr<PolicyDocument>, what: &str) {
    if doc.get().is_some_and(passes_any_role) {
        out.at_attr(owner, doc, "policy", format!("{what} allows `iam:PassRole` on every role (`Resource: \"*\"`)"));
    }
}

declare_rule! {
    /// ## What it does
    /// Flags IAM policies that allow `iam:PassRole` on resource `*`.
    ///
    /// ## Why is this bad
    /// Passing a role is how a principal hands permissions to a service. With `PassRole` on `*`,
    /// anyone who may create a SageMaker notebook or training job, a Bedrock agent, a Lambda
    /// function or an EC2 instance can attach the most powerful role in the account to it and run
    /// code as that role: a classic privilege escalation path.
    ///
    /// ## Example
    /// ```hcl
    /// resource "aws_iam_policy" "ml_pipeline" {
    ///   policy = jsonencode({
    ///     Version   = "2012-10-17"
    ///     Statement = [{ Effect = "Allow", Action = ["sagemaker:CreateTrainingJob", "iam:PassRole"], Resource = "*" }]
    ///   })
    /// }
    /// ```
    ///
    /// ## Remediation
    /// Restrict `iam:PassRole` to the ARNs of the execution roles the principal must pass, and add an
    /// `iam:PassedToService` condition.
    pub struct IamPassRoleAny;
    meta {
        id: "TR-AWS-IAM-005",
        title: "IAM policy allows iam:PassRole on any role",
        severity: High,
        step: Audit,
        provider: "aws",
        service: "iam",
        ai: false,
        remediation: "Scope `iam:PassRole` to specific role ARNs and add `\"Condition\": {\"StringEquals\": {\"iam:PassedToService\": \"sagemaker.amazonaws.com\"}}` (or the service concerned).",
        references: [
            ("AWS: Granting a user permissions to pass a role to an AWS service", "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_passrole.html"),
            ("Rhino Security Labs: AWS IAM privilege escalation methods", "https://rhinosecuritylabs.com/aws/aws-privilege-escalation-methods-mitigation/"),
            ("OWASP LLM06: Excessive Agency", "https://genai.owasp.org/llmrisk/llm062025-excessive-agency/"),
        ],
        compliance: [(OwaspLlm, "LLM06"), (MitreAtlas, "AML.T0012")],
    }
    fn check(state, out) {
        for (owner, doc, what) in identity_policies(state) {
            check_document(out, owner, doc, what);
        }
    }
}

use crate::declare_rule;
use crate::rule::Findings;
use tightrope_core::Attr;
use tightrope_core::policy::{Effect, PolicyDocument};
use tightrope_core::state::{LinkAttr, Meta};

/// AWS managed policies that grant `*` on `*`.
const ADMIN_MANAGED_POLICY: &str = ":policy/AdministratorAccess";

fn grants_star_on_star(doc: &PolicyDocument) -> bool {
    doc.statements.iter().any(|s| {
        s.effect == Effect::Allow
            && s.actions.iter().any(|a| a == "*")
            && s.resources.iter().any(|r| r == "*")
    })
}

/// Check one document; `owner` is the policy resource, or the principal for an inline block.
fn check_document(out: &mut Findings, owner: &Meta, doc: &Attr<PolicyDocument>, what: &str) {
    if doc.get().is_some_and(grants_star_on_star) {
        out.at_attr(
            owner,
            doc,
            "policy",
            format!("{what} allows action `*` on resource `*` (full administrator)"),
        );
    }
}

/// The policy resource's own meta when it has one (a separate resource), else the principal's.
fn owner<'a>(policy: &'a Meta, principal: &'a Meta) -> &'a Meta {
    if policy.address.is_empty() {
        principal
    } else {
        policy
    }
}

fn check_attachments(out: &mut Findings, principal: &Meta, attached: &[LinkAttr], kind: &str) {
    for p in attached {
        if p.get()
            .and_then(|l| l.as_literal())
            .is_some_and(|arn| arn.ends_with(ADMIN_MANAGED_POLICY))
        {
            out.at_attr(
                principal,
                p,
                "policy_arn",
                format!("{kind} has AdministratorAccess attached (action `*` on resource `*`)"),
            );
        }
    }
}

declare_rule! {
    /// ## What it does
    /// Flags IAM policies (managed, or inline on roles, users and groups) with an `Allow` statement
    /// for action `*` on resource `*`, and principals with the `AdministratorAccess` managed policy
    /// attached.
    ///
    /// ## Why is this bad
    /// Full administrator rights let whoever holds them, or steals them from a notebook, a pipeline
    /// or an agent's role, do anything in the account, including disabling logging and reading
    /// every dataset and model.
    ///
    /// ## Example
    /// ```hcl
    /// resource "aws_iam_policy" "ml_admin" {
    ///   name   = "ml-admin"
    ///   policy = jsonencode({
    ///     Version   = "2012-10-17"
    ///     Statement = [{ Effect = "Allow", Action = "*", Resource = "*" }]
    ///   })
    /// }
    /// ```
    ///
    /// ## Remediation
    /// Grant only the actions and resources the principal needs; use IAM Access Analyzer policy
    /// generation from CloudTrail activity to find them.
    pub struct IamAdminPolicy;
    meta {
        id: "TR-AWS-IAM-001",
        title: "IAM policy grants full administrator access (* on *)",
        severity: High,
        step: Audit,
        provider: "aws",
        service: "iam",
        ai: false,
        remediation: "Replace `Action: \"*\"` / `Resource: \"*\"` with the specific actions and resources needed (least privilege).",
        references: [
            ("CIS AWS Foundations Benchmark 1.16", "https://www.cisecurity.org/benchmark/amazon_web_services"),
            ("AWS: Security best practices in IAM (least privilege)", "https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html"),
            ("OWASP LLM06: Excessive Agency", "https://genai.owasp.org/llmrisk/llm062025-excessive-agency/"),
        ],
        compliance: [(CisAws, "1.16"), (OwaspLlm, "LLM06")],
    }
    fn check(state, out) {
        let iam = &state.aws.iam;
        for p in &iam.policies {
            check_document(out, &p.meta, &p.document, "managed policy");
        }
        for r in &iam.roles {
            for p in &r.inline_policies {
                check_document(out, owner(&p.meta, &r.meta), &p.document, "inline policy of a role");
            }
            check_attachments(out, &r.meta, &r.managed_policies, "role");
        }
        for u in &iam.users {
            for p in &u.inline_policies {
                check_document(out, owner(&p.meta, &u.meta), &p.document, "inline policy of a user");
            }
            check_attachments(out, &u.meta, &u.managed_policies, "user");
        }
        for g in &iam.groups {
            for p in &g.inline_policies {
                check_document(out, owner(&p.meta, &g.meta), &p.document, "inline policy of a group");
            }
            check_attachments(out, &g.meta, &g.managed_policies, "group");
        }
    }
}

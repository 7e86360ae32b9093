use crate::declare_rule;
use crate::rules::support::identity_policies;
use crate::rule::Findings;
use tightrope_core::Attr;
use tightrope_core::policy::PolicyDocument;
use tightrope_core::state::Meta;

/// AI service prefixes whose full wildcard (`<prefix>:*`) is flagged.
const AI_SERVICES: &[&str] = &["sagemaker", "bedrock", "bedrock-agent", "bedrock-agent-runtime", "bedrock-runtime", "bedrock-agentcore", "comprehend", "kendra", "q", "qbusiness"];

/// The first `Allow` action that grants a whole AI service (`sagemaker:*`, `bedrock*:*`).
fn ai_wildcard(doc: &PolicyDocument) -> Option<&str> {
    doc.allows().flat_map(|s| &s.actions).map(String::as_str).find(|a| {
        let Some((service, action)) = a.split_once(':') else { return false };
        let service = service.to_ascii_lowercase();
        action == "*" && (AI_SERVICES.contains(&service.as_str()) || (service.starts_with("bedrock") && service.ends_with('*')))
    })
}

fn check_document(out: &mut Findings, owner: &Meta, doc: &Attr<PolicyDocument>, what: &str) {
    if let Some(action) = doc.get().and_then(ai_wildcard) {
        out.at_attr(owner, doc, "policy", format!("{what} allows `{action}`: every action of an AI service"));
    }
}

declare_rule! {
    /// ## What it does
    /// Flags IAM policies (managed, or inline on roles, users and groups) that allow every action
    /// of an AI service: `sagemaker:*`, `bedrock:*`, `bedrock-agent:*`, `comprehend:*`, `kendra:*`.
    ///
    /// ## Why is this bad
    /// `sagemaker:*` includes creating notebooks and training jobs that run arbitrary code with any
    /// passable role, presigned Studio URLs and model deletion; `bedrock:*` includes deleting
    /// guardrails, changing invocation logging and invoking every model at your cost. The usual
    /// need is a handful of actions.
    ///
    /// ## Example
    /// ```hcl
    /// resource "aws_iam_policy" "ml" {
    ///   policy = jsonencode({
    ///     Version   = "2012-10-17"
    ///     Statement = [{ Effect = "Allow", Action = "sagemaker:*", Resource = "*" }]
    ///   })
    /// }
    /// ```
    ///
    /// ## Remediation
    /// List the specific actions (`bedrock:InvokeModel`, `sagemaker:InvokeEndpoint`, ...) and
    /// resources the principal needs.
    pub struct IamAiServiceWildcard;
    meta {
        id: "TR-AWS-IAM-004",
        title: "IAM policy allows every action of an AI service (sagemaker:*, bedrock:*)",
        severity: High,
        step: Audit,
        provider: "aws",
        service: "iam",
        ai: true,
        remediation: "Replace `sagemaker:*` / `bedrock:*` with the specific actions and resource ARNs the principal uses; IAM Access Analyzer can generate them from CloudTrail.",
        references: [
            ("AWS: Identity-based policy examples for Amazon Bedrock", "https://docs.aws.amazon.com/bedrock/latest/userguide/security_iam_id-based-policy-examples.html"),
            ("OWASP LLM06: Excessive Agency", "https://genai.owasp.org/llmrisk/llm062025-excessive-agency/"),
            ("MITRE ATLAS AML.T0012: Valid Accounts", "https://atlas.mitre.org/techniques/AML.T0012"),
        ],
        compliance: [(OwaspLlm, "LLM06"), (MitreAtlas, "AML.T0012")],
    }
    fn check(state, out) {
        for (owner, doc, what) in identity_policies(state) {
            check_document(out, owner, doc, what);
        }
    }
}

use crate::declare_rule;
use crate::rules::support::ai_service_principal;
use tightrope_core::policy::{PolicyDocument, Statement};

/// An account-wide AWS principal: a bare account id, an account root ARN, or `*`.
fn account_wide(p: &str) -> bool {
    p == "*" || p.ends_with(":root") || (p.len() == 12 && p.bytes().all(|b| b.is_ascii_digit()))
}

/// The statement trusts Bedrock without tying it to this account or a resource (confused deputy).
fn bedrock_without_source(s: &Statement) -> bool {
    let trusts_bedrock = s.principals.iter().any(|(k, v)| k == "Service" && v.iter().any(|p| p.eq_ignore_ascii_case("bedrock.amazonaws.com")));
    let cond = s.condition.as_ref().map(ToString::to_string).unwrap_or_default().to_ascii_lowercase();
    trusts_bedrock && !cond.contains("aws:sourceaccount") && !cond.contains("aws:sourcearn")
}

/// Why an AI execution role's trust policy is too broad, or `None` (also when it trusts no AI
/// service, so it is not an AI execution role).
fn too_broad(doc: &PolicyDocument) -> Option<String> {
    let allows: Vec<&Statement> = doc.allows().collect();
    let ai = allows.iter().any(|s| s.principals.iter().any(|(k, v)| k == "Service" && v.iter().any(|p| ai_service_principal(p))));
    if !ai {
        return None;
    }
    for s in &allows {
        if let Some(p) = s.principals.iter().filter(|(k, _)| k == "AWS" || k == "*").flat_map(|(_, v)| v).find(|p| account_wide(p)) {
            return Some(format!("it also trusts `{p}`, so any principal there with sts:AssumeRole can take the role"));
        }
        if bedrock_without_source(s) {
            return Some("it trusts bedrock.amazonaws.com without an aws:SourceAccount / aws:SourceArn condition (confused deputy)".into());
        }
    }
    None
}

declare_rule! {
    /// ## What it does
    /// Flags IAM roles trusted by an AI service (SageMaker, Bedrock, Comprehend, Kendra) whose trust
    /// policy also admits a whole account or everyone (`*`, `arn:aws:iam::<id>:root`, a bare
    /// account id), or trusts Bedrock without an `aws:SourceAccount` / `aws:SourceArn` condition.
    ///
    /// ## Why is this bad
    /// An AI execution role usually reads training data, model artifacts and knowledge bases. When
    /// a whole account may assume it, every user and workload there gets that data; when Bedrock may
    /// assume it on behalf of any account, another tenant's agent or job can act with it.
    ///
    /// ## Example
    /// ```hcl
    /// resource "aws_iam_role" "sagemaker" {
    ///   assume_role_policy = jsonencode({
    ///     Version = "2012-10-17"
    ///     Statement = [
    ///       { Effect = "Allow", Principal = { Service = "sagemaker.amazonaws.com" }, Action = "sts:AssumeRole" },
    ///       { Effect = "Allow", Principal = { AWS = "arn:aws:iam::123456789012:root" }, Action = "sts:AssumeRole" },
    ///     ]
    ///   })
    /// }
    /// ```
    ///
    /// ## Remediation
    /// Trust only the AI service, with `aws:SourceAccount` and `aws:SourceArn` conditions; give
    /// people and pipelines their own roles.
    pub struct IamAiRoleBroadTrust;
    meta {
        id: "TR-AWS-IAM-006",
        title: "AI execution role trusts too broadly",
        severity: High,
        step: Audit,
        provider: "aws",
        service: "iam",
        ai: true,
        remediation: "Limit the trust policy to the AI service principal with `\"Condition\": {\"StringEquals\": {\"aws:SourceAccount\": \"<account>\"}, \"ArnLike\": {\"aws:SourceArn\": \"<resource arn>\"}}`, and remove account-wide principals.",
        references: [
            ("AWS: Create a service role for Amazon Bedrock (trust relationship)", "https://docs.aws.amazon.com/bedrock/latest/userguide/model-customization-iam-role.html"),
            ("AWS: The confused deputy problem", "https://docs.aws.amazon.com/IAM/latest/UserGuide/confused-deputy.html"),
            ("OWASP LLM06: Excessive Agency", "https://genai.owasp.org/llmrisk/llm062025-excessive-agency/"),
            ("MITRE ATLAS AML.T0012: Valid Accounts", "https://atlas.mitre.org/techniques/AML.T0012"),
        ],
        compliance: [(OwaspLlm, "LLM06"), (MitreAtlas, "AML.T0012")],
    }
    fn check(state, out) {
        for r in &state.aws.iam.roles {
            if let Some(why) = r.trust_policy.get().and_then(too_broad) {
                out.at_attr(&r.meta, &r.trust_policy, "assume_role_policy", format!("AI execution role trusts too broadly: {why}"));
            }
        }
    }
}

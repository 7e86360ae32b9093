use crate::declare_rule;
use crate::rules::support::all_known;

declare_rule! {
    /// ## What it does
    /// When the configuration declares Bedrock resources (an agent, knowledge base, guardrail,
    /// custom model or model invocation logging), flags each CloudTrail trail that records no
    /// Bedrock data events (no data-event selector on a `AWS::Bedrock::*` resource type).
    ///
    /// ## Why is this bad
    /// Trails log management events only by default. Agent invocations, knowledge base
    /// retrievals and guardrail evaluations are data events: without them there is no record of
    /// who called an agent or queried a knowledge base, which is what an investigation of prompt
    /// injection, data exfiltration through an agent or runaway usage needs.
    ///
    /// ## Example
    /// ```hcl
    /// resource "aws_bedrockagent_agent" "support" { ... }
    ///
    /// resource "aws_cloudtrail" "main" {
    ///   name           = "main"
    ///   s3_bucket_name = "acme-cloudtrail-logs"
    ///   # management events only
    /// }
    /// ```
    ///
    /// ## Remediation
    /// Add an `advanced_event_selector` with `eventCategory = Data` and `resources.type` equal to
    /// the Bedrock types in use (`AWS::Bedrock::AgentAlias`, `AWS::Bedrock::KnowledgeBase`,
    /// `AWS::Bedrock::Guardrail`, `AWS::Bedrock::Model`, ...).
    pub struct CloudTrailNoBedrockDataEvents;
    meta {
        id: "TR-AWS-CLOUDTRAIL-004",
        title: "CloudTrail trail records no Bedrock data events",
        severity: Low,
        step: Audit,
        provider: "aws",
        service: "cloudtrail",
        ai: true,
        remediation: "Add an `advanced_event_selector` with `field_selector { field = \"eventCategory\", equals = [\"Data\"] }` and `field_selector { field = \"resources.type\", equals = [\"AWS::Bedrock::...\"] }` for each Bedrock resource type in use.",
        references: [
            ("AWS: Monitor Amazon Bedrock API calls using CloudTrail", "https://docs.aws.amazon.com/bedrock/latest/userguide/logging-using-cloudtrail.html"),
            ("AWS: Logging data events (CloudTrail)", "https://docs.aws.amazon.com/awscloudtrail/latest/userguide/logging-data-events-with-cloudtrail.html"),
            ("OWASP LLM06: Excessive Agency", "https://genai.owasp.org/llmrisk/llm062025-excessive-agency/"),
        ],
        compliance: [(OwaspLlm, "LLM06"), (NistAiRmf, "MEASURE 2.4"), (Iso42001, "A.6.2.8")],
    }
    fn check(state, out) {
        if !state.aws.bedrock.in_use() {
            return;
        }
        for t in &state.aws.cloudtrail.trails {
            let types = &t.data_event_resource_types;
            if all_known(types) && !types.iter().any(|r| r.get().is_some_and(|s| s.starts_with("AWS::Bedrock::"))) {
                out.push(&t.meta, t.meta.origin.clone(), Some("advanced_event_selector"), "Bedrock resources are declared but the trail records no Bedrock data events");
            }
        }
    }
}

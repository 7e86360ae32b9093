//! The Bedrock collector on responses shaped as AWS documents them (`tests/fixtures/bedrock`),
//! served over HTTP to the real SDK clients: moto 5.1 cannot serve guardrails, agents or custom
//! models to the current SDK (see the fixtures' README). Checks the typed state, the audit
//! findings on it, that nothing was recorded as not collected, and that every call is a listed
//! read.

use crate::common::replay::{self, Reply, Request};

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use tightrope_audit::{audit, AuditOptions};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/bedrock")
}

/// The fixture answering `method path` (query string dropped), if any.
fn fixture_for(method: &str, path: &str) -> Option<PathBuf> {
    let name = if path.starts_with("/custom-models/") {
        "GET_custom-models_claims".to_string()
    } else if path.starts_with("/model-customization-jobs/") {
        "GET_model-customization-jobs_claims".to_string()
    } else {
        format!("{method}{}", path.trim_end_matches('/').replace('/', "_"))
    };
    let file = fixtures().join(format!("{name}.json"));
    file.exists().then_some(file)
}

/// The fixture answering a request, or 404.
fn answer(r: &Request) -> Reply {
    match fixture_for(&r.method, r.path()) {
        Some(file) => ("200 OK", "application/json", std::fs::read_to_string(file).expect("fixture")),
        None => ("404 Not Found", "application/json", "{}".to_string()),
    }
}

#[test]
fn bedrock_is_read_into_the_typed_state_and_audited() {
    let (c, seen) = replay::collect(answer, "bedrock");

    let b = &c.state.aws.bedrock;
    assert_eq!((b.guardrails.len(), b.agents.len(), b.knowledge_bases.len(), b.custom_models.len(), b.invocation_logging.len()), (2, 2, 1, 1, 1));
    let strong = b.guardrails.iter().find(|g| g.name.get().map(String::as_str) == Some("support-strong")).expect("strong guardrail");
    assert!(strong.sensitive_information.is(&true) && strong.contextual_grounding.len() == 2 && !strong.kms_key.is_absent());
    let model = &b.custom_models[0];
    assert_eq!(model.role.get().and_then(|l| l.as_literal()), Some("arn:aws:iam::123456789012:role/bedrock-finetune"));
    assert!(model.in_vpc.is(&false) && model.kms_key.is_absent());
    assert_eq!(b.knowledge_bases[0].storage_type.get().map(String::as_str), Some("OPENSEARCH_SERVERLESS"));
    assert!(b.invocation_logging[0].text_data_delivery.is(&false) && !b.invocation_logging[0].s3_bucket.is_absent());

    let out = audit(&c.state, &AuditOptions::default());
    let found: BTreeSet<(String, String)> = out.findings.iter().map(|f| (f.rule_id.clone(), f.resource.address.rsplit(['/', ':']).next().unwrap_or_default().to_string())).collect();
    for (rule, name) in [
        ("TR-AWS-BEDROCK-001", "AGUNGUARD1"), // agent without a guardrail
        ("TR-AWS-BEDROCK-008", "x1claims7"),  // fine-tuned outside a VPC
        ("TR-AWS-BEDROCK-005", "model-invocation-logging"), // no text delivery
    ] {
        assert!(found.contains(&(rule.to_string(), name.to_string())), "expected {rule} on {name}: {found:#?}");
    }
    assert!(!found.iter().any(|(r, n)| r == "TR-AWS-BEDROCK-001" && n == "AGGUARDED1"), "{found:#?}");
    // The weak guardrail lets prompt attacks through; the strong one does not.
    let attack: Vec<_> = out.findings.iter().filter(|f| f.rule_id == "TR-AWS-BEDROCK-002").map(|f| f.resource.address.as_str()).collect();
    assert!(attack.iter().any(|a| a.ends_with("gr7weak01")) && !attack.iter().any(|a| a.ends_with("gr7strong")), "{attack:?}");
    assert!(out.not_evaluated.iter().all(|n| !n.rule_id.starts_with("TR-AWS-BEDROCK-")), "{:?}", out.not_evaluated);

    let requests: Vec<String> = seen.iter().map(|r| format!("{} {}", r.method, r.path())).collect();
    for expected in ["GET /guardrails/gr7strong", "POST /agents", "GET /agents/AGUNGUARD1", "POST /knowledgebases", "GET /logging/modelinvocations"] {
        assert!(requests.iter().any(|r| r.trim_end_matches('/') == expected), "{expected} not requested: {requests:#?}");
    }
}

//! The compliance summary renderers: table (no escapes without colour, hostile text cleaned), JSON
//! (counts and rows), and SARIF refused with a clear message.

use crate::common;

use common::{file, finding, rule};
use tightrope_core::{Severity, Step};
use tightrope_report::{ComplianceRow, ComplianceStatus, ComplianceSummary, Format, render_compliance};

fn summary<'a>(failing: &'a tightrope_core::Finding) -> ComplianceSummary<'a> {
    ComplianceSummary {
        framework: "owasp-llm",
        name: "OWASP Top 10 for LLM Applications 2025",
        min_severity: Severity::Low,
        rows: vec![
            ComplianceRow {
                id: "LLM02",
                title: "Sensitive Information Disclosure",
                status: ComplianceStatus::Fail,
                rules: vec!["TR-AWS-SAGEMAKER-001"],
                resources_evaluated: 3,
                failing: vec![failing],
            },
            ComplianceRow {
                id: "LLM03",
                title: "Supply Chain",
                status: ComplianceStatus::Pass,
                rules: vec!["TR-AWS-ECR-002"],
                resources_evaluated: 1,
                failing: vec![],
            },
            ComplianceRow {
                id: "LLM07",
                title: "System Prompt Leakage",
                status: ComplianceStatus::NotEvaluated,
                rules: vec![],
                resources_evaluated: 0,
                failing: vec![],
            },
        ],
    }
}

fn failing() -> tightrope_core::Finding {
    let r = rule("TR-AWS-SAGEMAKER-001", "Notebook has direct internet access", Severity::High, Step::Audit, true);
    finding(&r, "aws_sagemaker_notebook_instance.nb\u{1b}[31m", "aws_sagemaker_notebook_instance", file("main.tf", 3, 9), None, "direct internet")
}

#[test]
fn table_lists_status_rules_resources_and_failing_findings() {
    let f = failing();
    let text = render_compliance(Format::Table, &summary(&f), false).expect("table");
    assert!(text.starts_with("OWASP Top 10 for LLM Applications 2025 (owasp-llm): 1 pass, 1 fail, 1 not evaluated"), "{text}");
    assert!(text.contains("FAIL  LLM02  Sensitive Information Disclosure"), "{text}");
    assert!(text.contains("rules: TR-AWS-SAGEMAKER-001; 3 resources evaluated; 1 failing"), "{text}");
    assert!(text.contains("main.tf:3"), "{text}");
    assert!(text.contains("PASS  LLM03") && text.contains("1 resource evaluated"), "{text}");
    assert!(text.contains("no rule maps to this requirement"), "{text}");
    assert!(!text.contains('\u{1b}'), "no escape byte without colour: {text:?}");
}

#[test]
fn json_has_counts_and_rows() {
    let f = failing();
    let text = render_compliance(Format::Json, &summary(&f), false).expect("json");
    let v: serde_json::Value = serde_json::from_str(&text).expect("valid JSON");
    assert_eq!(v["framework"], "owasp-llm");
    assert_eq!(v["summary"], serde_json::json!({"pass": 1, "fail": 1, "not_evaluated": 1}));
    assert_eq!(v["requirements"][0]["status"], "fail");
    assert_eq!(v["requirements"][0]["failing"][0]["location"], "main.tf:3");
    assert_eq!(v["requirements"][2]["status"], "not_evaluated");
}

#[test]
fn sarif_is_refused_with_a_reason() {
    let f = failing();
    let err = render_compliance(Format::Sarif, &summary(&f), false).unwrap_err();
    assert!(err.contains("table or json"), "{err}");
}

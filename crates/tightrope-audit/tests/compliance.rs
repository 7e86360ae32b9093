//! `compliance::evaluate` over real scans of the rule fixtures: a requirement fails when a mapped
//! rule fires, passes when mapped rules ran over resources in scope without findings, and is "not
//! evaluated" when nothing in the scan was in scope.

use std::path::{Path, PathBuf};
use tightrope_audit::compliance::{self, Framework, Status};
use tightrope_audit::{AuditOptions, audit, rules};

fn fixture(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures")
        .join(rel)
}

fn evaluate(framework: Framework, rel: &str) -> Vec<compliance::RequirementResult> {
    let scan = tightrope_ingest::scan(&[fixture(rel)]);
    assert!(scan.errors.is_empty(), "{:?}", scan.errors);
    let outcome = audit(&scan.state, &AuditOptions::default());
    let active: Vec<_> = outcome.active(tightrope_core::Severity::Info).collect();
    compliance::evaluate(framework, &scan.state, rules::all(), &active)
}

fn status<'a>(
    results: &'a [compliance::RequirementResult],
    id: &str,
) -> &'a compliance::RequirementResult {
    results
        .iter()
        .find(|r| r.requirement.id == id)
        .unwrap_or_else(|| panic!("no requirement {id}"))
}

#[test]
fn public_bucket_fails_cis_gcp_5_1_and_others_are_not_evaluated() {
    let results = evaluate(Framework::CisGcp, "TR-GCP-GCS-002/fire.tf");
    let r51 = status(&results, "5.1");
    assert_eq!(r51.status, Status::Fail);
    assert!(
        r51.rules.contains(&"TR-GCP-GCS-002") && r51.rules.contains(&"TR-GCP-GCS-003"),
        "{:?}",
        r51.rules
    );
    assert_eq!(r51.resources_evaluated, 1, "one bucket in scope");
    assert!(r51.failing.iter().any(|f| f.rule_id == "TR-GCP-GCS-002"));
    // The fixture enables uniform access: 5.2 passes over the same bucket.
    assert_eq!(status(&results, "5.2").status, Status::Pass);
    // No compute instance or notebook in the scan.
    assert_eq!(status(&results, "4.9").status, Status::NotEvaluated);
}

#[test]
fn hardened_openai_account_passes_what_it_maps_to() {
    let results = evaluate(Framework::MitreAtlas, "TR-AZURE-COGNITIVE-001/pass.tf");
    assert_eq!(status(&results, "AML.T0040").status, Status::Pass);
    assert_eq!(status(&results, "AML.T0055").status, Status::Pass);
    let fire = evaluate(Framework::MitreAtlas, "TR-AZURE-COGNITIVE-001/fire.tf");
    assert_eq!(status(&fire, "AML.T0040").status, Status::Fail);
    // Requirements no rule in scope serves stay "not evaluated", never "pass".
    assert_eq!(status(&fire, "AML.T0051").status, Status::NotEvaluated);
}

#[test]
fn every_framework_has_requirements_and_mapped_rules() {
    for f in Framework::ALL {
        assert!(
            compliance::requirements(f).next().is_some(),
            "{f} has no requirement"
        );
        let mapped = rules::all()
            .iter()
            .filter(|r| r.meta().compliance.iter().any(|(g, _)| *g == f))
            .count();
        assert!(mapped > 0, "no rule maps to {f}");
    }
}

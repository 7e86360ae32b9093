//! Every rule has `fixtures/<RULE-ID>/fire.*` that raises it and `pass.*` that does not.

use std::path::{Path, PathBuf};
use tightrope_audit::{audit, rules, AuditOptions};

fn fixture(dir: &Path, stem: &str) -> Option<PathBuf> {
    std::fs::read_dir(dir).ok()?.filter_map(Result::ok).map(|e| e.path()).find(|p| p.file_stem().is_some_and(|s| s == stem))
}

#[test]
fn every_rule_fires_on_its_fire_fixture_and_not_on_its_pass_fixture() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    let mut failures = Vec::new();
    for rule in rules::all() {
        let id = rule.meta().id;
        let dir = root.join(id);
        let opts = AuditOptions { only: vec![id.to_string()], ..Default::default() };
        for (stem, want) in [("fire", true), ("pass", false)] {
            let Some(path) = fixture(&dir, stem) else {
                failures.push(format!("{id}: missing fixtures/{id}/{stem}.*"));
                continue;
            };
            let scan = tightrope_ingest::scan(std::slice::from_ref(&path));
            if !scan.errors.is_empty() {
                failures.push(format!("{id}: {stem} fixture has input errors: {:?}", scan.errors));
            }
            let fired = audit(&scan.state, &opts).findings.iter().any(|f| f.rule_id == id);
            if fired != want {
                failures.push(format!("{id}: {} {} fire", path.display(), if want { "did not" } else { "did" }));
            }
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

#[test]
fn rule_ids_are_unique_and_well_formed() {
    let mut ids: Vec<&str> = rules::all().iter().map(|r| r.meta().id).collect();
    for id in &ids {
        assert!(id.starts_with("TR-") && id.split('-').count() >= 3, "{id}");
    }
    let n = ids.len();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), n, "duplicate rule id");
}

#[test]
fn every_rule_documents_itself() {
    for rule in rules::all() {
        let m = rule.meta();
        for section in ["## What it does", "## Why is this bad", "## Example", "## Remediation"] {
            assert!(m.doc.contains(section), "{} lacks `{section}`", m.id);
        }
        assert!(!m.references.is_empty(), "{} has no references", m.id);
    }
}

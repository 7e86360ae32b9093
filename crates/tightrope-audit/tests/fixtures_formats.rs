//! Rules whose resources exist in several vocabularies have a fixture pair per format
//! (`fire.tf` / `pass.tf`, `fire.cfn.yaml` / `pass.cfn.yaml`); `fixtures.rs` checks the first pair
//! of each rule, this test checks every `fire.*` / `pass.*` file.

use std::path::Path;
use tightrope_audit::{AuditOptions, audit, rules};

#[test]
fn every_fixture_variant_fires_or_passes_as_named() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    let mut failures = Vec::new();
    let mut checked = 0;
    for rule in rules::all() {
        let id = rule.meta().id;
        let Ok(entries) = std::fs::read_dir(root.join(id)) else { continue };
        for path in entries.flatten().map(|e| e.path()) {
            let name = path.file_name().and_then(|n| n.to_str()).unwrap_or_default().to_string();
            let want = if name.starts_with("fire.") {
                true
            } else if name.starts_with("pass.") {
                false
            } else {
                continue;
            };
            checked += 1;
            let scan = tightrope_ingest::scan(std::slice::from_ref(&path));
            if !scan.errors.is_empty() {
                failures.push(format!("{id}/{name}: input errors {:?}", scan.errors));
            }
            let opts = AuditOptions {
                only: vec![id.to_string()],
                ..Default::default()
            };
            let fired = audit(&scan.state, &opts).findings.iter().any(|f| f.rule_id == id);
            if fired != want {
                failures.push(format!("{id}/{name} {} fire", if want { "did not" } else { "did" }));
            }
        }
    }
    assert!(checked > 0);
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

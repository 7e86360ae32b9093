//! Evaluation against Trivy's good / bad example snippets (`../shared/data/iac-trivy-check-examples`):
//! for every row of `eval/mapping.csv` with a Trivy id, each snippet of the check's examples file
//! (Terraform, CloudFormation, Kubernetes) is scanned on its own; a `bad` snippet must raise our
//! rule, a `good` one must not. Run with `--nocapture` for the table.

use crate::eval_support;

use eval_support::{Counts, mappings, report, run_rule, shared_data};
use saphyr::{LoadableYamlNode, Yaml};
use serde_json::Value;
use std::collections::BTreeMap;

/// The snippets of one examples file: (format section, `good`/`bad`, index, text).
fn snippets(text: &str) -> Vec<(String, bool, usize, String)> {
    let Ok(docs) = Yaml::load_from_str(text) else { return Vec::new() };
    let mut out = Vec::new();
    for doc in &docs {
        for section in ["terraform", "cloudformation", "kubernetes"] {
            for (kind, bad) in [("good", false), ("bad", true)] {
                let Some(list) = doc
                    .as_mapping_get(section)
                    .and_then(|s| s.as_mapping_get(kind))
                    .and_then(|l| l.as_vec())
                else {
                    continue;
                };
                for (i, item) in list.iter().enumerate() {
                    if let Some(s) = item.as_str() {
                        out.push((section.to_string(), bad, i, s.to_string()));
                    }
                }
            }
        }
    }
    out
}

#[test]
fn mapped_rules_agree_with_trivy_examples() {
    let Some(root) = shared_data("iac-trivy-check-examples") else {
        return;
    };
    let index: Value =
        serde_json::from_str(&std::fs::read_to_string(root.join("index.json")).expect("index.json")).expect("index.json is JSON");
    let checks = index.as_array().cloned().unwrap_or_default();
    let tmp = tempfile::tempdir().expect("temp dir");
    let mut per_rule = BTreeMap::new();
    for m in mappings().into_iter().filter(|m| !m.trivy.is_empty()) {
        let mut counts = Counts::default();
        let mut misses = Vec::new();
        for id in &m.trivy {
            let Some(examples) = checks
                .iter()
                .find(|c| c["id"].as_str() == Some(id))
                .and_then(|c| c["examples"].as_str())
            else {
                continue;
            };
            let Ok(text) = std::fs::read_to_string(root.join(examples)) else {
                continue;
            };
            for (section, bad, i, snippet) in snippets(&text) {
                let ext = if section == "terraform" { "tf" } else { "yaml" };
                let path = tmp
                    .path()
                    .join(format!("{id}-{section}-{}-{i}.{ext}", if bad { "bad" } else { "good" }));
                std::fs::write(&path, &snippet).expect("write snippet");
                let (findings, _) = run_rule(&m.rule, std::slice::from_ref(&path));
                let flagged = !findings.is_empty();
                counts.record(bad, flagged);
                if bad != flagged {
                    misses.push(format!(
                        "{} {id} {section} {} #{i}",
                        if bad { "FN" } else { "FP" },
                        if bad { "bad" } else { "good" }
                    ));
                }
                let _ = std::fs::remove_file(&path);
            }
        }
        per_rule.insert(m.rule.clone(), (m.trivy.join(" "), counts, misses));
    }
    let total = report("Trivy good/bad examples (iac-trivy-check-examples)", &per_rule);
    assert!(total.tp + total.fn_ > 0, "no bad snippet was evaluated");
    let (p, r) = (total.precision().unwrap_or(0.0), total.recall().unwrap_or(0.0));
    assert!(p >= FLOOR_PRECISION, "overall precision {p:.3} below {FLOOR_PRECISION}");
    assert!(r >= FLOOR_RECALL, "overall recall {r:.3} below {FLOOR_RECALL}");
}

/// Floors the overall numbers must not fall below (the goal is 0.95 / 0.90; every remaining miss is
/// explained in `eval/mapping.csv`).
const FLOOR_PRECISION: f64 = 0.95;
const FLOOR_RECALL: f64 = 0.90;

//! Escalation paths on BishopFox iam-vulnerable (`labels.csv`): recall over the exploitable
//! files, precision over every flagged labelled file.

use std::path::Path;
use tightrope_access::escalation;
use tightrope_access::model::{self, PLACEHOLDER_ACCOUNT};

#[test]
fn privesc_paths_recall_and_precision() {
    let set = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/data/iam-privesc-iam-vulnerable");
    if !set.exists() {
        eprintln!("skipping: ../shared/data/iam-privesc-iam-vulnerable not present");
        return;
    }
    let scan = tightrope_ingest::scan(&[set.clone()]);
    let account = model::from_state(&scan.state, PLACEHOLDER_ACCOUNT);
    let graph = escalation::build(&account);
    let paths = escalation::paths(&account, &graph);
    let labels = std::fs::read_to_string(set.join("labels.csv")).unwrap();
    let (mut tp, mut fp, mut fneg, mut tn) = (0, 0, 0, 0);
    let mut report = Vec::new();
    for line in labels.lines().skip(1) {
        let mut cols = line.splitn(3, ',');
        let (file, label) = (cols.next().unwrap(), cols.next().unwrap_or(""));
        let positive = label == "privesc-path" || label.starts_with("exploitable");
        let negative = label.starts_with("NOT exploitable");
        if !positive && !negative {
            continue;
        }
        let in_file: Vec<&str> = account
            .principals
            .iter()
            .filter(|p| p.origin.path().is_some_and(|f| f.ends_with(file)))
            .map(|p| p.arn.as_str())
            .collect();
        let flagged = paths
            .iter()
            .any(|p| p.to == "admin" && in_file.contains(&p.from.as_str()));
        match (positive, flagged) {
            (true, true) => tp += 1,
            (true, false) => {
                fneg += 1;
                report.push(format!("missed: {file}"));
            }
            (false, true) => {
                fp += 1;
                report.push(format!("false positive: {file}"));
            }
            (false, false) => tn += 1,
        }
    }
    let recall = tp as f64 / (tp + fneg) as f64;
    let precision = tp as f64 / (tp + fp).max(1) as f64;
    eprintln!(
        "iam-vulnerable: tp={tp} fn={fneg} fp={fp} tn={tn} recall={recall:.3} precision={precision:.3}"
    );
    for r in &report {
        eprintln!("  {r}");
    }
    assert!(recall >= 0.9, "recall {recall}");
    assert!(precision >= 0.95, "precision {precision}");
}

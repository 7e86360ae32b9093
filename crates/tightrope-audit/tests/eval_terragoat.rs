//! TerraGoat (`../shared/data/iac-terragoat`): for each row of `eval/mapping.csv` with Checkov ids,
//! which of the AWS resources Checkov reports (its README table, `checkov_findings.md`) our rule(s)
//! also report, and how many resources only we report. Run with `--nocapture` for the table that
//! `bench/results/audit.md` records. Checkov's table is its opinion, not ground truth, so only
//! agreement is asserted to exist, not to be complete.

use crate::eval_support;

use eval_support::{mappings, run_rule, shared_data};
use std::collections::BTreeSet;

/// (check id, resource) of every AWS row of Checkov's table.
fn checkov_rows(text: &str) -> Vec<(String, String)> {
    text.lines()
        .filter_map(|l| {
            let cells: Vec<&str> = l.split('|').map(str::trim).collect();
            // | idx | check_id | file | resource | check_name | guideline |
            let (id, file, resource) = (cells.get(2)?, cells.get(3)?, cells.get(4)?);
            (id.starts_with("CKV") && file.starts_with("/aws/")).then(|| (id.to_string(), resource.to_string()))
        })
        .collect()
}

#[test]
fn mapped_rules_report_what_checkov_reports_on_terragoat() {
    let Some(root) = shared_data("iac-terragoat") else { return };
    let text = std::fs::read_to_string(root.join("checkov_findings.md")).expect("checkov_findings.md");
    let rows = checkov_rows(&text);
    let aws = root.join("terraform/aws");
    let (mut agreed_total, mut checkov_total) = (0, 0);
    println!("\n### TerraGoat (terraform/aws): Checkov findings we also report\n");
    println!("| rule | Checkov ids | Checkov resources | we also report | only Checkov | only us |");
    println!("|---|---|---|---|---|---|");
    for m in mappings().into_iter().filter(|m| !m.checkov.is_empty()) {
        let theirs: BTreeSet<&str> = rows
            .iter()
            .filter(|(id, _)| m.checkov.contains(id))
            .map(|(_, r)| r.as_str())
            .collect();
        if theirs.is_empty() {
            continue;
        }
        let (findings, errors) = run_rule(&m.rule, std::slice::from_ref(&aws));
        assert_eq!(errors, 0, "TerraGoat input errors");
        let ours: BTreeSet<&str> = findings.iter().map(|f| f.resource.address.as_str()).collect();
        let agreed = theirs.intersection(&ours).count();
        let missed: Vec<&str> = theirs.difference(&ours).copied().collect();
        agreed_total += agreed;
        checkov_total += theirs.len();
        println!(
            "| {} | {} | {} | {agreed} | {} | {} |",
            m.rule,
            m.checkov.join(" "),
            theirs.len(),
            if missed.is_empty() { "–".to_string() } else { missed.join(", ") },
            ours.difference(&theirs).count()
        );
    }
    println!("| **total** | | {checkov_total} | {agreed_total} | | |");
    assert!(agreed_total > 0, "no agreement with Checkov at all");
}

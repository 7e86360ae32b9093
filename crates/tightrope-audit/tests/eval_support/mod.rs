//! Shared by `eval_checkov.rs` and `eval_trivy.rs`: the rule mapping table
//! (`eval/mapping.csv`), running one rule over a path, and precision / recall bookkeeping.

#![allow(dead_code)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use tightrope_audit::{AuditOptions, audit};
use tightrope_core::Finding;

/// The shared test data, or `None` (with a message) when it is not present.
pub fn shared_data(set: &str) -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data").join(set);
    if dir.is_dir() {
        Some(dir)
    } else {
        eprintln!("skipping: ../shared/data/{set} not present");
        None
    }
}

/// One row of `eval/mapping.csv`: our rule(s), the peer checks they correspond to, and a note.
#[derive(Debug, Clone)]
pub struct Mapping {
    /// One rule id, or several separated by spaces when together they cover the peer checks.
    pub rule: String,
    pub checkov: Vec<String>,
    pub trivy: Vec<String>,
    pub note: String,
}

/// Read `eval/mapping.csv` (`rule,checkov,trivy,note`; several ids in a cell are separated by
/// spaces; the note is the rest of the line, optionally quoted, and may contain commas).
pub fn mappings() -> Vec<Mapping> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("eval/mapping.csv");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let ids = |s: &str| s.split_whitespace().map(str::to_string).collect::<Vec<_>>();
    text.lines()
        .skip(1)
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|l| {
            let mut cells = l.splitn(4, ',');
            let mut next = || cells.next().unwrap_or_default().trim().to_string();
            let (rule, checkov, trivy, note) = (next(), next(), next(), next());
            Mapping {
                rule,
                checkov: ids(&checkov),
                trivy: ids(&trivy),
                note: note.trim_matches('"').to_string(),
            }
        })
        .collect()
}

/// The findings of the row's rule(s) over `paths`, and the number of input errors of the scan.
pub fn run_rule(rule: &str, paths: &[PathBuf]) -> (Vec<Finding>, usize) {
    let scan = tightrope_ingest::scan(paths);
    let only: Vec<String> = rule.split_whitespace().map(str::to_string).collect();
    let opts = AuditOptions {
        only: only.clone(),
        ..Default::default()
    };
    let findings = audit(&scan.state, &opts)
        .findings
        .into_iter()
        .filter(|f| only.contains(&f.rule_id))
        .collect();
    (findings, scan.errors.len())
}

/// True / false positives and negatives of one rule.
#[derive(Debug, Default, Clone, Copy)]
pub struct Counts {
    pub tp: usize,
    pub fp: usize,
    pub fn_: usize,
    pub tn: usize,
}

impl Counts {
    pub fn add(&mut self, o: Counts) {
        self.tp += o.tp;
        self.fp += o.fp;
        self.fn_ += o.fn_;
        self.tn += o.tn;
    }

    pub fn record(&mut self, expected_bad: bool, flagged: bool) {
        match (expected_bad, flagged) {
            (true, true) => self.tp += 1,
            (true, false) => self.fn_ += 1,
            (false, true) => self.fp += 1,
            (false, false) => self.tn += 1,
        }
    }

    /// `None` when nothing was flagged.
    pub fn precision(&self) -> Option<f64> {
        let p = self.tp + self.fp;
        (p > 0).then(|| self.tp as f64 / p as f64)
    }

    /// `None` when nothing should have been flagged.
    pub fn recall(&self) -> Option<f64> {
        let p = self.tp + self.fn_;
        (p > 0).then(|| self.tp as f64 / p as f64)
    }
}

fn pct(v: Option<f64>) -> String {
    v.map_or_else(|| "–".to_string(), |x| format!("{:.2}", x))
}

/// A Markdown table of per-rule counts and the overall (micro-averaged) line; returns the overall.
pub fn report(title: &str, per_rule: &BTreeMap<String, (String, Counts, Vec<String>)>) -> Counts {
    let mut total = Counts::default();
    println!("\n### {title}\n");
    println!("| rule | peer ids | TP | FP | FN | TN | precision | recall | misses |");
    println!("|---|---|---|---|---|---|---|---|---|");
    for (rule, (peers, c, misses)) in per_rule {
        total.add(*c);
        let m = if misses.is_empty() { String::new() } else { misses.join("; ") };
        println!(
            "| {rule} | {peers} | {} | {} | {} | {} | {} | {} | {m} |",
            c.tp,
            c.fp,
            c.fn_,
            c.tn,
            pct(c.precision()),
            pct(c.recall())
        );
    }
    println!(
        "| **overall** | | {} | {} | {} | {} | **{}** | **{}** | |",
        total.tp,
        total.fp,
        total.fn_,
        total.tn,
        pct(total.precision()),
        pct(total.recall())
    );
    total
}

//! Per-event evaluation on panther-analysis' labelled CloudTrail rule tests (537 events, 143 rules).
//!
//! ```text
//! cargo run --release -p tightrope-detect --example eval_panther -- \
//!     ../shared/data/cloudtrail-panther-rule-tests/panther_cloudtrail_rule_tests.jsonl.gz \
//!     ../shared/data/cloudtrail-sigma-aws-rules
//! ```
//! For each event: does a Sigma rule match, and does the anomaly detector flag it when the baseline
//! is every *other* event of the set (leave-one-out; event-level evidence combined by noisy-OR at
//! the default threshold 0.9)? Reported against the `expected_result` labels: true-labelled events
//! caught and false-labelled events flagged. A `false` label means "this Panther rule must not
//! fire", not "benign", so flags on false-labelled events are an upper bound on false positives.

use std::io::Read;
use tightrope_cloudtrail::{Event, Layout, read_bytes};
use tightrope_detect::sigma::SigmaSet;
use tightrope_detect::signal::combine;
use tightrope_detect::{Detector, Learner, Settings};

fn main() {
    let argv: Vec<String> = std::env::args().skip(1).collect();
    let (Some(tests), Some(rules)) = (argv.first(), argv.get(1)) else {
        eprintln!("usage: eval_panther TESTS.jsonl.gz SIGMA_RULES_DIR");
        std::process::exit(2);
    };
    let mut text = String::new();
    flate2::read::MultiGzDecoder::new(std::fs::File::open(tests).expect("open tests"))
        .read_to_string(&mut text)
        .expect("read tests");
    let (sigma, unsupported) = SigmaSet::load(std::path::Path::new(rules));
    struct Case {
        label: bool,
        event: Option<Event<'static>>,
        sigma: Vec<String>,
        sigma_medium: bool,
    }
    let mut cases = Vec::new();
    for line in text.lines() {
        let v: serde_json::Value = serde_json::from_str(line).expect("json line");
        let raw = v["log"].to_string();
        let mut case = Case {
            label: v["expected_result"].as_bool().unwrap_or(false),
            event: None,
            sigma: Vec::new(),
            sigma_medium: false,
        };
        read_bytes("panther", raw.as_bytes(), Layout::Lines, |r| {
            let hits = sigma.matches(&r.event, r.raw);
            case.sigma_medium = hits
                .iter()
                .any(|m| matches!(m.level.as_str(), "medium" | "high" | "critical"));
            case.sigma = hits.iter().map(|m| m.title.clone()).collect();
            case.event = Some(r.event.clone().into_owned());
        });
        cases.push(case);
    }
    let events: Vec<&Event<'static>> = cases.iter().filter_map(|c| c.event.as_ref()).collect();
    let settings = Settings::default();
    let mut anomaly = vec![false; cases.len()];
    for (i, c) in cases.iter().enumerate() {
        let Some(e) = &c.event else { continue };
        let mut l = Learner::new(300).without_forest();
        for other in &events {
            if !std::ptr::eq(*other, e) {
                l.observe(other);
            }
        }
        let model = l.finish();
        let mut d = Detector::new(&model, settings.clone());
        let s = combine(d.event_signals(e).iter().map(|s| s.strength));
        anomaly[i] = s >= settings.threshold;
    }
    let count = |label: bool, f: &dyn Fn(usize) -> bool| {
        cases
            .iter()
            .enumerate()
            .filter(|(i, c)| c.label == label && f(*i))
            .count()
    };
    let (pos, neg) = (
        cases.iter().filter(|c| c.label).count(),
        cases.iter().filter(|c| !c.label).count(),
    );
    let parsed = events.len();
    println!(
        "{} events ({pos} true-labelled, {neg} false-labelled), {parsed} parsed as CloudTrail; {} Sigma rules loaded, {} unsupported",
        cases.len(),
        sigma.rules.len(),
        unsupported.len()
    );
    println!("| detector | true-labelled caught | false-labelled flagged |");
    println!("|---|---|---|");
    let sig = |i: usize| !cases[i].sigma.is_empty();
    let sig_med = |i: usize| cases[i].sigma_medium;
    let ano = |i: usize| anomaly[i];
    let both = |i: usize| sig(i) || ano(i);
    for (name, f) in [
        ("Sigma, all levels", &sig as &dyn Fn(usize) -> bool),
        ("Sigma, medium and above", &sig_med),
        ("anomaly (leave-one-out)", &ano),
        ("Sigma (all levels) + anomaly", &both),
    ] {
        let (tp, fp) = (count(true, f), count(false, f));
        println!(
            "| {name} | {tp}/{pos} ({:.1}%) | {fp}/{neg} ({:.1}%) |",
            100.0 * tp as f64 / pos as f64,
            100.0 * fp as f64 / neg as f64
        );
    }
}

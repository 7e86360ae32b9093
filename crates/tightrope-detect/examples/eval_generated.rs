//! Detection rate at a fixed false-positive rate on the output of `gen_cloudtrail`.
//!
//! ```text
//! cargo run --release -p tightrope-detect --example eval_generated -- /tmp/ct [SIGMA_RULES_DIR]
//! ```
//! Learns on `<dir>/history`, scores every (identity, 5-minute window) of `<dir>/test` (Sigma rules
//! included when a directory is given), and compares with `<dir>/labels.json`. A window is positive
//! when it holds an injected attack event; an attack instance is detected when one of its windows
//! scores at or above the threshold. Thresholds are chosen on the negative windows for target
//! false-positive rates of 1 %, 0.1 % and 0.01 %; the default threshold is reported too.

use std::collections::BTreeMap;
use std::path::PathBuf;
use tightrope_detect::engine::{detect_paths, learn_paths};
use tightrope_detect::sigma::SigmaSet;
use tightrope_detect::{NoContext, Settings};

fn main() {
    let argv: Vec<String> = std::env::args().skip(1).collect();
    let dir = PathBuf::from(argv.first().expect("usage: eval_generated DIR [SIGMA_DIR]"));
    let sigma = argv
        .get(1)
        .map(|p| SigmaSet::load(std::path::Path::new(p)).0);
    let labels: Vec<serde_json::Value> = serde_json::from_str(
        &std::fs::read_to_string(dir.join("labels.json")).expect("labels.json"),
    )
    .expect("labels");
    let t0 = std::time::Instant::now();
    let (model, learned) = learn_paths(&[dir.join("history")], 300, sigma.as_ref(), &|| {});
    let t1 = std::time::Instant::now();
    let settings = Settings {
        threshold: 0.0,
        ..Settings::default()
    };
    let d = detect_paths(
        &[dir.join("test")],
        &model,
        sigma.as_ref(),
        &settings,
        &NoContext,
        &|| {},
    );
    let t2 = std::time::Instant::now();
    println!(
        "learned on {} events ({:.1}s), scored {} events ({:.1}s), {} windows",
        learned.events,
        (t1 - t0).as_secs_f64(),
        d.events,
        (t2 - t1).as_secs_f64(),
        d.alerts.len()
    );
    // Which windows are positive: same identity, overlapping an attack's time span.
    let attack_of = |a: &tightrope_detect::Alert| -> Option<usize> {
        labels.iter().position(|l| {
            l["identity"].as_str() == Some(a.identity.as_str())
                && a.start <= l["end"].as_i64().unwrap_or(0)
                && a.end >= l["start"].as_i64().unwrap_or(0)
        })
    };
    let mut negatives: Vec<f64> = Vec::new();
    let mut best: Vec<f64> = vec![0.0; labels.len()];
    for a in &d.alerts {
        match attack_of(a) {
            Some(i) => best[i] = best[i].max(a.anomaly),
            None => negatives.push(a.anomaly),
        }
    }
    negatives.sort_by(|a, b| b.total_cmp(a));
    // What drives the false positives at the default threshold (signal kinds, counted once per window).
    let mut kinds: BTreeMap<String, usize> = BTreeMap::new();
    for a in d
        .alerts
        .iter()
        .filter(|a| attack_of(a).is_none() && a.anomaly >= Settings::default().threshold)
    {
        let mut ks: Vec<String> = a
            .signals
            .iter()
            .map(|s| {
                if s.kind == tightrope_detect::SignalKind::Sigma {
                    s.value.chars().take(40).collect()
                } else {
                    format!("{:?}", s.kind)
                }
            })
            .collect();
        ks.sort();
        ks.dedup();
        *kinds.entry(ks.join("+")).or_default() += 1;
    }
    let mut kinds: Vec<_> = kinds.into_iter().collect();
    kinds.sort_by_key(|k| std::cmp::Reverse(k.1));
    println!(
        "negative windows at the default threshold by signal kinds: {:?}",
        &kinds[..kinds.len().min(8)]
    );
    let test_days = {
        let (lo, hi) = d.alerts.iter().fold((i64::MAX, i64::MIN), |(lo, hi), a| {
            (lo.min(a.start), hi.max(a.end))
        });
        ((hi - lo) as f64 / 86_400.0).max(1.0 / 24.0)
    };
    println!("| target FPR | threshold | actual FPR | false alerts/day | detected | per kind |");
    println!("|---|---|---|---|---|---|");
    for target in [0.01, 0.001, 0.0001, f64::NAN] {
        let threshold = if target.is_nan() {
            Settings::default().threshold
        } else {
            // Smallest threshold whose FPR stays within the target.
            let allowed = (target * negatives.len() as f64).floor() as usize;
            negatives.get(allowed).map_or(0.0, |s| s + 1e-9)
        };
        let fp = negatives.iter().filter(|&&s| s >= threshold).count();
        let mut per_kind: BTreeMap<String, (usize, usize)> = BTreeMap::new();
        for (l, s) in labels.iter().zip(&best) {
            let e = per_kind
                .entry(l["kind"].as_str().unwrap_or("?").to_string())
                .or_default();
            e.1 += 1;
            e.0 += usize::from(*s >= threshold);
        }
        let detected: usize = per_kind.values().map(|v| v.0).sum();
        println!(
            "| {} | {threshold:.4} | {:.4}% | {:.1} | {detected}/{} | {} |",
            if target.is_nan() {
                format!("default ({})", Settings::default().threshold)
            } else {
                format!("{}%", target * 100.0)
            },
            100.0 * fp as f64 / negatives.len().max(1) as f64,
            fp as f64 / test_days,
            labels.len(),
            per_kind
                .iter()
                .map(|(k, (d, n))| format!("{k} {d}/{n}"))
                .collect::<Vec<_>>()
                .join(", ")
        );
    }
    // One example reason per kind, for the report.
    for kind in [
        "llm-jacking",
        "credential-exfiltration",
        "guardrail-deletion",
        "training-data-change",
        "mass-s3-reads",
    ] {
        if let Some(a) = d
            .alerts
            .iter()
            .filter(|a| attack_of(a).is_some_and(|i| labels[i]["kind"] == kind))
            .max_by(|a, b| a.anomaly.total_cmp(&b.anomaly))
        {
            println!(
                "\n{kind}: anomaly {:.3}, risk {:.0}\n  - {}",
                a.anomaly,
                a.risk,
                a.reasons.join("\n  - ")
            );
        }
    }
}

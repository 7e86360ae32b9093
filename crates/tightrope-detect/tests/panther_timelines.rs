//! The two attack timelines of panther-analysis (real, third-party): learn on the victim's benign
//! history, then every attacker step must fall inside an alert that says why.

use crate::common;

use common::{data_set, events, scenario_jsonl};
use tightrope_cloudtrail::format_time;
use tightrope_detect::{Detector, NoContext, Settings, learn};

fn check(scenario: &str) {
    let Some(dir) = data_set("cloudtrail-panther-rule-tests") else {
        return;
    };
    let dir = dir.join("test_scenarios").join(scenario);
    let benign = events(&scenario_jsonl(&dir.join("victim_cloudtrail.yml")));
    let attack = events(&scenario_jsonl(&dir.join("attacker_cloudtrail.yml")));
    let model = learn(benign.iter(), 300);
    let mut d = Detector::new(&model, Settings::default());
    for e in &attack {
        d.observe(e, Vec::new());
    }
    let alerts = d.finish(&NoContext);
    for a in &alerts {
        eprintln!(
            "{} risk {:.0} {} {}..{}",
            a.severity.as_str(),
            a.risk,
            a.identity,
            format_time(a.start),
            format_time(a.end)
        );
        for r in &a.reasons {
            eprintln!("    {r}");
        }
    }
    for e in &attack {
        let t = e.time.unwrap();
        let hit = alerts
            .iter()
            .find(|a| a.identity == e.identity() && a.start <= t && t <= a.end);
        let hit = hit.unwrap_or_else(|| {
            panic!(
                "{scenario}: {} at {} not flagged",
                e.action(),
                format_time(t)
            )
        });
        assert!(!hit.reasons.is_empty() && !hit.techniques.is_empty());
    }
    // Benign history replayed against its own model raises nothing.
    let mut d = Detector::new(&model, Settings::default());
    for e in &benign {
        d.observe(e, Vec::new());
    }
    assert!(
        d.finish(&NoContext).is_empty(),
        "{scenario}: benign history flagged"
    );
}

#[test]
fn compromised_root_credentials_are_flagged_step_by_step() {
    check("compromised-root-creds");
}

#[test]
fn enrichment_example_attack_is_flagged_step_by_step() {
    check("enrichment-example");
}

//! The cloudmapper demo account (`GROUND_TRUTH.md`, from cloudmapper's `test_public.py`):
//! exactly three public nodes, an ECS task on port 443, a classic ELB and an ALB, with the
//! office CIDRs of `config.json.demo` trusted as cloudmapper does.

use crate::common;

use tightrope_reach::check::{self, AI_EXPOSED, EXPOSED};
use tightrope_reach::config::ReachConfig;

fn trusted(dir: &std::path::Path) -> Vec<String> {
    let text = std::fs::read_to_string(dir.join("config.json.demo")).unwrap();
    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
    v["cidrs"].as_object().unwrap().keys().cloned().collect()
}

#[test]
fn finds_exactly_the_three_public_nodes() {
    let Some(dir) = common::data("net-cloudmapper-demo-account") else {
        return;
    };
    let config = ReachConfig {
        trusted_cidrs: trusted(&dir),
        ..Default::default()
    };
    let m = common::model_of(&dir.join("account-data/demo/us-east-1"), &config);
    let findings = check::check(&m, &[]);
    let exposed: Vec<(&str, &str)> = findings
        .iter()
        .filter(|f| f.rule_id == EXPOSED || f.rule_id == AI_EXPOSED)
        .map(|f| (f.resource.address.as_str(), f.message.as_str()))
        .collect();
    let mut ids: Vec<&str> = exposed.iter().map(|(a, _)| *a).collect();
    ids.sort();
    assert_eq!(
        ids,
        [
            "arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/demo/qwerty",
            "eni-00000001",
            "weblb"
        ],
        "{exposed:#?}"
    );
    // The ECS task's interface is open on tcp 443 only (its SSH rule admits only the bastion group).
    let ecs = exposed
        .iter()
        .find(|(a, _)| *a == "eni-00000001")
        .unwrap()
        .1;
    assert!(ecs.contains("on tcp 443 from"), "{ecs}");
    // Every finding carries its path, hop by hop.
    assert!(findings.iter().all(|f| {
        f.evidence
            .as_deref()
            .is_some_and(|e| e.contains("security group ingress"))
    }));
}

#[test]
fn the_bastion_is_open_only_to_the_offices() {
    let Some(dir) = common::data("net-cloudmapper-demo-account") else {
        return;
    };
    let m = common::model_of(
        &dir.join("account-data/demo/us-east-1"),
        &ReachConfig::default(),
    );
    // Without trusted networks, the bastion is exposed on SSH to exactly the two office ranges.
    let bastion = m
        .endpoints
        .iter()
        .find(|e| e.name.starts_with("Bastion"))
        .unwrap();
    let (_, s) = check::exposure(&m, bastion).expect("bastion reachable from the offices");
    assert_eq!(s.describe_services(), "tcp 22");
    assert_eq!(
        s.describe_dimension(tightrope_reach::space::SRC),
        "1.1.1.1, 2.2.2.0-2.2.2.15"
    );
}

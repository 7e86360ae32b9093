//! Terraform and CloudFormation fixtures through the whole step: the network adapters, zones,
//! a question with its path, the policy check and the zone graph.

use std::path::{Path, PathBuf};
use tightrope_reach::check::{self, AI_EXPOSED, VIOLATION};
use tightrope_reach::cli::load;
use tightrope_reach::config::ReachConfig;
use tightrope_reach::model::Model;
use tightrope_reach::query::ask;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(name)
}

fn model(name: &str, config: &ReachConfig) -> Model {
    let loaded = load(&[fixture(name)], &[]);
    assert!(loaded.errors.is_empty(), "{:?}", loaded.errors);
    Model::build(&loaded.state, config)
}

const POLICY: &str = r#"
[reach]
policy = ["training -/-> prod", "serving <- internet only tcp/443 via load_balancer"]
"#;

#[test]
fn terraform_estate_zones_and_path() {
    let m = model("terraform", &ReachConfig::default());
    let zone = |name: &str| {
        m.endpoints
            .iter()
            .find(|e| e.name == name)
            .map(|e| e.zone.clone())
    };
    assert_eq!(zone("llm-trainer").as_deref(), Some("training"));
    assert_eq!(zone("prod-api").as_deref(), Some("prod"));
    assert_eq!(zone("serving").as_deref(), Some("serving"));

    // Peered VPCs: the trainer's group lets all out, the route goes over the peering both ways, the
    // app subnet's ACL denies tcp 22 before allowing the rest, and the api group admits 5432 from
    // the training VPC (22 from 10/8 too, but the ACL drops it; 8080 only from the lb group).
    let a = ask(&m, "llm-trainer", "prod-api", None).unwrap();
    let t = &a.pairs[0].trace;
    assert_eq!(t.allowed.describe_services(), "tcp 5432");
    let steps: Vec<&str> = t.hops.iter().map(|h| h.step.as_str()).collect();
    assert_eq!(
        steps,
        [
            "source",
            "security group egress",
            "route",
            "network ACL out",
            "network ACL in",
            "security group ingress",
            "return route",
            "destination"
        ]
    );
    assert!(
        t.hops[2]
            .detail
            .contains("aws_vpc_peering_connection.training_prod"),
        "{:?}",
        t.hops[2]
    );
    let acl_block = t
        .blocks
        .iter()
        .find(|b| b.component == "aws_network_acl.app")
        .expect("the ACL blocks ssh");
    assert_eq!(acl_block.space.describe_services(), "tcp 22");
    let origin = acl_block.origin.as_ref().unwrap();
    assert!(origin.path().unwrap().ends_with("main.tf") && origin.lines().is_some());
}

#[test]
fn terraform_policy_violations_and_exposure() {
    let config = ReachConfig::parse(POLICY).unwrap();
    let m = model("terraform", &config);
    let findings = check::check(&m, &config.policy_rules().unwrap());
    let violations: Vec<&str> = findings
        .iter()
        .filter(|f| f.rule_id == VIOLATION)
        .map(|f| f.message.as_str())
        .collect();
    assert!(
        violations
            .iter()
            .any(|v| v.contains("llm-trainer") && v.contains("prod-api") && v.contains("tcp 5432")),
        "{violations:#?}"
    );
    // The load balancer takes 80 as well as 443 from the internet.
    assert!(
        violations
            .iter()
            .any(|v| v.contains("(zone internet)") && v.contains("tcp 80")),
        "{violations:#?}"
    );
    let exposed: Vec<_> = findings
        .iter()
        .filter(|f| f.rule_id == AI_EXPOSED)
        .collect();
    assert_eq!(exposed.len(), 1);
    assert_eq!(exposed[0].resource.address, "aws_lb.serving");
    assert!(
        exposed[0].message.contains("tcp 80, 443"),
        "{}",
        exposed[0].message
    );

    let dot = tightrope_reach::dot::render(
        &check::zones(&m),
        &check::zone_flows(&m),
        &config.policy_rules().unwrap(),
    );
    assert!(
        dot.contains("\"training\" -> \"prod\" [label=\"tcp 5432\", color=red"),
        "{dot}"
    );
    assert!(dot.starts_with("digraph reach {"));
}

#[test]
fn cloudformation_lb_behind_an_acl() {
    let m = model("cloudformation", &ReachConfig::default());
    let lb = m
        .endpoints
        .iter()
        .find(|e| e.id == "InferenceLb")
        .expect("the load balancer is an endpoint");
    // The group admits 443 and 8080; the ACL admits only 443 in, and ephemeral tcp out for replies.
    let (_, exposed) = check::exposure(&m, lb).expect("exposed");
    assert_eq!(exposed.describe_services(), "tcp 443");
}

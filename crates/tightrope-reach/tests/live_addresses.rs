//! A live collection addresses resources by ARN while their links name IDs (`subnet-…`, `igw-…`),
//! as the API returns them. The same network must give the same answers either way: Batfish's
//! `hybrid-cloud-aws` snapshot is read once as is (IDs as addresses) and once with every address
//! rewritten to its ARN and saved as a snapshot file (what `tightrope collect aws` writes, read
//! back through `--iac`), and every endpoint pair is asked in both.

use crate::common;

use serde_json::Value;
use tightrope_core::CloudState;
use tightrope_store::Snapshot;
use tightrope_reach::api;
use tightrope_reach::config::ReachConfig;
use tightrope_reach::model::Model;
use tightrope_reach::query::ask;

/// An EC2 resource ID (`subnet-1641fa70`, `eni-822b55ac`).
fn is_id(s: &str) -> bool {
    s.split_once('-').is_some_and(|(kind, hex)| {
        kind.chars().all(|c| c.is_ascii_lowercase()) && hex.len() >= 8 && hex.chars().all(|c| c.is_ascii_hexdigit())
    })
}

/// Rewrite every `meta.address` under `v` that is an EC2 ID to
/// `arn:aws:ec2:us-west-2:123456789012:resource/<id>`.
fn to_arns(v: &mut Value) {
    match v {
        Value::Object(map) => {
            if let Some(Value::String(a)) = map.get_mut("meta").and_then(|m| m.get_mut("address"))
                && is_id(a)
            {
                *a = format!("arn:aws:ec2:us-west-2:123456789012:resource/{a}");
            }
            map.values_mut().for_each(to_arns);
        }
        Value::Array(items) => items.iter_mut().for_each(to_arns),
        _ => {}
    }
}

/// What `from` → `to` allows, per endpoint pair, in a comparable form.
fn answers(m: &Model, names: &[String]) -> Vec<String> {
    let mut out = Vec::new();
    for from in names {
        for to in names.iter().filter(|t| *t != from) {
            let a = ask(m, from, to, None).unwrap_or_else(|e| panic!("{from} -> {to}: {e}"));
            let allowed: Vec<String> = a.pairs.iter().map(|p| p.trace.allowed.describe_services()).collect();
            out.push(format!("{from} -> {to}: {allowed:?}"));
        }
    }
    out
}

#[test]
fn arn_addresses_with_id_links_give_the_same_answers() {
    let Some(dir) = common::data("net-batfish-hybrid-cloud-aws") else { return };
    let scan = api::read_paths(&[dir.join("networks/hybrid-cloud-aws/aws_configs/us-west-2")]);
    assert!(scan.errors.is_empty(), "{:?}", scan.errors);
    let by_id = Model::build(&scan.state, &ReachConfig::default());

    let mut json = serde_json::to_value(&scan.state).expect("state serialises");
    to_arns(&mut json);
    let live: CloudState = serde_json::from_value(json).expect("state deserialises");
    assert!(live.aws.network.subnets.iter().all(|s| s.meta.address.starts_with("arn:")));
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("live.snap.json");
    Snapshot::new(vec!["aws:account/123456789012".into()], 0, live, Vec::new(), Vec::new()).write_file(&file).expect("write snapshot");
    let loaded = tightrope_reach::cli::load(&[file], &[]);
    assert!(loaded.errors.is_empty(), "{:?}", loaded.errors);
    let by_arn = Model::build(&loaded.state, &ReachConfig::default());

    assert_eq!(by_arn.route_tables.len(), by_id.route_tables.len());
    let routed = |m: &Model| m.subnets.iter().filter(|s| s.route_table.is_some() && s.acl.is_some()).count();
    assert_eq!(routed(&by_arn), routed(&by_id), "subnets lost their route table or ACL");
    // Endpoints are asked for by ID in both models, as a user names them.
    let mut names: Vec<String> = by_id.endpoints.iter().map(|e| e.id.clone()).collect();
    names.push("internet".into());
    let (a, b) = (answers(&by_id, &names), answers(&by_arn, &names));
    assert!(a.iter().any(|l| !l.ends_with("[\"\"]") && !l.ends_with("[]")), "some pair must be reachable: {a:#?}");
    assert_eq!(a, b);
}

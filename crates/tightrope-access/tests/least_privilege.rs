//! Least privilege from activity on the Panther CloudTrail test events: every successful logged
//! request is allowed by the generated policy (checked with the engine), and nothing else on
//! another resource is.

use std::io::Read;
use std::path::Path;
use tightrope_access::activity::{Usage, generate};
use tightrope_access::engine::{Policy, PolicySet, Request, RequestPrincipal, evaluate};

#[test]
fn generated_policies_allow_every_logged_successful_request() {
    let set = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/data/cloudtrail-panther-rule-tests");
    if !set.exists() {
        eprintln!("skipping: ../shared/data/cloudtrail-panther-rule-tests not present");
        return;
    }
    // the set stores one test case per line with the CloudTrail event under `log`
    let mut text = String::new();
    flate2::read::MultiGzDecoder::new(
        std::fs::File::open(set.join("panther_cloudtrail_rule_tests.jsonl.gz")).unwrap(),
    )
    .read_to_string(&mut text)
    .unwrap();
    let records: Vec<serde_json::Value> = text
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter_map(|v| v.get("log").cloned())
        .collect();
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("trail.json");
    std::fs::write(&file, serde_json::json!({ "Records": records }).to_string()).unwrap();

    let (usage, stats) = Usage::read(&file);
    assert!(stats.events > 400, "{stats:?}");
    assert!(
        usage.principals.len() > 20,
        "{} principals",
        usage.principals.len()
    );
    let (mut checked, mut principals) = (0, 0);
    for (arn, u) in &usage.principals {
        if u.calls.is_empty() {
            continue;
        }
        principals += 1;
        let doc = generate::policy(&u.calls);
        let policy = Policy::parse("generated", &doc.to_string()).expect("generated policy parses");
        let who = RequestPrincipal::from_arn(arn);
        // only the identity side is generated: evaluate as a same-account request
        let set = PolicySet {
            identity: vec![&policy],
            resource_account: who.account.clone(),
            ..Default::default()
        };
        for (action, resource) in &u.calls {
            let d = evaluate(&set, &Request::new(who.clone(), action, resource));
            assert!(
                d.allowed(),
                "{arn}: {action} on {resource} not allowed by {doc}: {}",
                d.reason
            );
            checked += 1;
            // tight: no other resource, unless some call of this action had no known resource
            let unscoped = u.calls.iter().any(|(a, r)| a == action && r == "*");
            if !unscoped {
                let other =
                    Request::new(who.clone(), action, "arn:aws:s3:::tightrope-not-logged/x");
                assert!(
                    !evaluate(&set, &other).allowed(),
                    "{arn}: {action} allowed on an unlogged resource"
                );
            }
        }
    }
    eprintln!(
        "least privilege: {principals} principals, {checked} logged (action, resource) pairs all allowed; {} events skipped",
        usage.skipped
    );
    assert!(checked > 150);
}

//! Every published SigmaHQ CloudTrail rule loads or is reported as unsupported with a reason, and
//! loaded rules fire on the events they describe.

use std::path::{Path, PathBuf};
use tightrope_cloudtrail::{Layout, read_bytes};
use tightrope_detect::sigma::SigmaSet;

fn rules_dir() -> Option<PathBuf> {
    let p = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/data/cloudtrail-sigma-aws-rules");
    if p.exists() {
        Some(p)
    } else {
        eprintln!("skipping: ../shared/data/cloudtrail-sigma-aws-rules not present");
        None
    }
}

#[test]
fn every_rule_loads_or_says_why() {
    let Some(dir) = rules_dir() else { return };
    let (set, unsupported) = SigmaSet::load(&dir);
    for u in &unsupported {
        eprintln!("unsupported: {}: {}", u.path, u.reason);
        assert!(!u.reason.is_empty());
    }
    eprintln!(
        "{} loaded, {} unsupported",
        set.rules.len(),
        unsupported.len()
    );
    let unindexed: Vec<&str> = set.unindexed().map(|r| r.title.as_str()).collect();
    eprintln!("evaluated on every event (no eventName selection): {unindexed:?}");
    // Rules with `not` filters, modifiers on eventName or no eventName at all (14 of 57 today).
    assert!(unindexed.len() <= 14, "{unindexed:?}");
    assert_eq!(set.rules.len() + unsupported.len(), 58);
    assert!(set.rules.len() >= 55, "{} loaded", set.rules.len());
}

#[test]
fn guardrail_deletion_rule_fires_only_on_deletion() {
    let Some(dir) = rules_dir() else { return };
    let (set, _) = SigmaSet::load(&dir);
    let event = |name: &str| {
        format!(
            r#"{{"eventSource":"bedrock.amazonaws.com","eventName":"{name}","eventTime":"2024-05-01T12:00:00Z","userIdentity":{{"type":"IAMUser","arn":"arn:aws:iam::1:user/a"}},"requestParameters":{{"guardrailIdentifier":"g1"}}}}"#
        )
    };
    let mut hits = Vec::new();
    for name in ["DeleteGuardrail", "GetGuardrail"] {
        let raw = event(name);
        read_bytes("t", raw.as_bytes(), Layout::Lines, |r| {
            hits.push((
                name,
                set.matches(&r.event, r.raw)
                    .iter()
                    .map(|m| m.title.clone())
                    .collect::<Vec<_>>(),
            ));
        });
    }
    assert!(
        hits[0].1.iter().any(|t| t.contains("Guardrail")),
        "{hits:?}"
    );
    assert!(hits[1].1.is_empty(), "{hits:?}");
}

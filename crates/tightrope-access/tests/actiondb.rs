//! The action database loads from the real `iam-action-database` tarball through `update_from`.

use std::path::{Path, PathBuf};
use tightrope_access::actiondb::{AccessLevel, ActionDb, ActionSet};
use tightrope_access::risk::Risk;

pub fn shared(set: &str) -> Option<PathBuf> {
    let p = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/data")
        .join(set);
    if p.exists() {
        Some(p)
    } else {
        eprintln!("skipping: ../shared/data/{set} not present");
        None
    }
}

#[test]
fn update_from_tarball_then_expand_and_classify() {
    let Some(set) = shared("iam-action-database") else {
        return;
    };
    let tmp = tempfile::tempdir().unwrap();
    let cache = tmp.path().join("iam");
    let n = tightrope_access::update::update_from(&set.join("iam-data.tar.gz"), &cache).unwrap();
    assert!(n > 1000, "{n} files");
    let db = ActionDb::load(&cache).unwrap();
    assert!(db.service_count() > 400 && db.action_count() > 20_000);
    let gets = db.expand("s3:Get*");
    assert!(gets.len() > 50 && gets.iter().all(|a| a.id.starts_with("s3:Get")));
    assert!(gets.iter().any(|a| a.id == "s3:GetObject"));
    assert_eq!(
        db.get("IAM:passrole").map(|a| a.access),
        Some(AccessLevel::Write)
    );
    assert_eq!(
        db.get("iam:PutRolePolicy").map(|a| a.access),
        Some(AccessLevel::PermissionsManagement)
    );
    assert!(
        db.get("iam:PassRole")
            .unwrap()
            .risks
            .contains(&Risk::PrivilegeEscalation)
    );
    assert_eq!(db.condition_type("iam:AssociatedResourceArn"), Some("ARN"));
    assert!(db.expand("*").len() == db.action_count());
    // a bit set of actions: `*` covers all, explicit names and patterns add up, risks are unioned
    let mut all = ActionSet::new(&db);
    all.add_pattern(&db, "*");
    assert_eq!(all.len(), db.action_count());
    let mut some = ActionSet::new(&db);
    some.add_pattern(&db, "s3:Get*");
    some.add_pattern(&db, "IAM:passrole");
    some.add_pattern(&db, "s3:GetObject"); // already covered by s3:Get*
    some.add_pattern(&db, "nosuch:Action");
    assert_eq!(some.len(), gets.len() + 1);
    assert!(some.risks().risks().any(|r| r == Risk::PrivilegeEscalation));

    // `update` wrote the compact index; without it the upstream files give the same database
    assert!(cache.join("index.json").is_file());
    std::fs::remove_file(cache.join("index.json")).unwrap();
    let upstream = ActionDb::load(&cache).unwrap();
    let rows = |d: &ActionDb| -> Vec<(String, AccessLevel, Vec<String>, Vec<Risk>)> {
        d.all().map(|a| (a.id.clone(), a.access, a.resource_types.clone(), a.risks.clone())).collect()
    };
    assert_eq!(rows(&db), rows(&upstream));
    assert_eq!(upstream.condition_type("iam:AssociatedResourceArn"), Some("ARN"));
    // an index of another format is ignored, not misread
    std::fs::write(cache.join("index.json"), r#"{"format": 999, "services": {}, "condition_types": {}}"#).unwrap();
    assert_eq!(ActionDb::load(&cache).unwrap().action_count(), db.action_count());
    // a second update over an existing cache replaces it
    tightrope_access::update::update_from(&set.join("iam-data.tar.gz"), &cache).unwrap();
}

#[test]
fn missing_database_is_a_clear_error() {
    let tmp = tempfile::tempdir().unwrap();
    let err = ActionDb::load(tmp.path()).unwrap_err().to_string();
    assert!(err.contains("tightrope update iam"), "{err}");
}

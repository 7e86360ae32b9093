//! The same data in PostgreSQL and SQLite answers the same: findings queries, alert triage, tokens,
//! the audit log, baselines with their hash check. Runs against a real server named by
//! TIGHTROPE_TEST_POSTGRES_URL (`.ci/postgres.sh` starts one); skips, saying so, when it is unset.

use crate::common;

use common::*;
use serde_json::Value;
use tightrope_store::{Snapshot, Store, StoreError};

/// A fresh schema in the test database, and a URL whose connections use it.
fn fresh_schema(base: &str, name: &str) -> String {
    let mut client = postgres::Client::connect(base, postgres::NoTls).expect("connect to TIGHTROPE_TEST_POSTGRES_URL");
    let schema = format!("t_{name}_{}", std::process::id());
    client
        .batch_execute(&format!("DROP SCHEMA IF EXISTS {schema} CASCADE; CREATE SCHEMA {schema};"))
        .expect("create schema");
    let sep = if base.contains('?') { '&' } else { '?' };
    format!("{base}{sep}options=-csearch_path%3D{schema}")
}

fn postgres_url(name: &str) -> Option<String> {
    match std::env::var("TIGHTROPE_TEST_POSTGRES_URL") {
        Ok(url) if !url.is_empty() => Some(fresh_schema(&url, name)),
        _ => {
            eprintln!("skipping: TIGHTROPE_TEST_POSTGRES_URL is not set (start a server with `.ci/postgres.sh`)");
            None
        }
    }
}

#[test]
fn postgres_and_sqlite_answer_the_same() {
    let Some(url) = postgres_url("parity") else { return };
    let pg = start(args(&url, None), tempfile::tempdir().expect("tempdir"));
    let lite = sqlite_server();
    for s in [&pg, &lite] {
        let store = Store::open_location(s.app_db().as_deref()).expect("store");
        let snap = Snapshot::new(vec!["t".into()], 0, Default::default(), vec![], vec![]);
        store.save_baseline("before", &snap, false).expect("baseline");
        record_scan(&store, 10);
        record_scan(&store, 2000);
        let (status, body) = send(s, "POST", "/api/alerts/20/status", Some(&s.admin), r#"{"status":"resolved"}"#);
        assert_eq!(status, 200, "{body}");
    }
    let strip = |mut v: Value| {
        // Times and ids of the scans differ between the two stores; the rest must not.
        for key in ["updated_at", "created_at", "saved_at", "at", "sha256", "scan_id"] {
            strip_key(&mut v, key);
        }
        v
    };
    for path in [
        "/api/findings?severity=critical,high&limit=100",
        "/api/findings?q=b12&sort=resource&order=desc",
        "/api/findings?step=detect&ai=true&offset=10&limit=25",
        "/api/findings?rule=TR-AWS-S3-00&sort=rule&limit=7&offset=1990",
        "/api/alerts",
        "/api/alerts?status=resolved",
        "/api/baselines",
    ] {
        let a = strip(get_json(&pg, path, &pg.viewer));
        let b = strip(get_json(&lite, path, &lite.viewer));
        assert_eq!(a, b, "{path}");
    }
    let log = get_json(&pg, "/api/audit-log", &pg.admin);
    assert_eq!(log["entries"][0]["action"], "alert.status");
    assert_eq!(get(&pg, "/api/summary", Some("trs_wrong")).0, 401);
    assert_eq!(send(&pg, "DELETE", "/api/baselines/before", Some(&pg.viewer), "").0, 403);
}

fn strip_key(v: &mut Value, key: &str) {
    match v {
        Value::Object(o) => {
            o.remove(key);
            for x in o.values_mut() {
                strip_key(x, key);
            }
        }
        Value::Array(a) => a.iter_mut().for_each(|x| strip_key(x, key)),
        _ => {}
    }
}

#[test]
fn postgres_migrates_once_and_detects_tampering() {
    let Some(url) = postgres_url("store") else { return };
    // Two stores opening a fresh database at once migrate it once.
    let (a, b) = std::thread::scope(|sc| {
        let a = sc.spawn(|| Store::open_location(Some(&url)));
        let b = sc.spawn(|| Store::open_location(Some(&url)));
        (a.join().expect("thread"), b.join().expect("thread"))
    });
    let store = a.expect("first open");
    b.expect("second open");
    let snap = Snapshot::new(vec!["infra/".into()], 1, Default::default(), vec![], vec![]);
    store.save_baseline("prod", &snap, false).expect("save");
    assert!(matches!(store.save_baseline("prod", &snap, false), Err(StoreError::BaselineExists(_))));
    let (_, loaded) = store.load_baseline("prod").expect("load");
    assert_eq!(loaded, snap);
    let mut client = postgres::Client::connect(&url, postgres::NoTls).expect("connect");
    let versions: i64 = client.query_one("SELECT count(*) FROM tightrope_schema", &[]).expect("schema").get(0);
    assert_eq!(versions, tightrope_store::postgres::MIGRATIONS.len() as i64);
    client.execute("UPDATE baselines SET sha256 = repeat('0', 64) WHERE name = 'prod'", &[]).expect("tamper");
    assert!(matches!(store.load_baseline("prod"), Err(StoreError::Tampered { .. })));
    // The password of a URL never appears in messages.
    let err = Store::open_location(Some("postgres://u:hunter2@127.0.0.1:1/x")).expect_err("no server on port 1");
    assert!(!err.to_string().contains("hunter2"), "{err}");
}

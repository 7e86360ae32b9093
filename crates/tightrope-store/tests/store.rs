//! Store behaviour: migrations, round trips, corrupt and foreign files, tampering, transactions.

use rusqlite::Connection;
use std::path::Path;
use tightrope_core::state::Meta;
use tightrope_core::state::aws::s3::Bucket;
use tightrope_core::{Attr, CloudState, Finding, Origin, ResourceRef, Severity, Step};
use tightrope_store::migrations::{APPLICATION_ID, LATEST};
use tightrope_store::{Snapshot, Store, StoreError};

fn state(buckets: usize) -> CloudState {
    let mut s = CloudState::default();
    for i in 0..buckets {
        s.aws.s3.buckets.push(Bucket {
            meta: Meta {
                address: format!("aws_s3_bucket.b{i}"),
                kind: "aws_s3_bucket".into(),
                ..Default::default()
            },
            versioning: Attr::explicit(i % 2 == 0, Origin::Unknown),
            ..Default::default()
        });
    }
    s
}

fn finding(rule: &str, address: &str, severity: Severity) -> Finding {
    Finding {
        rule_id: rule.into(),
        title: "t".into(),
        severity,
        step: Step::Audit,
        ai: false,
        resource: ResourceRef {
            address: address.into(),
            kind: "aws_s3_bucket".into(),
        },
        location: Origin::Unknown,
        attribute: None,
        message: "m".into(),
        evidence: None,
        remediation: "r".into(),
        references: vec![],
        suppressed: None,
    }
}

fn snapshot() -> Snapshot {
    let findings = vec![
        finding("TR-AWS-S3-001", "aws_s3_bucket.b0", Severity::High),
        finding("TR-AWS-S3-005", "aws_s3_bucket.b1", Severity::Low),
    ];
    Snapshot::new(vec!["infra/".into()], 3, state(3), findings, vec![])
}

fn user_version(path: &Path) -> i64 {
    Connection::open(path)
        .unwrap()
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap()
}

#[test]
fn creates_migrates_and_reopens_in_wal_mode() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("sub/dir/t.db");
    drop(Store::open(&path).unwrap());
    assert_eq!(user_version(&path), LATEST);
    let conn = Connection::open(&path).unwrap();
    let mode: String = conn
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .unwrap();
    assert_eq!(mode, "wal");
    let app: i64 = conn
        .query_row("PRAGMA application_id", [], |r| r.get(0))
        .unwrap();
    assert_eq!(app, APPLICATION_ID);
    drop(conn);
    // Reopening an up-to-date database changes nothing.
    Store::open(&path).unwrap();
    assert_eq!(user_version(&path), LATEST);
}

#[test]
fn baseline_round_trip_and_history() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("t.db")).unwrap();
    let snap = snapshot();
    let saved = store.save_baseline("prod", &snap, false).unwrap();
    assert_eq!(saved.scan.counts.high, 1);
    let (info, loaded) = store.load_baseline("prod").unwrap();
    assert_eq!(loaded, snap);
    assert_eq!(info.sha256, saved.sha256);
    assert!(matches!(
        store.save_baseline("prod", &snap, false),
        Err(StoreError::BaselineExists(_))
    ));
    store.save_baseline("prod", &snap, true).unwrap();
    store.record_scan(&snap, Some("prod")).unwrap();
    store.record_scan(&snap, None).unwrap();
    assert_eq!(store.history(Some("prod")).unwrap().len(), 3);
    assert_eq!(store.history(None).unwrap().len(), 4);
    assert_eq!(store.list_baselines().unwrap().len(), 1);
    assert!(store.delete_baseline("prod").unwrap());
    assert!(!store.delete_baseline("prod").unwrap());
    assert!(matches!(
        store.load_baseline("prod"),
        Err(StoreError::NoSuchBaseline(_))
    ));
    assert_eq!(
        store.history(None).unwrap().len(),
        4,
        "deleting a name keeps the history"
    );
}

#[test]
fn documents_round_trip() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("t.db")).unwrap();
    let v = serde_json::json!({"model": [1, 2, 3], "labels": {"email": "pii"}});
    store.put_document("detect-model", "acct-1", &v).unwrap();
    store
        .put_document("detect-model", "acct-1", &serde_json::json!({"v": 2}))
        .unwrap();
    store.put_document("detect-model", "acct-0", &v).unwrap();
    assert_eq!(
        store.get_document("detect-model", "acct-1").unwrap(),
        Some(serde_json::json!({"v": 2}))
    );
    assert_eq!(store.get_document("other", "acct-1").unwrap(), None);
    let names: Vec<_> = store
        .list_documents("detect-model")
        .unwrap()
        .into_iter()
        .map(|d| d.name)
        .collect();
    assert_eq!(names, ["acct-0", "acct-1"]);
    assert!(store.delete_document("detect-model", "acct-0").unwrap());
    assert!(!store.delete_document("detect-model", "acct-0").unwrap());
}

#[test]
fn tampered_baseline_is_detected() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("t.db");
    let store = Store::open(&path).unwrap();
    store.save_baseline("prod", &snapshot(), false).unwrap();
    drop(store);
    // Replace the stored snapshot with a different (validly compressed) one, as an editor would.
    let mut other = snapshot();
    other.state.aws.s3.buckets.pop();
    let forged = {
        use std::io::Write;
        let mut e = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::fast());
        e.write_all(&other.to_canonical_json()).unwrap();
        e.finish().unwrap()
    };
    Connection::open(&path)
        .unwrap()
        .execute("UPDATE scans SET snapshot = ?1", [forged])
        .unwrap();
    let store = Store::open(&path).unwrap();
    let err = store.load_baseline("prod").unwrap_err();
    assert!(matches!(err, StoreError::Tampered { .. }), "{err}");
    assert!(err.to_string().contains("baseline `prod`"), "{err}");

    // Garbage instead of zlib data is a decode error, not a panic.
    Connection::open(&path)
        .unwrap()
        .execute("UPDATE scans SET snapshot = x'00010203'", [])
        .unwrap();
    assert!(matches!(
        store.load_baseline("prod"),
        Err(StoreError::Decode { .. })
    ));
}

#[test]
fn tampered_document_is_detected() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("t.db");
    let store = Store::open(&path).unwrap();
    store
        .put_document("labels", "x", &serde_json::json!({"a": 1}))
        .unwrap();
    Connection::open(&path)
        .unwrap()
        .execute("UPDATE documents SET value = '{\"a\":2}'", [])
        .unwrap();
    assert!(matches!(
        store.get_document("labels", "x"),
        Err(StoreError::Tampered { .. })
    ));
}

#[test]
fn corrupt_file_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("t.db");
    std::fs::write(
        &path,
        b"this is not a database, just text that is long enough to have a header....".repeat(100),
    )
    .unwrap();
    let before = std::fs::read(&path).unwrap();
    let err = Store::open(&path).unwrap_err();
    assert!(matches!(err, StoreError::NotADatabase { .. }), "{err}");
    assert!(
        err.to_string().contains("not a tightrope database"),
        "{err}"
    );
    assert_eq!(
        std::fs::read(&path).unwrap(),
        before,
        "the file is left untouched"
    );
}

#[test]
fn truncated_database_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("t.db");
    let store = Store::open(&path).unwrap();
    for i in 0..5 {
        store
            .save_baseline(&format!("b{i}"), &snapshot(), false)
            .unwrap();
    }
    drop(store);
    let bytes = std::fs::read(&path).unwrap();
    // Keep the header page only, and scribble over the schema page.
    let mut cut = bytes[..bytes.len().min(4096)].to_vec();
    for b in cut.iter_mut().skip(100) {
        *b = 0xA5;
    }
    std::fs::write(&path, &cut).unwrap();
    let _ = std::fs::remove_file(path.with_extension("db-wal"));
    match Store::open(&path) {
        Err(e) => assert!(
            matches!(e, StoreError::NotADatabase { .. } | StoreError::Sqlite(_)),
            "{e}"
        ),
        Ok(s) => assert!(
            s.list_baselines().is_err(),
            "a damaged database cannot look healthy"
        ),
    }
}

#[test]
fn foreign_sqlite_is_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("other.db");
    let conn = Connection::open(&path).unwrap();
    conn.execute_batch("CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT); INSERT INTO customers (name) VALUES ('x');").unwrap();
    drop(conn);
    let err = Store::open(&path).unwrap_err();
    assert!(matches!(err, StoreError::Foreign { .. }), "{err}");
    let conn = Connection::open(&path).unwrap();
    let v: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    let n: i64 = conn
        .query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get(0))
        .unwrap();
    assert_eq!((v, n), (0, 1), "nothing was added to the foreign database");
}

#[test]
fn newer_schema_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("t.db");
    drop(Store::open(&path).unwrap());
    Connection::open(&path)
        .unwrap()
        .execute_batch(&format!("PRAGMA user_version = {}", LATEST + 1))
        .unwrap();
    let err = Store::open(&path).unwrap_err();
    assert!(matches!(err, StoreError::TooNew { .. }), "{err}");
}

#[test]
fn failed_save_leaves_nothing_behind() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("t.db");
    let store = Store::open(&path).unwrap();
    // Make the last insert of the transaction (the baseline row) fail.
    Connection::open(&path)
        .unwrap()
        .execute_batch("CREATE TRIGGER no_baselines BEFORE INSERT ON baselines BEGIN SELECT RAISE(ABORT, 'refused'); END;")
        .unwrap();
    assert!(store.save_baseline("prod", &snapshot(), false).is_err());
    assert!(
        store.history(None).unwrap().is_empty(),
        "the scan row was rolled back"
    );
    let n: i64 = Connection::open(&path)
        .unwrap()
        .query_row("SELECT count(*) FROM findings", [], |r| r.get(0))
        .unwrap();
    assert_eq!(n, 0, "the finding rows were rolled back");
}

#[test]
fn snapshot_files_are_recognised_by_content() {
    let dir = tempfile::tempdir().unwrap();
    let snap = snapshot();
    let path = dir.path().join("snap.json");
    snap.write_file(&path).unwrap();
    assert!(tightrope_store::is_snapshot_file(&path));
    assert_eq!(Snapshot::read_file(&path).unwrap(), snap);
    let plan = dir.path().join("plan.json");
    std::fs::write(
        &plan,
        br#"{"format_version": "1.2", "tightrope_snapshot": 1}"#,
    )
    .unwrap();
    assert!(
        !tightrope_store::is_snapshot_file(&plan),
        "the marker must be the first key"
    );
    assert!(!tightrope_store::is_snapshot_file(dir.path()));
    let newer = dir.path().join("newer.json");
    std::fs::write(&newer, br#"{"tightrope_snapshot": 99}"#).unwrap();
    let err = Snapshot::read_file(&newer).unwrap_err().to_string();
    assert!(err.contains("newer"), "{err}");
    let bad = dir.path().join("bad.json");
    std::fs::write(&bad, b"{\"tightrope_snapshot\": 1, \"state\": [").unwrap();
    assert!(Snapshot::read_file(&bad).is_err());
}

#[test]
fn concurrent_writers_wait_for_each_other() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("t.db");
    let handles: Vec<_> = (0..4)
        .map(|t| {
            let path = path.clone();
            std::thread::spawn(move || {
                let store = Store::open(&path).unwrap();
                for i in 0..5 {
                    store
                        .save_baseline(&format!("t{t}-{i}"), &snapshot(), false)
                        .unwrap();
                }
            })
        })
        .collect();
    for h in handles {
        h.join().unwrap();
    }
    let store = Store::open(&path).unwrap();
    assert_eq!(store.list_baselines().unwrap().len(), 20);
}

fn ingested(object: &str, events: i64, at: &str) -> tightrope_store::IngestedObject {
    tightrope_store::IngestedObject {
        object: object.into(),
        notified_at: Some("2026-12-05T10:00:00Z".into()),
        ingested_at: at.into(),
        worker: "test".into(),
        events,
        bad_records: 0,
        alerts: 1,
    }
}

#[test]
fn an_ingested_object_is_recorded_once_with_its_alerts() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("t.db")).unwrap();
    let object = "s3://trail/AWSLogs/1/CloudTrail/us-east-1/2026/12/05/a.json.gz#e1";
    let alert = tightrope_store::IngestedAlert {
        object: object.into(),
        seq: 0,
        identity: "arn:aws:iam::1:user/alice".into(),
        severity: "high".into(),
        risk: 71.5,
        start: "2026-12-05T09:59:00Z".into(),
        end: "2026-12-05T09:59:30Z".into(),
        alert: serde_json::json!({"reasons": ["first time"]}),
    };
    assert!(!store.is_ingested(object).unwrap());
    assert!(store
        .record_ingested(&ingested(object, 10, "2026-12-05T10:00:02.5Z"), std::slice::from_ref(&alert))
        .unwrap());
    // A redelivery: nothing written, not even the alerts again.
    assert!(!store
        .record_ingested(&ingested(object, 10, "2026-12-05T10:05:00Z"), &[alert.clone(), alert.clone()])
        .unwrap());
    assert!(store.is_ingested(object).unwrap());
    assert_eq!(store.ingested_alerts(10).unwrap(), vec![alert]);
    let totals = store.ingestion_totals().unwrap();
    assert_eq!((totals.objects, totals.events, totals.alerts), (1, 10, 1));
    assert_eq!(totals.last_lag_seconds, Some(2.5));
    assert_eq!(store.ingested_objects(5).unwrap()[0].ingested_at, "2026-12-05T10:00:02.5Z");
}

//! Workers against a local emulator (moto): S3 announces new CloudTrail objects on SQS, three tasks
//! share the queue, every object is scored into the store exactly once, a duplicate delivery is
//! skipped, an unreadable message stays for the dead-letter queue, and no call outside the
//! published worker policy is made. Over SQLite, and PostgreSQL when TIGHTROPE_TEST_POSTGRES_URL is
//! set. Skips, saying so, when moto_server is not installed.

mod common;

use common::*;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;
use tightrope_aws::calls::CallLog;
use tightrope_detect::cli::{ModelArgs, ScoreArgs, Scoring};
use tightrope_sqs::{Connection, Worker, WorkerOptions};
use tightrope_store::{DbArgs, Store};

const OBJECTS: usize = 12;

async fn run_worker(trail: &Trail, db: &DbArgs, dir: &std::path::Path, log: &CallLog, concurrency: usize) -> tightrope_sqs::stats::Summary {
    let (model, rules) = model_and_rules(dir);
    let scoring = Scoring::load(
        &ModelArgs { model: Some(model), name: "default".into(), db: db.clone() },
        &ScoreArgs { sigma: Some(rules), threshold: 0.9, ..ScoreArgs::default() },
    )
    .expect("scoring");
    let conn = Connection {
        region: Some("us-east-1".into()),
        endpoint_url: Some(trail.moto.endpoint.clone()),
        ..Default::default()
    };
    let (sqs, s3) = tightrope_sqs::clients(&conn, &trail.queue_url, log).await;
    let opts = WorkerOptions {
        queue_url: trail.queue_url.clone(),
        concurrency,
        wait_seconds: 1,
        visibility_timeout: 30,
        exit_when_empty: true,
        max_object_bytes: 1 << 20,
        debug_delay: Duration::ZERO,
    };
    Worker::new(sqs, s3, opts, Arc::new(scoring), db.clone()).run().await.unwrap_or_else(|e| panic!("worker run: {e:#}"))
}

/// Blocking store calls (the PostgreSQL client runs its own runtime) stay outside the async parts.
fn every_object_once(db: DbArgs) {
    let rt = tokio::runtime::Runtime::new().expect("runtime");
    let Some(trail) = rt.block_on(Trail::start()) else { return };
    let dir = tempfile::tempdir().expect("tempdir");
    rt.block_on(trail.upload(OBJECTS));
    let log = CallLog::default();
    let summary = rt.block_on(run_worker(&trail, &db, dir.path(), &log, 3));
    assert_eq!(summary.objects, OBJECTS as u64, "{summary}");
    assert_eq!(summary.events, events_in(OBJECTS) as u64, "{summary}");
    assert_eq!(summary.failed, 0, "{summary}");

    let store = db.open().expect("store");
    let totals = store.ingestion_totals().expect("totals");
    assert_eq!(totals.objects, OBJECTS as i64);
    assert_eq!(totals.events, events_in(OBJECTS), "every event scored exactly once");
    assert!(totals.last_lag_seconds.is_some(), "lag from the notification eventTime: {:?}", store.ingested_objects(1));
    let objects: Vec<String> = store.ingested_objects(100).expect("objects").iter().map(|o| without_etag(&o.object)).collect();
    let mut unique = objects.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), OBJECTS, "one row per object: {objects:?}");
    let sigma: Vec<String> = objects_with_sigma_alerts(&store).iter().map(|o| without_etag(o)).collect();
    assert_eq!(sigma, planted_keys(OBJECTS), "the planted StopLogging of each planted object, and nothing else, alerts");
    assert_eq!(rt.block_on(trail.queued()), (0, 0), "every message deleted");

    // Every call a worker made is in the published policy.
    for ((service, op), n) in log.snapshot() {
        assert!(
            tightrope_sqs::policy::PERMISSIONS.iter().any(|p| p.service == service && p.operation == op),
            "worker called {service}:{op} ({n}×), which docs/permissions-ingest.json does not grant"
        );
    }

    // A duplicate delivery of an ingested object and an unreadable message.
    let etag = store.ingested_objects(100).expect("objects").into_iter().find(|o| o.object.contains("_obj0.json.gz")).expect("object 0").object;
    let etag = etag.split_once('#').map(|(_, e)| e.to_string()).unwrap_or_default();
    rt.block_on(trail.send(&notification(0, &etag)));
    rt.block_on(trail.send("this is not a notification"));
    let again = rt.block_on(run_worker(&trail, &db, dir.path(), &CallLog::default(), 1));
    assert_eq!((again.objects, again.duplicates, again.failed, again.messages), (0, 1, 1, 1), "{again}");
    let totals = store.ingestion_totals().expect("totals");
    assert_eq!((totals.objects, totals.events), (OBJECTS as i64, events_in(OBJECTS)), "nothing scored twice");
    assert_eq!(rt.block_on(trail.queued()).1, 1, "the unreadable message is left for the redrive policy");
}

#[test]
fn sqlite_every_object_scored_exactly_once() {
    let dir = tempfile::tempdir().expect("tempdir");
    every_object_once(DbArgs { db: Some(dir.path().join("t.db")) });
}

#[test]
fn postgres_every_object_scored_exactly_once() {
    let base = match std::env::var("TIGHTROPE_TEST_POSTGRES_URL") {
        Ok(url) if !url.is_empty() => url,
        _ => {
            eprintln!("skipping: TIGHTROPE_TEST_POSTGRES_URL is not set (start a server with `.ci/postgres.sh`)");
            return;
        }
    };
    let schema = format!("t_sqs_{}", std::process::id());
    let mut client = postgres::Client::connect(&base, postgres::NoTls).expect("connect");
    client
        .batch_execute(&format!("DROP SCHEMA IF EXISTS {schema} CASCADE; CREATE SCHEMA {schema};"))
        .expect("schema");
    let sep = if base.contains('?') { '&' } else { '?' };
    let url = format!("{base}{sep}options=-csearch_path%3D{schema}");
    assert!(Store::open_location(Some(&url)).is_ok());
    every_object_once(DbArgs { db: Some(PathBuf::from(url)) });
}

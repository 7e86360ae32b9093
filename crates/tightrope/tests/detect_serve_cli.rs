//! `tightrope detect serve` as processes on one queue and one store (moto + SQLite): a worker
//! killed with SIGKILL mid-batch loses nothing and duplicates nothing; Ctrl-C stops a worker
//! cleanly. Skips, saying so, when moto_server is not installed.

#![cfg(feature = "aws")]

use crate::sqs_common as common;

use common::*;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};
use tightrope_store::Store;

fn worker(trail: &Trail, db: &Path, dir: &Path, extra: &[&str]) -> Command {
    let (model, rules) = model_and_rules(dir);
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_tightrope"));
    cmd.args(["detect", "serve", "--sqs-queue", &trail.queue_url, "--endpoint-url", &trail.moto.endpoint])
        .args(["--region", "us-east-1", "--wait-seconds", "1", "--visibility-timeout", "4", "--threshold", "0.9"])
        .arg("--model")
        .arg(model)
        .arg("--sigma")
        .arg(rules)
        .arg("--db")
        .arg(db)
        .args(extra)
        .env("AWS_ACCESS_KEY_ID", "testing")
        .env("AWS_SECRET_ACCESS_KEY", "testing")
        .env_remove("AWS_PROFILE")
        .stdout(Stdio::null())
        .stderr(Stdio::piped());
    cmd
}

/// The number before `what` in a worker's closing summary (0 when absent).
fn count(out: &Output, what: &str) -> u64 {
    let err = String::from_utf8_lossy(&out.stderr);
    let Some(line) = err.lines().rev().find(|l| l.starts_with("detect serve: ") && l.contains(what)) else {
        return 0;
    };
    line.split(", ")
        .flat_map(|part| part.split(" ("))
        .find_map(|part| part.trim().strip_suffix(what).and_then(|n| n.trim().parse().ok()))
        .unwrap_or(0)
}

fn finish(child: Child) -> Output {
    let out = child.wait_with_output().expect("wait for worker");
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    out
}

fn wait_until(what: &str, limit: Duration, mut done: impl FnMut() -> bool) {
    let deadline = Instant::now() + limit;
    while !done() {
        assert!(Instant::now() < deadline, "timed out waiting until {what}");
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// Drain what is left, until the queue is empty (in-flight messages of a dead worker reappear after
/// the visibility timeout). Returns the drain workers' outputs.
fn drain(rt: &tokio::runtime::Runtime, trail: &Trail, db: &Path, dir: &Path) -> Vec<Output> {
    let mut outs = Vec::new();
    for _ in 0..8 {
        if rt.block_on(trail.queued()) == (0, 0) {
            break;
        }
        let child = worker(trail, db, dir, &["--exit-when-empty"]).spawn().expect("drain worker");
        outs.push(finish(child));
        std::thread::sleep(Duration::from_secs(1));
    }
    assert_eq!(rt.block_on(trail.queued()), (0, 0), "queue drained");
    outs
}

fn assert_each_object_once(db: &Path, objects: usize) {
    let store = Store::open(db).expect("store");
    let totals = store.ingestion_totals().expect("totals");
    assert_eq!(totals.objects, objects as i64, "every object recorded once");
    assert_eq!(totals.events, events_in(objects), "every event scored exactly once");
    let sigma: Vec<String> = objects_with_sigma_alerts(&store).iter().map(|o| without_etag(o)).collect();
    assert_eq!(sigma, planted_keys(objects), "one alert per planted StopLogging, none twice");
}

/// An emulator with `objects` uploaded (and announced), and an empty store in a temporary directory.
fn setup(objects: usize) -> Option<(tokio::runtime::Runtime, Trail, tempfile::TempDir, PathBuf)> {
    let rt = tokio::runtime::Runtime::new().expect("runtime");
    let trail = rt.block_on(Trail::start())?;
    rt.block_on(trail.upload(objects));
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("alerts.db");
    drop(Store::open(&db).expect("create store"));
    Some((rt, trail, dir, db))
}

#[test]
fn print_policy_is_the_published_policy() {
    let out = Command::new(env!("CARGO_BIN_EXE_tightrope")).args(["detect", "serve", "--print-policy"]).output().expect("run");
    assert_eq!(out.status.code(), Some(0));
    let published = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../docs/permissions-ingest.json")).expect("docs/permissions-ingest.json");
    assert_eq!(String::from_utf8_lossy(&out.stdout), published);
}

#[test]
fn a_worker_killed_mid_batch_loses_and_duplicates_nothing() {
    const OBJECTS: usize = 30;
    let Some((rt, trail, dir, db)) = setup(OBJECTS) else { return };

    // A slow worker takes a batch, commits its first object and is killed before deleting it.
    let mut a = worker(&trail, &db, dir.path(), &["--concurrency", "1", "--debug-delay-ms", "1500"]).spawn().expect("worker a");
    wait_until("worker a commits an object", Duration::from_secs(60), || {
        Store::open(&db).and_then(|s| s.ingestion_totals()).is_ok_and(|t| t.objects >= 1)
    });
    a.kill().expect("SIGKILL worker a");
    let _ = a.wait();

    // Two workers share the rest; a drain picks up what worker a held once it reappears.
    let b = worker(&trail, &db, dir.path(), &["--concurrency", "2", "--exit-when-empty"]).spawn().expect("worker b");
    let c = worker(&trail, &db, dir.path(), &["--concurrency", "2", "--exit-when-empty"]).spawn().expect("worker c");
    let mut outs = vec![finish(b), finish(c)];
    std::thread::sleep(Duration::from_secs(5));
    outs.extend(drain(&rt, &trail, &db, dir.path()));

    assert_each_object_once(&db, OBJECTS);
    let redelivered: u64 = outs.iter().map(|o| count(o, "already ingested")).sum();
    assert!(redelivered >= 1, "the object worker a committed but did not delete came back and was skipped");
    let scored: u64 = outs.iter().map(|o| count(o, "objects scored")).sum();
    let by_a = Store::open(&db).expect("store").ingested_objects(100).expect("objects").len() as u64 - scored;
    assert!(by_a >= 1, "worker a committed before it died");
}

#[test]
fn ctrl_c_stops_a_worker_cleanly() {
    const OBJECTS: usize = 6;
    let Some((rt, trail, dir, db)) = setup(OBJECTS) else { return };
    let a = worker(&trail, &db, dir.path(), &["--concurrency", "1", "--debug-delay-ms", "700"]).spawn().expect("worker");
    wait_until("the worker commits an object", Duration::from_secs(60), || {
        Store::open(&db).and_then(|s| s.ingestion_totals()).is_ok_and(|t| t.objects >= 1)
    });
    let status = Command::new("kill").args(["-INT", &a.id().to_string()]).status().expect("kill -INT");
    assert!(status.success());
    let started = Instant::now();
    let out = finish(a);
    assert!(started.elapsed() < Duration::from_secs(10), "stops promptly");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("stopping"), "{err}");
    // What it did not finish went back to the queue at once; a second worker completes the set.
    drain(&rt, &trail, &db, dir.path());
    assert_each_object_once(&db, OBJECTS);
}

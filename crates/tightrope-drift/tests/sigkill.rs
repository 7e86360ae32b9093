//! Crash safety of `baseline save`: a child process saves baselines in a loop and is killed with
//! SIGKILL at random moments, 30 times. After every kill the database must open cleanly and every
//! baseline in it must be complete: its hash verifies, its snapshot decodes, and its scan has all
//! its finding rows.
//!
//! The child is this test binary itself, re-run with a filter and an environment variable (no extra
//! binary is shipped for it).

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};
use tightrope_drift::{sources, synthetic};
use tightrope_store::{Snapshot, Store};

const CHILD_ENV: &str = "TIGHTROPE_SIGKILL_CHILD_DB";
const ITERATIONS: usize = 30;
/// Size of the saved snapshots: large enough that a save takes a while, small enough for a debug build.
const RESOURCES: usize = 60;
/// Printed by the child when it is about to start saving.
const READY: &str = "child-ready";
/// Printed by the child after each completed save.
const SAVED: &str = "child-saved";

/// The child: save baselines (new names and replacements) as fast as possible until killed.
#[test]
fn child_saves_baselines_until_killed() {
    let Some(db) = std::env::var_os(CHILD_ENV) else {
        return;
    };
    let state = synthetic::state(RESOURCES, 7);
    let findings = sources::current_findings(&state, &[]);
    let store = Store::open(Path::new(&db)).expect("child opens the store");
    println!("{READY}");
    for i in 0u64.. {
        let mut snap = Snapshot::new(
            vec![format!("round-{i}")],
            RESOURCES,
            state.clone(),
            findings.clone(),
            vec![],
        );
        // Vary the content so every save has its own hash.
        snap.findings.truncate(findings.len() - (i as usize % 5));
        store
            .save_baseline(&format!("b{}", i % 4), &snap, true)
            .expect("save");
        println!("{SAVED}");
    }
}

/// A small xorshift: random delays without a dependency.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

fn check_complete(db: &Path) -> usize {
    let store = Store::open(db).expect("the database opens cleanly after SIGKILL");
    let conn = rusqlite::Connection::open(db).unwrap();
    let baselines = store.list_baselines().expect("baselines list");
    for b in &baselines {
        let (info, snap) = store
            .load_baseline(&b.name)
            .unwrap_or_else(|e| panic!("baseline {} is incomplete: {e}", b.name));
        let rows: i64 = conn
            .query_row(
                "SELECT count(*) FROM findings WHERE scan_id = ?1",
                [info.scan.id],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(
            rows as usize,
            snap.findings.len(),
            "baseline {} has all its finding rows",
            b.name
        );
        assert_eq!(snap.resources, RESOURCES);
    }
    baselines.len()
}

/// Every recorded scan is whole too, not only those a name points at.
fn check_history(db: &Path) -> usize {
    let store = Store::open(db).unwrap();
    let scans = store.history(None).unwrap();
    for s in &scans {
        store
            .load_scan(s.id)
            .unwrap_or_else(|e| panic!("scan {} is damaged: {e}", s.id));
    }
    scans.len()
}

#[test]
fn sigkill_during_baseline_save_leaves_all_or_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let db = tmp.path().join("kill.db");
    let exe = std::env::current_exe().unwrap();
    let seed = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos() as u64)
        .unwrap_or(1)
        | 1;
    eprintln!("sigkill test seed {seed}");
    let mut rng = Rng(seed);
    let started = Instant::now();
    let mut seen = 0;
    for i in 0..ITERATIONS {
        let mut child = Command::new(&exe)
            .args([
                concat!(module_path!(), "::child_saves_baselines_until_killed")
                    .split_once("::")
                    .map_or("", |(_, test)| test),
                "--exact",
                "--test-threads=1",
                "--nocapture",
            ])
            .env(CHILD_ENV, &db)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        // Every fifth round kills early (during open and migration); the others wait until the
        // child is in its save loop, then kill it at a random moment among its saves. One round in
        // five waits for a completed save first, so that the checks see real baselines however
        // slow the machine is.
        if i % 5 != 0 {
            let marker = if i % 5 == 1 { SAVED } else { READY };
            let mut out = BufReader::new(child.stdout.take().unwrap()).lines();
            let reached = out.by_ref().map_while(Result::ok).any(|l| l.contains(marker));
            assert!(reached, "the child printed {marker}");
            // Keep draining the pipe so the child never blocks on a full stdout.
            std::thread::spawn(move || out.for_each(drop));
        }
        std::thread::sleep(Duration::from_millis(rng.next() % 150));
        child.kill().unwrap(); // SIGKILL on Unix
        let status = child.wait().unwrap();
        assert!(
            !status.success(),
            "the child must have been killed, not finished"
        );
        seen = seen.max(check_complete(&db));
    }
    let scans = check_history(&db);
    eprintln!(
        "{ITERATIONS} kills in {:?}; up to {seen} baselines present, {scans} scans recorded",
        started.elapsed()
    );
    assert!(
        seen > 0,
        "at least one save completed between kills, so the check saw real baselines"
    );
}

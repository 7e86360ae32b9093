//! Write two snapshot files of a synthetic state for the drift benchmark (`bench/drift/run.sh`):
//! `OUT_DIR/old.snap.json` with N resources, and `OUT_DIR/new.snap.json` with every 50th bucket and
//! notebook changed and every block moved down a line.
//!
//! With `--time`, also time the library path in-process (save into a fresh store, load + verify,
//! re-audit both sides, compare, render JSON), without process start-up.
//!
//! Usage: cargo run --release -p tightrope-drift --example synthetic_snapshots -- N OUT_DIR [--time]

use std::time::Instant;
use tightrope_drift::report::{Side, compare};
use tightrope_drift::{render, sources, synthetic};
use tightrope_report::Format;
use tightrope_store::{Snapshot, Store};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let n: usize = args
        .next()
        .ok_or("usage: synthetic_snapshots N OUT_DIR")?
        .parse()?;
    let dir = std::path::PathBuf::from(args.next().ok_or("usage: synthetic_snapshots N OUT_DIR")?);
    std::fs::create_dir_all(&dir)?;
    let old = synthetic::state(n, 7);
    let mut new = old.clone();
    synthetic::mutate(&mut new, 50);
    let mut snaps = Vec::new();
    for (name, state) in [("old.snap.json", old), ("new.snap.json", new)] {
        let findings = sources::current_findings(&state, &[]);
        let snap = Snapshot::new(vec![format!("synthetic:{n}")], n, state, findings, vec![]);
        let path = dir.join(name);
        snap.write_file(&path)?;
        eprintln!(
            "wrote {} ({} resources, {} findings, {} bytes)",
            path.display(),
            n,
            snap.findings.len(),
            std::fs::metadata(&path)?.len()
        );
        snaps.push(snap);
    }
    if args.next().as_deref() == Some("--time") {
        let store = Store::open(&dir.join("inprocess.db"))?;
        let t = Instant::now();
        store.save_baseline("big", &snaps[0], true)?;
        println!("in-process save: {:?}", t.elapsed());
        let t = Instant::now();
        let (_, mut old) = store.load_baseline("big")?;
        let load = t.elapsed();
        let t1 = Instant::now();
        let read = Snapshot::read_file(&dir.join("new.snap.json"))?;
        let read_new = t1.elapsed();
        let mut new = read;
        let t1 = Instant::now();
        old.findings = sources::current_findings(&old.state, &old.findings);
        new.findings = sources::current_findings(&new.state, &new.findings);
        let audit = t1.elapsed();
        let t1 = Instant::now();
        let report = compare(
            Side::of("baseline", &old),
            &old,
            Side::of("new", &new),
            &new,
        );
        let cmp = t1.elapsed();
        let t1 = Instant::now();
        let json = render::render(Format::Json, &report);
        let rend = t1.elapsed();
        println!(
            "in-process drift: {:?} total (load+verify baseline {load:?}, read new snapshot {read_new:?}, re-audit both {audit:?}, compare {cmp:?}, render {rend:?}); {} changed resources, {} new findings, {} bytes JSON",
            t.elapsed(),
            report.changes.len(),
            report.findings.new.len(),
            json.len()
        );
    }
    Ok(())
}

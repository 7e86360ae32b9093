//! Throughput of `detect learn` / `detect run` through the same library calls the CLI makes
//! (`engine::learn_paths`, `engine::detect_paths`), without the CLI's rendering.
//!
//! ```text
//! cargo run --release -p tightrope-detect --example bench_detect -- HISTORY_DIR TEST_DIR [SIGMA_DIR]
//! ```
//! Uses all cores (rayon, one file per task); set RAYON_NUM_THREADS to pin the thread count.

use std::path::PathBuf;
use std::time::Instant;
use tightrope_detect::engine::{detect_paths, learn_paths};
use tightrope_detect::sigma::SigmaSet;
use tightrope_detect::{NoContext, Settings};

fn main() {
    let argv: Vec<String> = std::env::args().skip(1).collect();
    let (Some(history), Some(test)) = (argv.first(), argv.get(1)) else {
        eprintln!("usage: bench_detect HISTORY_DIR TEST_DIR [SIGMA_DIR]");
        std::process::exit(2);
    };
    let sigma = argv
        .get(2)
        .map(|p| SigmaSet::load(std::path::Path::new(p)).0);
    let t0 = Instant::now();
    let (model, learned) = learn_paths(&[PathBuf::from(history)], 300, sigma.as_ref(), &|| {});
    let t1 = Instant::now();
    let d = detect_paths(
        &[PathBuf::from(test)],
        &model,
        sigma.as_ref(),
        &Settings::default(),
        &NoContext,
        &|| {},
    );
    let t2 = Instant::now();
    let (learn_s, run_s) = ((t1 - t0).as_secs_f64(), (t2 - t1).as_secs_f64());
    println!(
        "{{\"threads\": {}, \"sigma\": {}, \"learn_events\": {}, \"learn_seconds\": {learn_s:.2}, \"learn_events_per_second\": {:.0}, \"run_events\": {}, \"run_bytes\": {}, \"run_seconds\": {run_s:.2}, \"run_events_per_second\": {:.0}, \"alerts\": {}, \"sigma_matches\": {}, \"bad\": {}}}",
        rayon::current_num_threads(),
        sigma.is_some(),
        learned.events,
        learned.events as f64 / learn_s,
        d.events,
        d.stats.bytes,
        d.events as f64 / run_s,
        d.alerts.len(),
        d.sigma_matches,
        d.stats.bad
    );
}

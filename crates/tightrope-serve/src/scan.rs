//! The scan job: every step of `tightrope.toml` (re-read each time, so edits take effect), the scan
//! recorded in the store with all its findings, drift against `[environment] baseline` (or else the
//! previous server scan), and the documents the dashboard reads. Runs at start, then on a tokio
//! interval, and when an admin asks (`POST /api/jobs/scan`). One scan at a time.

use crate::state::App;
use serde_json::{Value, json};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};
use tightrope_core::{Finding, Step};
use tightrope_preflight::config::Config;
use tightrope_store::{ScanInfo, Snapshot, Store};

/// Label of the scans the server records.
pub const SCAN_LABEL: &str = "serve";
/// Document kind of the server's own documents.
pub const DOC_KIND: &str = "serve";
/// Document kind of the drift timeline: one entry per scan, named by zero-padded scan id.
pub const DRIFT_KIND: &str = "serve-drift";
/// Name of the latest summary (readiness, attack paths, inventory).
pub const LATEST: &str = "latest";
/// Name of the latest full drift report.
pub const DRIFT_LATEST: &str = "drift-latest";
/// Default seconds between scans when the configuration does not say.
pub const DEFAULT_INTERVAL: u64 = 3600;

/// The configured scan job.
pub struct Scanner {
    pub config: PathBuf,
    pub interval: Option<Duration>,
    running: AtomicBool,
}

/// What one scan did.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Outcome {
    pub scan_id: i64,
    pub findings: usize,
    pub elapsed_ms: u64,
    /// Unsuppressed findings per severity.
    pub counts: tightrope_store::SeverityCounts,
}

impl Scanner {
    /// Check the configuration now (so a bad file stops the server at start with a clear error)
    /// and work out the interval: `override_secs`, else `[serve] interval_seconds`, else an hour.
    pub fn new(config: &Path, override_secs: Option<u64>) -> anyhow::Result<Scanner> {
        let cfg = Config::load(config)?;
        let secs = override_secs
            .or(cfg.serve.interval_seconds)
            .unwrap_or(DEFAULT_INTERVAL);
        Ok(Scanner {
            config: config.to_path_buf(),
            interval: (secs > 0).then(|| Duration::from_secs(secs)),
            running: AtomicBool::new(false),
        })
    }

    /// True while a scan runs.
    pub fn is_running(&self) -> bool {
        self.running.load(Ordering::SeqCst)
    }

    /// Claim the job; `false` when a scan already runs.
    pub fn try_start(&self) -> bool {
        self.running
            .compare_exchange(false, true, Ordering::SeqCst, Ordering::SeqCst)
            .is_ok()
    }

    fn finish(&self) {
        self.running.store(false, Ordering::SeqCst);
    }
}

/// Run one scan on a blocking thread, after [`Scanner::try_start`] succeeded. Updates metrics.
pub async fn run_claimed(app: App, scanner: std::sync::Arc<Scanner>) -> anyhow::Result<Outcome> {
    app.metrics.scan_started();
    let started = Instant::now();
    let pool = app.pool.clone();
    let path = scanner.config.clone();
    let result = tokio::task::spawn_blocking(move || scan(&path, &pool))
        .await
        .map_err(|e| anyhow::anyhow!("scan task failed: {e}"))
        .and_then(|r| r);
    scanner.finish();
    app.metrics.scan_finished(result.is_ok(), started.elapsed());
    match &result {
        Ok(o) => tracing::info!(scan = o.scan_id, findings = o.findings, ms = o.elapsed_ms, "scan done"),
        Err(e) => tracing::error!("scan failed: {e:#}"),
    }
    if let Ok(o) = &result {
        app.metrics.set_findings(&o.counts);
    }
    result
}

/// Start the interval task: a scan at once, then every interval (missed ticks are skipped, not
/// bunched up, when a scan outlasts the interval).
pub fn spawn_schedule(app: App, scanner: std::sync::Arc<Scanner>) {
    tokio::spawn(async move {
        let Some(every) = scanner.interval else {
            if scanner.try_start() {
                let _ = run_claimed(app, scanner).await;
            }
            return;
        };
        let mut tick = tokio::time::interval(every);
        tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Skip);
        loop {
            tick.tick().await;
            if scanner.try_start() {
                let _ = run_claimed(app.clone(), scanner.clone()).await;
            } else {
                tracing::warn!("scheduled scan skipped: the previous one is still running");
            }
        }
    });
}

fn scan(config: &Path, pool: &crate::pool::Pool) -> anyhow::Result<Outcome> {
    let started = Instant::now();
    let mut cfg = Config::load(config)?;
    // Drift is computed here, against the server's store (SQLite or PostgreSQL), not by preflight
    // against the default SQLite file.
    let baseline = cfg.environment.baseline.take();
    let (pf, state) = tightrope_preflight::run_with_state(&cfg, &|_| {});
    let findings = pf.all_findings();
    let sources = cfg.iac.paths.iter().map(|p| p.display().to_string()).collect();
    let snap = Snapshot::new(sources, pf.resources, state, findings, pf.errors());
    let inventory = tightrope_audit::inventory::inventory(&snap.state);
    let steps: Vec<Value> = pf
        .steps
        .iter()
        .map(|run| {
            json!({
                "step": run.step,
                "readiness": tightrope_preflight::verdict::readiness(run),
                "score": tightrope_preflight::verdict::score(run),
                "not_run": run.not_run,
                "summary": run.summary,
                "counts": tightrope_preflight::verdict::counts(&run.findings),
                "errors": run.errors.iter().take(20).map(|e| e.to_string()).collect::<Vec<_>>(),
                "error_count": run.errors.len(),
                "elapsed_ms": run.elapsed_ms,
            })
        })
        .collect();
    let stored = pool.with_blocking(|store| {
        let previous = store.history(Some(SCAN_LABEL))?.pop();
        let info = store.record_scan(&snap, Some(SCAN_LABEL))?;
        let drift = drift(store, baseline.as_deref(), previous.as_ref(), &snap);
        let summary = json!({
            "scan_id": info.id,
            "at": info.created_at,
            "environment": pf.environment,
            "verdict": pf.verdict,
            "elapsed_ms": started.elapsed().as_millis() as u64,
            "resources": pf.resources,
            "steps": steps,
            "blockers": pf.blockers,
            "attack_paths": pf.attack_paths,
            "data": pf.data,
            "compliance": pf.compliance,
            "inventory": inventory,
            "drift_error": drift.as_ref().err().map(|e| e.to_string()),
        });
        store.put_document(DOC_KIND, LATEST, &summary)?;
        if let Ok(Some((entry, report))) = drift {
            store.put_document(DRIFT_KIND, &format!("{:020}", info.id), &entry)?;
            store.put_document(DOC_KIND, DRIFT_LATEST, &report)?;
        }
        Ok(info)
    })?;
    Ok(Outcome {
        scan_id: stored.id,
        findings: snap.findings.len(),
        elapsed_ms: started.elapsed().as_millis() as u64,
        counts: stored.counts,
    })
}

/// Drift of `now` against the named baseline, or else the previous server scan; `None` for the
/// first scan without a baseline. Returns the timeline entry and the full report.
fn drift(
    store: &Store,
    baseline: Option<&str>,
    previous: Option<&ScanInfo>,
    now: &Snapshot,
) -> Result<Option<(Value, Value)>, tightrope_store::StoreError> {
    let (label, old, new) = match (baseline, previous) {
        (Some(name), _) => {
            let (info, mut old) = store.load_baseline(name)?;
            // A baseline saved by `tightrope baseline save` holds audit findings: recompute them with
            // today's rules and compare with today's audit findings only.
            old.findings = tightrope_drift::sources::current_findings(&old.state, &old.findings);
            let mut new = now.clone();
            new.findings.retain(|f: &Finding| f.step == Step::Audit);
            (format!("baseline `{}`", info.name), old, new)
        }
        (None, Some(prev)) => match store.load_scan(prev.id)? {
            Some((_, old)) => (format!("scan {}", prev.id), old, now.clone()),
            None => return Ok(None),
        },
        (None, None) => return Ok(None),
    };
    let report = tightrope_drift::compare(
        tightrope_drift::report::Side::of(label.clone(), &old),
        &old,
        tightrope_drift::report::Side::of("now", &new),
        &new,
    );
    let entry = json!({
        "at": now.created,
        "against": label,
        "highest": report.highest,
        "ai_exposure": report.ai_exposure.len(),
        "findings_new": report.findings.new.len(),
        "findings_resolved": report.findings.resolved.len(),
        "severity_changed": report.findings.severity_changed.len(),
        "resources_added": report.resources_added.len(),
        "resources_removed": report.resources_removed.len(),
        "resources_changed": report.changes.len(),
    });
    let full = serde_json::to_value(&report).unwrap_or(Value::Null);
    Ok(Some((entry, full)))
}

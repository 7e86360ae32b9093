//! `tightrope preflight`: every step over one environment (`tightrope.toml`), a readiness verdict
//! per step with the blockers to fix before scaling, cross-step attack paths, and reports (terminal,
//! JSON, SARIF, JUnit XML, AWS Security Hub ASFF, OCSF, self-contained HTML).
//!
//! Library use: [`config::Config::load`] then [`run`]; every renderer in [`report`] is a function of
//! the resulting [`Preflight`]. `tightrope init` is [`init::starter`].
//!
//! Steps are called in-process through their libraries, in order (audit first: its typed state
//! feeds access, classify's flow check, detect's risk context, reach and the attack paths).

pub mod cli;
pub mod config;
pub mod init;
pub mod paths;
pub mod report;
pub mod steps;
pub mod verdict;

use config::Config;
use paths::AttackPath;
use serde::Serialize;
use steps::{Context, StepRun};
use verdict::{Blocker, Readiness};

/// The outcome of one preflight run.
#[derive(Debug, Serialize)]
pub struct Preflight {
    pub tool_version: String,
    pub environment: String,
    pub config: String,
    pub verdict: Readiness,
    pub steps: Vec<StepRun>,
    pub attack_paths: Vec<AttackPath>,
    pub blockers: Vec<Blocker>,
    /// Labelled datasets and where they live.
    pub data: Vec<steps::LabelledData>,
    /// Drift since the configured baseline (the `tightrope drift` JSON), when one is configured.
    pub drift: Option<serde_json::Value>,
    /// Requirements passed and failed per compliance framework (audit rules).
    pub compliance: Vec<steps::ComplianceLine>,
    pub resources: usize,
    pub elapsed_ms: u64,
}

impl Preflight {
    /// Every finding of every step plus one per attack path.
    pub fn all_findings(&self) -> Vec<tightrope_core::Finding> {
        let mut all: Vec<_> = self
            .steps
            .iter()
            .flat_map(|s| s.findings.iter().cloned())
            .collect();
        all.extend(self.attack_paths.iter().map(AttackPath::to_finding));
        all
    }

    pub fn errors(&self) -> Vec<tightrope_core::InputError> {
        self.steps
            .iter()
            .flat_map(|s| s.errors.iter().cloned())
            .collect()
    }

    pub fn readiness(&self, run: &StepRun) -> Readiness {
        verdict::readiness(run)
    }
}

type StepFn = fn(&Config, &mut Context) -> StepRun;

/// The steps in the order they run.
pub const STEPS: [(&str, StepFn); 7] = [
    ("audit", steps::audit),
    ("access", steps::access),
    ("classify", steps::classify),
    ("detect", steps::detect),
    ("supply", steps::supply),
    ("reach", steps::reach),
    ("drill", steps::drill),
];

/// Run every step that has inputs; `progress(step name)` is called before each.
pub fn run(cfg: &Config, progress: &dyn Fn(&str)) -> Preflight {
    run_with_state(cfg, progress).0
}

/// [`run`], also returning the typed state the audit step read (for a snapshot of the scan, as the
/// team server records it).
pub fn run_with_state(
    cfg: &Config,
    progress: &dyn Fn(&str),
) -> (Preflight, tightrope_core::CloudState) {
    let started = std::time::Instant::now();
    let mut ctx = Context::default();
    let mut runs = Vec::new();
    for (name, f) in STEPS {
        progress(name);
        let r = f(cfg, &mut ctx);
        tracing::info!(
            step = name,
            ms = r.elapsed_ms,
            findings = r.findings.len(),
            errors = r.errors.len(),
            "step done"
        );
        runs.push(r);
    }
    progress("attack paths");
    let attack_paths = paths::find(&runs, &ctx);
    let blockers = verdict::blockers(&runs, &attack_paths);
    let preflight = Preflight {
        tool_version: env!("CARGO_PKG_VERSION").to_string(),
        environment: cfg.name(),
        config: cfg.source.clone(),
        verdict: verdict::overall(&runs, &attack_paths),
        steps: runs,
        attack_paths,
        blockers,
        data: ctx.data,
        drift: ctx.drift,
        compliance: ctx.compliance,
        resources: ctx.resources,
        elapsed_ms: started.elapsed().as_millis() as u64,
    };
    (preflight, ctx.state)
}

//! Running each step in-process through its library API, on the inputs of one [`Config`].
//!
//! Every step that has inputs runs; one that has none is reported as not run, with what it needs.
//! A step's unreadable inputs are its input errors: the step still reports what it could read.

use crate::config::Config;
use serde::Serialize;
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::time::Instant;
use tightrope_access::model::Account;
use tightrope_classify::Label;
use tightrope_core::{CloudState, Finding, InputError, Step};

/// What happened to one step.
#[derive(Debug, Clone, Serialize)]
pub struct StepRun {
    pub step: Step,
    /// `None` when it ran; otherwise why not (what input it needs).
    pub not_run: Option<String>,
    /// One line: what was read and found.
    pub summary: String,
    pub findings: Vec<Finding>,
    pub errors: Vec<InputError>,
    pub elapsed_ms: u64,
}

impl StepRun {
    fn skipped(step: Step, why: impl Into<String>) -> StepRun {
        StepRun {
            step,
            not_run: Some(why.into()),
            summary: String::new(),
            findings: Vec::new(),
            errors: Vec::new(),
            elapsed_ms: 0,
        }
    }
}

/// A labelled dataset and where it lives.
#[derive(Debug, Clone, Serialize)]
pub struct LabelledData {
    pub path: String,
    pub location: Option<String>,
    pub label: Label,
    /// Detector ids found at or above medium confidence.
    pub detectors: Vec<String>,
}

/// Pass/fail counts of one compliance framework over the audit's findings.
#[derive(Debug, Clone, Serialize)]
pub struct ComplianceLine {
    pub framework: &'static str,
    pub name: &'static str,
    pub pass: usize,
    pub fail: usize,
    pub not_evaluated: usize,
}

/// Per framework, the requirements the audit rules passed and failed (`tightrope audit --compliance`).
fn compliance(state: &CloudState, findings: &[Finding]) -> Vec<ComplianceLine> {
    use tightrope_audit::compliance::{Framework, Status, evaluate};
    let rules: Vec<&'static dyn tightrope_audit::Rule> = tightrope_audit::rules::all().to_vec();
    let active: Vec<&Finding> = findings.iter().filter(|f| f.suppressed.is_none()).collect();
    Framework::ALL
        .into_iter()
        .map(|fw| {
            let results = evaluate(fw, state, &rules, &active);
            let n = |s: Status| results.iter().filter(|r| r.status == s).count();
            ComplianceLine {
                framework: fw.slug(),
                name: fw.name(),
                pass: n(Status::Pass),
                fail: n(Status::Fail),
                not_evaluated: n(Status::NotEvaluated),
            }
        })
        .filter(|l| l.pass + l.fail > 0)
        .collect()
}

/// What the steps produce for each other and for the attack paths.
#[derive(Default)]
pub struct Context {
    pub state: CloudState,
    pub account: Option<Account>,
    pub escalations: Vec<tightrope_access::escalation::EscalationPath>,
    pub network: Option<tightrope_reach::model::Model>,
    pub data: Vec<LabelledData>,
    /// Drift against the configured baseline (the `tightrope drift` JSON report).
    pub drift: Option<serde_json::Value>,
    pub compliance: Vec<ComplianceLine>,
    pub resources: usize,
}

fn io_error(path: &std::path::Path, message: impl Into<String>) -> InputError {
    InputError {
        path: path.display().to_string(),
        line: None,
        message: message.into(),
    }
}

fn missing(paths: &[PathBuf], what: &str) -> Vec<InputError> {
    paths
        .iter()
        .filter(|p| !p.exists())
        .map(|p| io_error(p, format!("no such file or directory; expected {what}")))
        .collect()
}

/// Step 1: read the IaC into the typed state and run the posture rules; drift against the baseline.
pub fn audit(cfg: &Config, ctx: &mut Context) -> StepRun {
    if cfg.iac.paths.is_empty() {
        return StepRun::skipped(Step::Audit, "no [iac] paths");
    }
    let t = Instant::now();
    let paths = cfg.resolve_all(&cfg.iac.paths);
    let mut scan = tightrope_ingest::scan(&paths);
    scan.errors.splice(
        0..0,
        missing(&paths, "Terraform, CloudFormation or Kubernetes files"),
    );
    let mut opts = tightrope_audit::AuditOptions::default();
    if let Some(p) = &cfg.iac.suppressions {
        match tightrope_ingest::suppressions_file::read(&cfg.resolve(p)) {
            Ok(s) => opts.file_suppressions = s,
            Err(mut e) => scan.errors.append(&mut e),
        }
    }
    let outcome = tightrope_audit::audit(&scan.state, &opts);
    if let Some(name) = &cfg.environment.baseline {
        match drift(cfg, name, &scan, &outcome.findings) {
            Ok(report) => ctx.drift = Some(report),
            Err(e) => scan.errors.push(InputError {
                path: format!("baseline `{name}`"),
                line: None,
                message: format!("{e:#}"),
            }),
        }
    }
    let summary = format!(
        "{} files, {} resources, {} findings",
        scan.files.len(),
        scan.resources,
        outcome.findings.len()
    );
    ctx.compliance = compliance(&scan.state, &outcome.findings);
    ctx.resources = scan.resources;
    ctx.state = scan.state;
    StepRun {
        step: Step::Audit,
        not_run: None,
        summary,
        findings: outcome.findings,
        errors: scan.errors,
        elapsed_ms: t.elapsed().as_millis() as u64,
    }
}

fn drift(
    cfg: &Config,
    name: &str,
    scan: &tightrope_ingest::Scan,
    findings: &[Finding],
) -> anyhow::Result<serde_json::Value> {
    let store = tightrope_store::Store::open_default(
        cfg.environment
            .db
            .as_ref()
            .map(|p| cfg.resolve(p))
            .as_deref(),
    )?;
    let (info, mut old) = store.load_baseline(name)?;
    old.findings = tightrope_drift::sources::current_findings(&old.state, &old.findings);
    let sources = cfg
        .iac
        .paths
        .iter()
        .map(|p| p.display().to_string())
        .collect();
    let new = tightrope_store::Snapshot::new(
        sources,
        scan.resources,
        scan.state.clone(),
        findings.to_vec(),
        scan.errors.clone(),
    );
    let report = tightrope_drift::compare(
        tightrope_drift::report::Side::of(format!("baseline `{}`", info.name), &old),
        &old,
        tightrope_drift::report::Side::of("now", &new),
        &new,
    );
    Ok(serde_json::to_value(&report)?)
}

/// Step 2: the IAM model of the state (plus exports), over-permissive grants and escalation paths.
pub fn access(cfg: &Config, ctx: &mut Context) -> StepRun {
    let has_iam = !ctx.state.aws.iam.roles.is_empty()
        || !ctx.state.aws.iam.users.is_empty()
        || !ctx.state.aws.iam.groups.is_empty();
    if !has_iam && cfg.access.exports.is_empty() {
        return StepRun::skipped(
            Step::Access,
            "no IAM principals in [iac] and no [access] exports",
        );
    }
    let t = Instant::now();
    let account_id = cfg
        .access
        .account_id
        .clone()
        .unwrap_or_else(|| tightrope_access::model::PLACEHOLDER_ACCOUNT.to_string());
    let mut account = tightrope_access::model::from_state(&ctx.state, &account_id);
    let mut errors = std::mem::take(&mut account.errors);
    if !cfg.access.exports.is_empty() {
        let exports = cfg.resolve_all(&cfg.access.exports);
        errors.extend(missing(&exports, "an authorization-details export"));
        let (more, errs, _) = tightrope_access::cli::load_account(&exports, &account_id);
        account.principals.extend(more.principals);
        errors.extend(errs);
    }
    tightrope_access::cli::apply_scps(&mut account, &cfg.resolve_all(&cfg.access.scp), &mut errors);
    let dir = cfg
        .access
        .cache_dir
        .as_ref()
        .map(|p| cfg.resolve(p))
        .unwrap_or_else(tightrope_access::actiondb::default_cache_dir);
    let (findings, summary) = match tightrope_access::actiondb::ActionDb::load(&dir) {
        Ok(db) => {
            let analysis = tightrope_access::analyze(&account, &db);
            let summary = format!(
                "{} principals, {} findings, {} escalation paths",
                account.principals.len(),
                analysis.findings.len(),
                analysis.paths.len()
            );
            ctx.escalations = analysis.paths;
            (analysis.findings, summary)
        }
        Err(e) => {
            errors.push(io_error(&dir, format!("{e} (over-permissive grants and escalation paths were not checked; attack paths still use the policies)")));
            (
                Vec::new(),
                format!(
                    "{} principals; IAM action database missing",
                    account.principals.len()
                ),
            )
        }
    };
    ctx.account = Some(account);
    StepRun {
        step: Step::Access,
        not_run: None,
        summary,
        findings,
        errors,
        elapsed_ms: t.elapsed().as_millis() as u64,
    }
}

/// The correlation-hash key of classify: the configured file, `$TIGHTROPE_HASH_KEY`, else the
/// default key file.
fn hash_key(cfg: &Config) -> anyhow::Result<tightrope_classify::HashKey> {
    let path = cfg
        .environment
        .hash_key
        .as_ref()
        .map(|p| cfg.resolve(p))
        .or_else(|| std::env::var_os("TIGHTROPE_HASH_KEY").map(PathBuf::from))
        .or_else(tightrope_classify::HashKey::default_path);
    match path {
        Some(p) => tightrope_classify::HashKey::load_or_create(&p),
        None => anyhow::bail!("no place for the classify hash key: set TIGHTROPE_HASH_KEY or HOME"),
    }
}

/// Step 3: classify every dataset, label the buckets they live in, check the data-flow policy.
pub fn classify(cfg: &Config, ctx: &mut Context) -> StepRun {
    if cfg.datasets.is_empty() {
        return StepRun::skipped(Step::Classify, "no [[datasets]]");
    }
    let t = Instant::now();
    let classifier = match hash_key(cfg).and_then(|k| {
        tightrope_classify::Classifier::new(tightrope_classify::Options::default(), k)
    }) {
        Ok(c) => c,
        Err(e) => {
            let mut run = StepRun::skipped(Step::Classify, format!("{e:#}"));
            run.errors.push(InputError {
                path: cfg.source.clone(),
                line: None,
                message: format!("classify could not start: {e:#}"),
            });
            return run;
        }
    };
    let min = classifier.options().min_confidence;
    let mut findings = Vec::new();
    let mut errors = Vec::new();
    let mut labels: BTreeMap<String, Label> = BTreeMap::new();
    let mut files = 0;
    for d in &cfg.datasets {
        let path = cfg.resolve(&d.path);
        if !path.exists() {
            errors.push(io_error(&path, "no such file or directory; expected a dataset (CSV, JSON, Parquet, text, gzip/zstd)"));
            continue;
        }
        let result = classifier.classify_paths(std::slice::from_ref(&path));
        files += result.datasets.len();
        findings.extend(tightrope_classify::findings::to_findings(&result, min));
        errors.extend(result.errors.iter().cloned());
        let label = result.label();
        if let Some(loc) = &d.location {
            let e = labels.entry(loc.clone()).or_default();
            *e = (*e).max(label);
        }
        let mut detectors: Vec<String> = result
            .datasets
            .iter()
            .flat_map(|x| x.detectors.iter().map(|d| d.id.to_string()))
            .collect();
        detectors.sort();
        detectors.dedup();
        ctx.data.push(LabelledData {
            path: d.path.display().to_string(),
            location: d.location.clone(),
            label,
            detectors,
        });
    }
    let mut stores = 0;
    if !cfg.iac.paths.is_empty() {
        let (s, f) = tightrope_classify::flow::check(&ctx.state, &cfg.classify, &labels);
        stores = s.len();
        findings.extend(f);
    }
    let highest = ctx.data.iter().map(|d| d.label).max().unwrap_or_default();
    let summary = format!(
        "{files} files in {} datasets, highest label {highest}, {stores} labelled stores, {} findings",
        cfg.datasets.len(),
        findings.len()
    );
    StepRun {
        step: Step::Classify,
        not_run: None,
        summary,
        findings,
        errors,
        elapsed_ms: t.elapsed().as_millis() as u64,
    }
}

/// Step 4: score CloudTrail against a learned model (given, or learned from the history).
pub fn detect(cfg: &Config, ctx: &mut Context) -> StepRun {
    let ct = &cfg.cloudtrail;
    if ct.paths.is_empty() {
        return StepRun::skipped(Step::Detect, "no [cloudtrail] paths");
    }
    if ct.model.is_none() && ct.history.is_empty() {
        return StepRun::skipped(
            Step::Detect,
            "[cloudtrail] needs `model` or `history` to compare the events with",
        );
    }
    let t = Instant::now();
    let mut errors = Vec::new();
    let sigma = ct
        .sigma
        .as_ref()
        .map(|p| tightrope_detect::sigma::SigmaSet::load(&cfg.resolve(p)).0);
    let model = match &ct.model {
        Some(p) => {
            let p = cfg.resolve(p);
            match std::fs::read_to_string(&p)
                .map_err(anyhow::Error::from)
                .and_then(|t| tightrope_detect::Model::from_json(&t))
            {
                Ok(m) => m,
                Err(e) => {
                    errors.push(io_error(
                        &p,
                        format!(
                            "expected a model written by `tightrope detect learn --model`: {e:#}"
                        ),
                    ));
                    let mut run = StepRun::skipped(Step::Detect, "the model could not be read");
                    run.errors = errors;
                    return run;
                }
            }
        }
        None => {
            let (m, stats) = tightrope_detect::engine::learn_paths(
                &cfg.resolve_all(&ct.history),
                tightrope_detect::window::DEFAULT_WINDOW_SECS,
                sigma.as_ref(),
                &|| {},
            );
            errors.extend(bad_records(&stats));
            m
        }
    };
    let settings = tightrope_detect::Settings {
        threshold: ct.threshold.unwrap_or(0.98),
        ..Default::default()
    };
    let context = tightrope_detect::StateContext::new(&ctx.state);
    let d = tightrope_detect::engine::detect_paths(
        &cfg.resolve_all(&ct.paths),
        &model,
        sigma.as_ref(),
        &settings,
        &context,
        &|| {},
    );
    errors.extend(bad_records(&d.stats));
    let findings: Vec<Finding> = d.alerts.iter().map(|a| a.to_finding()).collect();
    let summary = format!(
        "{} events scored against {} learned identities, {} alerts",
        d.events,
        model.identities.len(),
        findings.len()
    );
    StepRun {
        step: Step::Detect,
        not_run: None,
        summary,
        findings,
        errors,
        elapsed_ms: t.elapsed().as_millis() as u64,
    }
}

fn bad_records(stats: &tightrope_cloudtrail::ReadStats) -> Vec<InputError> {
    stats
        .bad_samples
        .iter()
        .map(|b| InputError {
            path: b.file.clone(),
            line: None,
            message: match b.index {
                Some(i) => format!("CloudTrail record {i}: {}", b.reason),
                None => b.reason.clone(),
            },
        })
        .collect()
}

/// Step 5: dependencies against the OSV cache, model files, and `models.lock`.
/// The OSV cache of `[supply]`: `osv_cache`, else $TIGHTROPE_OSV_CACHE, else the user cache.
fn osv_dir(cfg: &Config) -> PathBuf {
    cfg.supply
        .osv_cache
        .as_ref()
        .map(|p| cfg.resolve(p))
        .or_else(|| std::env::var_os("TIGHTROPE_OSV_CACHE").map(PathBuf::from))
        .unwrap_or_else(tightrope_supply::osv::default_cache_dir)
}

/// The CycloneDX 1.6 SBOM of the environment (the dependencies of `[supply] lockfiles` with their
/// vulnerabilities, the models of `[supply] models`, the `[[datasets]]`), as `tightrope supply sbom`
/// would write it; `None` when the configuration names no lock file and no model.
pub fn sbom(cfg: &Config) -> Option<tightrope_supply::sbom::Output> {
    let s = &cfg.supply;
    if s.lockfiles.is_empty() && s.models.is_empty() {
        return None;
    }
    let paths = cfg.resolve_all(&s.lockfiles).into_iter().chain(cfg.resolve_all(&s.models)).collect();
    let data = cfg.datasets.iter().map(|d| cfg.resolve(&d.path)).collect();
    let db = tightrope_supply::osv::Database::load(&osv_dir(cfg)).ok().flatten();
    let advisories = match &db {
        Some(db) => tightrope_supply::sbom::Advisories::Database { db, max_age_days: Some(s.osv_max_age_days.unwrap_or(7)).filter(|d| *d > 0) },
        None => tightrope_supply::sbom::Advisories::Missing,
    };
    Some(tightrope_supply::sbom::build(&tightrope_supply::sbom::Request { paths, data, advisories }))
}

pub fn supply(cfg: &Config, _ctx: &mut Context) -> StepRun {
    let s = &cfg.supply;
    if s.lockfiles.is_empty() && s.models.is_empty() && s.models_lock.is_none() {
        return StepRun::skipped(Step::Supply, "no [supply] lockfiles, models or models_lock");
    }
    let t = Instant::now();
    let mut findings = Vec::new();
    let mut errors = Vec::new();
    let mut parts = Vec::new();
    if !s.lockfiles.is_empty() {
        let paths = cfg.resolve_all(&s.lockfiles);
        errors.extend(missing(&paths, "a dependency manifest or lock file"));
        let (deps, errs, files) = tightrope_supply::deps::discover(&paths);
        errors.extend(errs);
        let dir = osv_dir(cfg);
        match tightrope_supply::osv::Database::load(&dir) {
            Ok(db) => {
                let max_age = Some(s.osv_max_age_days.unwrap_or(7)).filter(|d| *d > 0);
                let report = tightrope_supply::vulns::check(
                    &deps,
                    db.as_ref(),
                    max_age,
                    tightrope_supply::vulns::today(),
                );
                parts.push(format!(
                    "{} dependencies in {files} files, {} vulnerable",
                    deps.len(),
                    report.matches.len()
                ));
                findings.extend(report.findings);
                errors.extend(report.errors);
            }
            Err(e) => errors.push(io_error(
                &dir,
                format!("OSV cache unreadable: {e:#}; dependencies were not checked"),
            )),
        }
    }
    if !s.models.is_empty() {
        let paths = cfg.resolve_all(&s.models);
        errors.extend(missing(&paths, "model files or a directory of them"));
        let scan = tightrope_supply::model::scan_paths(&paths);
        parts.push(format!("{} model files", scan.files.len()));
        findings.extend(scan.findings());
        errors.extend(scan.errors);
    }
    if let Some(lock) = &s.models_lock {
        let p = cfg.resolve(lock);
        match std::fs::read_to_string(&p)
            .map_err(|e| e.to_string())
            .and_then(|t| {
                serde_json::from_str::<tightrope_supply::pin::LockFile>(&t)
                    .map_err(|e| format!("line {}: {e}", e.line()))
            }) {
            Ok(l) => {
                let (f, e) = tightrope_supply::pin::verify(&l, &p.display().to_string());
                parts.push(format!("models.lock: {} pinned files", l.files.len()));
                findings.extend(f);
                errors.extend(e);
            }
            Err(e) => errors.push(io_error(
                &p,
                format!("expected a models.lock written by `tightrope supply lock`: {e}"),
            )),
        }
    }
    let summary = format!("{}, {} findings", parts.join(", "), findings.len());
    StepRun {
        step: Step::Supply,
        not_run: None,
        summary,
        findings,
        errors,
        elapsed_ms: t.elapsed().as_millis() as u64,
    }
}

/// Step 6: the network model of the state, internet exposure and the segmentation policy.
pub fn reach(cfg: &Config, ctx: &mut Context) -> StepRun {
    if cfg.iac.paths.is_empty() && cfg.iac.api.is_empty() {
        return StepRun::skipped(Step::Reach, "no [iac] paths or api outputs");
    }
    let t = Instant::now();
    let mut errors = Vec::new();
    let model = if cfg.iac.api.is_empty() {
        tightrope_reach::model::Model::build(&ctx.state, &cfg.reach)
    } else {
        // API outputs are merged with the IaC by the step's own loader.
        // IaC errors are already reported by the audit step; only those of the API outputs are new.
        let api: Vec<String> = cfg
            .resolve_all(&cfg.iac.api)
            .iter()
            .map(|p| p.display().to_string())
            .collect();
        let loaded = tightrope_reach::cli::load(
            &cfg.resolve_all(&cfg.iac.paths),
            &cfg.resolve_all(&cfg.iac.api),
        );
        errors.extend(
            loaded
                .errors
                .into_iter()
                .filter(|e| api.iter().any(|a| e.path.starts_with(a.as_str()))),
        );
        tightrope_reach::model::Model::build(&loaded.state, &cfg.reach)
    };
    let rules = match cfg.reach.policy_rules() {
        Ok(r) => r,
        Err(e) => {
            errors.push(InputError {
                path: cfg.source.clone(),
                line: None,
                message: format!("{e:#}"),
            });
            Vec::new()
        }
    };
    let findings = tightrope_reach::check::check(&model, &rules);
    let exposed = findings
        .iter()
        .filter(|f| f.rule_id != tightrope_reach::check::VIOLATION)
        .count();
    let summary = format!(
        "{} endpoints in {} zones, {exposed} internet-exposed, {} policy rules",
        model.endpoints.len(),
        tightrope_reach::check::zones(&model).len(),
        rules.len()
    );
    ctx.network = Some(model);
    StepRun {
        step: Step::Reach,
        not_run: None,
        summary,
        findings,
        errors,
        elapsed_ms: t.elapsed().as_millis() as u64,
    }
}

/// Step 7: every playbook that has a scenario generator is drilled through step 4's detection;
/// a playbook whose bound detections do not fire on its own scenario is a finding.
pub fn drill(cfg: &Config, _ctx: &mut Context) -> StepRun {
    let Some(d) = &cfg.drill else {
        return StepRun::skipped(
            Step::Drill,
            "no [drill] section (add `[drill]` to drill the built-in AI playbooks)",
        );
    };
    let t = Instant::now();
    let (mut playbooks, mut errors) = match tightrope_drill::builtin::playbooks() {
        Ok(p) => (p, Vec::new()),
        Err(e) => (Vec::new(), e),
    };
    let (user, errs) = tightrope_drill::cli::load_files(&cfg.resolve_all(&d.playbooks));
    errors.extend(errs);
    for p in user {
        match playbooks.iter_mut().find(|x| x.id == p.id) {
            Some(slot) => *slot = p,
            None => playbooks.push(p),
        }
    }
    let unbound: Vec<String> = playbooks
        .iter()
        .filter(|p| tightrope_drill::scenarios::get(&p.id).is_none())
        .map(|p| p.id.clone())
        .collect();
    playbooks.retain(|p| tightrope_drill::scenarios::get(&p.id).is_some());
    let sigma = d
        .sigma
        .as_ref()
        .map(|p| tightrope_detect::sigma::SigmaSet::load(&cfg.resolve(p)).0);
    let opts = tightrope_drill::run::Options {
        seed: d.seed.unwrap_or(7),
        sigma: sigma.as_ref(),
        ..Default::default()
    };
    let report = match tightrope_drill::drill(&playbooks, &[], &opts) {
        Ok(r) => r,
        Err(e) => {
            errors.push(InputError {
                path: cfg.source.clone(),
                line: None,
                message: format!("[drill]: {e}"),
            });
            let mut run = StepRun::skipped(Step::Drill, "the drill could not run");
            run.not_run = None;
            run.errors = errors;
            run.elapsed_ms = t.elapsed().as_millis() as u64;
            return run;
        }
    };
    let mut findings = Vec::new();
    for o in report.scenarios.iter().filter(|o| !o.detected) {
        let pb = playbooks.iter().find(|p| p.id == o.playbook);
        findings.push(Finding {
            rule_id: "TR-PREFLIGHT-DRILL-001".into(),
            title: "Incident playbook is not triggered by its own scenario".into(),
            severity: tightrope_core::Severity::High,
            step: Step::Drill,
            ai: true,
            resource: tightrope_core::ResourceRef { address: format!("playbook/{}", o.playbook), kind: "playbook".into() },
            location: tightrope_core::Origin::Unknown,
            attribute: None,
            message: format!("the drill of `{}` ({}) raised no alert carrying a detection the playbook is bound to; missed: {}", o.scenario, o.title, o.missed.join(", ")),
            evidence: pb.map(|p| format!("{} detection(s) bound; {} attack events injected", p.detections.len(), o.attack_events)),
            remediation: "Bind the playbook to a detection that fires on this attack (`tightrope drill run SCENARIO` shows which fired), or fix the detection.".into(),
            references: Vec::new(),
            suppressed: None,
        });
    }
    for o in report.scenarios.iter().filter(|o| !o.has_owner) {
        findings.push(Finding {
            rule_id: "TR-PREFLIGHT-DRILL-002".into(),
            title: "Incident playbook has no owner".into(),
            severity: tightrope_core::Severity::Medium,
            step: Step::Drill,
            ai: true,
            resource: tightrope_core::ResourceRef {
                address: format!("playbook/{}", o.playbook),
                kind: "playbook".into(),
            },
            location: tightrope_core::Origin::Unknown,
            attribute: Some("owner".into()),
            message: format!("nobody owns the response to `{}`", o.scenario),
            evidence: None,
            remediation: "Name the owning team and its escalation contact in the playbook.".into(),
            references: Vec::new(),
            suppressed: None,
        });
    }
    let mut summary = format!(
        "{} of {} playbook scenarios detected by their bound detections",
        report.detected,
        report.scenarios.len()
    );
    if !unbound.is_empty() {
        summary.push_str(&format!(
            "; {} playbook(s) without a scenario generator not drilled ({})",
            unbound.len(),
            unbound.join(", ")
        ));
    }
    StepRun {
        step: Step::Drill,
        not_run: None,
        summary,
        findings,
        errors,
        elapsed_ms: t.elapsed().as_millis() as u64,
    }
}

//! `drill run`: learn a baseline on the background, inject each scenario, run step 4 (anomaly
//! detection and Sigma rules, in-process, through the CloudTrail reader every real log goes
//! through) and check that a detection bound to the scenario's playbook fired.

use crate::background::{self, Background, Size};
use crate::playbook::{Playbook, kind_name};
use crate::scenarios::{self, AttackEvent, Scenario};
use serde::Serialize;
use std::collections::BTreeSet;
use tightrope_cloudtrail::{Layout, ReadStats, read_bytes};
use tightrope_detect::sigma::SigmaSet;
use tightrope_detect::signal::combine;
use tightrope_detect::window::DEFAULT_WINDOW_SECS;
use tightrope_detect::{Alert, Detector, Learner, Model, NoContext, Settings, Signal, SignalKind};

/// How a drill runs.
pub struct Options<'s> {
    pub seed: u64,
    pub size: Size,
    /// SigmaHQ rules to run with the anomaly detection (none: anomalies only).
    pub sigma: Option<&'s SigmaSet>,
    /// Detection keys (`anomaly:<kind>`, `sigma:<id>`) whose evidence is removed from alerts.
    pub disabled: Vec<String>,
    pub settings: Settings,
    pub window_secs: i64,
}

impl Default for Options<'_> {
    fn default() -> Self {
        Options {
            seed: 7,
            size: Size::default(),
            sigma: None,
            disabled: Vec::new(),
            settings: Settings::default(),
            window_secs: DEFAULT_WINDOW_SECS,
        }
    }
}

/// One detection that fired on the scenario.
#[derive(Debug, Clone, Serialize, PartialEq, Eq, PartialOrd, Ord)]
pub struct Fired {
    /// `anomaly:<kind>` or `sigma:<id>`.
    pub key: String,
    /// True when the scenario's playbook lists it as a trigger.
    pub bound: bool,
}

/// An alert on the scenario's events, as reported.
#[derive(Debug, Clone, Serialize)]
pub struct AlertSummary {
    pub id: String,
    pub identity: String,
    pub risk: f64,
    pub start: i64,
    /// The strongest reasons (at most three).
    pub reasons: Vec<String>,
}

/// The result of one scenario.
#[derive(Debug, Clone, Serialize)]
pub struct Outcome {
    pub scenario: String,
    pub title: String,
    pub severity: String,
    pub case_study: Option<String>,
    /// A detection bound to the playbook fired on the scenario's events.
    pub detected: bool,
    /// Some alert (bound detection or not) covered the scenario's events.
    pub alerted: bool,
    pub fired: Vec<Fired>,
    /// Playbook detections that did not fire.
    pub missed: Vec<String>,
    /// Seconds from the first attack event to the end of the first window whose alert carries a
    /// bound detection (when a streaming detector would raise it).
    pub time_to_alert_secs: Option<i64>,
    pub first_attack_event: i64,
    pub attack_events: usize,
    pub attack_identities: Vec<String>,
    pub playbook: String,
    pub owner: Option<String>,
    pub has_owner: bool,
    pub has_verification: bool,
    pub has_containment: bool,
    pub containment_steps: usize,
    /// Containment steps marked safe to automate.
    pub automatable_steps: usize,
    pub alerts: Vec<AlertSummary>,
}

/// Background and reading statistics of a run.
#[derive(Debug, Clone, Serialize)]
pub struct RunInfo {
    pub seed: u64,
    pub history_days: i64,
    pub test_days: i64,
    pub history_events: u64,
    pub test_events: u64,
    pub window_secs: i64,
    pub sigma_rules: usize,
    pub disabled: Vec<String>,
    /// Records the reader rejected (background and scenarios); should be zero.
    pub bad_records: u64,
}

/// The learned baseline and the background it came from, shared by all scenarios of a run.
pub struct Baseline {
    pub background: Background,
    pub model: Model,
    test_log: Vec<u8>,
    pub info: RunInfo,
}

/// The key of a signal: `anomaly:<kind>` or `sigma:<rule id>`.
pub fn signal_key(s: &Signal) -> String {
    if s.kind == SignalKind::Sigma {
        // The value is "<title> (<id>)".
        let id = s
            .value
            .rsplit_once('(')
            .map(|(_, r)| r.trim_end_matches(')'))
            .unwrap_or(&s.value);
        format!("sigma:{id}")
    } else {
        format!("anomaly:{}", kind_name(s.kind))
    }
}

fn sigma_hits(sigma: Option<&SigmaSet>, r: &tightrope_cloudtrail::Record<'_>) -> Vec<Signal> {
    sigma
        .map(|s| s.matches(&r.event, r.raw).iter().map(|m| m.signal()).collect())
        .unwrap_or_default()
}

/// Generate the background and learn the baseline from its history.
pub fn baseline(opts: &Options<'_>) -> Baseline {
    let bg = background::generate(opts.seed, opts.size);
    let history_log = background::log_file(&bg.history);
    let mut learner = Learner::new(opts.window_secs);
    let hist = read_bytes("background/history.json", &history_log, Layout::Json, |r| {
        let hits: Vec<String> = sigma_hits(opts.sigma, r).into_iter().map(|s| s.value).collect();
        learner.observe_with_sigma(&r.event, &hits);
    });
    let test_log = background::log_file(&bg.test);
    let info = RunInfo {
        seed: opts.seed,
        history_days: opts.size.history_days,
        test_days: opts.size.test_days,
        history_events: hist.events,
        test_events: bg.test.len() as u64,
        window_secs: opts.window_secs,
        sigma_rules: opts.sigma.map_or(0, |s| s.rules.len()),
        disabled: opts.disabled.clone(),
        bad_records: hist.bad,
    };
    Baseline {
        model: learner.finish(),
        background: bg,
        test_log,
        info,
    }
}

/// Remove disabled detections from an alert; `None` when what is left falls below the threshold.
fn without_disabled(mut a: Alert, disabled: &[String], threshold: f64) -> Option<Alert> {
    if disabled.is_empty() {
        return Some(a);
    }
    a.signals.retain(|s| !disabled.contains(&signal_key(s)));
    a.anomaly = combine(a.signals.iter().map(|s| s.strength));
    a.reasons = a.signals.iter().map(|s| s.reason.clone()).collect();
    (a.anomaly >= threshold).then_some(a)
}

/// The scenario's events as one log file, and the read statistics of reading them back.
pub fn attack_log(events: &[AttackEvent]) -> Vec<u8> {
    background::log_file(events.iter().map(|e| &e.json))
}

/// Run one scenario against the baseline.
pub fn run_scenario(
    base: &Baseline,
    scenario: &Scenario,
    index: usize,
    playbook: &Playbook,
    opts: &Options<'_>,
) -> (Outcome, ReadStats) {
    let events = scenarios::generate(scenario, &base.background, opts.seed, index);
    evaluate(base, scenario, &events, true, playbook, opts)
}

/// Score the test day, with the scenario's `events` injected when `inject` is true (false: a
/// control run over the same identities and time span without the attack).
pub fn evaluate(
    base: &Baseline,
    scenario: &Scenario,
    events: &[AttackEvent],
    inject: bool,
    playbook: &Playbook,
    opts: &Options<'_>,
) -> (Outcome, ReadStats) {
    let log = attack_log(events);
    let mut detector = Detector::new(&base.model, opts.settings.clone());
    let mut stats = read_bytes("background/test.json", &base.test_log, Layout::Json, |r| {
        detector.observe(&r.event, sigma_hits(opts.sigma, r));
    });
    let mut identities = BTreeSet::new();
    let attack = read_bytes(&format!("scenario/{}.json", scenario.id), &log, Layout::Json, |r| {
        identities.insert(r.event.identity().to_string());
        if inject {
            detector.observe(&r.event, sigma_hits(opts.sigma, r));
        }
    });
    stats.merge(attack);
    let first = events.first().map_or(0, |e| e.time);
    let last = events.last().map_or(0, |e| e.time);
    let alerts: Vec<Alert> = detector
        .finish(&NoContext)
        .into_iter()
        .filter(|a| identities.contains(&a.identity) && a.start <= last && a.end >= first)
        .filter_map(|a| without_disabled(a, &opts.disabled, opts.settings.threshold))
        .collect();
    let bound: Vec<String> = playbook.detections.iter().map(|d| d.key()).collect();
    let mut fired: BTreeSet<Fired> = BTreeSet::new();
    let mut latency: Option<i64> = None;
    for a in &alerts {
        let mut carries_bound = false;
        for s in &a.signals {
            let key = signal_key(s);
            let is_bound = bound.contains(&key);
            carries_bound |= is_bound;
            fired.insert(Fired { key, bound: is_bound });
        }
        if carries_bound {
            let ws = opts.window_secs.max(1);
            let window_end = (a.start.div_euclid(ws) + 1) * ws;
            let l = (window_end - first).max(0);
            latency = Some(latency.map_or(l, |x| x.min(l)));
        }
    }
    let fired: Vec<Fired> = fired.into_iter().collect();
    let missed = bound
        .iter()
        .filter(|k| !fired.iter().any(|f| &f.key == *k))
        .cloned()
        .collect();
    let outcome = Outcome {
        scenario: scenario.id.to_string(),
        title: playbook.scenario.clone(),
        severity: playbook.severity.to_string(),
        case_study: scenario.case_study.map(str::to_string),
        detected: fired.iter().any(|f| f.bound),
        alerted: !alerts.is_empty(),
        fired,
        missed,
        time_to_alert_secs: latency,
        first_attack_event: first,
        attack_events: events.len(),
        attack_identities: identities.into_iter().collect(),
        playbook: playbook.id.clone(),
        owner: (!playbook.owner.team.is_empty()).then(|| playbook.owner.team.clone()),
        has_owner: !playbook.owner.team.trim().is_empty() && !playbook.escalation.is_empty(),
        has_verification: !playbook.verification.is_empty(),
        has_containment: !playbook.containment.is_empty(),
        containment_steps: playbook.containment.len(),
        automatable_steps: playbook.containment.iter().filter(|c| c.safe_to_automate).count(),
        alerts: alerts
            .iter()
            .map(|a| AlertSummary {
                id: a.id.clone(),
                identity: a.identity.clone(),
                risk: (a.risk * 10.0).round() / 10.0,
                start: a.start,
                reasons: a.reasons.iter().take(3).cloned().collect(),
            })
            .collect(),
    };
    (outcome, stats)
}

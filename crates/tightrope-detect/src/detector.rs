//! `detect run`: score new events against a [`Model`] and group the evidence into alerts.
//!
//! Each event is checked on arrival (first-seen action/region/network/user agent, rarity, hour, new
//! model or data source); evidence is kept per identity and time window, where volumes are compared
//! with the learned 99th percentiles, the travel proxy and the LLM-jacking sequence are checked and
//! the isolation forest scores the window. A window with enough combined evidence is an [`Alert`].

use crate::alert::{Alert, build_alert};
use crate::context::Context;
use crate::features::{self, Facts};
use crate::model::{Counter, IdentityProfile, Model};
use crate::partial::merge_entry;
use crate::signal::{Signal, SignalKind, combine};
use crate::window::{Window, window_of};
use rayon::prelude::*;
use crate::fasthash::FastMap;
use crate::iforest::ScoreMemo;
use std::collections::BTreeSet;
use tightrope_cloudtrail::Event;

/// Tunables of the detector (defaults documented in `docs/detect.md`).
#[derive(Debug, Clone)]
pub struct Settings {
    /// Combined anomaly strength at or above which a window becomes an alert.
    pub threshold: f64,
    /// Identities with fewer baseline events than this get no rarity or hour signals.
    pub min_history: u64,
    /// Seconds after Bedrock reconnaissance during which invocations count as a sequence.
    pub recon_horizon: i64,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            threshold: 0.98,
            min_history: 50,
            recon_horizon: 3600,
        }
    }
}

/// How far back failed sign-ins count for [`SignalKind::LoginAfterFailures`] (seconds).
const LOGIN_HORIZON: i64 = 7 * 86_400;

/// Most distinct values kept per window for the report (networks, actions, resources).
const KEEP: usize = 12;

/// Add `value` to a report set of at most [`KEEP`] values (allocating only for a new value).
fn keep_distinct(set: &mut BTreeSet<String>, value: &str) {
    if set.len() < KEEP && !set.contains(value) {
        set.insert(value.to_string());
    }
}

/// Evidence gathered for one identity in one window.
#[derive(Debug, Default)]
pub struct WindowEvidence {
    pub window: Window,
    pub signals: Vec<Signal>,
    pub first: Option<i64>,
    pub last: Option<i64>,
    pub kind: String,
    pub networks: BTreeSet<String>,
    pub actions: Counter,
    pub resources: BTreeSet<String>,
    pub event_ids: Vec<String>,
    pub recon: bool,
    pub ai_from_new_network: u32,
    pub failed_logins: u32,
    pub login_success: bool,
}

impl WindowEvidence {
    fn add_signal(&mut self, s: Signal) {
        match self
            .signals
            .iter_mut()
            .find(|x| x.kind == s.kind && x.value == s.value)
        {
            Some(x) if x.strength >= s.strength => {}
            Some(x) => *x = s,
            None => self.signals.push(s),
        }
    }
}

impl WindowEvidence {
    /// Add another partial view of the same window (parallel reads).
    pub fn merge(&mut self, o: WindowEvidence) {
        self.window.merge(o.window);
        for s in o.signals {
            self.add_signal(s);
        }
        self.first = [self.first, o.first].into_iter().flatten().min();
        self.last = [self.last, o.last].into_iter().flatten().max();
        if self.kind.is_empty() {
            self.kind = o.kind;
        }
        for n in o.networks {
            if self.networks.len() < KEEP {
                self.networks.insert(n);
            }
        }
        self.actions.merge(o.actions);
        for r in o.resources {
            if self.resources.len() < KEEP {
                self.resources.insert(r);
            }
        }
        for id in o.event_ids {
            if self.event_ids.len() < KEEP {
                self.event_ids.push(id);
            }
        }
        self.recon |= o.recon;
        self.ai_from_new_network += o.ai_from_new_network;
        self.failed_logins += o.failed_logins;
        self.login_success |= o.login_success;
    }
}

/// Scores events against a model.
pub struct Detector<'m> {
    scorer: Scorer<'m>,
    windows: FastMap<String, IdentityWindows<'m>>,
    /// Events scored.
    pub events: u64,
}

/// One identity's windows, with its profile looked up once (`None`: not in the baseline).
struct IdentityWindows<'m> {
    known: Option<Known<'m>>,
    windows: FastMap<i64, WindowEvidence>,
}

/// An identity's profile, with hash-map views of the counters every event of it looks up: a
/// `BTreeMap<String, _>` lookup compares the key with several stored strings, and each event made
/// four or five of them (built once per identity and detector).
struct Known<'m> {
    profile: &'m IdentityProfile,
    actions: Counts<'m>,
    regions: Counts<'m>,
    networks: Counts<'m>,
    user_agents: Counts<'m>,
    ai_models: Counts<'m>,
}

/// A counter's values and counts, by hash.
struct Counts<'m>(FastMap<&'m str, u64>);

impl<'m> Counts<'m> {
    fn of(c: &'m Counter) -> Self {
        Counts(c.0.iter().map(|(k, &n)| (k.as_str(), n)).collect())
    }

    /// [`Counter::get`].
    fn get(&self, key: &str) -> u64 {
        self.0.get(key).copied().unwrap_or(0)
    }
}

impl<'m> Known<'m> {
    fn new(profile: &'m IdentityProfile) -> Self {
        Known {
            profile,
            actions: Counts::of(&profile.actions),
            regions: Counts::of(&profile.regions),
            networks: Counts::of(&profile.networks),
            user_agents: Counts::of(&profile.user_agents),
            ai_models: Counts::of(&profile.ai_models),
        }
    }
}

/// The per-event checks against the model, with their reusable buffers.
struct Scorer<'m> {
    model: &'m Model,
    settings: Settings,
    scratch: String,
    user_agents: features::UaFamilies,
}

/// The first-seen signal for `value`, whose count in `counter` is `count`, if that is 0. Inlined,
/// so that the usual case (seen before) is one comparison in the caller.
#[inline]
fn first_seen(
    kind: SignalKind,
    counter: &Counter,
    count: u64,
    value: &str,
    what: &str,
    who: Who<'_>,
) -> Option<Signal> {
    if count > 0 {
        return None;
    }
    Some(first_seen_signal(kind, counter, value, what, who))
}

#[cold]
#[inline(never)]
fn first_seen_signal(
    kind: SignalKind,
    counter: &Counter,
    value: &str,
    what: &str,
    who: Who<'_>,
) -> Signal {
    let novelty = counter.novelty();
    Signal {
        kind,
        value: value.to_string(),
        strength: 1.0 - novelty,
        reason: format!(
            "first time {who} {what} {value} ({} baseline events, {} distinct values; novelty rate {:.1}%)",
            counter.total(),
            counter.0.len(),
            novelty * 100.0
        ),
    }
}

impl<'m> Detector<'m> {
    pub fn new(model: &'m Model, settings: Settings) -> Self {
        Detector {
            scorer: Scorer {
                model,
                settings,
                scratch: String::new(),
                user_agents: features::UaFamilies::default(),
            },
            windows: FastMap::default(),
            events: 0,
        }
    }

    /// The event-level evidence for one event (also used by evaluations that score single events).
    pub fn event_signals(&mut self, e: &Event<'_>) -> Vec<Signal> {
        let known = self.scorer.model.identities.get(e.identity()).map(Known::new);
        self.scorer
            .signals(e, &Facts::of(e), known.as_ref(), &features::network(e))
    }
}

impl<'m> Scorer<'m> {
    /// The event-level evidence for `e` (with `facts`), whose identity is `known` (or not in the
    /// baseline) and whose caller is in `net`.
    fn signals(
        &mut self,
        e: &Event<'_>,
        facts: &Facts<'_>,
        known: Option<&Known<'_>>,
        net: &str,
    ) -> Vec<Signal> {
        let identity = e.identity();
        let who = Who(identity);
        let Some(k) = known else {
            let account = e.account.as_deref().unwrap_or("(unknown account)");
            let novelty = self.model.identity_counts.novelty_of(account);
            let mut out = vec![Signal {
                kind: SignalKind::NewIdentity,
                value: identity.to_string(),
                strength: 1.0 - novelty,
                reason: format!(
                    "identity {who} never seen in the baseline ({} identities learned in account {account})",
                    self.model.identity_counts.get(account)
                ),
            }];
            let ua = self.user_agents.family(e.user_agent.as_deref());
            for (kind, seen, value, what) in [
                (
                    SignalKind::FirstNetwork,
                    self.model.account_networks.get(account),
                    net,
                    "network",
                ),
                (
                    SignalKind::FirstUserAgent,
                    self.model.account_user_agents.get(account),
                    ua,
                    "client",
                ),
            ] {
                if let Some(mut s) = seen.and_then(|c| first_seen(kind, c, c.get(value), value, "", who)) {
                    s.reason = format!(
                        "{who} used {what} {value}, which nobody in account {account} used in the baseline"
                    );
                    out.push(s);
                }
            }
            return out;
        };
        let p = k.profile;
        let mut out = Vec::new();
        if e.is_error() {
            // How often a window of this identity holds a failure (smoothed).
            let rate = (p.windows.error_windows as f64 + 0.5) / (p.windows.active as f64 + 1.0);
            let strength = 1.0 - rate;
            {
                out.push(Signal {
                    kind: SignalKind::FailedCall,
                    value: format!("{}:{} {}", facts.service, e.name, e.error_code.as_deref().unwrap_or("")),
                    strength,
                    reason: format!(
                        "{who} failed {}:{} ({}); failures in {} of its {} active baseline windows ({} of {} calls)",
                        facts.service,
                        e.name,
                        e.error_code.as_deref().unwrap_or("error"),
                        p.windows.error_windows,
                        p.windows.active,
                        p.errors,
                        p.events
                    ),
                });
            }
        }
        facts.iam_action_into(e, &mut self.scratch);
        let action = self.scratch.as_str();
        let seen = k.actions.get(action);
        if let Some(s) = first_seen(
            SignalKind::FirstAction,
            &p.actions,
            seen,
            action,
            "called",
            who,
        ) {
            out.push(s);
        } else if p.events >= self.settings.min_history && seen <= 2 {
            // (The count test first: the probability sums the whole counter.)
            let prob = p.actions.probability(action);
            let typical = 1.0 / p.actions.0.len().max(1) as f64;
            if prob < typical / 20.0 {
                out.push(Signal {
                    kind: SignalKind::RareAction,
                    value: action.to_string(),
                    strength: 0.5 * (1.0 - prob / typical * 20.0),
                    reason: format!(
                        "{who} rarely calls {action}: {seen} of {} baseline events (smoothed p={prob:.4})",
                        p.events
                    ),
                });
            }
        }
        let region = e.region.as_deref().unwrap_or("(none)");
        out.extend(first_seen(
            SignalKind::FirstRegion,
            &p.regions,
            k.regions.get(region),
            region,
            "used region",
            who,
        ));
        out.extend(first_seen(
            SignalKind::FirstNetwork,
            &p.networks,
            k.networks.get(net),
            net,
            "called from",
            who,
        ));
        let ua = self.user_agents.family(e.user_agent.as_deref());
        out.extend(first_seen(
            SignalKind::FirstUserAgent,
            &p.user_agents,
            k.user_agents.get(ua),
            ua,
            "used client",
            who,
        ));
        if p.events >= self.settings.min_history
            && let Some(h) = features::hour(e)
            && p.hours.get(h) == Some(&0)
        {
            let active: usize = p.hours.iter().filter(|&&n| n > 0).count();
            out.push(Signal {
                kind: SignalKind::UnusualHour,
                value: format!("{h:02}:00 UTC"),
                strength: 1.0 - (active as f64 + 1.0) / 26.0,
                reason: format!("{who} active at {h:02}:00 UTC, an hour with no baseline activity (active in {active} of 24 hours)"),
            });
        }
        if facts.ai_invocation {
            let model = e.params.model_id.as_deref().unwrap_or("(unknown model)");
            out.extend(first_seen(
                SignalKind::NewAiModel,
                &p.ai_models,
                k.ai_models.get(model),
                model,
                "invoked model",
                who,
            ));
        }
        if let Some(src) = facts.data_source(e) {
            out.extend(first_seen(
                SignalKind::NewDataSource,
                &p.data_sources,
                p.data_sources.get(src),
                src,
                "pointed an AI resource at",
                who,
            ));
        }
        out
    }

}

impl<'m> Detector<'m> {
    /// Score one event; `extra` carries evidence found elsewhere (Sigma matches). A Sigma match is
    /// weighed by how unusual it is for this identity: strength × (1 − p̂), where p̂ is the smoothed
    /// rate at which the rule matched the identity's baseline events.
    pub fn observe(&mut self, e: &Event<'_>, mut extra: Vec<Signal>) {
        self.events += 1;
        let identity = e.identity();
        let model = self.scorer.model;
        let slot = match self.windows.get_mut(identity) {
            Some(slot) => slot,
            None => self
                .windows
                .entry(identity.to_string())
                .or_insert_with(|| IdentityWindows {
                    known: model.identities.get(identity).map(Known::new),
                    windows: FastMap::default(),
                }),
        };
        if let Some(p) = slot.known.as_ref().map(|k| k.profile) {
            for s in extra.iter_mut().filter(|s| s.kind == SignalKind::Sigma) {
                let hits = p.sigma.get(&s.value);
                if hits > 0 {
                    let rate = (hits as f64 + 0.5) / (p.events as f64 + 1.0);
                    s.strength *= 1.0 - rate;
                    s.reason = format!(
                        "{} (it matched {hits} of {} baseline events of this identity)",
                        s.reason, p.events
                    );
                }
            }
        }
        let facts = Facts::of(e);
        let ip = e.ip();
        let net = features::network_of(e, ip);
        let signals = self.scorer.signals(e, &facts, slot.known.as_ref(), &net);
        let new_network = signals
            .iter()
            .any(|s| matches!(s.kind, SignalKind::FirstNetwork | SignalKind::NewIdentity));
        let w = window_of(e, model.window_secs);
        let ev = slot.windows.entry(w).or_default();
        ev.window.add(e, &facts, features::wide_network_of(ip));
        if let Some(t) = e.time {
            ev.first = Some(ev.first.map_or(t, |f| f.min(t)));
            ev.last = Some(ev.last.map_or(t, |l| l.max(t)));
        }
        if ev.kind.is_empty() {
            ev.kind = e.principal.kind.as_deref().unwrap_or("").to_string();
        }
        ev.recon |= facts.ai_recon;
        if e.name == "ConsoleLogin" {
            if e.is_error() {
                ev.failed_logins += 1;
            } else {
                ev.login_success = true;
            }
        }
        if facts.ai_invocation && new_network {
            ev.ai_from_new_network += 1;
        }
        let interesting = !signals.is_empty() || !extra.is_empty();
        if interesting || ev.networks.len() < KEEP {
            keep_distinct(&mut ev.networks, &net);
            if ev.actions.0.len() < KEEP * 4 || interesting {
                let scratch = &mut self.scorer.scratch;
                facts.iam_action_into(e, scratch);
                ev.actions.add(scratch);
            }
            for r in &e.resources {
                keep_distinct(&mut ev.resources, r);
            }
        }
        if interesting
            && ev.event_ids.len() < KEEP
            && let Some(id) = &e.event_id
        {
            ev.event_ids.push(id.to_string());
        }
        for s in signals.into_iter().chain(extra) {
            ev.add_signal(s);
        }
    }

    /// Add what another detector over the same model saw (parallel reads of separate files).
    pub fn merge(&mut self, o: Detector<'m>) {
        self.events += o.events;
        for (identity, theirs) in o.windows {
            merge_entry(&mut self.windows, identity, theirs, |mine, theirs| {
                for (w, ev) in theirs.windows {
                    merge_entry(&mut mine.windows, w, ev, WindowEvidence::merge);
                }
            });
        }
    }

    /// Window-level checks, combination, context and ranking; alerts sorted by risk (highest first).
    /// Identities are scored in parallel; the result does not depend on the thread count.
    pub fn finish(self, context: &dyn Context) -> Vec<Alert> {
        let model = self.scorer.model;
        let settings = &self.scorer.settings;
        let mut identities: Vec<(String, FastMap<i64, WindowEvidence>)> = self
            .windows
            .into_iter()
            .map(|(identity, slot)| (identity, slot.windows))
            .collect();
        identities.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        let scored: Vec<(String, Vec<(i64, WindowEvidence, f64)>)> = identities
            .into_par_iter()
            .map(|(identity, windows)| {
                let hits = score_identity(&identity, windows, model, settings);
                (identity, hits)
            })
            .collect();
        let mut alerts = Vec::new();
        for (identity, hits) in scored {
            for (k, ev, combined) in hits {
                alerts.push(build_alert(
                    &identity,
                    k,
                    ev,
                    combined,
                    model.window_secs,
                    context,
                ));
            }
        }
        alerts.sort_by(|a, b| {
            b.risk
                .total_cmp(&a.risk)
                .then_with(|| a.start.cmp(&b.start))
                .then_with(|| a.identity.cmp(&b.identity))
        });
        alerts
    }
}

/// The windows of one identity, in time order, that reach the threshold: (window, evidence,
/// combined strength). Sign-in failures and Bedrock reconnaissance carry over to later windows.
fn score_identity(
    identity: &str,
    mut windows: FastMap<i64, WindowEvidence>,
    model: &Model,
    settings: &Settings,
) -> Vec<(i64, WindowEvidence, f64)> {
    let profile = model.identities.get(identity);
    let mut keys: Vec<i64> = windows.keys().copied().collect();
    keys.sort_unstable();
    let mut hits = Vec::new();
    let mut recon_until: Option<i64> = None;
    // Failed sign-ins in the last LOGIN_HORIZON seconds: (time, count).
    let mut failures: Vec<(i64, u32)> = Vec::new();
    let mut forest = ScoreMemo::default();
    for k in keys {
        let Some(mut ev) = windows.remove(&k) else {
            continue;
        };
        let start = ev.first.unwrap_or(k * model.window_secs);
        if ev.recon {
            recon_until = Some(ev.last.unwrap_or(start) + settings.recon_horizon);
        }
        failures.retain(|(t, _)| start - t <= LOGIN_HORIZON);
        let recent: u32 = failures.iter().map(|(_, n)| n).sum::<u32>() + ev.failed_logins;
        if ev.login_success && recent > 0 {
            let n = f64::from(recent);
            ev.add_signal(Signal {
                kind: SignalKind::LoginAfterFailures,
                value: format!("{recent}"),
                strength: 1.0 - 1.0 / (n + 2.0),
                reason: format!(
                    "successful console sign-in after {recent} failed sign-ins in the previous {} days",
                    LOGIN_HORIZON / 86_400
                ),
            });
        }
        if ev.failed_logins > 0 {
            failures.push((start, ev.failed_logins));
        }
        window_signals(
            &mut ev,
            identity,
            profile,
            model,
            &mut forest,
            recon_until.is_some_and(|u| start <= u),
        );
        let combined = combine(ev.signals.iter().map(|s| s.strength));
        if combined >= settings.threshold {
            hits.push((k, ev, combined));
        }
    }
    hits
}

/// Volume, travel, sequence and forest evidence of one window.
fn window_signals(
    ev: &mut WindowEvidence,
    identity: &str,
    p: Option<&IdentityProfile>,
    model: &Model,
    forest: &mut ScoreMemo,
    after_recon: bool,
) {
    let who = short(identity);
    let mins = model.window_secs as f64 / 60.0;
    let w = &ev.window;
    let mut add = Vec::new();
    let burst = |kind: SignalKind, what: &str, x: u32, p99: f64| -> Option<Signal> {
        let x = f64::from(x);
        (x > (2.0 * p99).max(p99 + 5.0)).then(|| Signal {
            kind,
            value: format!("{x}"),
            strength: 1.0 - (p99 + 1.0) / (x + 1.0),
            reason: format!("{x} {what} in {mins} min vs a baseline p99 of {p99}"),
        })
    };
    if let Some(p) = p {
        add.extend(burst(
            SignalKind::VolumeBurst,
            "calls",
            w.events,
            p.windows.events,
        ));
        add.extend(burst(
            SignalKind::AiBurst,
            "model invocations",
            w.ai_calls,
            p.windows.ai_calls,
        ));
        add.extend(burst(
            SignalKind::ErrorSpike,
            "failed calls",
            w.errors,
            p.windows.errors,
        ));
        add.extend(burst(
            SignalKind::S3ReadBurst,
            "S3 object reads",
            w.s3_reads,
            p.windows.s3_reads,
        ));
    } else {
        // No baseline for this identity: compare AI volume with what the models normally see.
        let p99 = model
            .ai_resources
            .values()
            .map(|r| r.p99_calls)
            .fold(0.0, f64::max);
        add.extend(burst(
            SignalKind::AiBurst,
            "model invocations",
            w.ai_calls,
            p99,
        ));
        add.extend(burst(
            SignalKind::S3ReadBurst,
            "S3 object reads",
            w.s3_reads,
            10.0,
        ));
    }
    if let Some(s) = add.iter_mut().find(|s| s.kind == SignalKind::ErrorSpike)
        && ev.actions.0.keys().any(|a| a.ends_with(":ConsoleLogin"))
    {
        s.value = format!("ConsoleLogin {}", s.value);
    }
    let new_net = ev
        .signals
        .iter()
        .any(|s| matches!(s.kind, SignalKind::FirstNetwork | SignalKind::NewIdentity));
    if w.distinct_networks() >= 2 && new_net {
        add.push(Signal {
            kind: SignalKind::Travel,
            value: ev.networks.iter().cloned().collect::<Vec<_>>().join(", "),
            strength: 0.6,
            reason: format!(
                "{who} called from {} distant networks (/16) within {mins} min, at least one never seen (no geolocation offline)",
                w.distinct_networks()
            ),
        });
    }
    let ai_burst = add.iter().any(|s| s.kind == SignalKind::AiBurst);
    if w.ai_calls > 0 && (ev.recon || after_recon) && (ev.ai_from_new_network > 0 || ai_burst) {
        add.push(Signal {
            kind: SignalKind::LlmJacking,
            value: "recon→invoke".to_string(),
            strength: 0.95,
            reason: format!(
                "Bedrock reconnaissance (ListFoundationModels / GetModelInvocationLoggingConfiguration / ...) followed by {} model invocations{}",
                w.ai_calls,
                if ev.ai_from_new_network > 0 { " from a new network" } else { " at burst volume" }
            ),
        });
    }
    let f = forest.score(&model.forest, &w.features());
    if f > 0.62 {
        add.push(Signal {
            kind: SignalKind::Forest,
            value: format!("{f:.2}"),
            strength: ((f - 0.5) * 2.0).clamp(0.0, 1.0),
            reason: format!("isolation forest: this window's mix of volumes is unlike the learned windows (score {f:.2}, 0.5 = typical)"),
        });
    }
    for s in add {
        ev.add_signal(s);
    }
}

/// An identity as [`short`] writes it, computed only when a reason is formatted (most events
/// raise no signal, and the search for `:iam::` cost about 1 % of `detect run`).
#[derive(Clone, Copy)]
struct Who<'a>(&'a str);

impl std::fmt::Display for Who<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(short(self.0))
    }
}

/// A short name for an identity ARN: `role/ml-inference`, `user/alice`, `root`.
pub fn short(identity: &str) -> &str {
    match identity
        .split_once(":iam::")
        .or_else(|| identity.split_once(":sts::"))
    {
        Some((_, rest)) => rest.split_once(':').map_or(rest, |(_, r)| r),
        None => identity,
    }
}

//! `detect learn`: build the baseline [`Model`] from a window of history.

use crate::features::{self, Facts};
use crate::iforest::IsolationForest;
use crate::model::{
    Counter, FORMAT, IdentityProfile, Model, ResourceProfile, WindowPercentiles, quantile,
};
use crate::partial::merge_entry;
use crate::window::{Window, window_of};
use crate::fasthash::FastMap;
use std::collections::BTreeMap;
use tightrope_cloudtrail::Event;

/// Seed of the isolation forest (fixed: the same history always gives the same model).
pub const FOREST_SEED: u64 = 0x7167_6874_726f_7065;

/// Counts kept while learning (a hash map: one cheap lookup per event), sorted into a [`Counter`]
/// when the model is finished.
#[derive(Default)]
struct Tally(FastMap<String, u64>);

impl Tally {
    fn add(&mut self, key: &str) {
        match self.0.get_mut(key) {
            Some(n) => *n += 1,
            None => {
                self.0.insert(key.to_string(), 1);
            }
        }
    }

    fn merge(&mut self, o: Tally) {
        for (k, n) in o.0 {
            *self.0.entry(k).or_default() += n;
        }
    }

    fn into_counter(self) -> Counter {
        Counter(self.0.into_iter().collect())
    }
}

/// The counters of an identity's profile that every event touches, as [`Tally`]s.
#[derive(Default)]
struct Draft {
    actions: Tally,
    services: Tally,
    regions: Tally,
    networks: Tally,
    user_agents: Tally,
    ai_models: Tally,
}

impl Draft {
    fn merge(&mut self, o: Draft) {
        self.actions.merge(o.actions);
        self.services.merge(o.services);
        self.regions.merge(o.regions);
        self.networks.merge(o.networks);
        self.user_agents.merge(o.user_agents);
        self.ai_models.merge(o.ai_models);
    }

    /// Move the counts into `p`'s counters.
    fn finish_into(self, p: &mut IdentityProfile) {
        p.actions = self.actions.into_counter();
        p.services = self.services.into_counter();
        p.regions = self.regions.into_counter();
        p.networks = self.networks.into_counter();
        p.user_agents = self.user_agents.into_counter();
        p.ai_models = self.ai_models.into_counter();
    }
}

/// Accumulates events into profiles; [`Learner::finish`] turns them into a [`Model`].
pub struct Learner {
    window_secs: i64,
    index: FastMap<String, usize>,
    names: Vec<String>,
    profiles: Vec<IdentityProfile>,
    /// The hot counters of `profiles`, by the same index.
    drafts: Vec<Draft>,
    windows: FastMap<(usize, i64), Window>,
    /// Per AI model: its profile, its callers and its calls per window.
    resources: FastMap<String, (ResourceProfile, Tally, FastMap<i64, u32>)>,
    identity_accounts: Vec<String>,
    account_networks: FastMap<String, Tally>,
    account_user_agents: FastMap<String, Tally>,
    from: Option<i64>,
    to: Option<i64>,
    events: u64,
    scratch: String,
    user_agents: features::UaFamilies,
    fit_forest: bool,
}

impl Learner {
    pub fn new(window_secs: i64) -> Self {
        Learner {
            window_secs: window_secs.max(1),
            index: FastMap::default(),
            names: Vec::new(),
            profiles: Vec::new(),
            drafts: Vec::new(),
            windows: FastMap::default(),
            resources: FastMap::default(),
            identity_accounts: Vec::new(),
            account_networks: FastMap::default(),
            account_user_agents: FastMap::default(),
            from: None,
            to: None,
            events: 0,
            scratch: String::new(),
            user_agents: features::UaFamilies::default(),
            fit_forest: true,
        }
    }

    /// Skip the isolation forest (for evaluations that only use event-level evidence).
    pub fn without_forest(mut self) -> Self {
        self.fit_forest = false;
        self
    }

    /// Add one event of the history.
    pub fn observe(&mut self, e: &Event<'_>) {
        self.observe_with_sigma(e, &[]);
    }

    /// Add one event of the history with the Sigma rules it matched (their routine matches are
    /// then expected for this identity and weigh less at run time).
    pub fn observe_with_sigma(&mut self, e: &Event<'_>, sigma: &[String]) {
        self.events += 1;
        if let Some(t) = e.time {
            self.from = Some(self.from.map_or(t, |f| f.min(t)));
            self.to = Some(self.to.map_or(t, |x| x.max(t)));
        }
        let id = match self.index.get(e.identity()) {
            Some(&i) => i,
            None => {
                let i = self.profiles.len();
                self.index.insert(e.identity().to_string(), i);
                self.names.push(e.identity().to_string());
                self.identity_accounts.push(
                    e.account
                        .as_deref()
                        .unwrap_or("(unknown account)")
                        .to_string(),
                );
                self.profiles.push(IdentityProfile {
                    kind: e.principal.kind.as_deref().unwrap_or("").to_string(),
                    ..IdentityProfile::default()
                });
                self.drafts.push(Draft::default());
                i
            }
        };
        let account = e.account.as_deref().unwrap_or("(unknown account)");
        let facts = Facts::of(e);
        let p = &mut self.profiles[id];
        p.events += 1;
        p.errors += u64::from(e.is_error());
        let d = &mut self.drafts[id];
        facts.iam_action_into(e, &mut self.scratch);
        d.actions.add(&self.scratch);
        d.services.add(facts.service);
        d.regions.add(e.region.as_deref().unwrap_or("(none)"));
        let ip = e.ip();
        let net = features::network_of(e, ip);
        d.networks.add(&net);
        match self.account_networks.get_mut(account) {
            Some(c) => c.add(&net),
            None => self
                .account_networks
                .entry(account.to_string())
                .or_default()
                .add(&net),
        }
        let ua = self.user_agents.family(e.user_agent.as_deref());
        d.user_agents.add(ua);
        match self.account_user_agents.get_mut(account) {
            Some(c) => c.add(ua),
            None => self
                .account_user_agents
                .entry(account.to_string())
                .or_default()
                .add(ua),
        }
        if let Some(h) = features::hour(e) {
            p.hours[h] += 1;
        }
        if facts.ai_job {
            p.ai_jobs += 1;
        }
        if let Some(src) = facts.data_source(e) {
            p.data_sources.add(src);
        }
        for rule in sigma {
            p.sigma.add(rule);
        }
        let w = window_of(e, self.window_secs);
        if facts.ai_invocation {
            let model = e.params.model_id.as_deref().unwrap_or("(unknown model)");
            self.drafts[id].ai_models.add(model);
            let r = match self.resources.get_mut(model) {
                Some(r) => r,
                None => self.resources.entry(model.to_string()).or_default(),
            };
            r.0.calls += 1;
            r.1.add(&self.names[id]);
            *r.2.entry(w).or_default() += 1;
        }
        self.windows
            .entry((id, w))
            .or_default()
            .add(e, &facts, features::wide_network_of(ip));
    }

    /// Add what another learner saw (for parallel reads of separate files).
    pub fn merge(&mut self, o: Learner) {
        self.events += o.events;
        self.from = [self.from, o.from].into_iter().flatten().min();
        self.to = [self.to, o.to].into_iter().flatten().max();
        let mut remap = Vec::with_capacity(o.names.len());
        for (((name, profile), draft), account) in o
            .names
            .into_iter()
            .zip(o.profiles)
            .zip(o.drafts)
            .zip(o.identity_accounts)
        {
            let i = match self.index.get(&name) {
                Some(&i) => i,
                None => {
                    let i = self.profiles.len();
                    self.index.insert(name.clone(), i);
                    self.names.push(name);
                    self.identity_accounts.push(account);
                    self.profiles.push(IdentityProfile::default());
                    self.drafts.push(Draft::default());
                    i
                }
            };
            self.profiles[i].merge(profile);
            self.drafts[i].merge(draft);
            remap.push(i);
        }
        for (account, c) in o.account_networks {
            self.account_networks.entry(account).or_default().merge(c);
        }
        for (account, c) in o.account_user_agents {
            self.account_user_agents
                .entry(account)
                .or_default()
                .merge(c);
        }
        for ((id, w), win) in o.windows {
            merge_entry(&mut self.windows, (remap[id], w), win, Window::merge);
        }
        for (model, (r, callers, per_window)) in o.resources {
            let mine = self.resources.entry(model).or_default();
            mine.0.calls += r.calls;
            mine.1.merge(callers);
            for (w, n) in per_window {
                *mine.2.entry(w).or_default() += n;
            }
        }
    }

    /// The finished model: window percentiles per identity and resource, and the forest.
    pub fn finish(self) -> Model {
        let mut per_identity: Vec<Vec<&Window>> = vec![Vec::new(); self.profiles.len()];
        for ((id, _), w) in &self.windows {
            per_identity[*id].push(w);
        }
        let mut profiles = self.profiles;
        for (p, d) in profiles.iter_mut().zip(self.drafts) {
            d.finish_into(p);
        }
        for (p, ws) in profiles.iter_mut().zip(&per_identity) {
            let q = |f: &dyn Fn(&Window) -> u32| {
                let mut v: Vec<f64> = ws.iter().map(|w| f64::from(f(w))).collect();
                quantile(&mut v, 0.99)
            };
            p.windows = WindowPercentiles {
                active: ws.len() as u64,
                events: q(&|w| w.events),
                ai_calls: q(&|w| w.ai_calls),
                errors: q(&|w| w.errors),
                s3_reads: q(&|w| w.s3_reads),
                error_windows: ws.iter().filter(|w| w.errors > 0).count() as u64,
            };
        }
        // Forest rows in a fixed order so the model is reproducible.
        let mut keys: Vec<&(usize, i64)> = self.windows.keys().collect();
        keys.sort_unstable();
        let rows: Vec<Vec<f64>> = keys
            .iter()
            .filter_map(|k| self.windows.get(k))
            .map(Window::features)
            .collect();
        let forest = if self.fit_forest {
            IsolationForest::fit(&rows, FOREST_SEED)
        } else {
            IsolationForest::default()
        };
        let mut identity_counts = Counter::default();
        for a in &self.identity_accounts {
            identity_counts.add(a);
        }
        let ai_resources = self
            .resources
            .into_iter()
            .map(|(k, (mut r, callers, per_window))| {
                let mut v: Vec<f64> = per_window.values().map(|&c| f64::from(c)).collect();
                r.p99_calls = quantile(&mut v, 0.99);
                r.callers = callers.into_counter();
                (k, r)
            })
            .collect();
        Model {
            format: FORMAT,
            window_secs: self.window_secs,
            from: self.from,
            to: self.to,
            events: self.events,
            identities: self
                .names
                .into_iter()
                .zip(profiles)
                .collect::<BTreeMap<_, _>>(),
            ai_resources,
            identity_counts,
            account_networks: self
                .account_networks
                .into_iter()
                .map(|(a, t)| (a, t.into_counter()))
                .collect(),
            account_user_agents: self
                .account_user_agents
                .into_iter()
                .map(|(a, t)| (a, t.into_counter()))
                .collect(),
            forest,
        }
    }
}

/// Learn a model from an iterator of events.
pub fn learn<'a>(events: impl IntoIterator<Item = &'a Event<'a>>, window_secs: i64) -> Model {
    let mut l = Learner::new(window_secs);
    for e in events {
        l.observe(e);
    }
    l.finish()
}

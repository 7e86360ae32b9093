//! The learned baseline: per-identity and per-AI-resource profiles, window percentiles and the
//! isolation forest. Small, serialisable (JSON) and readable by a person.

use crate::iforest::IsolationForest;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Model format version (bump on incompatible changes).
pub const FORMAT: u32 = 1;

/// Occurrence counts of the values of one attribute.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Counter(pub BTreeMap<String, u64>);

impl Counter {
    pub fn add(&mut self, key: &str) {
        match self.0.get_mut(key) {
            Some(n) => *n += 1,
            None => {
                self.0.insert(key.to_string(), 1);
            }
        }
    }

    pub fn get(&self, key: &str) -> u64 {
        self.0.get(key).copied().unwrap_or(0)
    }

    pub fn total(&self) -> u64 {
        self.0.values().sum()
    }

    /// Good–Turing estimate of the probability that the next observation is a value never seen
    /// before, smoothed: (values seen once + 1) / (observations + 2). An identity that keeps doing
    /// new things gets a high novelty rate, so one more new thing is weak evidence.
    pub fn novelty(&self) -> f64 {
        let singletons = self.0.values().filter(|&&n| n == 1).count() as f64;
        (singletons + 1.0) / (self.total() as f64 + 2.0)
    }

    /// Smoothed probability of `key` (add-½ over the known values plus one unseen slot).
    pub fn probability(&self, key: &str) -> f64 {
        (self.get(key) as f64 + 0.5) / (self.total() as f64 + 0.5 * (self.0.len() as f64 + 1.0))
    }
}

/// The 99th percentile of per-window counts of one identity (over its active windows).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct WindowPercentiles {
    /// Windows in which the identity was active.
    pub active: u64,
    pub events: f64,
    pub ai_calls: f64,
    pub errors: f64,
    pub s3_reads: f64,
    /// Active windows with at least one failed call.
    #[serde(default)]
    pub error_windows: u64,
}

/// What one identity (a role, user, root or service) normally does.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct IdentityProfile {
    /// `userIdentity.type` (`AssumedRole`, `IAMUser`, `Root`, ...).
    pub kind: String,
    pub events: u64,
    pub errors: u64,
    /// IAM actions (`bedrock:InvokeModel`).
    pub actions: Counter,
    pub services: Counter,
    pub regions: Counter,
    /// /24 or /48 networks, or the AWS service that called.
    pub networks: Counter,
    /// User-agent families (`aws-cli`, `boto3`, `console`, ...).
    pub user_agents: Counter,
    /// Events per UTC hour of day.
    pub hours: [u64; 24],
    /// Bedrock / SageMaker inference calls per model.
    pub ai_models: Counter,
    /// SageMaker / Bedrock job creations.
    pub ai_jobs: u64,
    /// Training-data and knowledge-base sources the identity pointed AI resources at.
    pub data_sources: Counter,
    /// Sigma rules that matched this identity's events in the baseline (by rule title and id).
    #[serde(default)]
    pub sigma: Counter,
    pub windows: WindowPercentiles,
}

/// What one AI resource (a Bedrock model, a SageMaker endpoint) normally sees.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ResourceProfile {
    pub calls: u64,
    /// Identities that invoked it.
    pub callers: Counter,
    /// 99th percentile of calls per active window.
    pub p99_calls: f64,
}

/// The whole baseline.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Model {
    pub format: u32,
    /// Window length in seconds for volume percentiles and forest features.
    pub window_secs: i64,
    /// Time span learned from (Unix seconds).
    pub from: Option<i64>,
    pub to: Option<i64>,
    pub events: u64,
    pub identities: BTreeMap<String, IdentityProfile>,
    pub ai_resources: BTreeMap<String, ResourceProfile>,
    /// Identities per account seen during learning (for the novelty of a new identity).
    pub identity_counts: Counter,
    /// Networks seen per account (for callers without a profile of their own).
    pub account_networks: BTreeMap<String, Counter>,
    /// User-agent families seen per account (for callers without a profile of their own).
    #[serde(default)]
    pub account_user_agents: BTreeMap<String, Counter>,
    pub forest: IsolationForest,
}

impl Model {
    /// Read a model from JSON, checking its format version.
    pub fn from_json(text: &str) -> anyhow::Result<Model> {
        let m: Model = serde_json::from_str(text).map_err(|e| {
            anyhow::anyhow!(
                "not a tightrope detect model (line {}, column {}): {e}",
                e.line(),
                e.column()
            )
        })?;
        anyhow::ensure!(
            m.format == FORMAT,
            "model format {} is not supported (expected {FORMAT}); run `detect learn` again",
            m.format
        );
        Ok(m)
    }
}

/// The `q` quantile (0..=1) of `values` (nearest rank; 0 for none).
pub fn quantile(values: &mut [f64], q: f64) -> f64 {
    if values.is_empty() {
        return 0.0;
    }
    values.sort_by(f64::total_cmp);
    let rank = ((q * values.len() as f64).ceil() as usize).clamp(1, values.len());
    values[rank - 1]
}

impl Counter {
    /// Probability that the next identity of `group` is a new one, by the rule of succession:
    /// 1 / (identities already seen in the group + 2).
    pub fn novelty_of(&self, group: &str) -> f64 {
        let n = self.get(group) as f64;
        1.0 / (n + 2.0)
    }
}

impl Counter {
    /// Add another counter's counts.
    pub fn merge(&mut self, o: Counter) {
        for (k, n) in o.0 {
            *self.0.entry(k).or_default() += n;
        }
    }
}

impl IdentityProfile {
    /// Add another partial profile of the same identity (parallel learning).
    pub fn merge(&mut self, o: IdentityProfile) {
        if self.kind.is_empty() {
            self.kind = o.kind;
        }
        self.events += o.events;
        self.errors += o.errors;
        self.actions.merge(o.actions);
        self.services.merge(o.services);
        self.regions.merge(o.regions);
        self.networks.merge(o.networks);
        self.user_agents.merge(o.user_agents);
        for (a, b) in self.hours.iter_mut().zip(o.hours) {
            *a += b;
        }
        self.ai_models.merge(o.ai_models);
        self.ai_jobs += o.ai_jobs;
        self.data_sources.merge(o.data_sources);
        self.sigma.merge(o.sigma);
    }
}

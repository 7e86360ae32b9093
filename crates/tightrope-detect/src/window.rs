//! Per-identity time windows: the volumes the percentiles and the isolation forest look at.

use crate::features::Facts;
use tightrope_cloudtrail::Event;

/// Default window length: five minutes.
pub const DEFAULT_WINDOW_SECS: i64 = 300;

/// Distinct values kept per window (enough for the features; bounded memory).
const MAX_DISTINCT: usize = 64;

/// Counts of one identity's activity in one window.
#[derive(Debug, Clone, Default)]
pub struct Window {
    pub events: u32,
    pub ai_calls: u32,
    pub errors: u32,
    pub s3_reads: u32,
    pub writes: u32,
    actions: Vec<u64>,
    wide_networks: Vec<u64>,
}

fn push_distinct(v: &mut Vec<u64>, x: u64) {
    if v.len() < MAX_DISTINCT && !v.contains(&x) {
        v.push(x);
    }
}

/// A cheap stable hash of an event's action (FNV-1a).
pub fn action_hash(e: &Event<'_>) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in e.source.bytes().chain([b':']).chain(e.name.bytes()) {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x100_0000_01b3);
    }
    h
}

impl Window {
    /// Count `e`, whose [`Facts`] are `facts`; `wide_network` is
    /// [`crate::features::wide_network`] of it (both computed once per event by the caller).
    pub fn add(&mut self, e: &Event<'_>, facts: &Facts<'_>, wide_network: Option<u64>) {
        self.events += 1;
        self.ai_calls += u32::from(facts.ai_invocation);
        self.errors += u32::from(e.is_error());
        self.s3_reads += u32::from(facts.s3_read);
        self.writes += u32::from(e.read_only == Some(false));
        push_distinct(&mut self.actions, action_hash(e));
        if let Some(n) = wide_network {
            push_distinct(&mut self.wide_networks, n);
        }
    }

    /// Distinct /16 (or IPv6 /32) networks seen in the window.
    pub fn distinct_networks(&self) -> usize {
        self.wide_networks.len()
    }

    /// The isolation-forest features: log volumes, error ratio, distinct actions and networks.
    pub fn features(&self) -> Vec<f64> {
        let l = |x: f64| (1.0 + x).ln();
        vec![
            l(f64::from(self.events)),
            l(f64::from(self.ai_calls)),
            f64::from(self.errors) / f64::from(self.events.max(1)),
            l(f64::from(self.s3_reads)),
            l(f64::from(self.writes)),
            l(self.actions.len() as f64),
            l(self.wide_networks.len() as f64),
        ]
    }
}

/// The window an event falls in (events without a time share window 0).
pub fn window_of(e: &Event<'_>, secs: i64) -> i64 {
    e.time.map_or(0, |t| t.div_euclid(secs.max(1)))
}

impl Window {
    /// Add another partial count of the same window (parallel reads).
    pub fn merge(&mut self, o: Window) {
        self.events += o.events;
        self.ai_calls += o.ai_calls;
        self.errors += o.errors;
        self.s3_reads += o.s3_reads;
        self.writes += o.writes;
        for a in o.actions {
            push_distinct(&mut self.actions, a);
        }
        for n in o.wide_networks {
            push_distinct(&mut self.wide_networks, n);
        }
    }
}

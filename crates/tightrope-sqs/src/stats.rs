//! Counters of one worker process, shared by its tasks and printed when it stops.

use serde::Serialize;
use std::sync::atomic::{AtomicU64, Ordering::Relaxed};

/// Live counters.
#[derive(Debug, Default)]
pub struct Counters {
    pub messages: AtomicU64,
    pub objects: AtomicU64,
    pub duplicates: AtomicU64,
    pub skipped: AtomicU64,
    pub missing: AtomicU64,
    pub failed: AtomicU64,
    pub events: AtomicU64,
    pub bad_records: AtomicU64,
    pub alerts: AtomicU64,
}

impl Counters {
    pub fn add(counter: &AtomicU64, n: u64) {
        counter.fetch_add(n, Relaxed);
    }

    pub fn summary(&self, seconds: f64) -> Summary {
        let get = |c: &AtomicU64| c.load(Relaxed);
        Summary {
            messages: get(&self.messages),
            objects: get(&self.objects),
            duplicates: get(&self.duplicates),
            skipped: get(&self.skipped),
            missing: get(&self.missing),
            failed: get(&self.failed),
            events: get(&self.events),
            bad_records: get(&self.bad_records),
            alerts: get(&self.alerts),
            seconds,
        }
    }
}

/// What a worker did, when it stops.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Summary {
    /// Queue messages handled and deleted.
    pub messages: u64,
    /// Log objects scored and committed by this worker.
    pub objects: u64,
    /// Objects found already recorded (a redelivery, or another worker's): not scored again.
    pub duplicates: u64,
    /// Objects that are not CloudTrail logs (digests, other prefixes), and test events.
    pub skipped: u64,
    /// Objects gone before they could be read (their messages are deleted).
    pub missing: u64,
    /// Messages left on the queue after an error (they are retried, then dead-lettered by the
    /// queue's redrive policy).
    pub failed: u64,
    pub events: u64,
    pub bad_records: u64,
    pub alerts: u64,
    pub seconds: f64,
}

impl std::fmt::Display for Summary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let rate = if self.seconds > 0.0 {
            self.events as f64 / self.seconds
        } else {
            0.0
        };
        write!(
            f,
            "{} messages, {} objects scored ({} events, {} bad records, {} alerts), {} already ingested, {} skipped, {} missing, {} left for retry; {:.1} s, {:.0} events/s",
            self.messages,
            self.objects,
            self.events,
            self.bad_records,
            self.alerts,
            self.duplicates,
            self.skipped,
            self.missing,
            self.failed,
            self.seconds,
            rate
        )
    }
}

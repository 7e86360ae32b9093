//! What `tightrope detect serve` records: each CloudTrail log object it scored (once, whatever the
//! number of deliveries of its notification) and the alerts scoring it produced.
//!
//! [`crate::Store::record_ingested`] writes an object and its alerts in one transaction, and writes
//! nothing when the object is already recorded: a worker that is killed after committing but before
//! deleting its queue message, or a duplicate delivery, never scores an object twice into the store.

use serde::{Deserialize, Serialize};

/// One ingested log object.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IngestedObject {
    /// The object's identity, unique: `s3://bucket/key`, plus `#etag` when the notification gave one.
    pub object: String,
    /// When S3 reported the object (the notification's `eventTime`, RFC 3339), if given.
    pub notified_at: Option<String>,
    /// When the worker committed it (RFC 3339 UTC).
    pub ingested_at: String,
    /// Which worker scored it (host and process id).
    pub worker: String,
    /// Events scored.
    pub events: i64,
    /// Records that could not be read.
    pub bad_records: i64,
    /// Alerts the object produced.
    pub alerts: i64,
}

/// One alert of an ingested object. `alert` is the detector's alert as JSON: identities, actions,
/// networks, reasons; CloudTrail carries no secret values, and nothing is added to it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IngestedAlert {
    pub object: String,
    /// Position of the alert among the object's alerts (highest risk first).
    pub seq: i64,
    pub identity: String,
    pub severity: String,
    /// 0–100.
    pub risk: f64,
    /// First and last event of the alert's window (RFC 3339).
    pub start: String,
    pub end: String,
    pub alert: serde_json::Value,
}

/// Totals over everything ingested, for metrics and the dashboard.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct IngestionTotals {
    pub objects: i64,
    pub events: i64,
    pub bad_records: i64,
    pub alerts: i64,
    /// The newest `ingested_at`.
    pub last_ingested_at: Option<String>,
    /// The same as Unix seconds.
    pub last_ingested_unix: Option<f64>,
    /// `ingested_at - notified_at` of the newest object, in seconds: how far behind delivery the
    /// workers are.
    pub last_lag_seconds: Option<f64>,
}

//! [`Backend`]: what a storage engine must do. [`crate::Store`] holds one behind a box, so callers
//! never see which engine is in use; SQLite is the embedded default, PostgreSQL can be added for a
//! team server by implementing this trait.
//!
//! Backends store and return bytes and rows; hashing, verification and (de)serialisation of
//! snapshots stay in [`crate::Store`], identical for every engine.

use crate::StoreError;
use crate::ingested::{IngestedAlert, IngestedObject, IngestionTotals};
use crate::query::{FindingPage, FindingQuery};
use crate::snapshot::SeverityCounts;
use serde::Serialize;

/// A named document's metadata.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DocumentInfo {
    pub name: String,
    /// RFC 3339 UTC.
    pub created_at: String,
    /// SHA-256 of the document's compact JSON.
    pub sha256: String,
}

/// A recorded scan, without its snapshot.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ScanInfo {
    pub id: i64,
    /// When the scan ran (RFC 3339 UTC).
    pub created_at: String,
    /// The baseline name it was saved as, or compared with.
    pub label: Option<String>,
    pub sources: Vec<String>,
    pub tool_version: String,
    pub resources: usize,
    /// Inputs that could not be read during the scan.
    pub errors: usize,
    /// Unsuppressed findings per severity.
    pub counts: SeverityCounts,
    /// SHA-256 of the snapshot's canonical JSON.
    pub sha256: String,
}

/// A named baseline: a pointer to a scan, with the hash recorded when it was saved.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BaselineInfo {
    pub name: String,
    pub saved_at: String,
    /// The hash recorded for the baseline; verified against the snapshot on load.
    pub sha256: String,
    pub scan: ScanInfo,
}

/// One finding of a scan, as an index row (for history and queries). `evidence` is the finding's
/// evidence as the step produced it: already redacted (`tightrope_core::redact`), never a raw value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FindingRow {
    pub rule_id: String,
    pub severity: String,
    pub resource: String,
    pub kind: String,
    pub ai: bool,
    pub suppressed: bool,
    pub step: String,
    pub title: String,
    pub message: String,
    pub evidence: Option<String>,
}

/// A scan to record: its metadata, canonical snapshot JSON and finding rows.
#[derive(Debug, Clone)]
pub struct NewScan<'a> {
    pub info: ScanInfo,
    pub snapshot_json: &'a [u8],
    pub findings: Vec<FindingRow>,
}

/// A storage engine. Every method that writes more than one row does so in one transaction.
pub trait Backend: Send {
    /// Insert or replace a document.
    fn put_document(
        &self,
        kind: &str,
        name: &str,
        json: &str,
        info: &DocumentInfo,
    ) -> Result<(), StoreError>;
    /// The document's JSON text and recorded hash.
    fn get_document(&self, kind: &str, name: &str) -> Result<Option<(String, String)>, StoreError>;
    fn list_documents(&self, kind: &str) -> Result<Vec<DocumentInfo>, StoreError>;
    fn delete_document(&self, kind: &str, name: &str) -> Result<bool, StoreError>;

    /// Record a scan with its findings and, when `baseline` is given, point that baseline name at it
    /// (replacing an existing one only if `replace`). All or nothing. Returns the scan id.
    fn insert_scan(
        &self,
        scan: &NewScan,
        baseline: Option<(&str, bool)>,
    ) -> Result<i64, StoreError>;
    /// A scan's metadata and its canonical snapshot JSON (decompressed).
    fn load_scan(&self, id: i64) -> Result<Option<(ScanInfo, Vec<u8>)>, StoreError>;
    fn baseline(&self, name: &str) -> Result<Option<BaselineInfo>, StoreError>;
    fn list_baselines(&self) -> Result<Vec<BaselineInfo>, StoreError>;
    /// Remove the name; the scan stays in the history.
    fn delete_baseline(&self, name: &str) -> Result<bool, StoreError>;
    /// Scans in time order, all or those with this label.
    fn scans(&self, label: Option<&str>) -> Result<Vec<ScanInfo>, StoreError>;

    /// One page of a scan's findings, filtered and sorted in the database, with the total count.
    fn query_findings(&self, query: &FindingQuery) -> Result<FindingPage, StoreError>;

    /// Add an API token (its hash only).
    fn insert_token(&self, token: &TokenRecord) -> Result<(), StoreError>;
    /// Every API token record (hashes, never tokens).
    fn tokens(&self) -> Result<Vec<TokenRecord>, StoreError>;
    /// Append an entry to the audit log of administrative actions.
    fn append_audit(&self, entry: &AuditEntry) -> Result<(), StoreError>;
    /// The newest `limit` audit entries, newest first.
    fn audit_log(&self, limit: u32) -> Result<Vec<AuditEntry>, StoreError>;
    /// Set the triage status of an alert (a detect finding `seq` of scan `scan_id`).
    fn set_alert_status(&self, status: &AlertStatus) -> Result<(), StoreError>;
    /// The triage statuses recorded for the alerts of a scan.
    fn alert_statuses(&self, scan_id: i64) -> Result<Vec<AlertStatus>, StoreError>;

    /// Record an ingested object and its alerts in one transaction. Returns `false`, having written
    /// nothing, when the object is already recorded.
    fn record_ingested(
        &self,
        object: &IngestedObject,
        alerts: &[IngestedAlert],
    ) -> Result<bool, StoreError>;

    /// True when the object (see [`IngestedObject::object`]) is recorded.
    fn is_ingested(&self, object: &str) -> Result<bool, StoreError>;

    /// The newest `limit` ingested objects, newest first.
    fn ingested_objects(&self, limit: u32) -> Result<Vec<IngestedObject>, StoreError>;

    /// The newest `limit` alerts of ingested objects (by window start), newest first.
    fn ingested_alerts(&self, limit: u32) -> Result<Vec<IngestedAlert>, StoreError>;

    /// Counts over every ingested object (the lag is left to [`crate::Store`]).
    fn ingestion_totals(&self) -> Result<IngestionTotals, StoreError>;
}

/// An API token of the team server: only the SHA-256 of the token is kept.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TokenRecord {
    /// A name for audit entries (`admin-1`, `ci`); unique.
    pub name: String,
    /// `viewer` or `admin`.
    pub role: String,
    /// Lowercase hex SHA-256 of the token.
    #[serde(skip)]
    pub sha256: String,
    pub created_at: String,
}

/// One administrative action, as recorded in the audit log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AuditEntry {
    pub at: String,
    /// The token name that acted.
    pub actor: String,
    /// What was done (`alert.status`, `scan.run`, `baseline.delete`).
    pub action: String,
    /// On what.
    pub target: String,
    /// Extra detail (the new status); never a secret.
    pub detail: String,
}

/// The triage status of one alert.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AlertStatus {
    pub scan_id: i64,
    pub seq: i64,
    /// `open`, `acknowledged` or `resolved`.
    pub status: String,
    pub updated_at: String,
    pub actor: String,
}

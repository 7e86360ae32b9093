//! [`Backend`]: what a storage engine must do. [`crate::Store`] holds one behind a box, so callers
//! never see which engine is in use; SQLite is the embedded default, PostgreSQL can be added for a
//! team server by implementing this trait.
//!
//! Backends store and return bytes and rows; hashing, verification and (de)serialisation of
//! snapshots stay in [`crate::Store`], identical for every engine.

use crate::StoreError;
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

/// One finding of a scan, as an index row (for history and queries).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FindingRow {
    pub rule_id: String,
    pub severity: String,
    pub resource: String,
    pub kind: String,
    pub ai: bool,
    pub suppressed: bool,
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
}

//! Storage of tightrope: snapshots, findings, named baselines and step documents.
//!
//! # Overview
//!
//! [`Store`] is the one entry point. It keeps
//!
//! * **scans**: a [`Snapshot`] (the full typed `CloudState` with the scan's findings and input
//!   errors), stored as compressed canonical JSON with its SHA-256, plus one index row per finding
//!   and the counts per severity (for `tightrope history`);
//! * **baselines**: a name pointing at a scan, with the hash recorded when it was saved. Loading a
//!   baseline recomputes the hash and reports a [`StoreError::Tampered`] on mismatch;
//! * **documents**: named JSON documents per kind, for other steps (learned detection models,
//!   classification labels, ...), also hash-checked on load.
//!
//! Every write that touches several rows runs in one transaction, so a killed process leaves either
//! the whole baseline or nothing of it.
//!
//! # Engines
//!
//! The engine sits behind the [`Backend`] trait. [`Sqlite`] is the embedded default: one file
//! (default `$XDG_DATA_HOME/tightrope/tightrope.db`, else `~/.local/share/tightrope/tightrope.db`,
//! overridable with `--db` / `TIGHTROPE_DB`), WAL journal, 10 s busy timeout, foreign keys, ordered
//! migrations tracked in `PRAGMA user_version`, and an `application_id` marker. A file that is not
//! SQLite, an SQLite file of another program, or a newer schema is refused with a clear error and
//! never modified. A PostgreSQL backend for a team server implements the same trait; callers do not
//! change.
//!
//! # Example
//!
//! ```no_run
//! # fn main() -> Result<(), tightrope_store::StoreError> {
//! use tightrope_store::{Snapshot, Store};
//! let store = Store::open_default(None)?;
//! let snap = Snapshot::new(vec!["infra/".into()], 0, Default::default(), vec![], vec![]);
//! store.save_baseline("before-scale", &snap, false)?;
//! let (info, loaded) = store.load_baseline("before-scale")?; // hash verified
//! assert_eq!(loaded, snap);
//! # let _ = info; Ok(()) }
//! ```

pub mod backend;
pub mod codec;
mod error;
pub mod ingested;
pub mod migrations;
#[cfg(feature = "postgres")]
pub mod postgres;
pub mod query;
pub mod snapshot;
pub mod sqlite;

pub use backend::{
    AlertStatus, AuditEntry, Backend, BaselineInfo, DocumentInfo, FindingRow, NewScan, ScanInfo,
    TokenRecord,
};
pub use ingested::{IngestedAlert, IngestedObject, IngestionTotals};
pub use query::{FindingPage, FindingQuery, FindingSort};
pub use error::StoreError;
pub use snapshot::{SeverityCounts, Snapshot, is_snapshot_file};
pub use sqlite::Sqlite;

use codec::sha256_hex;
use std::path::{Path, PathBuf};

/// Document kind used when none fits: free-form notes of other steps.
pub const DEFAULT_DOCUMENT_KIND: &str = "misc";

/// Where the store is, for commands that use it (flatten into their clap args).
#[derive(clap::Args, Debug, Clone, Default)]
pub struct DbArgs {
    /// The tightrope database: an SQLite file, or a `postgres://` URL (builds with PostgreSQL
    /// support). Default: $XDG_DATA_HOME/tightrope/tightrope.db, or
    /// ~/.local/share/tightrope/tightrope.db.
    #[arg(long, env = "TIGHTROPE_DB", value_name = "PATH", global = true)]
    pub db: Option<PathBuf>,
}

impl DbArgs {
    /// Open the store these arguments name.
    pub fn open(&self) -> Result<Store, StoreError> {
        match self.db.as_deref().and_then(Path::to_str) {
            Some(url) if is_postgres_url(url) => Store::open_location(Some(url)),
            _ => Store::open_default(self.db.as_deref()),
        }
    }
}

/// The default database path: `$XDG_DATA_HOME/tightrope/tightrope.db` (when absolute), else
/// `$HOME/.local/share/tightrope/tightrope.db`.
pub fn default_path() -> Result<PathBuf, StoreError> {
    let xdg = std::env::var_os("XDG_DATA_HOME")
        .map(PathBuf::from)
        .filter(|p| p.is_absolute());
    let base = match xdg {
        Some(p) => p,
        None => {
            let home = std::env::var_os("HOME")
                .map(PathBuf::from)
                .filter(|p| p.is_absolute())
                .ok_or(StoreError::NoDefaultPath)?;
            home.join(".local").join("share")
        }
    };
    Ok(base.join("tightrope").join("tightrope.db"))
}

/// The tightrope store. Cheap to open; one per command.
pub struct Store {
    backend: Box<dyn Backend>,
    path: PathBuf,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store").field("path", &self.path).finish()
    }
}

impl Store {
    /// Open the SQLite store at `path`, creating and migrating it when needed.
    pub fn open(path: &Path) -> Result<Store, StoreError> {
        let backend = Sqlite::open(path)?;
        tracing::debug!(path = %path.display(), "store open");
        Ok(Store {
            backend: Box::new(backend),
            path: path.to_path_buf(),
        })
    }

    /// Open `db` if given, else `$TIGHTROPE_DB`, else [`default_path`].
    pub fn open_default(db: Option<&Path>) -> Result<Store, StoreError> {
        let path = match db {
            Some(p) => p.to_path_buf(),
            None => match std::env::var_os("TIGHTROPE_DB").filter(|v| !v.is_empty()) {
                Some(p) => PathBuf::from(p),
                None => default_path()?,
            },
        };
        Store::open(&path)
    }

    /// Open `location`: a `postgres://` or `postgresql://` URL selects PostgreSQL, anything else is
    /// an SQLite path (empty = the default, see [`Store::open_default`]).
    pub fn open_location(location: Option<&str>) -> Result<Store, StoreError> {
        match location.filter(|l| !l.is_empty()) {
            Some(url) if is_postgres_url(url) => Store::open_postgres(url),
            Some(path) => Store::open(Path::new(path)),
            None => Store::open_default(None),
        }
    }

    #[cfg(feature = "postgres")]
    fn open_postgres(url: &str) -> Result<Store, StoreError> {
        let backend = postgres::Postgres::connect(url)?;
        Ok(Store::with_backend(
            Box::new(backend),
            PathBuf::from(postgres::redact_url(url)),
        ))
    }

    #[cfg(not(feature = "postgres"))]
    fn open_postgres(url: &str) -> Result<Store, StoreError> {
        let shown = url.split('@').next_back().unwrap_or("postgres");
        Err(StoreError::NoPostgres(shown.to_string()))
    }

    /// A store over any backend (PostgreSQL, test doubles).
    pub fn with_backend(backend: Box<dyn Backend>, description: PathBuf) -> Store {
        Store {
            backend,
            path: description,
        }
    }

    /// Where the store lives (for messages).
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Store a named JSON document of `kind`, replacing an existing one.
    pub fn put_document(
        &self,
        kind: &str,
        name: &str,
        value: &serde_json::Value,
    ) -> Result<(), StoreError> {
        let json = value.to_string();
        let info = DocumentInfo {
            name: name.to_string(),
            created_at: snapshot::now_rfc3339(),
            sha256: sha256_hex(json.as_bytes()),
        };
        self.backend.put_document(kind, name, &json, &info)
    }

    /// A named document, hash-verified; `None` when there is none.
    pub fn get_document(
        &self,
        kind: &str,
        name: &str,
    ) -> Result<Option<serde_json::Value>, StoreError> {
        let Some((json, recorded)) = self.backend.get_document(kind, name)? else {
            return Ok(None);
        };
        let what = format!("document {kind}/{name}");
        verify(&what, json.as_bytes(), &recorded)?;
        serde_json::from_str(&json)
            .map(Some)
            .map_err(|e| StoreError::Decode {
                what,
                detail: e.to_string(),
            })
    }

    /// The documents of `kind`, by name.
    pub fn list_documents(&self, kind: &str) -> Result<Vec<DocumentInfo>, StoreError> {
        self.backend.list_documents(kind)
    }

    /// Delete a document; `false` when there was none.
    pub fn delete_document(&self, kind: &str, name: &str) -> Result<bool, StoreError> {
        self.backend.delete_document(kind, name)
    }

    /// Record a scan (for history) labelled with `label`, e.g. the baseline it was compared with.
    pub fn record_scan(
        &self,
        snap: &Snapshot,
        label: Option<&str>,
    ) -> Result<ScanInfo, StoreError> {
        self.insert(snap, label, None)
    }

    /// Save `snap` as the baseline `name`, with its findings, in one transaction. Refuses to replace an
    /// existing baseline unless `replace`.
    pub fn save_baseline(
        &self,
        name: &str,
        snap: &Snapshot,
        replace: bool,
    ) -> Result<BaselineInfo, StoreError> {
        let scan = self.insert(snap, Some(name), Some((name, replace)))?;
        Ok(BaselineInfo {
            name: name.to_string(),
            saved_at: scan.created_at.clone(),
            sha256: scan.sha256.clone(),
            scan,
        })
    }

    fn insert(
        &self,
        snap: &Snapshot,
        label: Option<&str>,
        baseline: Option<(&str, bool)>,
    ) -> Result<ScanInfo, StoreError> {
        let json = snap.to_canonical_json();
        let mut info = ScanInfo {
            id: 0,
            created_at: snap.created.clone(),
            label: label.map(str::to_string),
            sources: snap.sources.clone(),
            tool_version: snap.tool_version.clone(),
            resources: snap.resources,
            errors: snap.errors.len(),
            counts: snap.counts(),
            sha256: sha256_hex(&json),
        };
        let findings = snap
            .findings
            .iter()
            .map(|f| FindingRow {
                rule_id: f.rule_id.clone(),
                severity: f.severity.as_str().to_string(),
                resource: f.resource.address.clone(),
                kind: f.resource.kind.clone(),
                ai: f.ai,
                suppressed: f.suppressed.is_some(),
                step: f.step.as_str().to_string(),
                title: f.title.clone(),
                message: f.message.clone(),
                evidence: f.evidence.clone(),
            })
            .collect();
        info.id = self.backend.insert_scan(
            &NewScan {
                info: info.clone(),
                snapshot_json: &json,
                findings,
            },
            baseline,
        )?;
        Ok(info)
    }

    /// Load the baseline `name` and verify its content hash (against the hash recorded with the
    /// baseline and with its scan).
    pub fn load_baseline(&self, name: &str) -> Result<(BaselineInfo, Snapshot), StoreError> {
        let info = self
            .backend
            .baseline(name)?
            .ok_or_else(|| StoreError::NoSuchBaseline(name.to_string()))?;
        let what = format!("baseline `{name}`");
        let (_, json) = self
            .backend
            .load_scan(info.scan.id)?
            .ok_or_else(|| StoreError::NoSuchBaseline(name.to_string()))?;
        verify(&what, &json, &info.sha256)?;
        verify(&what, &json, &info.scan.sha256)?;
        let snap = Snapshot::from_json(&json, &what)?;
        Ok((info, snap))
    }

    /// The baseline's metadata without loading its snapshot.
    pub fn baseline_info(&self, name: &str) -> Result<Option<BaselineInfo>, StoreError> {
        self.backend.baseline(name)
    }

    /// Every baseline, by name.
    pub fn list_baselines(&self) -> Result<Vec<BaselineInfo>, StoreError> {
        self.backend.list_baselines()
    }

    /// Remove a baseline name (its scan stays in the history); `false` when there was none.
    pub fn delete_baseline(&self, name: &str) -> Result<bool, StoreError> {
        self.backend.delete_baseline(name)
    }

    /// A recorded scan's snapshot, hash-verified.
    pub fn load_scan(&self, id: i64) -> Result<Option<(ScanInfo, Snapshot)>, StoreError> {
        let Some((info, json)) = self.backend.load_scan(id)? else {
            return Ok(None);
        };
        let what = format!("scan {id}");
        verify(&what, &json, &info.sha256)?;
        let snap = Snapshot::from_json(&json, &what)?;
        Ok(Some((info, snap)))
    }

    /// One page of a scan's findings, filtered and sorted by the database.
    pub fn query_findings(&self, query: &FindingQuery) -> Result<FindingPage, StoreError> {
        self.backend.query_findings(query)
    }

    /// Add an API token record (hash only).
    pub fn insert_token(&self, token: &TokenRecord) -> Result<(), StoreError> {
        self.backend.insert_token(token)
    }

    /// Every API token record.
    pub fn tokens(&self) -> Result<Vec<TokenRecord>, StoreError> {
        self.backend.tokens()
    }

    /// Record an administrative action.
    pub fn append_audit(&self, entry: &AuditEntry) -> Result<(), StoreError> {
        self.backend.append_audit(entry)
    }

    /// The newest `limit` audit entries, newest first.
    pub fn audit_log(&self, limit: u32) -> Result<Vec<AuditEntry>, StoreError> {
        self.backend.audit_log(limit)
    }

    /// Set an alert's triage status.
    pub fn set_alert_status(&self, status: &AlertStatus) -> Result<(), StoreError> {
        self.backend.set_alert_status(status)
    }

    /// Triage statuses of a scan's alerts.
    pub fn alert_statuses(&self, scan_id: i64) -> Result<Vec<AlertStatus>, StoreError> {
        self.backend.alert_statuses(scan_id)
    }

    /// Record a log object scored by `detect serve` and its alerts, atomically; `false` (nothing
    /// written) when it was already recorded, by this worker or another.
    pub fn record_ingested(
        &self,
        object: &IngestedObject,
        alerts: &[IngestedAlert],
    ) -> Result<bool, StoreError> {
        self.backend.record_ingested(object, alerts)
    }

    /// True when the log object is already recorded.
    pub fn is_ingested(&self, object: &str) -> Result<bool, StoreError> {
        self.backend.is_ingested(object)
    }

    /// The newest `limit` ingested objects, newest first.
    pub fn ingested_objects(&self, limit: u32) -> Result<Vec<IngestedObject>, StoreError> {
        self.backend.ingested_objects(limit)
    }

    /// The newest `limit` alerts of ingested objects, newest first.
    pub fn ingested_alerts(&self, limit: u32) -> Result<Vec<IngestedAlert>, StoreError> {
        self.backend.ingested_alerts(limit)
    }

    /// Totals over everything ingested, with the delivery lag of the newest object.
    pub fn ingestion_totals(&self) -> Result<IngestionTotals, StoreError> {
        let mut totals = self.backend.ingestion_totals()?;
        totals.last_ingested_unix = totals
            .last_ingested_at
            .as_deref()
            .and_then(|at| seconds_between("1970-01-01T00:00:00Z", at));
        if let Some(newest) = self.backend.ingested_objects(1)?.first() {
            totals.last_lag_seconds = newest
                .notified_at
                .as_deref()
                .and_then(|n| seconds_between(n, &newest.ingested_at));
        }
        Ok(totals)
    }

    /// Recorded scans in time order: all, or those labelled `label`.
    pub fn history(&self, label: Option<&str>) -> Result<Vec<ScanInfo>, StoreError> {
        self.backend.scans(label)
    }
}

/// `to - from` in seconds, for two RFC 3339 times (a time without offset is taken as UTC, as some
/// S3-compatible stores write `eventTime`).
fn seconds_between(from: &str, to: &str) -> Option<f64> {
    let parse = |t: &str| {
        chrono::DateTime::parse_from_rfc3339(t)
            .map(|d| d.to_utc())
            .or_else(|_| {
                chrono::NaiveDateTime::parse_from_str(t, "%Y-%m-%dT%H:%M:%S%.f").map(|n| n.and_utc())
            })
            .ok()
    };
    Some((parse(to)? - parse(from)?).num_milliseconds() as f64 / 1000.0)
}

/// True when `location` names a PostgreSQL database rather than an SQLite file.
pub fn is_postgres_url(location: &str) -> bool {
    location.starts_with("postgres://") || location.starts_with("postgresql://")
}

fn verify(what: &str, bytes: &[u8], recorded: &str) -> Result<(), StoreError> {
    let computed = sha256_hex(bytes);
    if computed != recorded {
        return Err(StoreError::Tampered {
            what: what.to_string(),
            recorded: recorded.to_string(),
            computed,
        });
    }
    Ok(())
}

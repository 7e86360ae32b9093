//! The SQLite backend: one file, WAL journal, busy timeout, foreign keys, ordered migrations.
//!
//! Opening checks, before writing anything, that the file is SQLite, that it is ours (the
//! `application_id` marker, or an empty database that becomes ours) and that its schema is not
//! newer than this build. Snapshots are kept as zlib-compressed canonical JSON.

use crate::StoreError;
use crate::backend::{
    AlertStatus, AuditEntry, Backend, BaselineInfo, DocumentInfo, FindingRow, NewScan, ScanInfo,
    TokenRecord,
};
use crate::query::{
    Dialect, FINDING_COLUMNS, FindingHit, FindingPage, FindingQuery, SqlParam, severity_rank,
};
use crate::codec::{compress, decompress};
use crate::ingested::{IngestedAlert, IngestedObject, IngestionTotals};
use crate::migrations::{APPLICATION_ID, LATEST, MIGRATIONS};
use crate::snapshot::SeverityCounts;
use rusqlite::{
    Connection, ErrorCode, OptionalExtension, Row, Transaction, TransactionBehavior, params,
};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// How long a writer waits for another process's lock before giving up.
const BUSY_TIMEOUT: Duration = Duration::from_secs(10);

/// An open SQLite database.
pub struct Sqlite {
    conn: Connection,
}

impl Sqlite {
    /// Open (creating if needed) and migrate the database at `path`.
    pub fn open(path: &Path) -> Result<Self, StoreError> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|source| StoreError::Io {
                path: dir.to_path_buf(),
                source,
            })?;
        }
        let not_db = |e: rusqlite::Error| classify(path, e);
        let conn = Connection::open(path).map_err(not_db)?;
        conn.busy_timeout(BUSY_TIMEOUT).map_err(not_db)?;
        // The first read of the header: fails with NOTADB on a file that is not SQLite.
        let tables: i64 = conn
            .query_row(
                "SELECT count(*) FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'",
                [],
                |r| r.get(0),
            )
            .map_err(not_db)?;
        let app_id: i64 = conn
            .query_row("PRAGMA application_id", [], |r| r.get(0))
            .map_err(not_db)?;
        if app_id != APPLICATION_ID && (tables > 0 || app_id != 0) {
            return Err(StoreError::Foreign {
                path: path.to_path_buf(),
                found: app_id,
                expected: APPLICATION_ID,
            });
        }
        let version: i64 = conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .map_err(not_db)?;
        if version > LATEST {
            return Err(StoreError::TooNew {
                path: path.to_path_buf(),
                found: version,
                supported: LATEST,
            });
        }
        let mode: String = conn
            .query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))
            .map_err(not_db)?;
        if !mode.eq_ignore_ascii_case("wal") {
            tracing::warn!(path = %path.display(), mode, "database is not in WAL mode");
        }
        conn.execute_batch("PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL;")
            .map_err(not_db)?;
        let db = Sqlite { conn };
        db.migrate().map_err(not_db)?;
        Ok(db)
    }

    /// Apply the missing migrations, each in its own write transaction with its version bump. The
    /// version is re-read inside the transaction, so two processes opening a new database at once
    /// do not both migrate.
    fn migrate(&self) -> Result<(), rusqlite::Error> {
        loop {
            let tx = self.write()?;
            let version: i64 = tx.query_row("PRAGMA user_version", [], |r| r.get(0))?;
            let Some(sql) = MIGRATIONS.get(version.max(0) as usize) else {
                return tx.commit();
            };
            let to = version + 1;
            tracing::info!(to, "migrating tightrope database schema");
            tx.execute_batch(sql)?;
            tx.execute_batch(&format!(
                "PRAGMA application_id = {APPLICATION_ID}; PRAGMA user_version = {to};"
            ))?;
            tx.commit()?;
        }
    }

    /// A write transaction that takes the write lock at once (waiting up to the busy timeout), so it
    /// never fails half-way on a lock upgrade.
    fn write(&self) -> Result<Transaction<'_>, rusqlite::Error> {
        Transaction::new_unchecked(&self.conn, TransactionBehavior::Immediate)
    }

    /// The schema version of the open database.
    pub fn schema_version(&self) -> Result<i64, StoreError> {
        Ok(self
            .conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))?)
    }
}

/// Map SQLite's "not a database" / "corrupt" errors to a clear [`StoreError::NotADatabase`].
fn classify(path: &Path, e: rusqlite::Error) -> StoreError {
    match e.sqlite_error_code() {
        Some(ErrorCode::NotADatabase | ErrorCode::DatabaseCorrupt) => StoreError::NotADatabase {
            path: PathBuf::from(path),
            detail: e.to_string(),
        },
        _ => StoreError::Sqlite(e),
    }
}

const SCAN_COLUMNS: &str = "s.id, s.created_at, s.label, s.sources, s.tool_version, s.resources, s.errors, s.critical, s.high, s.medium, s.low, s.info, s.sha256";

fn scan_info(r: &Row) -> rusqlite::Result<ScanInfo> {
    let sources: String = r.get(3)?;
    let count = |i: usize| -> rusqlite::Result<usize> { Ok(r.get::<_, i64>(i)?.max(0) as usize) };
    Ok(ScanInfo {
        id: r.get(0)?,
        created_at: r.get(1)?,
        label: r.get(2)?,
        sources: serde_json::from_str(&sources).unwrap_or_else(|_| vec![sources]),
        tool_version: r.get(4)?,
        resources: count(5)?,
        errors: count(6)?,
        counts: SeverityCounts {
            critical: count(7)?,
            high: count(8)?,
            medium: count(9)?,
            low: count(10)?,
            info: count(11)?,
        },
        sha256: r.get(12)?,
    })
}

fn baseline_info(r: &Row) -> rusqlite::Result<BaselineInfo> {
    Ok(BaselineInfo {
        name: r.get(13)?,
        saved_at: r.get(14)?,
        sha256: r.get(15)?,
        scan: scan_info(r)?,
    })
}

impl Backend for Sqlite {
    fn put_document(
        &self,
        kind: &str,
        name: &str,
        json: &str,
        info: &DocumentInfo,
    ) -> Result<(), StoreError> {
        self.conn.execute(
            "INSERT INTO documents (kind, name, created_at, sha256, value) VALUES (?1, ?2, ?3, ?4, ?5)
             ON CONFLICT (kind, name) DO UPDATE SET created_at = excluded.created_at, sha256 = excluded.sha256, value = excluded.value",
            params![kind, name, info.created_at, info.sha256, json],
        )?;
        Ok(())
    }

    fn get_document(&self, kind: &str, name: &str) -> Result<Option<(String, String)>, StoreError> {
        Ok(self
            .conn
            .query_row(
                "SELECT value, sha256 FROM documents WHERE kind = ?1 AND name = ?2",
                params![kind, name],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?)
    }

    fn list_documents(&self, kind: &str) -> Result<Vec<DocumentInfo>, StoreError> {
        let mut st = self.conn.prepare(
            "SELECT name, created_at, sha256 FROM documents WHERE kind = ?1 ORDER BY name",
        )?;
        let rows = st.query_map([kind], |r| {
            Ok(DocumentInfo {
                name: r.get(0)?,
                created_at: r.get(1)?,
                sha256: r.get(2)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    fn delete_document(&self, kind: &str, name: &str) -> Result<bool, StoreError> {
        Ok(self.conn.execute(
            "DELETE FROM documents WHERE kind = ?1 AND name = ?2",
            params![kind, name],
        )? > 0)
    }

    fn insert_scan(
        &self,
        scan: &NewScan,
        baseline: Option<(&str, bool)>,
    ) -> Result<i64, StoreError> {
        let blob = compress(scan.snapshot_json);
        let i = &scan.info;
        let c = &i.counts;
        let tx = self.write()?;
        if let Some((name, false)) = baseline {
            let exists: bool = tx.query_row(
                "SELECT EXISTS (SELECT 1 FROM baselines WHERE name = ?1)",
                [name],
                |r| r.get(0),
            )?;
            if exists {
                return Err(StoreError::BaselineExists(name.to_string()));
            }
        }
        tx.execute(
            "INSERT INTO scans (created_at, label, sources, tool_version, resources, errors, critical, high, medium, low, info, sha256, snapshot)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
            params![
                i.created_at,
                i.label,
                serde_json::to_string(&i.sources).unwrap_or_default(),
                i.tool_version,
                i.resources as i64,
                i.errors as i64,
                c.critical as i64,
                c.high as i64,
                c.medium as i64,
                c.low as i64,
                c.info as i64,
                i.sha256,
                blob,
            ],
        )?;
        let id = tx.last_insert_rowid();
        {
            let mut st = tx.prepare(
                "INSERT INTO findings (scan_id, seq, rule_id, severity, resource, kind, ai, suppressed, step, title, message, evidence, rank)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
            )?;
            for (seq, f) in scan.findings.iter().enumerate() {
                st.execute(params![
                    id,
                    seq as i64,
                    f.rule_id,
                    f.severity,
                    f.resource,
                    f.kind,
                    f.ai,
                    f.suppressed,
                    f.step,
                    f.title,
                    f.message,
                    f.evidence,
                    severity_rank(&f.severity),
                ])?;
            }
        }
        if let Some((name, _)) = baseline {
            tx.execute(
                "INSERT INTO baselines (name, scan_id, saved_at, sha256) VALUES (?1, ?2, ?3, ?4)
                 ON CONFLICT (name) DO UPDATE SET scan_id = excluded.scan_id, saved_at = excluded.saved_at, sha256 = excluded.sha256",
                params![name, id, i.created_at, i.sha256],
            )?;
        }
        tx.commit()?;
        Ok(id)
    }

    fn load_scan(&self, id: i64) -> Result<Option<(ScanInfo, Vec<u8>)>, StoreError> {
        let row = self
            .conn
            .query_row(
                &format!("SELECT {SCAN_COLUMNS}, s.snapshot FROM scans s WHERE s.id = ?1"),
                [id],
                |r| Ok((scan_info(r)?, r.get::<_, Vec<u8>>(13)?)),
            )
            .optional()?;
        match row {
            None => Ok(None),
            Some((info, blob)) => Ok(Some((info, decompress(&blob, &format!("scan {id}"))?))),
        }
    }

    fn baseline(&self, name: &str) -> Result<Option<BaselineInfo>, StoreError> {
        Ok(self
            .conn
            .query_row(
                &format!("SELECT {SCAN_COLUMNS}, b.name, b.saved_at, b.sha256 FROM baselines b JOIN scans s ON s.id = b.scan_id WHERE b.name = ?1"),
                [name],
                baseline_info,
            )
            .optional()?)
    }

    fn list_baselines(&self) -> Result<Vec<BaselineInfo>, StoreError> {
        let mut st = self.conn.prepare(&format!(
            "SELECT {SCAN_COLUMNS}, b.name, b.saved_at, b.sha256 FROM baselines b JOIN scans s ON s.id = b.scan_id ORDER BY b.name"
        ))?;
        let rows = st.query_map([], baseline_info)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    fn delete_baseline(&self, name: &str) -> Result<bool, StoreError> {
        Ok(self
            .conn
            .execute("DELETE FROM baselines WHERE name = ?1", [name])?
            > 0)
    }

    fn scans(&self, label: Option<&str>) -> Result<Vec<ScanInfo>, StoreError> {
        let mut st = self.conn.prepare(&format!(
            "SELECT {SCAN_COLUMNS} FROM scans s WHERE ?1 IS NULL OR s.label = ?1 ORDER BY s.created_at, s.id"
        ))?;
        let rows = st.query_map([label], scan_info)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    fn query_findings(&self, query: &FindingQuery) -> Result<FindingPage, StoreError> {
        let sql = query.to_sql(Dialect::Sqlite);
        let bound: Vec<rusqlite::types::Value> = sql.params.iter().map(to_sql_value).collect();
        let params = rusqlite::params_from_iter(bound.iter());
        let total: i64 = self.conn.query_row(
            &format!("SELECT count(*) FROM findings {}", sql.where_sql),
            params.clone(),
            |r| r.get(0),
        )?;
        let mut st = self.conn.prepare_cached(&format!(
            "SELECT {FINDING_COLUMNS} FROM findings {} {}",
            sql.where_sql, sql.order_sql
        ))?;
        let rows = st.query_map(params, finding_hit)?;
        Ok(FindingPage {
            total: total.max(0) as u64,
            offset: query.offset,
            limit: query.effective_limit(),
            findings: rows.collect::<Result<_, _>>()?,
        })
    }

    fn insert_token(&self, t: &TokenRecord) -> Result<(), StoreError> {
        self.conn.execute(
            "INSERT INTO api_tokens (name, role, sha256, created_at) VALUES (?1, ?2, ?3, ?4)",
            params![t.name, t.role, t.sha256, t.created_at],
        )?;
        Ok(())
    }

    fn tokens(&self) -> Result<Vec<TokenRecord>, StoreError> {
        let mut st = self
            .conn
            .prepare("SELECT name, role, sha256, created_at FROM api_tokens ORDER BY name")?;
        let rows = st.query_map([], |r| {
            Ok(TokenRecord {
                name: r.get(0)?,
                role: r.get(1)?,
                sha256: r.get(2)?,
                created_at: r.get(3)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    fn append_audit(&self, e: &AuditEntry) -> Result<(), StoreError> {
        self.conn.execute(
            "INSERT INTO audit_log (at, actor, action, target, detail) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![e.at, e.actor, e.action, e.target, e.detail],
        )?;
        Ok(())
    }

    fn audit_log(&self, limit: u32) -> Result<Vec<AuditEntry>, StoreError> {
        let mut st = self.conn.prepare(
            "SELECT at, actor, action, target, detail FROM audit_log ORDER BY id DESC LIMIT ?1",
        )?;
        let rows = st.query_map([limit], |r| {
            Ok(AuditEntry {
                at: r.get(0)?,
                actor: r.get(1)?,
                action: r.get(2)?,
                target: r.get(3)?,
                detail: r.get(4)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    fn set_alert_status(&self, a: &AlertStatus) -> Result<(), StoreError> {
        self.conn.execute(
            "INSERT INTO alert_status (scan_id, seq, status, updated_at, actor) VALUES (?1, ?2, ?3, ?4, ?5)
             ON CONFLICT (scan_id, seq) DO UPDATE SET status = excluded.status, updated_at = excluded.updated_at, actor = excluded.actor",
            params![a.scan_id, a.seq, a.status, a.updated_at, a.actor],
        )?;
        Ok(())
    }

    fn alert_statuses(&self, scan_id: i64) -> Result<Vec<AlertStatus>, StoreError> {
        let mut st = self.conn.prepare(
            "SELECT scan_id, seq, status, updated_at, actor FROM alert_status WHERE scan_id = ?1 ORDER BY seq",
        )?;
        let rows = st.query_map([scan_id], |r| {
            Ok(AlertStatus {
                scan_id: r.get(0)?,
                seq: r.get(1)?,
                status: r.get(2)?,
                updated_at: r.get(3)?,
                actor: r.get(4)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    fn record_ingested(
        &self,
        o: &IngestedObject,
        alerts: &[IngestedAlert],
    ) -> Result<bool, StoreError> {
        let tx = self.write()?;
        let inserted = tx.execute(
            "INSERT INTO ingested_objects (object, notified_at, ingested_at, worker, events, bad_records, alerts)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT (object) DO NOTHING",
            params![o.object, o.notified_at, o.ingested_at, o.worker, o.events, o.bad_records, o.alerts],
        )?;
        if inserted == 0 {
            return Ok(false);
        }
        {
            let mut st = tx.prepare(
                "INSERT INTO ingested_alerts (object, seq, identity, severity, risk, window_start, window_end, alert)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            )?;
            for a in alerts {
                st.execute(params![
                    a.object,
                    a.seq,
                    a.identity,
                    a.severity,
                    a.risk,
                    a.start,
                    a.end,
                    a.alert.to_string()
                ])?;
            }
        }
        tx.commit()?;
        Ok(true)
    }

    fn is_ingested(&self, object: &str) -> Result<bool, StoreError> {
        Ok(self.conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM ingested_objects WHERE object = ?1)",
            [object],
            |r| r.get(0),
        )?)
    }

    fn ingested_objects(&self, limit: u32) -> Result<Vec<IngestedObject>, StoreError> {
        let mut st = self.conn.prepare(
            "SELECT object, notified_at, ingested_at, worker, events, bad_records, alerts
             FROM ingested_objects ORDER BY ingested_at DESC, object LIMIT ?1",
        )?;
        let rows = st.query_map([limit], |r| {
            Ok(IngestedObject {
                object: r.get(0)?,
                notified_at: r.get(1)?,
                ingested_at: r.get(2)?,
                worker: r.get(3)?,
                events: r.get(4)?,
                bad_records: r.get(5)?,
                alerts: r.get(6)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    fn ingested_alerts(&self, limit: u32) -> Result<Vec<IngestedAlert>, StoreError> {
        let mut st = self.conn.prepare(
            "SELECT object, seq, identity, severity, risk, window_start, window_end, alert
             FROM ingested_alerts ORDER BY window_start DESC, object, seq LIMIT ?1",
        )?;
        let rows = st.query_map([limit], |r| {
            let alert: String = r.get(7)?;
            Ok(IngestedAlert {
                object: r.get(0)?,
                seq: r.get(1)?,
                identity: r.get(2)?,
                severity: r.get(3)?,
                risk: r.get(4)?,
                start: r.get(5)?,
                end: r.get(6)?,
                alert: serde_json::from_str(&alert).unwrap_or(serde_json::Value::Null),
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    fn ingestion_totals(&self) -> Result<IngestionTotals, StoreError> {
        Ok(self.conn.query_row(
            "SELECT count(*), coalesce(sum(events), 0), coalesce(sum(bad_records), 0),
                    coalesce(sum(alerts), 0), max(ingested_at)
             FROM ingested_objects",
            [],
            |r| {
                Ok(IngestionTotals {
                    objects: r.get(0)?,
                    events: r.get(1)?,
                    bad_records: r.get(2)?,
                    alerts: r.get(3)?,
                    last_ingested_at: r.get(4)?,
                    last_ingested_unix: None,
                    last_lag_seconds: None,
                })
            },
        )?)
    }
}

fn to_sql_value(p: &SqlParam) -> rusqlite::types::Value {
    match p {
        SqlParam::Int(i) => rusqlite::types::Value::Integer(*i),
        SqlParam::Text(s) => rusqlite::types::Value::Text(s.clone()),
        SqlParam::Bool(b) => rusqlite::types::Value::Integer(i64::from(*b)),
    }
}

/// A row of [`FINDING_COLUMNS`].
fn finding_hit(r: &Row) -> rusqlite::Result<FindingHit> {
    Ok(FindingHit {
        seq: r.get(0)?,
        row: FindingRow {
            rule_id: r.get(1)?,
            severity: r.get(2)?,
            resource: r.get(3)?,
            kind: r.get(4)?,
            ai: r.get(5)?,
            suppressed: r.get(6)?,
            step: r.get(7)?,
            title: r.get(8)?,
            message: r.get(9)?,
            evidence: r.get(10)?,
        },
    })
}

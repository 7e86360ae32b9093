//! The PostgreSQL backend of the team server (`--db postgres://...`): the same data as
//! [`crate::Sqlite`], with its own ordered migrations tracked in `tightrope_schema`.
//!
//! The synchronous `postgres` client fits the synchronous [`Backend`] trait (the server calls the
//! store from blocking threads). Migrations run in one transaction under an advisory lock, so
//! several servers starting at once migrate once. Findings are inserted with one `UNNEST` statement
//! per scan instead of a round trip per row.

use crate::StoreError;
use crate::backend::{
    AlertStatus, AuditEntry, Backend, BaselineInfo, DocumentInfo, FindingRow, NewScan, ScanInfo,
    TokenRecord,
};
use crate::codec::{compress, decompress};
use crate::query::{
    Dialect, FINDING_COLUMNS, FindingHit, FindingPage, FindingQuery, SqlParam, severity_rank,
};
use crate::snapshot::SeverityCounts;
use postgres::types::ToSql;
use crate::ingested::{IngestedAlert, IngestedObject, IngestionTotals};
use postgres::{Client, NoTls, Row};
use std::cell::RefCell;

/// Advisory lock key held while migrating ("TRP1").
const MIGRATION_LOCK: i64 = 0x5452_5031;

/// The PostgreSQL migrations, oldest first. Append; never edit. Sort keys use the "C" collation, so
/// findings sort byte-wise as in SQLite whatever the server's locale.
pub const MIGRATIONS: &[&str] = &[
    // 1: the schema of SQLite migrations 1 and 2.
    r#"
    CREATE TABLE scans (
        id           BIGSERIAL PRIMARY KEY,
        created_at   TEXT   NOT NULL,
        label        TEXT,
        sources      TEXT   NOT NULL,
        tool_version TEXT   NOT NULL,
        resources    BIGINT NOT NULL,
        errors       BIGINT NOT NULL,
        critical     BIGINT NOT NULL,
        high         BIGINT NOT NULL,
        medium       BIGINT NOT NULL,
        low          BIGINT NOT NULL,
        info         BIGINT NOT NULL,
        sha256       TEXT   NOT NULL,
        snapshot     BYTEA  NOT NULL
    );
    CREATE INDEX scans_by_label ON scans (label, created_at);
    CREATE TABLE findings (
        scan_id    BIGINT  NOT NULL REFERENCES scans (id) ON DELETE CASCADE,
        seq        BIGINT  NOT NULL,
        rule_id    TEXT    COLLATE "C" NOT NULL,
        severity   TEXT    NOT NULL,
        resource   TEXT    COLLATE "C" NOT NULL,
        kind       TEXT    NOT NULL,
        ai         BOOLEAN NOT NULL,
        suppressed BOOLEAN NOT NULL,
        step       TEXT    COLLATE "C" NOT NULL,
        title      TEXT    NOT NULL,
        message    TEXT    NOT NULL,
        evidence   TEXT,
        rank       BIGINT  NOT NULL,
        PRIMARY KEY (scan_id, seq)
    );
    CREATE INDEX findings_by_rule ON findings (rule_id, resource);
    CREATE INDEX findings_by_scan_rank ON findings (scan_id, rank, seq);
    CREATE TABLE baselines (
        name     TEXT PRIMARY KEY,
        scan_id  BIGINT NOT NULL REFERENCES scans (id) ON DELETE RESTRICT,
        saved_at TEXT   NOT NULL,
        sha256   TEXT   NOT NULL
    );
    CREATE TABLE documents (
        kind       TEXT NOT NULL,
        name       TEXT NOT NULL,
        created_at TEXT NOT NULL,
        sha256     TEXT NOT NULL,
        value      TEXT NOT NULL,
        PRIMARY KEY (kind, name)
    );
    CREATE TABLE api_tokens (
        name       TEXT PRIMARY KEY,
        role       TEXT NOT NULL,
        sha256     TEXT NOT NULL UNIQUE,
        created_at TEXT NOT NULL
    );
    CREATE TABLE audit_log (
        id     BIGSERIAL PRIMARY KEY,
        at     TEXT NOT NULL,
        actor  TEXT NOT NULL,
        action TEXT NOT NULL,
        target TEXT NOT NULL,
        detail TEXT NOT NULL
    );
    CREATE TABLE alert_status (
        scan_id    BIGINT NOT NULL REFERENCES scans (id) ON DELETE CASCADE,
        seq        BIGINT NOT NULL,
        status     TEXT   NOT NULL,
        updated_at TEXT   NOT NULL,
        actor      TEXT   NOT NULL,
        PRIMARY KEY (scan_id, seq)
    );
    "#,
    // 2: the schema of SQLite migration 3 (ingested CloudTrail objects and their alerts).
    r#"
    CREATE TABLE ingested_objects (
        object      TEXT   COLLATE "C" PRIMARY KEY,
        notified_at TEXT,
        ingested_at TEXT   NOT NULL,
        worker      TEXT   NOT NULL,
        events      BIGINT NOT NULL,
        bad_records BIGINT NOT NULL,
        alerts      BIGINT NOT NULL
    );
    CREATE INDEX ingested_objects_by_time ON ingested_objects (ingested_at);
    CREATE TABLE ingested_alerts (
        object   TEXT    COLLATE "C" NOT NULL REFERENCES ingested_objects (object) ON DELETE CASCADE,
        seq      BIGINT  NOT NULL,
        identity TEXT    NOT NULL,
        severity TEXT    NOT NULL,
        risk     DOUBLE PRECISION NOT NULL,
        window_start TEXT NOT NULL,
        window_end   TEXT NOT NULL,
        alert    TEXT    NOT NULL,
        PRIMARY KEY (object, seq)
    );
    CREATE INDEX ingested_alerts_by_time ON ingested_alerts (window_start);
    "#,
    // 3: findings sorted by resource or rule within a scan walk an index (the dashboard's deep
    // pages over 50,000 findings were sorted in a temporary B-tree: 5x slower).
    r#"
    CREATE INDEX findings_by_scan_resource ON findings (scan_id, resource, seq);
    CREATE INDEX findings_by_scan_rule ON findings (scan_id, rule_id, seq);
    "#,
];

/// An open PostgreSQL connection. The client needs `&mut` for every call; the [`Backend`] trait
/// takes `&self`, and a `Store` is used by one thread at a time, hence the `RefCell`.
pub struct Postgres {
    client: RefCell<Client>,
}

impl Postgres {
    /// Connect to `url` (`postgres://user@host/db`) and apply missing migrations.
    pub fn connect(url: &str) -> Result<Self, StoreError> {
        let mut client = Client::connect(url, NoTls).map_err(|e| StoreError::Postgres {
            detail: format!("cannot connect to {}: {e}", redact_url(url)),
        })?;
        migrate(&mut client)?;
        Ok(Postgres {
            client: RefCell::new(client),
        })
    }

    /// The schema version of the database.
    pub fn schema_version(&self) -> Result<i64, StoreError> {
        let row = self
            .client
            .borrow_mut()
            .query_one("SELECT coalesce(max(version), 0) FROM tightrope_schema", &[])?;
        Ok(row.get(0))
    }
}

/// `postgres://user:secret@host/db` without the password, for messages.
pub fn redact_url(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(s), Some(at)) if at > s => {
            let userinfo = &url[s + 3..at];
            let user = userinfo.split(':').next().unwrap_or("");
            format!("{}{user}:***{}", &url[..s + 3], &url[at..])
        }
        _ => url.to_string(),
    }
}

fn migrate(client: &mut Client) -> Result<(), StoreError> {
    let mut tx = client.transaction()?;
    tx.execute("SELECT pg_advisory_xact_lock($1)", &[&MIGRATION_LOCK])?;
    tx.batch_execute("CREATE TABLE IF NOT EXISTS tightrope_schema (version BIGINT NOT NULL)")?;
    let version: i64 = tx
        .query_one("SELECT coalesce(max(version), 0) FROM tightrope_schema", &[])?
        .get(0);
    let latest = MIGRATIONS.len() as i64;
    if version > latest {
        return Err(StoreError::Postgres {
            detail: format!(
                "schema version {version} is newer than this tightrope understands ({latest}); upgrade tightrope"
            ),
        });
    }
    for (i, sql) in MIGRATIONS.iter().enumerate().skip(version.max(0) as usize) {
        tracing::info!(to = i + 1, "migrating PostgreSQL schema");
        tx.batch_execute(sql)?;
        tx.execute(
            "INSERT INTO tightrope_schema (version) VALUES ($1)",
            &[&(i as i64 + 1)],
        )?;
    }
    tx.commit()?;
    Ok(())
}

const SCAN_COLUMNS: &str = "s.id, s.created_at, s.label, s.sources, s.tool_version, s.resources, s.errors, s.critical, s.high, s.medium, s.low, s.info, s.sha256";

fn scan_info(r: &Row) -> ScanInfo {
    let sources: String = r.get(3);
    let count = |i: usize| r.get::<_, i64>(i).max(0) as usize;
    ScanInfo {
        id: r.get(0),
        created_at: r.get(1),
        label: r.get(2),
        sources: serde_json::from_str(&sources).unwrap_or_else(|_| vec![sources]),
        tool_version: r.get(4),
        resources: count(5),
        errors: count(6),
        counts: SeverityCounts {
            critical: count(7),
            high: count(8),
            medium: count(9),
            low: count(10),
            info: count(11),
        },
        sha256: r.get(12),
    }
}

fn baseline_info(r: &Row) -> BaselineInfo {
    BaselineInfo {
        name: r.get(13),
        saved_at: r.get(14),
        sha256: r.get(15),
        scan: scan_info(r),
    }
}

fn finding_hit(r: &Row) -> FindingHit {
    FindingHit {
        seq: r.get(0),
        row: FindingRow {
            rule_id: r.get(1),
            severity: r.get(2),
            resource: r.get(3),
            kind: r.get(4),
            ai: r.get(5),
            suppressed: r.get(6),
            step: r.get(7),
            title: r.get(8),
            message: r.get(9),
            evidence: r.get(10),
        },
    }
}

fn boxed(p: &SqlParam) -> Box<dyn ToSql + Sync> {
    match p {
        SqlParam::Int(i) => Box::new(*i),
        SqlParam::Text(s) => Box::new(s.clone()),
        SqlParam::Bool(b) => Box::new(*b),
    }
}

impl Backend for Postgres {
    fn put_document(
        &self,
        kind: &str,
        name: &str,
        json: &str,
        info: &DocumentInfo,
    ) -> Result<(), StoreError> {
        self.client.borrow_mut().execute(
            "INSERT INTO documents (kind, name, created_at, sha256, value) VALUES ($1, $2, $3, $4, $5)
             ON CONFLICT (kind, name) DO UPDATE SET created_at = excluded.created_at, sha256 = excluded.sha256, value = excluded.value",
            &[&kind, &name, &info.created_at, &info.sha256, &json],
        )?;
        Ok(())
    }

    fn get_document(&self, kind: &str, name: &str) -> Result<Option<(String, String)>, StoreError> {
        let row = self.client.borrow_mut().query_opt(
            "SELECT value, sha256 FROM documents WHERE kind = $1 AND name = $2",
            &[&kind, &name],
        )?;
        Ok(row.map(|r| (r.get(0), r.get(1))))
    }

    fn list_documents(&self, kind: &str) -> Result<Vec<DocumentInfo>, StoreError> {
        let rows = self.client.borrow_mut().query(
            "SELECT name, created_at, sha256 FROM documents WHERE kind = $1 ORDER BY name",
            &[&kind],
        )?;
        Ok(rows
            .iter()
            .map(|r| DocumentInfo {
                name: r.get(0),
                created_at: r.get(1),
                sha256: r.get(2),
            })
            .collect())
    }

    fn delete_document(&self, kind: &str, name: &str) -> Result<bool, StoreError> {
        Ok(self.client.borrow_mut().execute(
            "DELETE FROM documents WHERE kind = $1 AND name = $2",
            &[&kind, &name],
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
        let mut client = self.client.borrow_mut();
        let mut tx = client.transaction()?;
        if let Some((name, false)) = baseline {
            let exists: bool = tx
                .query_one(
                    "SELECT EXISTS (SELECT 1 FROM baselines WHERE name = $1)",
                    &[&name],
                )?
                .get(0);
            if exists {
                return Err(StoreError::BaselineExists(name.to_string()));
            }
        }
        let n = |v: usize| v as i64;
        let id: i64 = tx
            .query_one(
                "INSERT INTO scans (created_at, label, sources, tool_version, resources, errors, critical, high, medium, low, info, sha256, snapshot)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING id",
                &[
                    &i.created_at,
                    &i.label,
                    &serde_json::to_string(&i.sources).unwrap_or_default(),
                    &i.tool_version,
                    &n(i.resources),
                    &n(i.errors),
                    &n(c.critical),
                    &n(c.high),
                    &n(c.medium),
                    &n(c.low),
                    &n(c.info),
                    &i.sha256,
                    &blob,
                ],
            )?
            .get(0);
        let f = &scan.findings;
        let col = |get: fn(&FindingRow) -> String| f.iter().map(get).collect::<Vec<String>>();
        let seqs: Vec<i64> = (0..f.len() as i64).collect();
        let ai: Vec<bool> = f.iter().map(|r| r.ai).collect();
        let suppressed: Vec<bool> = f.iter().map(|r| r.suppressed).collect();
        let evidence: Vec<Option<String>> = f.iter().map(|r| r.evidence.clone()).collect();
        let rank: Vec<i64> = f.iter().map(|r| severity_rank(&r.severity)).collect();
        tx.execute(
            "INSERT INTO findings (scan_id, seq, rule_id, severity, resource, kind, ai, suppressed, step, title, message, evidence, rank)
             SELECT $1, * FROM UNNEST($2::bigint[], $3::text[], $4::text[], $5::text[], $6::text[], $7::bool[], $8::bool[], $9::text[], $10::text[], $11::text[], $12::text[], $13::bigint[])",
            &[
                &id,
                &seqs,
                &col(|r| r.rule_id.clone()),
                &col(|r| r.severity.clone()),
                &col(|r| r.resource.clone()),
                &col(|r| r.kind.clone()),
                &ai,
                &suppressed,
                &col(|r| r.step.clone()),
                &col(|r| r.title.clone()),
                &col(|r| r.message.clone()),
                &evidence,
                &rank,
            ],
        )?;
        if let Some((name, _)) = baseline {
            tx.execute(
                "INSERT INTO baselines (name, scan_id, saved_at, sha256) VALUES ($1, $2, $3, $4)
                 ON CONFLICT (name) DO UPDATE SET scan_id = excluded.scan_id, saved_at = excluded.saved_at, sha256 = excluded.sha256",
                &[&name, &id, &i.created_at, &i.sha256],
            )?;
        }
        tx.commit()?;
        Ok(id)
    }

    fn load_scan(&self, id: i64) -> Result<Option<(ScanInfo, Vec<u8>)>, StoreError> {
        let row = self.client.borrow_mut().query_opt(
            &format!("SELECT {SCAN_COLUMNS}, s.snapshot FROM scans s WHERE s.id = $1"),
            &[&id],
        )?;
        match row {
            None => Ok(None),
            Some(r) => {
                let blob: Vec<u8> = r.get(13);
                Ok(Some((
                    scan_info(&r),
                    decompress(&blob, &format!("scan {id}"))?,
                )))
            }
        }
    }

    fn baseline(&self, name: &str) -> Result<Option<BaselineInfo>, StoreError> {
        let row = self.client.borrow_mut().query_opt(
            &format!("SELECT {SCAN_COLUMNS}, b.name, b.saved_at, b.sha256 FROM baselines b JOIN scans s ON s.id = b.scan_id WHERE b.name = $1"),
            &[&name],
        )?;
        Ok(row.as_ref().map(baseline_info))
    }

    fn list_baselines(&self) -> Result<Vec<BaselineInfo>, StoreError> {
        let rows = self.client.borrow_mut().query(
            &format!("SELECT {SCAN_COLUMNS}, b.name, b.saved_at, b.sha256 FROM baselines b JOIN scans s ON s.id = b.scan_id ORDER BY b.name"),
            &[],
        )?;
        Ok(rows.iter().map(baseline_info).collect())
    }

    fn delete_baseline(&self, name: &str) -> Result<bool, StoreError> {
        Ok(self
            .client
            .borrow_mut()
            .execute("DELETE FROM baselines WHERE name = $1", &[&name])?
            > 0)
    }

    fn scans(&self, label: Option<&str>) -> Result<Vec<ScanInfo>, StoreError> {
        let rows = self.client.borrow_mut().query(
            &format!("SELECT {SCAN_COLUMNS} FROM scans s WHERE $1::text IS NULL OR s.label = $1 ORDER BY s.created_at, s.id"),
            &[&label],
        )?;
        Ok(rows.iter().map(scan_info).collect())
    }

    fn query_findings(&self, query: &FindingQuery) -> Result<FindingPage, StoreError> {
        let sql = query.to_sql(Dialect::Postgres);
        let owned: Vec<Box<dyn ToSql + Sync>> = sql.params.iter().map(boxed).collect();
        let params: Vec<&(dyn ToSql + Sync)> = owned.iter().map(|b| b.as_ref()).collect();
        let mut client = self.client.borrow_mut();
        let total: i64 = client
            .query_one(
                &format!("SELECT count(*) FROM findings {}", sql.where_sql),
                &params,
            )?
            .get(0);
        let rows = client.query(
            &format!(
                "SELECT {FINDING_COLUMNS} FROM findings {} {}",
                sql.where_sql, sql.order_sql
            ),
            &params,
        )?;
        Ok(FindingPage {
            total: total.max(0) as u64,
            offset: query.offset,
            limit: query.effective_limit(),
            findings: rows.iter().map(finding_hit).collect(),
        })
    }

    fn insert_token(&self, t: &TokenRecord) -> Result<(), StoreError> {
        self.client.borrow_mut().execute(
            "INSERT INTO api_tokens (name, role, sha256, created_at) VALUES ($1, $2, $3, $4)",
            &[&t.name, &t.role, &t.sha256, &t.created_at],
        )?;
        Ok(())
    }

    fn tokens(&self) -> Result<Vec<TokenRecord>, StoreError> {
        let rows = self.client.borrow_mut().query(
            "SELECT name, role, sha256, created_at FROM api_tokens ORDER BY name",
            &[],
        )?;
        Ok(rows
            .iter()
            .map(|r| TokenRecord {
                name: r.get(0),
                role: r.get(1),
                sha256: r.get(2),
                created_at: r.get(3),
            })
            .collect())
    }

    fn append_audit(&self, e: &AuditEntry) -> Result<(), StoreError> {
        self.client.borrow_mut().execute(
            "INSERT INTO audit_log (at, actor, action, target, detail) VALUES ($1, $2, $3, $4, $5)",
            &[&e.at, &e.actor, &e.action, &e.target, &e.detail],
        )?;
        Ok(())
    }

    fn audit_log(&self, limit: u32) -> Result<Vec<AuditEntry>, StoreError> {
        let rows = self.client.borrow_mut().query(
            "SELECT at, actor, action, target, detail FROM audit_log ORDER BY id DESC LIMIT $1",
            &[&i64::from(limit)],
        )?;
        Ok(rows
            .iter()
            .map(|r| AuditEntry {
                at: r.get(0),
                actor: r.get(1),
                action: r.get(2),
                target: r.get(3),
                detail: r.get(4),
            })
            .collect())
    }

    fn set_alert_status(&self, a: &AlertStatus) -> Result<(), StoreError> {
        self.client.borrow_mut().execute(
            "INSERT INTO alert_status (scan_id, seq, status, updated_at, actor) VALUES ($1, $2, $3, $4, $5)
             ON CONFLICT (scan_id, seq) DO UPDATE SET status = excluded.status, updated_at = excluded.updated_at, actor = excluded.actor",
            &[&a.scan_id, &a.seq, &a.status, &a.updated_at, &a.actor],
        )?;
        Ok(())
    }

    fn alert_statuses(&self, scan_id: i64) -> Result<Vec<AlertStatus>, StoreError> {
        let rows = self.client.borrow_mut().query(
            "SELECT scan_id, seq, status, updated_at, actor FROM alert_status WHERE scan_id = $1 ORDER BY seq",
            &[&scan_id],
        )?;
        Ok(rows
            .iter()
            .map(|r| AlertStatus {
                scan_id: r.get(0),
                seq: r.get(1),
                status: r.get(2),
                updated_at: r.get(3),
                actor: r.get(4),
            })
            .collect())
    }

    fn record_ingested(
        &self,
        o: &IngestedObject,
        alerts: &[IngestedAlert],
    ) -> Result<bool, StoreError> {
        let mut client = self.client.borrow_mut();
        let mut tx = client.transaction()?;
        let inserted = tx.execute(
            "INSERT INTO ingested_objects (object, notified_at, ingested_at, worker, events, bad_records, alerts)
             VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (object) DO NOTHING",
            &[&o.object, &o.notified_at, &o.ingested_at, &o.worker, &o.events, &o.bad_records, &o.alerts],
        )?;
        if inserted == 0 {
            return Ok(false);
        }
        let st = tx.prepare(
            "INSERT INTO ingested_alerts (object, seq, identity, severity, risk, window_start, window_end, alert)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        )?;
        for a in alerts {
            tx.execute(
                &st,
                &[&a.object, &a.seq, &a.identity, &a.severity, &a.risk, &a.start, &a.end, &a.alert.to_string()],
            )?;
        }
        tx.commit()?;
        Ok(true)
    }

    fn is_ingested(&self, object: &str) -> Result<bool, StoreError> {
        Ok(self
            .client
            .borrow_mut()
            .query_one(
                "SELECT EXISTS (SELECT 1 FROM ingested_objects WHERE object = $1)",
                &[&object],
            )?
            .get(0))
    }

    fn ingested_objects(&self, limit: u32) -> Result<Vec<IngestedObject>, StoreError> {
        let rows = self.client.borrow_mut().query(
            "SELECT object, notified_at, ingested_at, worker, events, bad_records, alerts
             FROM ingested_objects ORDER BY ingested_at DESC, object LIMIT $1",
            &[&i64::from(limit)],
        )?;
        Ok(rows
            .iter()
            .map(|r| IngestedObject {
                object: r.get(0),
                notified_at: r.get(1),
                ingested_at: r.get(2),
                worker: r.get(3),
                events: r.get(4),
                bad_records: r.get(5),
                alerts: r.get(6),
            })
            .collect())
    }

    fn ingested_alerts(&self, limit: u32) -> Result<Vec<IngestedAlert>, StoreError> {
        let rows = self.client.borrow_mut().query(
            "SELECT object, seq, identity, severity, risk, window_start, window_end, alert
             FROM ingested_alerts ORDER BY window_start DESC, object, seq LIMIT $1",
            &[&i64::from(limit)],
        )?;
        Ok(rows
            .iter()
            .map(|r| IngestedAlert {
                object: r.get(0),
                seq: r.get(1),
                identity: r.get(2),
                severity: r.get(3),
                risk: r.get(4),
                start: r.get(5),
                end: r.get(6),
                alert: serde_json::from_str(r.get::<_, &str>(7)).unwrap_or(serde_json::Value::Null),
            })
            .collect())
    }

    fn ingestion_totals(&self) -> Result<IngestionTotals, StoreError> {
        let r = self.client.borrow_mut().query_one(
            "SELECT count(*), coalesce(sum(events), 0)::BIGINT, coalesce(sum(bad_records), 0)::BIGINT,
                    coalesce(sum(alerts), 0)::BIGINT, max(ingested_at)
             FROM ingested_objects",
            &[],
        )?;
        Ok(IngestionTotals {
            objects: r.get(0),
            events: r.get(1),
            bad_records: r.get(2),
            alerts: r.get(3),
            last_ingested_at: r.get(4),
            last_ingested_unix: None,
            last_lag_seconds: None,
        })
    }
}

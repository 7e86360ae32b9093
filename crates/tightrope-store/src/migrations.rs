//! Ordered schema migrations of the SQLite backend (PostgreSQL has its own list in
//! [`crate::postgres`]). Migration `i` (0-based) brings the schema from
//! version `i` to `i + 1` (`PRAGMA user_version`). Append new migrations; never edit old ones.

/// `PRAGMA application_id` of a tightrope database ("TRP1"): tells our files from other SQLite files.
pub const APPLICATION_ID: i64 = 0x5452_5031;

/// The migrations, oldest first.
pub const MIGRATIONS: &[&str] = &[
    // 1: scans with their compressed snapshot, finding index rows, named baselines, documents.
    r#"
    CREATE TABLE scans (
        id           INTEGER PRIMARY KEY,
        created_at   TEXT    NOT NULL,
        label        TEXT,
        sources      TEXT    NOT NULL,
        tool_version TEXT    NOT NULL,
        resources    INTEGER NOT NULL,
        errors       INTEGER NOT NULL,
        critical     INTEGER NOT NULL,
        high         INTEGER NOT NULL,
        medium       INTEGER NOT NULL,
        low          INTEGER NOT NULL,
        info         INTEGER NOT NULL,
        sha256       TEXT    NOT NULL,
        snapshot     BLOB    NOT NULL
    );
    CREATE INDEX scans_by_label ON scans (label, created_at);
    CREATE TABLE findings (
        scan_id    INTEGER NOT NULL REFERENCES scans (id) ON DELETE CASCADE,
        seq        INTEGER NOT NULL,
        rule_id    TEXT    NOT NULL,
        severity   TEXT    NOT NULL,
        resource   TEXT    NOT NULL,
        kind       TEXT    NOT NULL,
        ai         INTEGER NOT NULL,
        suppressed INTEGER NOT NULL,
        PRIMARY KEY (scan_id, seq)
    );
    CREATE INDEX findings_by_rule ON findings (rule_id, resource);
    CREATE TABLE baselines (
        name     TEXT PRIMARY KEY,
        scan_id  INTEGER NOT NULL REFERENCES scans (id) ON DELETE RESTRICT,
        saved_at TEXT    NOT NULL,
        sha256   TEXT    NOT NULL
    );
    CREATE TABLE documents (
        kind       TEXT NOT NULL,
        name       TEXT NOT NULL,
        created_at TEXT NOT NULL,
        sha256     TEXT NOT NULL,
        value      TEXT NOT NULL,
        PRIMARY KEY (kind, name)
    );
    "#,
    // 2: finding text for server-side queries, API tokens (hashed), the audit log, alert triage.
    r#"
    ALTER TABLE findings ADD COLUMN step     TEXT    NOT NULL DEFAULT '';
    ALTER TABLE findings ADD COLUMN title    TEXT    NOT NULL DEFAULT '';
    ALTER TABLE findings ADD COLUMN message  TEXT    NOT NULL DEFAULT '';
    ALTER TABLE findings ADD COLUMN evidence TEXT;
    ALTER TABLE findings ADD COLUMN rank     INTEGER NOT NULL DEFAULT 0;
    CREATE INDEX findings_by_scan_rank ON findings (scan_id, rank, seq);
    CREATE TABLE api_tokens (
        name       TEXT PRIMARY KEY,
        role       TEXT NOT NULL,
        sha256     TEXT NOT NULL UNIQUE,
        created_at TEXT NOT NULL
    );
    CREATE TABLE audit_log (
        id     INTEGER PRIMARY KEY,
        at     TEXT NOT NULL,
        actor  TEXT NOT NULL,
        action TEXT NOT NULL,
        target TEXT NOT NULL,
        detail TEXT NOT NULL
    );
    CREATE TABLE alert_status (
        scan_id    INTEGER NOT NULL REFERENCES scans (id) ON DELETE CASCADE,
        seq        INTEGER NOT NULL,
        status     TEXT    NOT NULL,
        updated_at TEXT    NOT NULL,
        actor      TEXT    NOT NULL,
        PRIMARY KEY (scan_id, seq)
    );
    "#,
    // 3: CloudTrail objects scored by `detect serve` and their alerts (idempotent ingestion).
    r#"
    CREATE TABLE ingested_objects (
        object      TEXT    PRIMARY KEY,
        notified_at TEXT,
        ingested_at TEXT    NOT NULL,
        worker      TEXT    NOT NULL,
        events      INTEGER NOT NULL,
        bad_records INTEGER NOT NULL,
        alerts      INTEGER NOT NULL
    );
    CREATE INDEX ingested_objects_by_time ON ingested_objects (ingested_at);
    CREATE TABLE ingested_alerts (
        object   TEXT    NOT NULL REFERENCES ingested_objects (object) ON DELETE CASCADE,
        seq      INTEGER NOT NULL,
        identity TEXT    NOT NULL,
        severity TEXT    NOT NULL,
        risk     REAL    NOT NULL,
        window_start TEXT NOT NULL,
        window_end   TEXT NOT NULL,
        alert    TEXT    NOT NULL,
        PRIMARY KEY (object, seq)
    );
    CREATE INDEX ingested_alerts_by_time ON ingested_alerts (window_start);
    "#,
    // 4: findings sorted by resource or rule within a scan walk an index (the dashboard's deep
    // pages over 50,000 findings were sorted in a temporary B-tree: 5x slower).
    r#"
    CREATE INDEX findings_by_scan_resource ON findings (scan_id, resource, seq);
    CREATE INDEX findings_by_scan_rule ON findings (scan_id, rule_id, seq);
    "#,
];

/// The schema version this build writes and reads.
pub const LATEST: i64 = MIGRATIONS.len() as i64;

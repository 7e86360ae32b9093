//! [`StoreError`]: everything that can go wrong opening or using the store, each with a message a
//! user can act on.

use std::path::PathBuf;

/// An error of the store. Never a panic: a corrupt, foreign or newer database is reported as such
/// and left untouched.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The file exists but is not an SQLite database (or is damaged beyond reading).
    #[error("{path}: not a tightrope database (the file is not SQLite or is corrupt): {detail}")]
    NotADatabase { path: PathBuf, detail: String },
    /// An SQLite database that another program owns: it has tables but not tightrope's marker.
    #[error(
        "{path}: an SQLite database that does not belong to tightrope (application id {found:#x}, expected {expected:#x}); \
         refusing to modify it, pass another --db"
    )]
    Foreign {
        path: PathBuf,
        found: i64,
        expected: i64,
    },
    /// Written by a newer tightrope: its schema is not understood, so nothing is read or written.
    #[error(
        "{path}: schema version {found} is newer than this tightrope understands ({supported}); upgrade tightrope"
    )]
    TooNew {
        path: PathBuf,
        found: i64,
        supported: i64,
    },
    /// The stored content does not match the hash recorded with it.
    #[error(
        "{what}: content hash mismatch (recorded sha256:{recorded}, computed sha256:{computed}); the stored data was modified outside tightrope"
    )]
    Tampered {
        what: String,
        recorded: String,
        computed: String,
    },
    /// A baseline with this name already exists (and replacing was not asked for).
    #[error("baseline `{0}` already exists (use --force to replace it)")]
    BaselineExists(String),
    /// No baseline with this name.
    #[error("no baseline named `{0}` (see `tightrope baseline list`)")]
    NoSuchBaseline(String),
    /// No default location for the database could be derived from the environment.
    #[error("no database path: set --db, TIGHTROPE_DB, XDG_DATA_HOME or HOME")]
    NoDefaultPath,
    /// A stored record could not be decoded.
    #[error("{what}: stored record cannot be decoded: {detail}")]
    Decode { what: String, detail: String },
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("database error: {0}")]
    Sqlite(#[from] rusqlite::Error),
    /// A PostgreSQL error (connection, migration or query).
    #[error("PostgreSQL: {detail}")]
    Postgres { detail: String },
    /// `--db postgres://...` given to a build without PostgreSQL support.
    #[error("{0}: this tightrope was built without PostgreSQL support (cargo feature `postgres`)")]
    NoPostgres(String),
}

#[cfg(feature = "postgres")]
impl From<postgres::Error> for StoreError {
    fn from(e: postgres::Error) -> Self {
        // The driver's Display hides the server's message ("db error"); the source has it.
        let detail = match e.as_db_error() {
            Some(db) => format!("{}: {}", db.code().code(), db.message()),
            None => e.to_string(),
        };
        StoreError::Postgres { detail }
    }
}

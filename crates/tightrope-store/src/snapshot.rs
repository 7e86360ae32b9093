//! The snapshot file format: the full typed [`CloudState`] of a scan, with the findings and input
//! errors of that scan, versioned so that any tightrope can recognise and refuse what it cannot read.
//!
//! The same format is kept in the store (compressed) and written by `tightrope snapshot`; the live
//! collector writes it too. A snapshot is recognised by content: a JSON object whose first key is
//! `"tightrope_snapshot"` (the format version).

use crate::StoreError;
use serde::{Deserialize, Serialize};
use std::io::Read;
use std::path::Path;
use tightrope_core::{CloudState, Finding, InputError, Severity};

/// Current snapshot format version (the value of `"tightrope_snapshot"`).
pub const SNAPSHOT_FORMAT: u32 = 1;
/// The marker key that makes a JSON file a snapshot.
pub const MARKER: &str = "tightrope_snapshot";
/// Largest snapshot file read (bounded reading): 1 GiB.
pub const MAX_FILE_BYTES: u64 = crate::codec::MAX_SNAPSHOT_BYTES;

/// Everything one scan knew about the environment.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Snapshot {
    /// Format version; always the first key, so files are recognised from their first bytes.
    pub tightrope_snapshot: u32,
    /// Version of the tightrope that wrote it.
    pub tool_version: String,
    /// When the scan ran (RFC 3339, UTC).
    pub created: String,
    /// What was scanned: paths, a plan file, or an account/region for the live collector.
    pub sources: Vec<String>,
    /// Resources read, modelled or not.
    #[serde(default)]
    pub resources: usize,
    pub state: CloudState,
    /// Findings of the scan (suppressed ones included, flagged).
    #[serde(default)]
    pub findings: Vec<Finding>,
    /// Inputs that could not be read: the snapshot may be incomplete when this is not empty.
    #[serde(default)]
    pub errors: Vec<InputError>,
}

impl Snapshot {
    /// A snapshot taken now by this version of tightrope.
    pub fn new(
        sources: Vec<String>,
        resources: usize,
        state: CloudState,
        findings: Vec<Finding>,
        errors: Vec<InputError>,
    ) -> Self {
        Snapshot {
            tightrope_snapshot: SNAPSHOT_FORMAT,
            tool_version: env!("CARGO_PKG_VERSION").to_string(),
            created: now_rfc3339(),
            sources,
            resources,
            state,
            findings,
            errors,
        }
    }

    /// The canonical bytes: compact JSON in declaration order. The content hash is over these.
    pub fn to_canonical_json(&self) -> Vec<u8> {
        // Serialising plain data (no maps with non-string keys) cannot fail.
        serde_json::to_vec(self).unwrap_or_default()
    }

    /// Parse snapshot JSON, refusing other documents and newer format versions with a clear message.
    pub fn from_json(bytes: &[u8], what: &str) -> Result<Self, StoreError> {
        let decode = |detail: String| StoreError::Decode {
            what: what.into(),
            detail,
        };
        let full = serde_json::from_slice::<Snapshot>(bytes);
        if let Ok(snap) = &full
            && snap.tightrope_snapshot <= SNAPSHOT_FORMAT
        {
            return full.map_err(|e| decode(e.to_string()));
        }
        // Explain why: not a snapshot, a newer format, or a malformed one.
        #[derive(Deserialize)]
        struct Version {
            tightrope_snapshot: Option<u32>,
        }
        match serde_json::from_slice::<Version>(bytes) {
            Err(e) => Err(decode(format!("not snapshot JSON: {e}"))),
            Ok(Version {
                tightrope_snapshot: None,
            }) => Err(decode(format!(
                "no `{MARKER}` marker: not a tightrope snapshot"
            ))),
            Ok(Version {
                tightrope_snapshot: Some(n),
            }) if n > SNAPSHOT_FORMAT => Err(decode(format!(
                "snapshot format {n} is newer than this tightrope reads ({SNAPSHOT_FORMAT})"
            ))),
            Ok(_) => Err(full.err().map_or_else(
                || decode("malformed snapshot".into()),
                |e| decode(format!("malformed snapshot at line {}: {e}", e.line())),
            )),
        }
    }

    /// Read a snapshot file (at most [`MAX_FILE_BYTES`]).
    pub fn read_file(path: &Path) -> Result<Self, StoreError> {
        let io = |source| StoreError::Io {
            path: path.to_path_buf(),
            source,
        };
        let file = std::fs::File::open(path).map_err(io)?;
        let mut bytes = Vec::new();
        file.take(MAX_FILE_BYTES + 1)
            .read_to_end(&mut bytes)
            .map_err(io)?;
        if bytes.len() as u64 > MAX_FILE_BYTES {
            return Err(StoreError::Decode {
                what: path.display().to_string(),
                detail: "snapshot file larger than 1 GiB".into(),
            });
        }
        Self::from_json(&bytes, &path.display().to_string())
    }

    /// Write the snapshot as pretty JSON, atomically (temporary file, then rename).
    pub fn write_file(&self, path: &Path) -> Result<(), StoreError> {
        let io = |source| StoreError::Io {
            path: path.to_path_buf(),
            source,
        };
        // Streamed: the pretty JSON of a large account is never held in memory whole.
        let tmp = path.with_extension("tmp-tightrope");
        let mut out = std::io::BufWriter::new(std::fs::File::create(&tmp).map_err(io)?);
        serde_json::to_writer_pretty(&mut out, self).map_err(std::io::Error::from).map_err(io)?;
        out.into_inner().map_err(|e| io(e.into_error()))?.sync_all().map_err(io)?;
        std::fs::rename(&tmp, path).map_err(io)
    }

    /// Unsuppressed findings counted by severity.
    pub fn counts(&self) -> SeverityCounts {
        SeverityCounts::of(
            self.findings
                .iter()
                .filter(|f| f.suppressed.is_none())
                .map(|f| f.severity),
        )
    }
}

/// Whether `path` is a snapshot file, judged from its first bytes: a JSON object whose first key is
/// `"tightrope_snapshot"`. Directories and unreadable files are not snapshots.
pub fn is_snapshot_file(path: &Path) -> bool {
    let Ok(file) = std::fs::File::open(path) else {
        return false;
    };
    if !path.is_file() {
        return false;
    }
    let mut head = Vec::with_capacity(256);
    if file.take(256).read_to_end(&mut head).is_err() {
        return false;
    }
    let text = String::from_utf8_lossy(&head);
    let rest = text.trim_start_matches(|c: char| c.is_whitespace() || c == '\u{feff}');
    rest.strip_prefix('{')
        .is_some_and(|r| r.trim_start().starts_with(&format!("\"{MARKER}\"")))
}

/// Findings counts per severity.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SeverityCounts {
    pub critical: usize,
    pub high: usize,
    pub medium: usize,
    pub low: usize,
    pub info: usize,
}

impl SeverityCounts {
    pub fn of(severities: impl Iterator<Item = Severity>) -> Self {
        let mut c = SeverityCounts::default();
        for s in severities {
            *c.slot(s) += 1;
        }
        c
    }

    fn slot(&mut self, s: Severity) -> &mut usize {
        match s {
            Severity::Critical => &mut self.critical,
            Severity::High => &mut self.high,
            Severity::Medium => &mut self.medium,
            Severity::Low => &mut self.low,
            Severity::Info => &mut self.info,
        }
    }

    pub fn get(&self, s: Severity) -> usize {
        match s {
            Severity::Critical => self.critical,
            Severity::High => self.high,
            Severity::Medium => self.medium,
            Severity::Low => self.low,
            Severity::Info => self.info,
        }
    }

    pub fn total(&self) -> usize {
        Severity::ALL.iter().map(|s| self.get(*s)).sum()
    }
}

/// Now, as RFC 3339 UTC with millisecond precision.
pub fn now_rfc3339() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
}

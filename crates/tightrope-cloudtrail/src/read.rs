//! Files and directories: discovery of delivered log files, gzip, and the per-file read loop with
//! its statistics and bad-record reports.

use crate::event::Event;
use crate::split::{Layout, split};
use flate2::read::MultiGzDecoder;
use serde::Serialize;
use std::fs::File;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};

#[cfg(test)]
mod in_place_tests;
mod sink;
mod whole;

use sink::EventSink;

/// How many bad records are kept with their reason (all are counted).
pub const MAX_BAD_SAMPLES: usize = 200;

/// One record handed to the caller: the normalised event, the record's raw JSON (for rule engines
/// that match arbitrary fields, such as Sigma), and where it came from.
pub struct Record<'r> {
    pub event: Event<'r>,
    pub raw: &'r [u8],
    pub file: &'r str,
    /// Position of the record in its file (0-based).
    pub index: u64,
}

/// A record (or file) that could not be read, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BadRecord {
    pub file: String,
    /// Record position in the file; `None` for a problem with the file itself.
    pub index: Option<u64>,
    pub reason: String,
}

impl std::fmt::Display for BadRecord {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.index {
            Some(i) => write!(f, "{}: record {i}: {}", self.file, self.reason),
            None => write!(f, "{}: {}", self.file, self.reason),
        }
    }
}

/// What a read saw.
#[derive(Debug, Clone, Default, Serialize)]
pub struct ReadStats {
    pub files: u64,
    /// Records found (good and bad).
    pub records: u64,
    /// Records turned into events.
    pub events: u64,
    /// Bad records and unreadable files, counted.
    pub bad: u64,
    /// The first [`MAX_BAD_SAMPLES`] of them, with reasons.
    pub bad_samples: Vec<BadRecord>,
    /// Bytes of JSON read (after decompression).
    pub bytes: u64,
}

impl ReadStats {
    /// Add another read's statistics to these.
    pub fn merge(&mut self, other: ReadStats) {
        self.files += other.files;
        self.records += other.records;
        self.events += other.events;
        self.bad += other.bad;
        self.bytes += other.bytes;
        for b in other.bad_samples {
            if self.bad_samples.len() < MAX_BAD_SAMPLES {
                self.bad_samples.push(b);
            }
        }
    }

    pub(crate) fn bad(&mut self, file: &str, index: Option<u64>, reason: String) {
        self.bad += 1;
        if self.bad_samples.len() < MAX_BAD_SAMPLES {
            self.bad_samples.push(BadRecord {
                file: file.to_string(),
                index,
                reason,
            });
        }
    }
}

/// True for names CloudTrail readers take from a directory: `.json`, `.jsonl`, `.ndjson`, each
/// optionally `.gz`.
pub fn is_log_file(path: &Path) -> bool {
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    let name = name.strip_suffix(".gz").unwrap_or(&name);
    name.ends_with(".json") || name.ends_with(".jsonl") || name.ends_with(".ndjson")
}

/// The log files under `path`: the file itself, or every log file (see [`is_log_file`]) below a
/// directory such as `AWSLogs/<account>/CloudTrail/<region>/<yyyy>/<mm>/<dd>/`, in name order.
/// Unreadable directory entries are reported in `errors`.
pub fn discover(path: &Path, errors: &mut Vec<BadRecord>) -> Vec<PathBuf> {
    if !path.is_dir() {
        return vec![path.to_path_buf()];
    }
    let mut files = Vec::new();
    for entry in walkdir::WalkDir::new(path)
        .follow_links(false)
        .sort_by_file_name()
    {
        match entry {
            Ok(e) if e.file_type().is_file() && is_log_file(e.path()) => files.push(e.into_path()),
            Ok(_) => {}
            Err(e) => errors.push(BadRecord {
                file: e
                    .path()
                    .map(|p| p.display().to_string())
                    .unwrap_or_else(|| path.display().to_string()),
                index: None,
                reason: format!("cannot read directory entry: {e}"),
            }),
        }
    }
    files
}

/// Read every log file under `path` (see [`discover`]), calling `on_event` for each good record.
pub fn read_path(path: &Path, mut on_event: impl FnMut(&Record<'_>)) -> ReadStats {
    let mut errors = Vec::new();
    let files = discover(path, &mut errors);
    let mut stats = ReadStats::default();
    for e in errors {
        stats.bad(&e.file, None, e.reason);
    }
    for f in files {
        stats.merge(read_file(&f, &mut on_event));
    }
    stats
}

/// How a file or object of this name is laid out: JSON Lines for `.jsonl` / `.ndjson` (optionally
/// `.gz`), else the `{"Records": [...]}` envelope.
pub fn layout_for(name: &str) -> Layout {
    let lower = name.to_ascii_lowercase();
    let base = lower.strip_suffix(".gz").unwrap_or(&lower);
    if base.ends_with(".jsonl") || base.ends_with(".ndjson") {
        Layout::Lines
    } else {
        Layout::Json
    }
}

/// Read one file: gzip is recognised by its magic bytes (and usually inflated whole, see
/// [`whole`]), JSON Lines by a `.jsonl`/`.ndjson` name; everything else is read as the
/// `{"Records": [...]}` envelope (or an array / concatenated objects).
pub fn read_file(path: &Path, on_event: impl FnMut(&Record<'_>)) -> ReadStats {
    let name = path.display().to_string();
    let mut stats = ReadStats {
        files: 1,
        ..ReadStats::default()
    };
    let file = match File::open(path) {
        Ok(f) => f,
        Err(e) => {
            stats.bad(&name, None, format!("cannot open: {e}"));
            return stats;
        }
    };
    let layout = layout_for(&name);
    let mut buffered = BufReader::with_capacity(256 * 1024, file);
    let gz = matches!(buffered.fill_buf(), Ok([0x1f, 0x8b, ..]));
    let inner = if gz {
        let size = buffered.get_ref().metadata().ok().map(|m| m.len());
        whole::read_gzip_file(&name, buffered, size, layout, on_event)
    } else {
        read_reader(&name, &mut buffered, false, layout, on_event)
    };
    stats.merge(ReadStats { files: 0, ..inner });
    stats
}

/// Read records from any reader (`gzip`: decompress multi-member gzip first). Each record is parsed
/// where it lies in the (decompressed) read buffer; see [`EventSink`].
pub fn read_reader(
    name: &str,
    reader: &mut dyn BufRead,
    gzip: bool,
    layout: Layout,
    on_event: impl FnMut(&Record<'_>),
) -> ReadStats {
    let mut sink = EventSink::new(name, on_event);
    let result = if gzip {
        let mut dec = BufReader::with_capacity(256 * 1024, MultiGzDecoder::new(reader));
        split(&mut dec, layout, &mut sink)
    } else {
        split(reader, layout, &mut sink)
    };
    sink.finish(result)
}

/// Read from an in-memory buffer (tests, embedding).
pub fn read_bytes(
    name: &str,
    bytes: &[u8],
    layout: Layout,
    on_event: impl FnMut(&Record<'_>),
) -> ReadStats {
    if bytes.starts_with(&[0x1f, 0x8b]) {
        return whole::read_gzip_bytes(name, bytes, layout, on_event);
    }
    let mut r: &[u8] = bytes;
    read_reader(name, &mut r, false, layout, on_event)
}

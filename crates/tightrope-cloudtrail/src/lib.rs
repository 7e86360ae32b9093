//! CloudTrail ingestion: a streaming reader of log files as AWS delivers them, normalised into one
//! [`Event`] type.
//!
//! Accepted inputs: the `{"Records": [...]}` JSON files CloudTrail writes to S3 (plain or gzipped,
//! multi-member gzip included), directory trees such as
//! `AWSLogs/<account>/CloudTrail/<region>/<yyyy>/<mm>/<dd>/`, top-level arrays of records, and
//! JSON Lines (`.jsonl` / `.ndjson`, optionally `.gz`). Files are streamed: only the current record
//! is held in memory, except that a gzipped file of one member that inflates to at most 64 MiB (the
//! usual CloudTrail object) is inflated whole into a per-thread buffer first. Bad records are
//! counted and reported with file, record index and reason; they never stop a read.
//!
//! ```no_run
//! use std::path::Path;
//! let mut invocations = 0;
//! let stats = tightrope_cloudtrail::read_path(Path::new("AWSLogs/"), |rec| {
//!     if rec.event.iam_action() == "bedrock:InvokeModel" {
//!         invocations += 1;
//!     }
//! });
//! eprintln!("{} events, {} bad records", stats.events, stats.bad);
//! ```

mod direct;
pub mod event;
mod fill;
pub mod raw;
pub mod read;
pub mod split;
pub mod time;

pub use event::{Event, Params, Principal, service_prefix};
pub use read::{
    BadRecord, ReadStats, Record, discover, is_log_file, layout_for, read_bytes, read_file, read_path,
    read_reader,
};
pub use split::Layout;
pub use time::{format_time, parse_time};

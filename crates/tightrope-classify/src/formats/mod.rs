//! Input formats: how a file's bytes are obtained (memory-mapped, or decompressed from gzip/zstd
//! within a size bound) and which reader classifies them (text, delimited tables, Parquet).

pub mod delimited;
#[cfg(feature = "parquet")]
pub mod parquet;
pub mod text;

use std::fs::File;
use std::io::Read;
use std::path::Path;

/// How a dataset's content is laid out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Text,
    Json,
    Jsonl,
    Csv,
    Tsv,
    Parquet,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Text => "text",
            Kind::Json => "json",
            Kind::Jsonl => "jsonl",
            Kind::Csv => "csv",
            Kind::Tsv => "tsv",
            Kind::Parquet => "parquet",
        }
    }

    /// The kind named by a file extension (compression suffix already removed).
    pub fn from_extension(ext: &str) -> Kind {
        match ext.to_ascii_lowercase().as_str() {
            "csv" => Kind::Csv,
            "tsv" | "tab" => Kind::Tsv,
            "json" => Kind::Json,
            "jsonl" | "ndjson" => Kind::Jsonl,
            "parquet" | "pq" => Kind::Parquet,
            _ => Kind::Text,
        }
    }
}

/// A compression wrapper around the content.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Compression {
    None,
    Gzip,
    Zstd,
}

/// What a path holds: its content kind and compression, from its name and first bytes.
pub fn sniff(path: &Path, head: &[u8]) -> (Kind, Compression) {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or_default().to_ascii_lowercase();
    let (stem, compression) = if head.starts_with(&[0x1f, 0x8b]) {
        (
            name.trim_end_matches(".gz").trim_end_matches(".gzip").to_string(),
            Compression::Gzip,
        )
    } else if head.starts_with(&[0x28, 0xb5, 0x2f, 0xfd]) {
        (
            name.trim_end_matches(".zst").trim_end_matches(".zstd").to_string(),
            Compression::Zstd,
        )
    } else {
        (name.clone(), Compression::None)
    };
    let ext = stem.rsplit_once('.').map(|(_, e)| e).unwrap_or_default();
    let kind = if head.starts_with(b"PAR1") {
        Kind::Parquet
    } else {
        Kind::from_extension(ext)
    };
    (kind, compression)
}

/// The bytes of a file: mapped when plain, decompressed (at most `max_decompressed` bytes) otherwise.
pub enum Content {
    Mapped(memmap2::Mmap),
    Owned(Vec<u8>),
}

impl std::ops::Deref for Content {
    type Target = [u8];
    fn deref(&self) -> &[u8] {
        match self {
            Content::Mapped(m) => m,
            Content::Owned(v) => v,
        }
    }
}

/// Read `path` as `compression` says. Errors say what went wrong and what was expected.
pub fn load(path: &Path, compression: Compression, max_decompressed: u64) -> Result<Content, String> {
    let file = File::open(path).map_err(|e| format!("cannot open: {e}"))?;
    let len = file.metadata().map_err(|e| format!("cannot stat: {e}"))?.len();
    match compression {
        Compression::None if len == 0 => Ok(Content::Owned(Vec::new())),
        Compression::None => {
            // SAFETY: the mapping is read-only; a file truncated by another process while it is
            // scanned can fault, which is the accepted trade-off of every mmap-based scanner.
            let map = unsafe { memmap2::Mmap::map(&file) }.map_err(|e| format!("cannot map: {e}"))?;
            Ok(Content::Mapped(map))
        }
        Compression::Gzip => bounded(
            flate2::read::MultiGzDecoder::new(std::io::BufReader::new(file)),
            max_decompressed,
            "gzip",
        ),
        Compression::Zstd => {
            let dec = zstd::stream::read::Decoder::new(file).map_err(|e| format!("invalid zstd stream: {e}"))?;
            bounded(dec, max_decompressed, "zstd")
        }
    }
}

fn bounded(reader: impl Read, max: u64, what: &str) -> Result<Content, String> {
    let mut out = Vec::new();
    reader
        .take(max.saturating_add(1))
        .read_to_end(&mut out)
        .map_err(|e| format!("invalid {what} data (expected a complete {what} stream): {e}"))?;
    if out.len() as u64 > max {
        return Err(format!(
            "decompresses to more than {max} bytes (raise --max-decompressed to scan it)"
        ));
    }
    Ok(Content::Owned(out))
}

/// Whether content looks binary (a NUL byte in the first 8 KiB) and has no reader.
pub fn looks_binary(bytes: &[u8]) -> bool {
    memchr::memchr(0, &bytes[..bytes.len().min(8192)]).is_some()
}

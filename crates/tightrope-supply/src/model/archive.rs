//! Bounded reading of zip archives (PyTorch, Keras, npz, plain zips).
//!
//! The `zip` crate reads the central directory; entries are read raw and decompressed here, so
//! the "encrypted" flag bit that some loaders ignore does not hide content. When the central
//! directory is damaged or manipulated, the local file headers are walked instead.

use flate2::read::DeflateDecoder;
use std::io::{Cursor, Read};
use zip::{CompressionMethod, ZipArchive};

/// At most this many entries are listed.
pub const MAX_ENTRIES: usize = 100_000;
/// Entries decompressing past this ratio (and past [`MIN_BOMB_SIZE`]) are not read.
pub const MAX_RATIO: u64 = 200;
pub const MIN_BOMB_SIZE: u64 = 64 << 20;

/// One entry of an archive.
#[derive(Debug, Clone)]
pub struct ZipEntry {
    pub name: String,
    pub size: u64,
    pub compressed_size: u64,
    pub encrypted: bool,
    method: Method,
    /// Offset of the raw data in the archive, for the local-header fallback.
    data_offset: Option<usize>,
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Method {
    Stored,
    Deflated,
    Other(u16),
}

/// An open archive over a byte slice.
pub struct Zip<'a> {
    data: &'a [u8],
    archive: Option<ZipArchive<Cursor<&'a [u8]>>>,
    pub entries: Vec<ZipEntry>,
    /// The listing hit [`MAX_ENTRIES`].
    pub truncated: bool,
}

impl<'a> Zip<'a> {
    /// Open `data`; falls back to local headers when the central directory cannot be read.
    pub fn open(data: &'a [u8]) -> Result<Self, String> {
        match ZipArchive::new(Cursor::new(data)) {
            Ok(mut archive) => {
                let mut entries = Vec::new();
                let truncated = archive.len() > MAX_ENTRIES;
                for i in 0..archive.len().min(MAX_ENTRIES) {
                    let f = archive.by_index_raw(i).map_err(|e| format!("zip entry {i}: {e}"))?;
                    let method = match f.compression() {
                        CompressionMethod::Stored => Method::Stored,
                        CompressionMethod::Deflated => Method::Deflated,
                        #[allow(deprecated)]
                        other => Method::Other(other.to_u16()),
                    };
                    entries.push(ZipEntry {
                        name: f.name().map(|n| n.to_string()).unwrap_or_else(|_| format!("<entry {i}>")),
                        size: f.size(),
                        compressed_size: f.compressed_size(),
                        encrypted: f.encrypted(),
                        method,
                        data_offset: None,
                    });
                }
                if entries.is_empty() {
                    if let Ok(z) = Self::from_local_headers(data) {
                        if !z.entries.is_empty() {
                            return Ok(z);
                        }
                    }
                }
                Ok(Zip { data, archive: Some(archive), entries, truncated })
            }
            Err(e) => Self::from_local_headers(data).map_err(|le| format!("not a readable zip ({e}; local headers: {le})")),
        }
    }

    fn from_local_headers(data: &'a [u8]) -> Result<Self, String> {
        let mut entries = Vec::new();
        let mut pos = 0usize;
        let u16_at = |p: usize| data.get(p..p + 2).map(|b| u16::from_le_bytes([b[0], b[1]]));
        let u32_at = |p: usize| data.get(p..p + 4).map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]));
        while data.get(pos..pos + 4) == Some(b"PK\x03\x04") && entries.len() < MAX_ENTRIES {
            let (Some(flags), Some(method), Some(csize), Some(size), Some(nlen), Some(xlen)) =
                (u16_at(pos + 6), u16_at(pos + 8), u32_at(pos + 18), u32_at(pos + 22), u16_at(pos + 26), u16_at(pos + 28))
            else {
                break;
            };
            let name_start = pos + 30;
            let data_start = name_start + usize::from(nlen) + usize::from(xlen);
            let name = data.get(name_start..name_start + usize::from(nlen)).ok_or("truncated local header")?;
            let end = data_start.checked_add(csize as usize).filter(|e| *e <= data.len()).ok_or("entry data past end of file")?;
            entries.push(ZipEntry {
                name: String::from_utf8_lossy(name).into_owned(),
                size: u64::from(size),
                compressed_size: u64::from(csize),
                encrypted: flags & 1 == 1,
                method: match method {
                    0 => Method::Stored,
                    8 => Method::Deflated,
                    m => Method::Other(m),
                },
                data_offset: Some(data_start),
            });
            pos = end;
        }
        if entries.is_empty() {
            return Err("no local file header".into());
        }
        Ok(Zip { data, archive: None, entries, truncated: false })
    }

    /// True when entry `i` decompresses suspiciously far (zip bomb).
    pub fn is_bomb(&self, i: usize) -> bool {
        self.entries.get(i).is_some_and(|e| e.size > MIN_BOMB_SIZE && e.size / e.compressed_size.max(1) > MAX_RATIO)
    }

    /// Read entry `i`, at most `cap` bytes of it (decompressed).
    pub fn read(&mut self, i: usize, cap: u64) -> Result<Vec<u8>, String> {
        let entry = self.entries.get(i).cloned().ok_or("no such entry")?;
        let raw: Vec<u8> = match (&mut self.archive, entry.data_offset) {
            (_, Some(off)) => {
                let end = off.saturating_add(entry.compressed_size as usize).min(self.data.len());
                self.data.get(off..end).unwrap_or_default().iter().take(cap as usize).copied().collect()
            }
            (Some(a), None) => {
                let f = a.by_index_raw(i).map_err(|e| e.to_string())?;
                let mut out = Vec::new();
                f.take(cap).read_to_end(&mut out).map_err(|e| e.to_string())?;
                out
            }
            (None, None) => return Err("entry has no data".into()),
        };
        match entry.method {
            Method::Stored => Ok(raw),
            Method::Deflated => {
                let mut out = Vec::new();
                DeflateDecoder::new(raw.as_slice()).take(cap).read_to_end(&mut out).map_err(|e| format!("deflate: {e}"))?;
                Ok(out)
            }
            Method::Other(m) => Err(format!("compression method {m} is not decoded")),
        }
    }
}

/// True when an entry name would be written outside the extraction directory.
pub fn escapes(name: &str) -> bool {
    let n = name.replace('\\', "/");
    n.starts_with('/') || n.split('/').any(|c| c == "..") || n.get(1..3) == Some(":/")
}

#[cfg(test)]
mod tests {
    use super::escapes;

    #[test]
    fn traversal_names() {
        assert!(escapes("../../etc/passwd"));
        assert!(escapes("/abs"));
        assert!(escapes("a\\..\\b"));
        assert!(escapes("C:/x"));
        assert!(!escapes("archive/data.pkl"));
        assert!(!escapes("a..b/c"));
    }
}

//! Bytes at rest: SHA-256 content hashes and zlib compression of snapshot JSON.

use crate::StoreError;
use flate2::Compression;
use flate2::read::ZlibDecoder;
use flate2::write::ZlibEncoder;
use sha2::{Digest, Sha256};
use std::io::{Read, Write};

/// Largest snapshot the store inflates (decompression bomb guard): 1 GiB of JSON.
pub const MAX_SNAPSHOT_BYTES: u64 = 1 << 30;

/// Lowercase hex SHA-256 of `bytes`.
pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Compress with zlib at a fast level: snapshot JSON shrinks about tenfold and saving stays quick.
pub fn compress(bytes: &[u8]) -> Vec<u8> {
    let mut enc = ZlibEncoder::new(Vec::with_capacity(bytes.len() / 8), Compression::fast());
    // Writing into a Vec cannot fail.
    let _ = enc.write_all(bytes);
    enc.finish().unwrap_or_default()
}

/// Inflate, refusing more than [`MAX_SNAPSHOT_BYTES`].
pub fn decompress(bytes: &[u8], what: &str) -> Result<Vec<u8>, StoreError> {
    let mut out = Vec::with_capacity(bytes.len() * 8);
    let mut dec = ZlibDecoder::new(bytes).take(MAX_SNAPSHOT_BYTES + 1);
    dec.read_to_end(&mut out).map_err(|e| StoreError::Decode {
        what: what.into(),
        detail: format!("compressed data is damaged: {e}"),
    })?;
    if out.len() as u64 > MAX_SNAPSHOT_BYTES {
        return Err(StoreError::Decode {
            what: what.into(),
            detail: "snapshot larger than 1 GiB".into(),
        });
    }
    Ok(out)
}

//! Whole-file gunzip with libdeflate for the usual CloudTrail object: one gzip member of at most
//! [`MAX_WHOLE`] bytes. libdeflate inflates a buffer whose output size is known (the gzip
//! trailer's ISIZE) about three times as fast as zlib-rs streams it (../shared/CRATES.md), and
//! inflating was a tenth of `detect run`'s CPU time. The records are then cut and parsed from the
//! one decompressed buffer, which gives the same records as the streaming path (the splitter's
//! result does not depend on buffer sizes; see `in_place_tests.rs`).
//!
//! Anything else (several members, a larger or corrupt file, a header CRC, a read error) is
//! streamed through flate2 exactly as before, so errors are reported as they were.

use super::{Layout, ReadStats, Record, read_reader};
use crate::split::split;
use libdeflate_sys::{
    libdeflate_alloc_decompressor, libdeflate_decompressor, libdeflate_free_decompressor,
    libdeflate_gzip_decompress_ex, libdeflate_result_LIBDEFLATE_SUCCESS,
};
use std::cell::Cell;
use std::io::{BufRead, BufReader, Read};
use std::ptr::NonNull;

/// Largest decompressed size inflated whole (larger files stream, in 256 KiB buffers).
const MAX_WHOLE: usize = 64 << 20;

/// `FLG.FHCRC`: a header CRC-16, which flate2 checks and libdeflate skips.
const FHCRC: u8 = 0x02;

thread_local! {
    /// The decompressed buffer, kept per thread: a fresh one per file cost page faults and zeroing
    /// of tens of megabytes for every file.
    static OUT: Cell<Vec<u8>> = const { Cell::new(Vec::new()) };
    /// The compressed file, kept per thread for the same reason: a fresh ~0.5 MB buffer per file
    /// was returned to the system by the allocator and faulted in (zeroed) again for the next.
    static GZ: Cell<Vec<u8>> = const { Cell::new(Vec::new()) };
}

/// A libdeflate decompressor, freed on drop.
struct Decompressor(NonNull<libdeflate_decompressor>);

impl Decompressor {
    fn new() -> Option<Self> {
        // SAFETY: no preconditions; it returns NULL when out of memory, which `NonNull::new` turns
        // into `None`.
        NonNull::new(unsafe { libdeflate_alloc_decompressor() }).map(Decompressor)
    }

    /// Inflate `gz`, which must be exactly one gzip member, into `out`; the size written.
    fn gunzip(&mut self, gz: &[u8], out: &mut [u8]) -> Option<usize> {
        let (mut used_in, mut used_out) = (0usize, 0usize);
        // SAFETY: `self.0` is a live decompressor (freed only on drop). `gz` is readable and `out`
        // writable for their whole lengths during the call, and they do not overlap (`out` is
        // borrowed mutably); libdeflate reads at most `gz.len()` bytes and writes at most
        // `out.len()` bytes. The two result pointers point to locals that outlive the call.
        let result = unsafe {
            libdeflate_gzip_decompress_ex(
                self.0.as_ptr(),
                gz.as_ptr().cast(),
                gz.len(),
                out.as_mut_ptr().cast(),
                out.len(),
                &mut used_in,
                &mut used_out,
            )
        };
        // One member only: libdeflate stops after the first, so the rest must be nothing.
        (result == libdeflate_result_LIBDEFLATE_SUCCESS && used_in == gz.len()).then_some(used_out)
    }
}

impl Drop for Decompressor {
    fn drop(&mut self) {
        // SAFETY: the pointer came from `libdeflate_alloc_decompressor` and is freed once, here.
        unsafe { libdeflate_free_decompressor(self.0.as_ptr()) }
    }
}

/// Inflate `gz` into `out` (grown as needed, never shrunk) when it is one gzip member of at most
/// [`MAX_WHOLE`] bytes without a header CRC: the decompressed length, else `None`.
fn inflate_whole(gz: &[u8], out: &mut Vec<u8>) -> Option<usize> {
    if gz.get(3).is_none_or(|flags| flags & FHCRC != 0) {
        return None;
    }
    let isize = gz
        .last_chunk::<4>()
        .map(|t| u32::from_le_bytes(*t) as usize)?;
    if isize > MAX_WHOLE {
        return None;
    }
    if out.len() < isize {
        out.resize(isize, 0);
    }
    let n = Decompressor::new()?.gunzip(gz, &mut out[..isize])?;
    (n == isize).then_some(n)
}

/// A reader that fails with `error` (after the bytes read before a read error).
struct Failing(Option<std::io::Error>);

impl Read for Failing {
    fn read(&mut self, _: &mut [u8]) -> std::io::Result<usize> {
        match self.0.take() {
            Some(e) => Err(e),
            None => Ok(0),
        }
    }
}

/// Read the gzipped file behind `reader`, of `size` bytes: whole, or streamed when it is larger than
/// [`MAX_WHOLE`] (a one-member file inflating to at most that is not larger: a file this big would
/// be read into memory only to be declined) or when [`inflate_whole`] declines.
pub(super) fn read_gzip_file(
    name: &str,
    mut reader: impl BufRead,
    size: Option<u64>,
    layout: Layout,
    on_event: impl FnMut(&Record<'_>),
) -> ReadStats {
    let Some(size) = size.filter(|&n| n <= MAX_WHOLE as u64) else {
        return read_reader(name, &mut reader, true, layout, on_event);
    };
    // Taken out of the thread's slot while in use, like `OUT` in `read_gzip_bytes`.
    let mut gz = GZ.take();
    gz.clear();
    gz.reserve(size as usize);
    let stats = match reader.read_to_end(&mut gz) {
        Ok(_) => read_gzip_bytes(name, &gz, layout, on_event),
        // Stream what was read, then the error, as the streaming path would have met it.
        Err(e) => {
            let mut r = BufReader::with_capacity(256 * 1024, gz.as_slice().chain(Failing(Some(e))));
            read_reader(name, &mut r, true, layout, on_event)
        }
    };
    GZ.set(gz);
    stats
}

/// Read gzipped bytes (whole, or streamed when [`inflate_whole`] declines).
pub(super) fn read_gzip_bytes(
    name: &str,
    gz: &[u8],
    layout: Layout,
    on_event: impl FnMut(&Record<'_>),
) -> ReadStats {
    // Taken out of the thread's slot while in use: a callback that reads another file meanwhile
    // gets a buffer of its own.
    let mut out = OUT.take();
    let stats = match inflate_whole(gz, &mut out) {
        Some(n) => {
            let mut sink = super::EventSink::new(name, on_event);
            let result = split(&mut &out[..n], layout, &mut sink);
            sink.finish(result)
        }
        None => read_reader(name, &mut &gz[..], true, layout, on_event),
    };
    OUT.set(out);
    stats
}

#[cfg(test)]
mod tests {
    use super::*;
    use flate2::Compression;
    use flate2::write::GzEncoder;
    use std::io::Write;

    fn gzip(data: &[u8]) -> Vec<u8> {
        let mut e = GzEncoder::new(Vec::new(), Compression::fast());
        e.write_all(data).unwrap();
        e.finish().unwrap()
    }

    #[test]
    fn one_member_is_inflated_whole_and_anything_else_declined() {
        let text = br#"{"Records":[{"eventName":"A","eventSource":"s3.amazonaws.com"}]}"#;
        let one = gzip(text);
        let mut out = Vec::new();
        assert_eq!(inflate_whole(&one, &mut out), Some(text.len()));
        assert_eq!(&out[..text.len()], text);
        // Two members, trailing bytes, a truncated or corrupt member: streamed instead.
        let two = [one.clone(), gzip(text)].concat();
        assert_eq!(inflate_whole(&two, &mut out), None);
        assert_eq!(
            inflate_whole(&[one.as_slice(), b"x"].concat(), &mut out),
            None
        );
        assert_eq!(inflate_whole(&one[..one.len() - 1], &mut out), None);
        let mut bad = one.clone();
        let mid = bad.len() / 2;
        bad[mid] ^= 0x55;
        assert_eq!(inflate_whole(&bad, &mut out), None);
        assert_eq!(inflate_whole(&[], &mut out), None);
    }

    #[test]
    fn whole_and_streamed_reads_see_the_same_records() {
        let mut text = String::from(r#"{"Records":["#);
        for i in 0..500 {
            if i > 0 {
                text.push(',');
            }
            text.push_str(&format!(
                r#"{{"eventName":"GetObject","eventSource":"s3.amazonaws.com","eventID":"e{i}","requestParameters":{{"bucketName":"b","key":"k{i}"}}}}"#
            ));
        }
        text.push_str("]}");
        let events = |gz: &[u8]| {
            let mut seen = Vec::new();
            let stats = read_gzip_bytes("f.json.gz", gz, Layout::Json, |r| {
                seen.push((r.index, r.event.clone().into_owned(), r.raw.to_vec()))
            });
            (seen, stats.events, stats.records, stats.bytes, stats.bad)
        };
        let one = gzip(text.as_bytes());
        let two = [one.clone(), one.clone()].concat();
        let (whole, ..) = events(&one);
        let (streamed, n, records, bytes, bad) = events(&two);
        assert_eq!(whole.len(), 500);
        assert_eq!((n, records, bad), (1000, 1000, 0));
        assert_eq!(&streamed[..500], &whole[..]);
        assert_eq!(bytes, 2 * events(&one).3);
    }
}

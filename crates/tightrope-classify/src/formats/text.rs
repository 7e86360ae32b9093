//! Plain text, JSON and JSONL: the engine scans the raw bytes and each hit is located by line and
//! column (JSON string escapes do not hide values the detectors look for).

use crate::dataset::{Aggregator, Location};
use crate::engine::Hits;

/// Feed `hits` (sorted by position) into `agg`, locating each by 1-based line and column.
pub fn aggregate(hay: &[u8], hits: &Hits, agg: &mut Aggregator) {
    let mut line = 1u64;
    let mut line_start = 0usize;
    let mut pos = 0usize;
    for hit in hits {
        if hit.start > pos {
            let seg = &hay[pos..hit.start];
            let n = memchr::memchr_iter(b'\n', seg).count() as u64;
            if n > 0 {
                line += n;
                line_start = pos + memchr::memrchr(b'\n', seg).map_or(0, |i| i + 1);
            }
            pos = hit.start;
        }
        let (l, c) = (line, (hit.value_span().0.saturating_sub(line_start)) as u64 + 1);
        agg.add(hay, hit, || Location::Text { line: l, column: c });
    }
}

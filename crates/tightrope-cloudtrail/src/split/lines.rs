//! JSON Lines: one record per line, handed to the [`Sink`] in place.
//!
//! A line that lies inside the reader's buffer is passed as a span of it; only a line cut by a
//! buffer refill is assembled in a buffer of its own (bounded by [`MAX_RECORD`]: a longer line is
//! drained, reported and skipped). A broken line never affects the next one.

use super::assembled::Assembled;
use super::{MAX_RECORD, Sink};
use std::io::BufRead;

/// Hand the line assembled in `carry` (the part that began in an earlier buffer) to `sink` and
/// start afresh.
fn finish<S: Sink + ?Sized>(carry: &mut Assembled, sink: &mut S) {
    if carry.too_long() {
        sink.skipped(format!("line longer than {MAX_RECORD} bytes; skipped"));
    } else {
        emit(carry.bytes(), sink);
    }
    carry.clear();
}

/// One complete line (its newline included): blank lines are not records.
fn emit<S: Sink + ?Sized>(line: &[u8], sink: &mut S) {
    if !line.iter().all(u8::is_ascii_whitespace) {
        sink.record(line);
    }
}

/// Split JSON Lines from `reader` into `sink`; returns `Err` only on an I/O error.
pub(super) fn split_lines<S: Sink + ?Sized>(
    reader: &mut dyn BufRead,
    sink: &mut S,
) -> std::io::Result<()> {
    let mut carry = Assembled::default();
    loop {
        let buf = reader.fill_buf()?;
        if buf.is_empty() {
            break;
        }
        let mut start = 0;
        for newline in memchr::memchr_iter(b'\n', buf) {
            let line = &buf[start..=newline];
            if carry.is_empty() {
                if line.len() <= MAX_RECORD {
                    emit(line, sink);
                } else {
                    sink.skipped(format!("line longer than {MAX_RECORD} bytes; skipped"));
                }
            } else {
                carry.push(line);
                finish(&mut carry, sink);
            }
            start = newline + 1;
        }
        carry.push(&buf[start..]);
        let n = buf.len();
        reader.consume(n);
    }
    if !carry.is_empty() {
        finish(&mut carry, sink);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::split::Piece;

    /// The lines `input` yields with a reader buffer of `cap` bytes.
    fn lines(input: &[u8], cap: usize) -> Vec<Result<String, String>> {
        let mut out = Vec::new();
        let mut r = std::io::BufReader::with_capacity(cap, input);
        split_lines(&mut r, &mut |p: Piece<'_>| {
            out.push(p.map(|b| String::from_utf8_lossy(b).into_owned()))
        })
        .unwrap();
        out
    }

    #[test]
    fn every_buffer_size_gives_the_same_lines() {
        let input = b"{\"a\":1}\n\n  \r\n{\"b\":\n{\"c\":\"x\"}\r\n{\"d\":2}";
        let whole = lines(input, input.len() + 1);
        assert_eq!(
            whole,
            vec![
                Ok("{\"a\":1}\n".to_string()),
                Ok("{\"b\":\n".to_string()),
                Ok("{\"c\":\"x\"}\r\n".to_string()),
                Ok("{\"d\":2}".to_string()),
            ]
        );
        for cap in 1..input.len() {
            assert_eq!(lines(input, cap), whole, "buffer of {cap} bytes");
        }
    }

    #[test]
    fn a_line_inside_the_buffer_is_not_copied() {
        let input = b"{\"a\":1}\n{\"b\":2}\n";
        let range = input.as_ptr_range();
        let mut r: &[u8] = input;
        let mut in_place = 0;
        split_lines(&mut r, &mut |p: Piece<'_>| {
            let b = p.unwrap();
            in_place += usize::from(range.contains(&b.as_ptr()));
        })
        .unwrap();
        assert_eq!(in_place, 2);
    }
}

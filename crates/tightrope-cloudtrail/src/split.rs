//! Streaming record splitter: cuts a byte stream into one JSON object per CloudTrail record
//! without holding more than one record in memory.
//!
//! Two layouts are understood:
//! * [`Layout::Json`]: the `{"Records": [ {...}, ... ]}` envelope that CloudTrail delivers to S3, a
//!   top-level array of records, or records concatenated one after another. A small state machine
//!   tracks strings, escapes and nesting; only the bytes of the current record are buffered.
//! * [`Layout::Lines`]: JSON Lines, one record per line; a broken line never affects the next one
//!   (see [`lines`]).
//!
//! Records are handed to a [`Sink`] in place: a record that lies inside the reader's current buffer
//! (nearly all of them with the 256 KiB buffers of [`crate::read`]) is passed as a span of that
//! buffer, so the sink can parse it there, borrowing strings from it; only a record cut by a buffer
//! refill is first assembled in a buffer of the splitter's own. In the JSON layout a sink may also
//! take a record straight from where it starts ([`Sink::record_at`]): its parser then finds the
//! record's end, and the splitter does not scan the record's bytes at all.

use assembled::Assembled;
use std::io::BufRead;

mod assembled;
pub mod lines;

/// Largest record kept (bytes). Larger records are skipped and reported.
pub const MAX_RECORD: usize = 16 * 1024 * 1024;

/// How records are laid out in a stream.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    /// `{"Records":[...]}` envelope, a top-level array of records, or concatenated objects.
    Json,
    /// One JSON object per line.
    Lines,
}

/// What the splitter hands to a closure used as a [`Sink`]: a record's bytes or why it was skipped.
pub type Piece<'b> = Result<&'b [u8], String>;

/// Receives the records of a stream, in order, as the splitter cuts them out.
///
/// Each call is one entry of the stream (and one record in [`crate::ReadStats`]): [`Sink::record`]
/// for a record, [`Sink::skipped`] for one that could not be cut out (too large, not an object,
/// truncated input). The bytes given to [`Sink::record`] are valid for that call only: they are
/// usually a span of the reader's buffer, which the next refill overwrites, so anything kept must be
/// copied.
pub trait Sink {
    /// A record that starts with the `{` at the start of `rest` and may close inside it: a sink
    /// that can parse it there returns its length (and has taken the record, good or bad). `None`
    /// (the default) leaves it to the splitter, which then finds the record's end itself (or
    /// assembles it across buffer refills) and calls [`Sink::record`]; a sink returns `None` for a
    /// record that does not close inside `rest` and for a malformed one, which is reported from
    /// there.
    ///
    /// Parsing and finding the end in one pass saves the splitter's scan of every record.
    fn record_at(&mut self, rest: Rest<'_>) -> Option<usize> {
        let _ = rest;
        None
    }
    /// One record's bytes (a JSON object, possibly with surrounding whitespace).
    fn record(&mut self, bytes: &[u8]);
    /// A record position that yields no record, and why.
    fn skipped(&mut self, why: String);
}

/// The read buffer from a record's first byte on (at most [`MAX_RECORD`] bytes), for
/// [`Sink::record_at`].
#[derive(Debug, Clone, Copy)]
pub enum Rest<'b> {
    /// Valid UTF-8 (the splitter checks each buffer once), so a parser need not check each string.
    /// It ends early at a character cut by the end of the buffer or at the first invalid byte.
    Text(&'b str),
    /// Not valid UTF-8 throughout.
    Bytes(&'b [u8]),
}

impl<'b> Rest<'b> {
    /// The buffer of a record starting at `at`, as text when `text` (the buffer's valid UTF-8
    /// prefix) reaches past `at`.
    fn at(buf: &'b [u8], text: &'b str, at: usize) -> Self {
        let end = buf.len().min(at + MAX_RECORD);
        match text.get(at..end.min(text.len())) {
            Some(t) if !t.is_empty() => Rest::Text(t),
            _ => Rest::Bytes(&buf[at..end]),
        }
    }

    /// The bytes, in either form.
    pub fn bytes(self) -> &'b [u8] {
        match self {
            Rest::Text(t) => t.as_bytes(),
            Rest::Bytes(b) => b,
        }
    }
}

/// The longest prefix of `buf` that is valid UTF-8 (all of it but for a character cut by the end of
/// the buffer, unless the input is not UTF-8).
fn utf8_prefix(buf: &[u8]) -> &str {
    std::str::from_utf8(buf)
        .unwrap_or_else(|e| std::str::from_utf8(&buf[..e.valid_up_to()]).unwrap_or_default())
}

/// Any `FnMut(Piece)` closure is a sink: `Ok(bytes)` for a record, `Err(why)` for a skipped one.
impl<F: FnMut(Piece<'_>)> Sink for F {
    fn record(&mut self, bytes: &[u8]) {
        self(Ok(bytes))
    }
    fn skipped(&mut self, why: String) {
        self(Err(why))
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// Outside any value.
    Top,
    /// Capturing a top-level object (an event, unless it turns out to be an envelope).
    Single,
    /// Inside the `Records` array (depth 2) or a top-level array (depth 1).
    Array { element_depth: u32 },
    /// After the `Records` array closed: skip the rest of the envelope.
    Tail,
}

/// Split `reader` into records and hand each to `sink`; returns `Err` only on an I/O error.
pub fn split<S: Sink + ?Sized>(
    reader: &mut dyn BufRead,
    layout: Layout,
    sink: &mut S,
) -> std::io::Result<()> {
    match layout {
        Layout::Lines => lines::split_lines(reader, sink),
        Layout::Json => Scanner::default().run(reader, sink),
    }
}

/// Position of the first `"` or `\\` in `bytes`. CloudTrail strings are mostly short (keys, names,
/// ARNs), where a word-at-a-time scan beats the setup cost of a vectorised search per string.
fn quote_or_backslash(bytes: &[u8]) -> Option<usize> {
    const ONES: u64 = u64::from_ne_bytes([0x01; 8]);
    const HIGHS: u64 = u64::from_ne_bytes([0x80; 8]);
    const QUOTES: u64 = u64::from_ne_bytes([b'"'; 8]);
    const BACKSLASHES: u64 = u64::from_ne_bytes([b'\\'; 8]);
    let has_zero = |x: u64| x.wrapping_sub(ONES) & !x & HIGHS;
    let mut chunks = bytes.chunks_exact(8);
    let mut base = 0;
    for chunk in chunks.by_ref() {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        let x = u64::from_ne_bytes(word);
        if has_zero(x ^ QUOTES) | has_zero(x ^ BACKSLASHES) != 0 {
            return chunk
                .iter()
                .position(|&b| b == b'"' || b == b'\\')
                .map(|p| base + p);
        }
        base += 8;
    }
    chunks
        .remainder()
        .iter()
        .position(|&b| b == b'"' || b == b'\\')
        .map(|p| base + p)
}

/// End (exclusive) of the value that starts with the `{` at `buf[start]`, when it closes inside
/// `buf`: nesting counted over `{[` and `}]` outside strings, exactly as [`Scanner::feed`] counts it,
/// but with the state in registers. `None` when the buffer ends first.
fn record_end(buf: &[u8], start: usize) -> Option<usize> {
    let mut depth = 0u32;
    let mut i = start;
    while let Some(&b) = buf.get(i) {
        i += 1;
        match b {
            b'"' => loop {
                let off = quote_or_backslash(buf.get(i..)?)?;
                let j = i + off;
                if buf[j] == b'"' {
                    i = j + 1;
                    break;
                }
                // A backslash: the next byte is escaped.
                i = j + 2;
            },
            b'{' | b'[' => depth += 1,
            b'}' | b']' => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    return Some(i);
                }
            }
            _ => {}
        }
    }
    None
}

/// The JSON-layout state machine. A record is one contiguous byte range of the stream, so it is
/// not copied byte by byte: while capturing, `pending` marks where the not-yet-copied part starts in
/// the current buffer. A record that lies inside one buffer is handed out without any copy; one that
/// straddles buffers is assembled in `rec`.
#[derive(Default)]
struct Scanner {
    depth: u32,
    in_string: bool,
    escape: bool,
    mode: ModeSlot,
    rec: Assembled,
    capturing: bool,
    /// Start (in the current buffer) of the captured bytes not yet copied into `rec`.
    pending: usize,
    /// Start of the string being read at depth 1 (an offset in the record), to recognise the
    /// `Records` key.
    key_start: Option<usize>,
    last_key_is_records: bool,
    /// Reported bytes outside any value; quiet until the next value starts.
    garbage: bool,
}

struct ModeSlot(Mode);
impl Default for ModeSlot {
    fn default() -> Self {
        ModeSlot(Mode::Top)
    }
}

impl Scanner {
    fn run<S: Sink + ?Sized>(
        mut self,
        reader: &mut dyn BufRead,
        sink: &mut S,
    ) -> std::io::Result<()> {
        loop {
            let buf = reader.fill_buf()?;
            if buf.is_empty() {
                break;
            }
            let n = buf.len();
            self.feed(buf, sink);
            reader.consume(n);
        }
        if self.depth != 0 || self.in_string {
            sink.skipped("input ended inside a JSON value (truncated file?)".to_string());
        }
        Ok(())
    }

    /// Copy the captured bytes `buf[pending..upto]` into `rec` (bounded by [`MAX_RECORD`]).
    fn flush(&mut self, buf: &[u8], upto: usize) {
        if !self.capturing {
            return;
        }
        let part = &buf[self.pending.min(upto)..upto];
        self.pending = upto;
        self.rec.push(part);
    }

    /// Offset in the record of `buf[i]` (while capturing).
    fn record_offset(&self, i: usize) -> usize {
        self.rec.bytes().len() + i.saturating_sub(self.pending)
    }

    fn start_capture(&mut self, at: usize) {
        self.capturing = true;
        self.rec.clear();
        self.pending = at;
    }

    /// The record ends with `buf[end - 1]`.
    fn finish_capture<S: Sink + ?Sized>(&mut self, buf: &[u8], end: usize, sink: &mut S) {
        let whole = self.rec.is_empty();
        if whole && end - self.pending <= MAX_RECORD {
            sink.record(&buf[self.pending..end]);
        } else {
            self.flush(buf, end);
            if self.rec.too_long() {
                sink.skipped(format!("record larger than {MAX_RECORD} bytes; skipped"));
            } else {
                sink.record(self.rec.bytes());
            }
        }
        self.capturing = false;
        self.rec.clear();
    }

    fn stop_capture(&mut self) {
        self.capturing = false;
        self.rec.clear();
    }

    fn feed<S: Sink + ?Sized>(&mut self, buf: &[u8], sink: &mut S) {
        let text = utf8_prefix(buf);
        let mut i = 0;
        while i < buf.len() {
            if self.in_string {
                // Fast path: jump to the next quote or backslash.
                if self.escape {
                    self.escape = false;
                    i += 1;
                    continue;
                }
                match quote_or_backslash(&buf[i..]) {
                    None => break,
                    Some(off) => {
                        let j = i + off;
                        if buf[j] == b'\\' {
                            self.escape = true;
                        } else {
                            self.in_string = false;
                            if let Some(start) = self.key_start.take() {
                                self.flush(buf, j + 1);
                                self.last_key_is_records =
                                    self.rec.bytes().get(start..) == Some(b"\"Records\"".as_slice());
                            }
                        }
                        i = j + 1;
                    }
                }
                continue;
            }
            let b = buf[i];
            let at = i;
            i += 1;
            match (self.mode.0, b) {
                (_, b' ' | b'\n' | b'\r' | b'\t') => {}
                (Mode::Top, b'{') => {
                    self.garbage = false;
                    self.depth = 1;
                    self.mode.0 = Mode::Single;
                    self.last_key_is_records = false;
                    self.start_capture(at);
                }
                (Mode::Top, b'[') => {
                    self.garbage = false;
                    self.depth = 1;
                    self.mode.0 = Mode::Array { element_depth: 1 };
                }
                (Mode::Top, _) => {
                    if !self.garbage {
                        sink.skipped(format!(
                            "expected a JSON object or array, found {:?}; skipped to the next object",
                            b as char
                        ));
                        self.garbage = true;
                    }
                }
                (_, b'"') => {
                    if let Mode::Array { element_depth } = self.mode.0
                        && self.depth == element_depth
                        && !self.capturing
                    {
                        sink.skipped("expected a record object, found a string".to_string());
                    }
                    self.in_string = true;
                    if self.mode.0 == Mode::Single && self.depth == 1 && self.capturing {
                        self.key_start = Some(self.record_offset(at));
                    }
                }
                (Mode::Single, b'[') if self.depth == 1 && self.last_key_is_records => {
                    // The envelope: drop what was captured, stream the array's elements.
                    self.stop_capture();
                    self.depth = 2;
                    self.mode.0 = Mode::Array { element_depth: 2 };
                }
                (Mode::Single, b'{' | b'[') => self.depth += 1,
                (Mode::Single, b'}' | b']') => {
                    self.depth = self.depth.saturating_sub(1);
                    if self.depth == 0 {
                        self.finish_capture(buf, i, sink);
                        self.mode.0 = Mode::Top;
                    }
                }
                (Mode::Single, b',') => {
                    if self.depth == 1 {
                        self.last_key_is_records = false;
                    }
                }
                (Mode::Array { element_depth }, b'{' | b'[') => {
                    if self.depth == element_depth && !self.capturing {
                        if b == b'[' {
                            sink.skipped("expected a record object, found an array".to_string());
                        } else if let Some(len) = sink.record_at(Rest::at(buf, text, at)) {
                            // The usual case: the sink parsed the record where it lies.
                            i = at + len;
                            continue;
                        } else if let Some(end) = record_end(buf, at) {
                            // The whole record is in this buffer (but the sink did not take it
                            // from there: a sink that only splits, or a malformed record).
                            if end - at <= MAX_RECORD {
                                sink.record(&buf[at..end]);
                            } else {
                                sink.skipped(format!(
                                    "record larger than {MAX_RECORD} bytes; skipped"
                                ));
                            }
                            i = end;
                            continue;
                        } else {
                            self.start_capture(at);
                        }
                    }
                    self.depth += 1;
                }
                (Mode::Array { element_depth }, b'}' | b']') => {
                    self.depth = self.depth.saturating_sub(1);
                    if self.depth == element_depth && self.capturing {
                        self.finish_capture(buf, i, sink);
                    } else if self.depth + 1 == element_depth {
                        // The array itself closed.
                        self.mode.0 = if self.depth == 0 {
                            Mode::Top
                        } else {
                            Mode::Tail
                        };
                    }
                }
                (Mode::Tail, b'{' | b'[') => self.depth += 1,
                (Mode::Tail, b'}' | b']') => {
                    self.depth = self.depth.saturating_sub(1);
                    if self.depth == 0 {
                        self.mode.0 = Mode::Top;
                    }
                }
                (Mode::Array { element_depth }, _) if self.depth == element_depth => {
                    if b != b',' && !self.capturing {
                        sink.skipped(format!(
                            "expected a record object, found a scalar starting with {:?}",
                            b as char
                        ));
                        // Skip the scalar.
                        while i < buf.len() && !matches!(buf[i], b',' | b']') {
                            i += 1;
                        }
                    }
                }
                _ => {}
            }
        }
        // Keep the captured tail of this buffer; the next buffer starts at offset 0.
        self.flush(buf, buf.len());
        self.pending = 0;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The pieces `input` yields with a reader buffer of `cap` bytes.
    fn pieces_with(input: &str, layout: Layout, cap: usize) -> Vec<Result<String, String>> {
        let mut out = Vec::new();
        let mut r = std::io::BufReader::with_capacity(cap, input.as_bytes());
        split(&mut r, layout, &mut |p: Piece<'_>| {
            out.push(p.map(|b| String::from_utf8_lossy(b).into_owned()))
        })
        .unwrap();
        out
    }

    /// Tiny buffer so that strings and records straddle chunk boundaries.
    fn pieces(input: &str, layout: Layout) -> Vec<Result<String, String>> {
        pieces_with(input, layout, 3)
    }

    #[test]
    fn envelope_yields_each_record() {
        let p = pieces(
            r#"{"Records": [{"a":"x}\"{","b":[1,{"c":2}]}, {"d":{}} ]}"#,
            Layout::Json,
        );
        assert_eq!(
            p,
            vec![
                Ok(r#"{"a":"x}\"{","b":[1,{"c":2}]}"#.into()),
                Ok(r#"{"d":{}}"#.into())
            ]
        );
    }

    #[test]
    fn envelope_after_other_keys_and_trailing_keys() {
        let p = pieces(
            r#"{"x":{"Records":1},"Records":[{"a":1}],"y":[{"z":2}]}"#,
            Layout::Json,
        );
        assert_eq!(p, vec![Ok(r#"{"a":1}"#.into())]);
    }

    #[test]
    fn top_level_array_and_concatenated_objects() {
        assert_eq!(pieces(r#"[{"a":1},{"b":2}]"#, Layout::Json).len(), 2);
        assert_eq!(pieces("{\"a\":1}\n{\"b\":2}\n", Layout::Json).len(), 2);
    }

    #[test]
    fn scalar_in_records_and_truncation_are_reported() {
        let p = pieces(r#"{"Records":[1,{"a":1},"s",{"b":"#, Layout::Json);
        assert_eq!(p.iter().filter(|x| x.is_ok()).count(), 1);
        assert_eq!(p.iter().filter(|x| x.is_err()).count(), 3, "{p:?}");
    }

    #[test]
    fn quote_or_backslash_finds_the_first_in_any_position() {
        for len in 0..20 {
            for at in 0..len {
                for special in [b'"', b'\\'] {
                    let mut v = vec![b'a'; len];
                    v[at] = special;
                    if at + 1 < len {
                        v[len - 1] = b'"';
                    }
                    assert_eq!(quote_or_backslash(&v), Some(at), "{len} {at}");
                }
            }
            assert_eq!(quote_or_backslash(&vec![b'x'; len]), None);
        }
        // Bytes that differ from a quote by the high bit only are not quotes.
        assert_eq!(quote_or_backslash(&[0xa2, 0xdc, b'"']), Some(2));
    }

    #[test]
    fn record_end_matches_nesting_outside_strings() {
        let b = br#"{"a":"}\"{","b":[1,{"c":"]"}]} tail"#;
        assert_eq!(record_end(b, 0), Some(b.len() - 5));
        assert_eq!(record_end(br#"{"a":"x"#, 0), None);
        assert_eq!(record_end(br#"{"a":"x"#, 0), None);
        assert_eq!(record_end(b"{[}", 0), None);
        assert_eq!(record_end(b"{]", 0), Some(2));
    }

    #[test]
    fn fast_and_buffered_paths_agree() {
        let input = r#"{"Records":[{"a":"x}\"{","b":[1,{"c":2}]},{"d":{}},7,{"e":"\\"},[1],{"f":1}]}"#;
        let whole = pieces_with(input, Layout::Json, input.len() + 1);
        for cap in 1..input.len() {
            let out = pieces_with(input, Layout::Json, cap);
            assert_eq!(out, whole, "buffer of {cap} bytes");
        }
        assert_eq!(whole.iter().filter(|p| p.is_ok()).count(), 4, "{whole:?}");
    }

    #[test]
    fn lines_are_independent() {
        let p = pieces("{\"a\":1}\n{\"broken\":\n\n{\"b\":2}", Layout::Lines);
        assert_eq!(p.len(), 3);
    }
}

//! Streaming record splitter: cuts a byte stream into one JSON object per CloudTrail record
//! without holding more than one record in memory.
//!
//! Two layouts are understood:
//! * [`Layout::Json`]: the `{"Records": [ {...}, ... ]}` envelope that CloudTrail delivers to S3, a
//!   top-level array of records, or records concatenated one after another. A small state machine
//!   tracks strings, escapes and nesting; only the bytes of the current record are buffered.
//! * [`Layout::Lines`]: JSON Lines, one record per line; a broken line never affects the next one.

use std::io::BufRead;

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

/// What the splitter hands to its caller for each record: its bytes or why it was skipped.
pub type Piece<'b> = Result<&'b [u8], String>;

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

/// Split `reader` into records and call `on` with each; returns `Err` only on an I/O error.
pub fn split(
    reader: &mut dyn BufRead,
    layout: Layout,
    on: &mut dyn FnMut(Piece<'_>),
) -> std::io::Result<()> {
    match layout {
        Layout::Lines => split_lines(reader, on),
        Layout::Json => Scanner::default().run(reader, on),
    }
}

fn split_lines(reader: &mut dyn BufRead, on: &mut dyn FnMut(Piece<'_>)) -> std::io::Result<()> {
    let mut line = Vec::new();
    loop {
        line.clear();
        // Bounded read: a line longer than MAX_RECORD is drained but not kept.
        let mut too_long = false;
        loop {
            let buf = reader.fill_buf()?;
            if buf.is_empty() {
                break;
            }
            let (chunk, done) = match memchr::memchr(b'\n', buf) {
                Some(i) => (&buf[..=i], true),
                None => (buf, false),
            };
            let n = chunk.len();
            if line.len() + n <= MAX_RECORD {
                line.extend_from_slice(chunk);
            } else {
                too_long = true;
            }
            reader.consume(n);
            if done {
                break;
            }
        }
        if line.is_empty() && !too_long {
            return Ok(());
        }
        if too_long {
            on(Err(format!("line longer than {MAX_RECORD} bytes; skipped")));
            continue;
        }
        if line.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        on(Ok(&line));
    }
}

#[derive(Default)]
struct Scanner {
    depth: u32,
    in_string: bool,
    escape: bool,
    mode: ModeSlot,
    rec: Vec<u8>,
    capturing: bool,
    oversize: bool,
    /// Start of the string being read at depth 1 (inside `rec`), to recognise the `Records` key.
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
    fn run(
        mut self,
        reader: &mut dyn BufRead,
        on: &mut dyn FnMut(Piece<'_>),
    ) -> std::io::Result<()> {
        loop {
            let buf = reader.fill_buf()?;
            if buf.is_empty() {
                break;
            }
            let n = buf.len();
            self.feed(buf, on);
            reader.consume(n);
        }
        if self.depth != 0 || self.in_string {
            on(Err(
                "input ended inside a JSON value (truncated file?)".to_string()
            ));
        }
        Ok(())
    }

    fn keep(&mut self, bytes: &[u8]) {
        if !self.capturing || self.oversize {
            return;
        }
        if self.rec.len() + bytes.len() > MAX_RECORD {
            self.oversize = true;
            self.rec.clear();
        } else {
            self.rec.extend_from_slice(bytes);
        }
    }

    fn start_capture(&mut self) {
        self.capturing = true;
        self.oversize = false;
        self.rec.clear();
    }

    fn finish_capture(&mut self, on: &mut dyn FnMut(Piece<'_>)) {
        self.capturing = false;
        if self.oversize {
            on(Err(format!(
                "record larger than {MAX_RECORD} bytes; skipped"
            )));
        } else {
            on(Ok(&self.rec));
        }
        self.rec.clear();
    }

    fn feed(&mut self, buf: &[u8], on: &mut dyn FnMut(Piece<'_>)) {
        let mut i = 0;
        while i < buf.len() {
            if self.in_string {
                // Fast path: jump to the next quote or backslash.
                if self.escape {
                    self.escape = false;
                    self.keep(&buf[i..=i]);
                    i += 1;
                    continue;
                }
                match memchr::memchr2(b'"', b'\\', &buf[i..]) {
                    None => {
                        self.keep(&buf[i..]);
                        return;
                    }
                    Some(off) => {
                        let j = i + off;
                        self.keep(&buf[i..=j]);
                        if buf[j] == b'\\' {
                            self.escape = true;
                        } else {
                            self.in_string = false;
                            if let Some(start) = self.key_start.take() {
                                self.last_key_is_records =
                                    self.rec.get(start..) == Some(b"\"Records\"".as_slice());
                            }
                        }
                        i = j + 1;
                    }
                }
                continue;
            }
            let b = buf[i];
            i += 1;
            match (self.mode.0, b) {
                (_, b' ' | b'\n' | b'\r' | b'\t') => self.keep(&[b]),
                (Mode::Top, b'{') => {
                    self.garbage = false;
                    self.depth = 1;
                    self.mode.0 = Mode::Single;
                    self.last_key_is_records = false;
                    self.start_capture();
                    self.keep(&[b]);
                }
                (Mode::Top, b'[') => {
                    self.garbage = false;
                    self.depth = 1;
                    self.mode.0 = Mode::Array { element_depth: 1 };
                }
                (Mode::Top, _) => {
                    if !self.garbage {
                        on(Err(format!(
                            "expected a JSON object or array, found {:?}; skipped to the next object",
                            b as char
                        )));
                        self.garbage = true;
                    }
                }
                (_, b'"') => {
                    if let Mode::Array { element_depth } = self.mode.0
                        && self.depth == element_depth
                        && !self.capturing
                    {
                        on(Err("expected a record object, found a string".to_string()));
                    }
                    self.in_string = true;
                    if self.mode.0 == Mode::Single && self.depth == 1 && self.capturing {
                        self.key_start = Some(self.rec.len());
                    }
                    self.keep(&[b]);
                }
                (Mode::Single, b'[') if self.depth == 1 && self.last_key_is_records => {
                    // The envelope: drop what was captured, stream the array's elements.
                    self.capturing = false;
                    self.rec.clear();
                    self.depth = 2;
                    self.mode.0 = Mode::Array { element_depth: 2 };
                }
                (Mode::Single, b'{' | b'[') => {
                    self.depth += 1;
                    self.keep(&[b]);
                }
                (Mode::Single, b'}' | b']') => {
                    self.depth = self.depth.saturating_sub(1);
                    self.keep(&[b]);
                    if self.depth == 0 {
                        self.finish_capture(on);
                        self.mode.0 = Mode::Top;
                    }
                }
                (Mode::Single, b':' | b',') => {
                    if self.depth == 1 && b == b',' {
                        self.last_key_is_records = false;
                    }
                    self.keep(&[b]);
                }
                (Mode::Array { element_depth }, b'{' | b'[') => {
                    if self.depth == element_depth && !self.capturing {
                        if b == b'[' {
                            on(Err("expected a record object, found an array".to_string()));
                        } else {
                            self.start_capture();
                        }
                    }
                    self.depth += 1;
                    self.keep(&[b]);
                }
                (Mode::Array { element_depth }, b'}' | b']') => {
                    self.keep(&[b]);
                    self.depth = self.depth.saturating_sub(1);
                    if self.depth == element_depth && self.capturing {
                        self.finish_capture(on);
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
                        on(Err(format!(
                            "expected a record object, found a scalar starting with {:?}",
                            b as char
                        )));
                        // Skip the scalar.
                        while i < buf.len() && !matches!(buf[i], b',' | b']') {
                            i += 1;
                        }
                    }
                }
                _ => self.keep(&[b]),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pieces(input: &str, layout: Layout) -> Vec<Result<String, String>> {
        let mut out = Vec::new();
        // Tiny buffer so that strings and records straddle chunk boundaries.
        let mut r = std::io::BufReader::with_capacity(3, input.as_bytes());
        split(&mut r, layout, &mut |p| {
            out.push(p.map(|b| String::from_utf8_lossy(b).into_owned()))
        })
        .unwrap();
        out
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
    fn lines_are_independent() {
        let p = pieces("{\"a\":1}\n{\"broken\":\n\n{\"b\":2}", Layout::Lines);
        assert_eq!(p.len(), 3);
    }
}

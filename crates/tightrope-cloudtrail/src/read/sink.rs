//! The reader's [`Sink`]: each record is parsed where the splitter found it (usually a span of the
//! decompressed read buffer), its strings borrowed from those bytes, and handed to the caller as a
//! [`Record`] before the buffer moves on.

use super::{ReadStats, Record};
use crate::event::Event;
use crate::raw::RawRecord;
use crate::split::{Rest, Sink};
use serde::Deserialize;
use serde::de::IgnoredAny;

/// Parses every record of one file into an [`Event`] for `on_event`, counting good and bad ones.
pub(super) struct EventSink<'n, F> {
    /// The file (or object) name, for bad-record reports and [`Record::file`].
    name: &'n str,
    /// Position of the next record in the file.
    index: u64,
    stats: ReadStats,
    on_event: F,
}

impl<'n, F: FnMut(&Record<'_>)> EventSink<'n, F> {
    pub(super) fn new(name: &'n str, on_event: F) -> Self {
        EventSink {
            name,
            index: 0,
            stats: ReadStats::default(),
            on_event,
        }
    }

    /// The statistics of the read, with `result` (the splitter's) reported when the read failed.
    pub(super) fn finish(mut self, result: std::io::Result<()>) -> ReadStats {
        if let Err(e) = result {
            let reason = format!("read failed after {} records: {e}", self.index);
            self.stats.bad(self.name, None, reason);
        }
        self.stats
    }

    /// Count a record position and return its index.
    fn next_index(&mut self) -> u64 {
        self.stats.records += 1;
        self.index += 1;
        self.index - 1
    }

    /// Count the record `bytes` and hand its event to the caller.
    fn deliver(&mut self, bytes: &[u8], event: Event<'_>) {
        let index = self.next_index();
        self.stats.bytes += bytes.len() as u64;
        self.stats.events += 1;
        (self.on_event)(&Record {
            event,
            raw: bytes,
            file: self.name,
            index,
        });
    }

    /// Count the record `bytes`, which gave no event, and report why.
    fn reject(&mut self, bytes: &[u8], why: String) {
        let index = self.next_index();
        self.stats.bytes += bytes.len() as u64;
        self.stats.bad(self.name, Some(index), why);
    }

    /// [`Self::deliver`] the event of `raw`, or [`Self::reject`] it. The event goes straight from
    /// [`Event::from_raw`] into the [`Record`] (no `Result` in between): moves of these ~0.8 KB
    /// values were the largest `memmove` callers of the reader.
    fn normalise(&mut self, bytes: &[u8], raw: RawRecord<'_>) {
        match Event::from_raw(raw) {
            Ok(event) => self.deliver(bytes, event),
            Err(why) => self.reject(bytes, why.to_string()),
        }
    }

    /// Parse the record at the start of `parser`'s input (`rest`) and take it; its length, or
    /// `None` when the input ends first or the record is malformed (then nothing is taken).
    ///
    /// The record is deserialised directly, not through `StreamDeserializer::next`, whose
    /// `Option<Result<_>>` and the tuple it was returned in were copies of the ~0.8 KB record; a
    /// stream begun after the record reports where it ended (the record starts with `{`, so the
    /// stream's end-of-value check, which only numbers and literals need, does not apply).
    fn parse_at<'de, R: serde_json::de::Read<'de>>(
        &mut self,
        mut parser: serde_json::Deserializer<R>,
        rest: Rest<'de>,
    ) -> Option<usize> {
        let raw = RawRecord::deserialize(&mut parser).ok()?;
        let len = parser.into_iter::<IgnoredAny>().byte_offset();
        self.normalise(&rest.bytes()[..len], raw);
        Some(len)
    }
}

impl<F: FnMut(&Record<'_>)> Sink for EventSink<'_, F> {
    /// Parse the record straight from the read buffer; the parser finds its end. A record cut by
    /// the end of `rest` or malformed is left to the splitter (and reported by [`Sink::record`]).
    fn record_at(&mut self, rest: Rest<'_>) -> Option<usize> {
        match rest {
            Rest::Text(text) => self.parse_at(serde_json::Deserializer::from_str(text), rest),
            Rest::Bytes(bytes) => self.parse_at(serde_json::Deserializer::from_slice(bytes), rest),
        }
    }

    fn record(&mut self, bytes: &[u8]) {
        match parse_record(bytes) {
            Err(e) => self.reject(bytes, format!("not a CloudTrail record: {e}")),
            Ok(raw) => self.normalise(bytes, raw),
        }
    }

    fn skipped(&mut self, why: String) {
        let index = self.next_index();
        self.stats.bad(self.name, Some(index), why);
    }
}

/// Parse one record in place: strings without escapes borrow from `bytes`. UTF-8 is validated once
/// for the whole record (then serde_json need not check every string); a record that is not valid
/// UTF-8 throughout is still given to the byte parser, which accepts invalid bytes inside fields it
/// skips.
fn parse_record(bytes: &[u8]) -> serde_json::Result<RawRecord<'_>> {
    match std::str::from_utf8(bytes) {
        Ok(text) => serde_json::from_str(text),
        Err(_) => serde_json::from_slice(bytes),
    }
}

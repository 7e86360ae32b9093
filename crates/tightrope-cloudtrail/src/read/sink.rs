//! The reader's [`Sink`]: each record is parsed where the splitter found it (usually a span of the
//! decompressed read buffer), its strings borrowed from those bytes, and handed to the caller as a
//! [`Record`] before the buffer moves on.

use super::{ReadStats, Record};
use crate::direct::{parse_record, read_record};
use crate::event::Event;
use crate::split::{Rest, Sink};
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

    /// A record of this file with a default event, for [`read_record`] to fill in place (built
    /// whole first, the ~0.8 KB event is never moved).
    fn blank<'r>(&self) -> Record<'r>
    where
        'n: 'r,
    {
        Record {
            event: Event::default(),
            raw: &[],
            file: self.name,
            index: 0,
        }
    }

    /// Count `record` (whose `raw` bytes are set) and hand it to the caller when `outcome` (of
    /// [`read_record`]) says it holds an event; else report why not.
    fn conclude(&mut self, record: &mut Record<'_>, outcome: Result<(), &'static str>) {
        match outcome {
            Ok(()) => {
                record.index = self.next_index();
                self.stats.bytes += record.raw.len() as u64;
                self.stats.events += 1;
                (self.on_event)(record);
            }
            Err(why) => self.reject(record.raw, why.to_string()),
        }
    }

    /// Count the record `bytes`, which gave no event, and report why.
    fn reject(&mut self, bytes: &[u8], why: String) {
        let index = self.next_index();
        self.stats.bytes += bytes.len() as u64;
        self.stats.bad(self.name, Some(index), why);
    }

    /// Parse the record at the start of `parser`'s input (`rest`) and take it; its length, or
    /// `None` when the input ends first or the record is malformed (then nothing is taken).
    ///
    /// The record is deserialised directly, not through `StreamDeserializer::next`, whose
    /// `Option<Result<_>>` and the tuple it was returned in were copies of the record; a stream
    /// begun after the record reports where it ended (the record starts with `{`, so the stream's
    /// end-of-value check, which only numbers and literals need, does not apply).
    fn parse_at<'de, R: serde_json::de::Read<'de>>(
        &mut self,
        mut parser: serde_json::Deserializer<R>,
        rest: Rest<'de>,
    ) -> Option<usize> {
        let mut record = self.blank();
        let outcome = read_record(&mut parser, &mut record.event).ok()?;
        let len = parser.into_iter::<IgnoredAny>().byte_offset();
        record.raw = &rest.bytes()[..len];
        self.conclude(&mut record, outcome);
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
        let mut record = self.blank();
        record.raw = bytes;
        match parse_record(bytes, &mut record.event) {
            Ok(outcome) => self.conclude(&mut record, outcome),
            Err(e) => self.reject(bytes, format!("not a CloudTrail record: {e}")),
        }
    }

    fn skipped(&mut self, why: String) {
        let index = self.next_index();
        self.stats.bad(self.name, Some(index), why);
    }
}

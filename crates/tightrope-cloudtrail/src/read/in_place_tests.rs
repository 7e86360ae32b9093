//! The reader parses records where they lie in the read buffer: strings borrow from it unless they
//! hold escapes, records cut by a buffer refill read the same as whole ones, and malformed records
//! are reported with file and index while the rest of the file is still read.

use super::{ReadStats, Record, read_reader};
use crate::event::Event;
use crate::split::Layout;
use std::borrow::Cow;
use std::io::{BufReader, Write};

/// A minimal CloudTrail record with this `eventName` and `userAgent` (both inserted verbatim).
fn record(name: &str, agent: &str) -> String {
    format!(
        r#"{{"eventTime":"2024-05-01T12:00:00Z","eventSource":"s3.amazonaws.com","eventName":"{name}","userIdentity":{{"type":"IAMUser","arn":"arn:aws:iam::111122223333:user/u"}},"userAgent":"{agent}","requestParameters":{{"bucketName":"b","key":"k"}},"tlsDetails":{{"x":[1,{{"y":"]}}"}}]}}}}"#
    )
}

/// What one read saw: every event (owned) with its index and raw bytes, and the statistics.
struct Seen {
    events: Vec<(u64, Event<'static>, String)>,
    stats: ReadStats,
}

/// Read `input` (plain or gzip) through a reader buffer of `cap` bytes.
fn read(input: &[u8], layout: Layout, cap: usize) -> Seen {
    let mut events = Vec::new();
    let mut reader = BufReader::with_capacity(cap, input);
    let gzip = input.starts_with(&[0x1f, 0x8b]);
    let stats = read_reader("f.json", &mut reader, gzip, layout, |r: &Record<'_>| {
        let raw = String::from_utf8_lossy(r.raw).into_owned();
        events.push((r.index, r.event.clone().into_owned(), raw));
    });
    Seen { events, stats }
}

/// Every buffer size from 1 byte to the whole input reads the same events and statistics.
fn assert_same_for_every_buffer_size(input: &[u8], layout: Layout) -> Seen {
    let whole = read(input, layout, input.len() + 1);
    for cap in 1..=input.len() {
        let part = read(input, layout, cap);
        assert_eq!(part.events, whole.events, "buffer of {cap} bytes");
        assert_eq!(
            part.stats.records, whole.stats.records,
            "buffer of {cap} bytes"
        );
        assert_eq!(
            part.stats.bad_samples, whole.stats.bad_samples,
            "buffer of {cap} bytes"
        );
        assert_eq!(part.stats.bytes, whole.stats.bytes, "buffer of {cap} bytes");
    }
    whole
}

/// How many of the event's strings point into `input` (borrowed in place), and how many are owned.
fn borrowed_and_owned(e: &Event<'_>, input: &[u8]) -> (usize, usize) {
    let range = input.as_ptr_range();
    let fields = [
        Some(&e.name),
        Some(&e.source),
        e.user_agent.as_ref(),
        e.principal.arn.as_ref(),
    ];
    let mut counts = (0, 0);
    for f in fields.into_iter().flatten() {
        match f {
            Cow::Borrowed(s) => {
                assert!(range.contains(&s.as_ptr()), "borrowed from elsewhere: {s}");
                counts.0 += 1;
            }
            Cow::Owned(_) => counts.1 += 1,
        }
    }
    counts
}

#[test]
fn records_cut_by_buffer_refills_read_like_whole_ones() {
    let input = format!(
        r#"{{"Records":[{},{},{}]}}"#,
        record("GetObject", "a"),
        record("PutObject", "b-é-日本"),
        record("ListBuckets", "c")
    );
    // Buffer ends cut the records, their strings and the multi-byte characters.
    let seen = assert_same_for_every_buffer_size(input.as_bytes(), Layout::Json);
    let names: Vec<&str> = seen
        .events
        .iter()
        .map(|(_, e, _)| e.name.as_ref())
        .collect();
    assert_eq!(names, ["GetObject", "PutObject", "ListBuckets"]);
    assert_eq!(seen.events[1].1.user_agent.as_deref(), Some("b-é-日本"));
    assert_eq!(
        seen.events[1].2,
        record("PutObject", "b-é-日本"),
        "raw bytes are the record's"
    );
    assert_eq!(
        (seen.stats.records, seen.stats.events, seen.stats.bad),
        (3, 3, 0)
    );
}

#[test]
fn strings_borrow_from_the_read_buffer_unless_escaped() {
    let input = format!(
        r#"{{"Records":[{},{}]}}"#,
        record("GetObject", "plain/1.0"),
        record("GetObject", r#"say \"hi\"\u0021"#)
    );
    let mut counts = Vec::new();
    let mut agents = Vec::new();
    let mut r: &[u8] = input.as_bytes();
    read_reader("f.json", &mut r, false, Layout::Json, |rec| {
        counts.push(borrowed_and_owned(&rec.event, input.as_bytes()));
        agents.push(
            rec.event
                .user_agent
                .as_deref()
                .unwrap_or_default()
                .to_string(),
        );
    });
    assert_eq!(agents, ["plain/1.0", r#"say "hi"!"#]);
    assert_eq!(
        counts,
        [(4, 0), (3, 1)],
        "only the escaped user agent is owned"
    );
}

#[test]
fn json_lines_are_parsed_in_place_and_across_refills() {
    let input = format!(
        "{}\n\n{}\r\n{}",
        record("GetObject", "a"),
        record("PutObject", r#"b\\c"#),
        record("ListBuckets", "c")
    );
    let seen = assert_same_for_every_buffer_size(input.as_bytes(), Layout::Lines);
    let agents: Vec<_> = seen
        .events
        .iter()
        .map(|(i, e, _)| (*i, e.user_agent.clone()))
        .collect();
    assert_eq!(
        agents,
        [
            (0, Some("a".into())),
            (1, Some(r"b\c".into())),
            (2, Some("c".into()))
        ]
    );

    // A last line without its newline may continue in the next buffer, so it is assembled; with
    // the newline, every line lies in the buffer and is parsed there.
    let input = input + "\n";
    let mut counts = Vec::new();
    let mut r: &[u8] = input.as_bytes();
    read_reader("f.jsonl", &mut r, false, Layout::Lines, |rec| {
        counts.push(borrowed_and_owned(&rec.event, input.as_bytes()));
    });
    assert_eq!(counts, [(4, 0), (3, 1), (4, 0)]);
}

#[test]
fn malformed_records_are_reported_and_the_rest_is_read() {
    let input = format!(
        r#"{{"Records":[{},{{"eventName":}},{},"text",{{"eventSource":"s3.amazonaws.com"}},{},{{"eventName":"Cut"#,
        record("GetObject", "a"),
        record("PutObject", "b"),
        record("ListBuckets", "c")
    );
    let seen = assert_same_for_every_buffer_size(input.as_bytes(), Layout::Json);
    let indexes: Vec<u64> = seen.events.iter().map(|(i, _, _)| *i).collect();
    assert_eq!(indexes, [0, 2, 5]);
    let bad: Vec<(Option<u64>, &str)> = seen
        .stats
        .bad_samples
        .iter()
        .map(|b| {
            assert_eq!(b.file, "f.json");
            (b.index, b.reason.as_str())
        })
        .collect();
    assert_eq!(bad.len(), 4, "{bad:?}");
    assert_eq!(bad[0].0, Some(1));
    assert!(
        bad[0].1.starts_with("not a CloudTrail record: "),
        "{}",
        bad[0].1
    );
    assert_eq!(
        bad[1],
        (Some(3), "expected a record object, found a string")
    );
    assert_eq!(
        bad[2],
        (Some(4), "missing eventName: not a CloudTrail record")
    );
    assert_eq!(bad[3].0, Some(6));
    assert!(bad[3].1.contains("truncated"), "{}", bad[3].1);
    assert_eq!(
        (seen.stats.records, seen.stats.events, seen.stats.bad),
        (7, 3, 4)
    );
    let shown = seen.stats.bad_samples[0].to_string();
    assert!(
        shown.starts_with("f.json: record 1: not a CloudTrail record"),
        "{shown}"
    );
}

/// `text` with every `~` made the byte 0xFF, which is never valid UTF-8.
fn with_invalid_utf8(text: &str) -> Vec<u8> {
    text.bytes()
        .map(|b| if b == b'~' { 0xff } else { b })
        .collect()
}

#[test]
fn invalid_utf8_is_bad_only_in_a_field_that_is_read() {
    // In the skipped `tlsDetails`, then in the `userAgent` the reader keeps.
    let skipped = record("GetObject", "a").replacen(r#""]}""#, r#""]~""#, 1);
    let kept = record("GetObject", "~");
    for layout in [Layout::Json, Layout::Lines] {
        let text = match layout {
            Layout::Json => format!(r#"{{"Records":[{skipped},{kept},{skipped}]}}"#),
            Layout::Lines => format!("{skipped}\n{kept}\n{skipped}\n"),
        };
        let seen = assert_same_for_every_buffer_size(&with_invalid_utf8(&text), layout);
        let indexes: Vec<u64> = seen.events.iter().map(|(i, _, _)| *i).collect();
        assert_eq!(indexes, [0, 2], "{layout:?}");
        assert_eq!(seen.stats.bad_samples.len(), 1, "{layout:?}");
        assert_eq!(seen.stats.bad_samples[0].index, Some(1), "{layout:?}");
    }
}

#[test]
fn gzip_members_are_parsed_in_place_too() {
    let mut gz = Vec::new();
    for name in ["GetObject", "PutObject"] {
        let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        enc.write_all(format!(r#"{{"Records":[{}]}}"#, record(name, "a")).as_bytes())
            .unwrap();
        gz.extend(enc.finish().unwrap());
    }
    let seen = read(&gz, Layout::Json, 64);
    let names: Vec<&str> = seen
        .events
        .iter()
        .map(|(_, e, _)| e.name.as_ref())
        .collect();
    assert_eq!(names, ["GetObject", "PutObject"]);
    assert_eq!(seen.stats.bad, 0);
}

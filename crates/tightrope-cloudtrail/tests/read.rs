//! End-to-end reads: a delivered CloudTrail tree (gzipped envelope), JSON Lines with a broken line,
//! and the Panther rule-test events (real, third-party).

use std::path::Path;
use tightrope_cloudtrail::{Event, Layout, read_bytes, read_path};

fn data() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data")
}

#[test]
fn delivered_tree_is_streamed_and_bad_records_are_reported() {
    let mut events: Vec<Event<'static>> = Vec::new();
    let stats = read_path(&data().join("AWSLogs"), |r| {
        events.push(r.event.clone().into_owned())
    });
    assert_eq!(stats.files, 1);
    assert_eq!(stats.records, 5);
    assert_eq!(stats.events, 3);
    assert_eq!(stats.bad, 2, "{:?}", stats.bad_samples);
    assert!(
        stats
            .bad_samples
            .iter()
            .any(|b| b.index == Some(3) && b.reason.contains("eventName"))
    );
    assert!(
        stats
            .bad_samples
            .iter()
            .any(|b| b.index == Some(4) && b.reason.contains("string"))
    );

    let invoke = &events[0];
    assert_eq!(invoke.action(), "bedrock.amazonaws.com:InvokeModel");
    assert_eq!(invoke.iam_action(), "bedrock:InvokeModel");
    assert_eq!(
        invoke.identity(),
        "arn:aws:iam::111122223333:role/ml-inference"
    );
    assert_eq!(invoke.principal.kind.as_deref(), Some("AssumedRole"));
    assert_eq!(invoke.principal.mfa, Some(false));
    assert_eq!(invoke.read_only, Some(true));
    assert_eq!(invoke.time, Some(1_714_564_800));
    assert_eq!(
        invoke.resources,
        vec!["arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-3-haiku-20240307-v1:0"]
    );

    let get = &events[1];
    assert_eq!(
        get.resources.len(),
        2,
        "object ARN from the request is not duplicated"
    );
    assert_eq!(get.params.bucket_name.as_deref(), Some("training-data"));

    let login = &events[2];
    assert_eq!(login.error_code.as_deref(), Some("ConsoleLoginFailure"));
    assert_eq!(login.read_only, Some(false));
    assert_eq!(login.time, Some(1_714_564_920), "Panther-style time");
}

#[test]
fn json_lines_survive_a_broken_line() {
    let mut names = Vec::new();
    let stats = read_path(&data().join("events.jsonl"), |r| {
        names.push(r.event.iam_action())
    });
    assert_eq!(names, vec!["sts:GetCallerIdentity", "iam:CreateAccessKey"]);
    assert_eq!(stats.bad, 1);
    assert_eq!(stats.bad_samples[0].index, Some(1));
}

#[test]
fn garbage_never_panics() {
    for input in [
        &b""[..],
        b"{",
        b"[[[[",
        b"\x1f\x8b\x08garbage",
        b"{\"Records\":{}}",
        b"}}]]{\"a\"",
        b"\xff\xfe",
    ] {
        for layout in [Layout::Json, Layout::Lines] {
            let _ = read_bytes("fuzz", input, layout, |_| {});
        }
    }
}

#[test]
fn panther_rule_test_events_all_parse() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(
        "../../../shared/data/cloudtrail-panther-rule-tests/panther_cloudtrail_rule_tests.jsonl.gz",
    );
    if !path.exists() {
        eprintln!("skipping: ../shared/data/cloudtrail-panther-rule-tests not present");
        return;
    }
    // Each line wraps the CloudTrail record in `log`; re-emit the records as JSON Lines.
    let text = {
        use std::io::Read;
        let mut s = String::new();
        flate2::read::MultiGzDecoder::new(std::fs::File::open(&path).unwrap())
            .read_to_string(&mut s)
            .unwrap();
        s
    };
    let mut lines = String::new();
    let mut total = 0;
    for line in text.lines() {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        lines.push_str(&v["log"].to_string());
        lines.push('\n');
        total += 1;
    }
    assert_eq!(total, 537);
    let mut timed = 0;
    let stats = read_bytes("panther", lines.as_bytes(), Layout::Lines, |r| {
        timed += usize::from(r.event.time.is_some());
    });
    // Minimal test events without eventSource/eventName are the only rejects.
    assert_eq!(stats.records, 537);
    // The only rejects are the non-CloudTrail logs some generic rules test with (Okta, Azure, ...).
    assert_eq!(stats.events, 472, "{:?}", stats.bad_samples);
    assert!(
        stats
            .bad_samples
            .iter()
            .all(|b| b.reason.starts_with("missing eventName")),
        "{:?}",
        stats.bad_samples
    );
    // 455 records carry a time; two of them are placeholders ("redacted", "...").
    assert_eq!(timed, 453, "ISO-8601 and Panther-style times");
}

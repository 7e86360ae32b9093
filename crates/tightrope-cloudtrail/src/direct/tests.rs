//! The direct reader against the derived types ([`RawRecord`] + [`Event::from_raw`]), its
//! reference: the same event or the same error, on every record of the test and example data, on
//! records with every key repeated or of an unexpected type, and on thousands of mutated records.

use super::*;
use crate::layout_for;
use crate::read::read_bytes;
use crate::split::{Layout, Piece, split};
use std::io::Read;
use std::path::{Path, PathBuf};

/// What the derived types make of one record: the event, or why there is none (the JSON error
/// with its position, or the normalising error).
fn derived(bytes: &[u8]) -> Result<Event<'_>, String> {
    let raw: serde_json::Result<RawRecord<'_>> = match std::str::from_utf8(bytes) {
        Ok(text) => serde_json::from_str(text),
        Err(_) => serde_json::from_slice(bytes),
    };
    Event::from_raw(raw.map_err(|e| e.to_string())?).map_err(str::to_string)
}

/// What [`parse_record`] makes of it, in the same form.
fn direct(bytes: &[u8]) -> Result<Event<'_>, String> {
    let mut event = Event::default();
    match parse_record(bytes, &mut event) {
        Ok(Ok(())) => Ok(event),
        Ok(Err(why)) => Err(why.to_string()),
        Err(e) => Err(e.to_string()),
    }
}

/// Both readers agree on `bytes`; their common outcome.
fn same(bytes: &[u8]) -> Result<Event<'_>, String> {
    let out = direct(bytes);
    assert_eq!(out, derived(bytes), "{}", String::from_utf8_lossy(bytes));
    out
}

fn same_text(text: &str) -> Result<Event<'_>, String> {
    same(text.as_bytes())
}

/// A record with every field the event reads, in camel case.
const FULL: &str = r#"{"eventVersion":"1.08","eventTime":"2024-05-01T12:00:00Z","eventSource":"bedrock.amazonaws.com","eventName":"InvokeModel","awsRegion":"us-east-1","sourceIPAddress":"203.0.113.9","userAgent":"aws-cli/2.0","errorCode":"AccessDenied","readOnly":"true","eventType":"AwsApiCall","eventID":"e-1","recipientAccountId":"111122223333","userIdentity":{"type":"AssumedRole","principalId":"AROA:s","arn":"arn:aws:sts::111122223333:assumed-role/r/s","accountId":"111122223333","accessKeyId":"ASIA1","userName":"u","invokedBy":"svc","sessionContext":{"sessionIssuer":{"type":"Role","arn":"arn:aws:iam::111122223333:role/r"},"attributes":{"mfaAuthenticated":"false"}}},"resources":[{"ARN":"arn:aws:s3:::b"},{"type":"x"},7,{"arn":"arn:aws:s3:::c"}],"requestParameters":{"bucketName":"b","key":"k","modelId":"anthropic.claude","roleArn":"arn:aws:iam::1:role/x","roleName":"x","userName":"v","policyArn":"arn:p","functionName":"f","guardrailIdentifier":"g","knowledgeBaseId":"kb","trainingDataConfig":{"s3Uri":"s3://t/"},"dataSourceConfiguration":{"s3Configuration":{"bucketArn":"arn:aws:s3:::d"}}},"responseElements":{"ConsoleLogin":"Failure"},"tlsDetails":{"x":[1,{"y":"]}"}]}}"#;

/// Every key the event reads (each found first where [`FULL`] has the one read).
const KEYS: [&str; 42] = [
    "eventTime",
    "eventSource",
    "eventName",
    "awsRegion",
    "sourceIPAddress",
    "userAgent",
    "errorCode",
    "readOnly",
    "eventType",
    "eventID",
    "recipientAccountId",
    "userIdentity",
    "resources",
    "requestParameters",
    "responseElements",
    "type",
    "principalId",
    "arn",
    "accountId",
    "accessKeyId",
    "userName",
    "invokedBy",
    "sessionContext",
    "sessionIssuer",
    "attributes",
    "mfaAuthenticated",
    "ARN",
    "bucketName",
    "key",
    "modelId",
    "roleArn",
    "roleName",
    "policyArn",
    "functionName",
    "guardrailIdentifier",
    "knowledgeBaseId",
    "trainingDataConfig",
    "s3Uri",
    "dataSourceConfiguration",
    "s3Configuration",
    "bucketArn",
    "ConsoleLogin",
];

#[test]
fn a_full_record_reads_every_field() {
    let e = same_text(FULL).unwrap();
    assert_eq!(e.name, "InvokeModel");
    assert_eq!(
        e.principal.issuer_arn.as_deref(),
        Some("arn:aws:iam::111122223333:role/r")
    );
    assert_eq!(e.principal.mfa, Some(false));
    assert_eq!(e.params.training_data_uri.as_deref(), Some("s3://t/"));
    assert_eq!(
        e.params.data_source_bucket.as_deref(),
        Some("arn:aws:s3:::d")
    );
    assert_eq!(e.error_code.as_deref(), Some("AccessDenied"));
    assert_eq!(e.read_only, Some(true));
    assert_eq!(e.account.as_deref(), Some("111122223333"));
    assert_eq!(
        e.resources,
        [
            "arn:aws:s3:::b",
            "arn:aws:s3:::c",
            "arn:aws:s3:::b/k",
            "arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude",
            "arn:aws:iam::1:role/x"
        ]
    );
    // All lower case, as Athena stores the keys.
    let lower = FULL.to_ascii_lowercase();
    let e = same_text(&lower).unwrap();
    assert_eq!(e.name, "invokemodel");
    assert_eq!(
        e.principal.issuer_arn.as_deref(),
        Some("arn:aws:iam::111122223333:role/r")
    );
}

#[test]
fn a_repeated_key_is_an_error_in_any_spelling() {
    for key in KEYS {
        let quoted = format!("\"{key}\":");
        let at = FULL.find(&quoted).unwrap_or_else(|| panic!("{key}"));
        for again in [key.to_string(), key.to_ascii_lowercase()] {
            // The key repeated right after its first occurrence, with a null value.
            let text = format!("{}\"{again}\":null,{}", &FULL[..at], &FULL[at..]);
            let err = same_text(&text).unwrap_err();
            assert!(err.contains("duplicate field"), "{key}: {err}");
        }
    }
    // A key met once in each of two objects is not repeated.
    same_text(r#"{"eventName":"A","userIdentity":{"arn":"x"},"arn":"y"}"#).unwrap();
}

#[test]
fn values_of_unexpected_types_read_as_nothing() {
    for value in [
        "1",
        "-2",
        "2.5",
        "1e400",
        "true",
        "null",
        "{}",
        "{\"a\":[1]}",
        "[]",
        "[{}]",
        "\"\"",
        "\"x\\\"y\"",
        "\"\\u00e9\"",
    ] {
        for key in KEYS {
            let quoted = format!("\"{key}\":");
            let at = FULL.find(&quoted).unwrap() + quoted.len();
            // Replace the key's value with `value`: find where it ends with the derived reader's
            // help (a map of one entry).
            let mut de = serde_json::Deserializer::from_str(&FULL[at..]);
            serde::de::IgnoredAny::deserialize(&mut de).unwrap();
            let end = at + de.into_iter::<serde::de::IgnoredAny>().byte_offset();
            let text = format!("{}{value}{}", &FULL[..at], &FULL[end..]);
            let _ = same_text(&text);
        }
    }
}

#[test]
fn records_that_are_not_objects_read_as_the_derived_types_read_them() {
    for text in [
        r#"["2024-05-01T12:00:00Z","s3.amazonaws.com","GetObject"]"#,
        r#"["t","s3.amazonaws.com","GetObject","r","1.2.3.4","ua","e","true","t","id","acct",{"arn":"a"},[{"ARN":"x"}],{"bucketName":"b"},{"ConsoleLogin":"Failure"}]"#,
        r#"["t","s","n","r","i","u","e","ro","t","id","a",null,null,null,null,"extra"]"#,
        r#"["t","s"]"#,
        "[]",
        "[1,]",
        r#""text""#,
        "12",
        "null",
        "true",
        "x",
        "",
        " ",
        "{",
        "{}",
        "{} {}",
        "{}x",
        r#"{"eventName":"A"} "#,
        r#"{"eventName":"A"}"#,
        r#"{"eventName":""}"#,
        r#"{"eventName":7,"eventSource":false}"#,
        r#"{"event\u004eame":"Escaped","eventSource":"s3.amazonaws.com"}"#,
        r#"{"eventName":"A","userIdentity":"{\"arn\":\"x\"}","requestParameters":"{}","resources":"[]"}"#,
        r#"{"eventName":"A","resources":{"ARN":"x"},"responseElements":[{"ConsoleLogin":"Failure"}]}"#,
        r#"{"eventName":"ConsoleLogin","errorCode":"","responseElements":{"ConsoleLogin":"Failure"}}"#,
        r#"{"eventName":"A","userIdentity":{"accountId":"9"}}"#,
        r#"{"eventName":"A","recipientAccountId":"","userIdentity":{"accountId":"9"}}"#,
        r#"{"eventName":"A","eventTime":"","readOnly":"TRUE"}"#,
        r#"{"eventName":"A","requestParameters":{"modelId":"arn:aws:bedrock:x","bucketName":"b"},"resources":[{"ARN":"arn:aws:bedrock:x"},{"ARN":"arn:aws:bedrock:x"}]}"#,
        "{\"eventName\":\"A\",\"userAgent\":\"\u{e9}\u{65e5}\"}",
    ] {
        let _ = same_text(text);
    }
    // Invalid UTF-8 in a skipped value (accepted) and in a kept one (an error), as bytes.
    same(b"{\"eventName\":\"A\",\"other\":\"\xff\"}").unwrap();
    same(b"{\"eventName\":\"A\",\"userAgent\":\"\xff\"}").unwrap_err();
}

/// A tiny deterministic generator (xorshift), for reproducible mutations.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n as u64) as usize
    }
}

/// `text` with one to three random edits: a byte deleted, replaced by a JSON-significant one, or a
/// span repeated (which repeats keys and whole entries).
fn mutate(text: &[u8], rng: &mut Rng) -> Vec<u8> {
    const BYTES: &[u8] = b"{}[]\",:\\ 0-1.eEtnaA\xff";
    let mut out = text.to_vec();
    for _ in 0..=rng.below(3) {
        if out.is_empty() {
            break;
        }
        let at = rng.below(out.len());
        match rng.below(3) {
            0 => {
                out.remove(at);
            }
            1 => out[at] = BYTES[rng.below(BYTES.len())],
            _ => {
                let end = (at + 1 + rng.below(40)).min(out.len());
                let span = out[at..end].to_vec();
                out.splice(at..at, span);
            }
        }
    }
    out
}

#[test]
fn mutated_records_read_the_same() {
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let (mut events, mut errors) = (0, 0);
    for seed in [FULL.to_string(), FULL.to_ascii_lowercase()] {
        for _ in 0..6000 {
            match same(&mutate(seed.as_bytes(), &mut rng)) {
                Ok(_) => events += 1,
                Err(_) => errors += 1,
            }
        }
    }
    // Both outcomes are exercised.
    assert!(
        events > 1000 && errors > 1000,
        "{events} events, {errors} errors"
    );
}

/// The CloudTrail files of the crate's tests, the repository's examples and ../shared/data.
fn data_files() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut errors = Vec::new();
    let mut files = Vec::new();
    for dir in [
        "tests/data",
        "../../examples/cloudtrail",
        "../tightrope-access/tests/data/trail.json",
        "../../../shared/data/cloudtrail-panther-rule-tests/panther_cloudtrail_rule_tests.jsonl.gz",
    ] {
        let path = root.join(dir);
        if path.exists() {
            files.extend(crate::read::discover(&path, &mut errors));
        }
    }
    assert!(errors.is_empty(), "{errors:?}");
    files
}

/// A file's bytes, gunzipped.
fn contents(path: &Path) -> Vec<u8> {
    let bytes = std::fs::read(path).unwrap();
    if !bytes.starts_with(&[0x1f, 0x8b]) {
        return bytes;
    }
    let mut out = Vec::new();
    flate2::read::MultiGzDecoder::new(bytes.as_slice())
        .read_to_end(&mut out)
        .unwrap();
    out
}

#[test]
fn every_record_of_the_data_reads_the_same() {
    let mut records = 0;
    for path in data_files() {
        let name = path.display().to_string();
        let bytes = contents(&path);
        let layout = layout_for(&name);
        let mut pieces = Vec::new();
        split(&mut bytes.as_slice(), layout, &mut |p: Piece<'_>| {
            pieces.extend(p.ok().map(<[u8]>::to_vec))
        })
        .unwrap();
        for piece in &pieces {
            let _ = same(piece);
            records += 1;
            // Panther's lines wrap the record in `log`: the record itself too.
            if layout == Layout::Lines
                && let Ok(v) = serde_json::from_slice::<serde_json::Value>(piece)
                && let Some(log) = v.get("log")
            {
                let _ = same(log.to_string().as_bytes());
                records += 1;
            }
        }
        // Through the reader, which parses records where they lie in its buffer.
        read_bytes(&name, &bytes, layout, |r| {
            assert_eq!(
                Ok(&r.event),
                derived(r.raw).as_ref(),
                "{name} record {}",
                r.index
            );
        });
    }
    assert!(records >= 100, "{records} records");
}

/// A bad record as the reader reports it: its index and the reason.
type BadSample = (Option<u64>, String);

/// What the reader should report for `input`, worked out record by record with the derived types:
/// the splitter's pieces, each an event, a bad record (the JSON error or the normalising error) or
/// a piece the splitter skipped; as (records, events, bad samples).
fn expected_read(input: &[u8], layout: Layout) -> (u64, Vec<Event<'static>>, Vec<BadSample>) {
    let mut pieces = Vec::new();
    split(&mut &input[..], layout, &mut |p: Piece<'_>| {
        pieces.push(p.map(<[u8]>::to_vec))
    })
    .unwrap();
    let (mut events, mut bad) = (Vec::new(), Vec::new());
    for (index, piece) in pieces.iter().enumerate() {
        let index = Some(index as u64);
        match piece {
            Err(why) => bad.push((index, why.clone())),
            Ok(bytes) => match derived(bytes) {
                Ok(e) => events.push(e.into_owned()),
                Err(why) if why == MISSING_NAME => bad.push((index, why)),
                Err(why) => bad.push((index, format!("not a CloudTrail record: {why}"))),
            },
        }
    }
    (pieces.len() as u64, events, bad)
}

#[test]
fn mutated_files_are_counted_as_the_derived_types_count_them() {
    let mut rng = Rng(0x2545_f491_4f6c_dd1d);
    let lower = FULL.to_ascii_lowercase();
    let envelope = format!(r#"{{"Records":[{FULL},{lower},{FULL}]}}"#);
    let lines = format!("{FULL}\n{lower}\n{FULL}\n");
    let (mut bad, mut good) = (0, 0);
    for (text, layout) in [(envelope, Layout::Json), (lines, Layout::Lines)] {
        for _ in 0..1500 {
            let input = mutate(text.as_bytes(), &mut rng);
            let (records, events, samples) = expected_read(&input, layout);
            let mut seen = Vec::new();
            let stats = read_bytes("f", &input, layout, |r| {
                seen.push(r.event.clone().into_owned())
            });
            let got: Vec<BadSample> = stats
                .bad_samples
                .iter()
                .map(|b| (b.index, b.reason.clone()))
                .collect();
            let shown = String::from_utf8_lossy(&input);
            assert_eq!(stats.records, records, "{shown}");
            assert_eq!(seen, events, "{shown}");
            assert_eq!(
                (stats.events, stats.bad),
                (events.len() as u64, samples.len() as u64)
            );
            assert_eq!(got, samples, "{shown}");
            bad += samples.len();
            good += events.len();
        }
    }
    assert!(
        bad > 1000 && good > 1000,
        "{good} events, {bad} bad records"
    );
}

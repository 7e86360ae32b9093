//! End-to-end tests of `tightrope classify`: no raw value planted in the test corpus ever leaves
//! the tool (every output format, standard output and files, trace-level logs, the SQLite store,
//! and the library's own results), and the CLI contract of the data-flow policy.
//!
//! The corpus is `crates/tightrope-classify/tests/data/redaction/` (text, gzip, CSV, TSV, a CSV
//! without a header row, JSON, JSONL, all fake); the raw values planted in it, with the detector
//! that must find each, are listed in `redaction-planted.tsv` next to it.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::{Arc, Mutex};

/// Substrings of a planted value this long must not appear either (masks keep at most four
/// characters of each edge, e.g. `4111 **** **** 1111`, `AKIA…WXYZ`).
const WINDOW: usize = 8;

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn data() -> PathBuf {
    repo().join("crates/tightrope-classify/tests/data")
}

struct Planted {
    value: String,
    detector: String,
}

fn planted() -> Vec<Planted> {
    let path = data().join("redaction-planted.tsv");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let list: Vec<Planted> = text
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| {
            let (value, detector) = l
                .rsplit_once('\t')
                .unwrap_or_else(|| panic!("value<TAB>detector expected: {l:?}"));
            Planted {
                value: value.to_string(),
                detector: detector.to_string(),
            }
        })
        .collect();
    assert!(list.len() >= 20, "the planted list is read");
    list
}

/// Every planted value (or `WINDOW`-byte piece of one) that occurs in `bytes`, described.
fn leaks(what: &str, bytes: &[u8], planted: &[Planted]) -> Vec<String> {
    let seen: HashSet<&[u8]> = bytes.windows(WINDOW).collect();
    let mut out = Vec::new();
    for p in planted {
        let v = p.value.as_bytes();
        let hit = if v.len() < WINDOW {
            bytes.windows(v.len()).any(|w| w == v)
        } else {
            v.windows(WINDOW).find(|w| seen.contains(w)).is_some()
        };
        if hit {
            let piece = v
                .windows(WINDOW.min(v.len()))
                .find(|w| bytes.windows(w.len()).any(|b| b == *w))
                .map(String::from_utf8_lossy)
                .unwrap_or_default();
            out.push(format!(
                "{what}: a value found by {} leaks (piece {piece:?})",
                p.detector
            ));
        }
    }
    out
}

fn run(args: &[&str], envs: &[(&str, &str)]) -> Output {
    let mut c = Command::new(env!("CARGO_BIN_EXE_tightrope"));
    c.args(args)
        .current_dir(repo())
        .env_remove("RUST_LOG")
        .env_remove("TIGHTROPE_DB");
    for (k, v) in envs {
        c.env(k, v);
    }
    c.output().expect("run tightrope")
}

fn key_file(dir: &Path) -> String {
    let p = dir.join("classify.key");
    std::fs::write(&p, [0x5au8; 32]).expect("write key");
    p.display().to_string()
}

#[test]
fn no_planted_value_leaves_the_cli_in_any_format_log_or_store() {
    let planted = planted();
    let tmp = tempfile::tempdir().expect("tempdir");
    let key = key_file(tmp.path());
    let corpus = data().join("redaction");
    let corpus = corpus.to_str().expect("utf-8 path");
    let home = tmp.path().join("home");
    let home = home.to_str().expect("utf-8 path");
    let mut problems = Vec::new();
    let mut outputs = 0;
    for format in ["table", "json", "sarif"] {
        // Standard output, with every log line at trace level on standard error.
        let out = run(
            &["classify", corpus, "--format", format, "--hash-key", &key],
            &[("RUST_LOG", "trace"), ("TIGHTROPE_HOME", home)],
        );
        assert_eq!(
            out.status.code(),
            Some(1),
            "findings: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(
            !out.stdout.is_empty() && !out.stderr.is_empty(),
            "{format}: output and logs were produced"
        );
        problems.extend(leaks(&format!("{format} stdout"), &out.stdout, &planted));
        problems.extend(leaks(
            &format!("{format} stderr (RUST_LOG=trace)"),
            &out.stderr,
            &planted,
        ));
        // The same report written to a file, with -vv logging.
        let file = tmp.path().join(format!("report.{format}"));
        let out = run(
            &[
                "classify",
                corpus,
                "-vv",
                "--format",
                format,
                "--output",
                file.to_str().expect("path"),
                "--hash-key",
                &key,
            ],
            &[("TIGHTROPE_HOME", home)],
        );
        assert_eq!(out.status.code(), Some(1));
        let written = std::fs::read(&file).expect("report written");
        assert!(written.len() > 1000, "{format}: a full report");
        problems.extend(leaks(
            &format!("{format} --output file"),
            &written,
            &planted,
        ));
        problems.extend(leaks(
            &format!("{format} stderr (-vv)"),
            &out.stderr,
            &planted,
        ));
        outputs += 4;
    }

    // Labels stored with --tag (and a flow check, so stores and readers are rendered too).
    let db = tmp.path().join("store").join("tightrope.db");
    let policy = tmp.path().join("policy.toml");
    std::fs::write(
        &policy,
        "[[classify.flows]]\nlabel = \"restricted\"\nreaders = [\"training\"]\n",
    )
    .expect("policy");
    let flow = data().join("flow");
    let out = run(
        &[
            "classify",
            corpus,
            "--tag",
            "--db",
            db.to_str().expect("path"),
            "--as-bucket",
            "acme-customer-exports",
            "--iac",
            flow.to_str().expect("path"),
            "--policy",
            policy.to_str().expect("path"),
            "--format",
            "json",
            "--hash-key",
            &key,
            "-vv",
        ],
        &[("TIGHTROPE_HOME", home)],
    );
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    problems.extend(leaks("--tag json stdout", &out.stdout, &planted));
    problems.extend(leaks("--tag stderr", &out.stderr, &planted));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON report");
    let findings = v["findings"].as_array().expect("findings");
    assert!(
        findings.iter().any(|f| f["rule_id"] == "CLASSIFY-FLOW-001"),
        "the flow check ran"
    );
    assert!(
        findings.iter().any(|f| f["rule_id"] == "CLASSIFY-TAG-001"),
        "a tag was suggested"
    );
    let mut stored = Vec::new();
    for e in std::fs::read_dir(db.parent().expect("dir")).expect("store dir") {
        let p = e.expect("entry").path();
        let bytes = std::fs::read(&p).expect("read store file");
        problems.extend(leaks(
            &format!("store file {}", p.display()),
            &bytes,
            &planted,
        ));
        stored.extend(bytes);
    }
    // The store really holds the documents (the bytes checked above are not an empty database).
    for needle in [
        &b"classification"[..],
        b"s3://acme-customer-exports",
        b"headerless.csv",
        b"hmac:",
    ] {
        assert!(
            stored.windows(needle.len()).any(|w| w == needle),
            "{} stored",
            String::from_utf8_lossy(needle)
        );
    }

    // Every planted value was found (so the checks above saw real evidence, not an empty report).
    let v: serde_json::Value =
        serde_json::from_slice(&std::fs::read(tmp.path().join("report.json")).expect("json"))
            .expect("JSON");
    let found: HashSet<&str> = v["datasets"]
        .as_array()
        .expect("datasets")
        .iter()
        .flat_map(|d| d["detectors"].as_array().into_iter().flatten())
        .filter_map(|x| x["id"].as_str())
        .collect();
    for p in &planted {
        assert!(
            found.contains(p.detector.as_str()),
            "{} found nothing in the corpus: {found:?}",
            p.detector
        );
    }
    assert_eq!(
        v["datasets"].as_array().map(Vec::len),
        Some(7),
        "every corpus file was classified"
    );
    assert!(
        outputs == 12 && problems.is_empty(),
        "raw values leaked:\n{}",
        problems.join("\n")
    );
}

/// A `tracing` writer into a shared buffer, to capture the library's logs in-process.
#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl std::io::Write for Captured {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0
            .lock()
            .map_err(|_| std::io::Error::other("poisoned"))?
            .extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[test]
fn no_planted_value_leaves_the_library_results_or_logs() {
    use tightrope_classify::{Classifier, Confidence, HashKey, Options, findings};
    let planted = planted();
    let logs = Captured::default();
    let writer = logs.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        .with_writer(move || writer.clone())
        .finish();
    let (result, found) = tracing::subscriber::with_default(subscriber, || {
        let c = Classifier::new(
            Options {
                min_confidence: Confidence::Low,
                ..Options::default()
            },
            HashKey::from_bytes([9; 32]),
        )
        .expect("classifier");
        let result = c.classify_paths(&[data().join("redaction")]);
        let found = findings::to_findings(&result, Confidence::Low);
        (result, found)
    });
    let mut problems = leaks(
        "Classification (JSON)",
        &serde_json::to_vec(&result).expect("json"),
        &planted,
    );
    problems.extend(leaks(
        "Classification (Debug)",
        format!("{result:?}").as_bytes(),
        &planted,
    ));
    problems.extend(leaks(
        "findings (Debug)",
        format!("{found:?}").as_bytes(),
        &planted,
    ));
    let logs = logs.0.lock().expect("logs").clone();
    assert!(!logs.is_empty(), "trace logs were captured");
    problems.extend(leaks("library logs", &logs, &planted));
    assert!(result.errors.is_empty(), "{:?}", result.errors);
    assert_eq!(result.datasets.len(), 7);
    assert!(found.len() >= planted.len() / 2, "findings were produced");
    assert!(
        problems.is_empty(),
        "raw values leaked:\n{}",
        problems.join("\n")
    );
}

#[test]
fn a_malformed_flow_policy_is_a_clear_error_with_exit_code_2() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let key = key_file(tmp.path());
    let policy = tmp.path().join("tightrope.toml");
    std::fs::write(
        &policy,
        "[classify]\n\n[[classify.flows]]\nlabel = \"top-secret\"\n",
    )
    .expect("policy");
    let corpus = data().join("redaction/customers.csv");
    let flow = data().join("flow");
    let out = run(
        &[
            "classify",
            corpus.to_str().expect("path"),
            "--iac",
            flow.to_str().expect("path"),
            "--policy",
            policy.to_str().expect("path"),
            "--hash-key",
            &key,
        ],
        &[],
    );
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("tightrope.toml"), "names the file: {err}");
    assert!(err.contains("line 4"), "names the line: {err}");
    assert!(
        err.contains("unknown variant `top-secret`"),
        "says what is wrong: {err}"
    );
    assert!(err.contains("restricted"), "says what was expected: {err}");
    assert!(!err.contains("panicked"), "{err}");

    let missing = tmp.path().join("nope.toml");
    let out = run(
        &[
            "classify",
            corpus.to_str().expect("path"),
            "--policy",
            missing.to_str().expect("path"),
            "--hash-key",
            &key,
        ],
        &[],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("nope.toml"));
}

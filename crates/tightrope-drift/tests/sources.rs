//! Drift between two sources without the store (snapshot file vs IaC tree), redaction of sensitive
//! values end to end, and refusal of bad sources.

use std::path::{Path, PathBuf};
use tightrope_core::{Severity, exit};
use tightrope_drift::cli::{DriftArgs, SnapshotArgs, run_drift, run_snapshot};
use tightrope_report::Format;
use tightrope_store::DbArgs;

const LAMBDA: &str = r#"
resource "aws_lambda_function" "embedder" {
  function_name = "embedder"
  role          = "arn:aws:iam::123456789012:role/embedder"
  runtime       = "python3.12"
  environment {
    variables = {
      STAGE          = "prod"
      OPENAI_API_KEY = "sk-proj-OLDOLDOLDOLDOLDOLD1234567890abcd"
    }
  }
}
"#;

fn drift(sources: Vec<PathBuf>, format: Format, out: &Path) -> (u8, String) {
    let args = DriftArgs {
        baseline: None,
        sources,
        format,
        output: Some(out.to_path_buf()),
        fail_on: Severity::High,
        no_record: true,
        db: DbArgs::default(),
    };
    let code = run_drift(&args).unwrap();
    (code, std::fs::read_to_string(out).unwrap())
}

#[test]
fn snapshot_file_against_a_changed_tree_with_secrets_redacted() {
    let tmp = tempfile::tempdir().unwrap();
    let tree = tmp.path().join("tf");
    std::fs::create_dir_all(&tree).unwrap();
    std::fs::write(tree.join("main.tf"), LAMBDA).unwrap();
    let snap = tmp.path().join("before.snap.json");
    assert_eq!(
        run_snapshot(&SnapshotArgs {
            sources: vec![tree.clone()],
            out: Some(snap.clone())
        })
        .unwrap(),
        exit::CLEAN
    );
    assert!(tightrope_store::is_snapshot_file(&snap));

    std::fs::write(
        tree.join("main.tf"),
        LAMBDA
            .replace("OLDOLDOLDOLDOLDOLD", "NEWNEWNEWNEWNEWNEW")
            .replace("\"prod\"", "\"staging\""),
    )
    .unwrap();
    let out = tmp.path().join("drift.txt");
    let (_, table) = drift(vec![snap.clone(), tree.clone()], Format::Table, &out);
    assert!(
        table.contains("aws_lambda_function.embedder: environment.STAGE"),
        "{table}"
    );
    assert!(table.contains("environment.OPENAI_API_KEY"), "{table}");
    for raw in ["OLDOLDOLD", "NEWNEWNEW", "staging"] {
        assert!(
            !table.contains(raw),
            "raw environment value `{raw}` leaked:\n{table}"
        );
    }
    let (_, json) = drift(vec![snap, tree], Format::Json, &out);
    assert!(
        !json.contains("OLDOLDOLD") && !json.contains("NEWNEWNEW"),
        "{json}"
    );
}

#[test]
fn identical_sources_have_no_drift_and_sarif_is_empty() {
    let tmp = tempfile::tempdir().unwrap();
    let (a, b) = (tmp.path().join("a"), tmp.path().join("b"));
    for d in [&a, &b] {
        std::fs::create_dir_all(d).unwrap();
        std::fs::write(d.join("main.tf"), LAMBDA).unwrap();
    }
    let out = tmp.path().join("o.sarif");
    let (code, sarif) = drift(vec![a, b], Format::Sarif, &out);
    assert_eq!(code, exit::CLEAN);
    let v: serde_json::Value = serde_json::from_str(&sarif).unwrap();
    assert_eq!(
        v["runs"][0]["results"].as_array().map(Vec::len),
        Some(0),
        "{sarif}"
    );
}

#[test]
fn bad_sources_are_clear_errors() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("o");
    // Missing path: reported as an input error, exit 2.
    let (code, _) = drift(
        vec![tmp.path().join("missing"), tmp.path().to_path_buf()],
        Format::Json,
        &out,
    );
    assert_eq!(code, exit::INPUT_ERROR);
    // A damaged snapshot file: an error naming the file, not a panic.
    let bad = tmp.path().join("bad.json");
    std::fs::write(&bad, "{\"tightrope_snapshot\": 1, \"state\": {\"aws\": 5}}").unwrap();
    let args = DriftArgs {
        baseline: None,
        sources: vec![bad.clone(), bad],
        format: Format::Json,
        output: Some(out),
        fail_on: Severity::High,
        no_record: true,
        db: DbArgs::default(),
    };
    let err = format!("{:#}", run_drift(&args).unwrap_err());
    assert!(err.contains("bad.json"), "{err}");
    // One source without --baseline is a usage error.
    let args = DriftArgs {
        sources: vec![tmp.path().to_path_buf()],
        ..args
    };
    assert!(
        run_drift(&args)
            .unwrap_err()
            .to_string()
            .contains("exactly two")
    );
}

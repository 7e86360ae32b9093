//! Drift on real Terraform (Checkov's AWS resource fixtures): save a baseline of a copy, change one
//! attribute, and drift must report exactly that change and the finding it causes.

use std::path::{Path, PathBuf};
use tightrope_core::{Severity, exit};
use tightrope_drift::cli::{
    BaselineArgs, BaselineCommand, DriftArgs, SaveArgs, run_baseline, run_drift,
};
use tightrope_report::Format;
use tightrope_store::DbArgs;

fn data() -> Option<PathBuf> {
    let p = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/data/iac-checkov-tf-aws-resource");
    if p.is_dir() {
        Some(p)
    } else {
        eprintln!("skipping: ../shared/data/iac-checkov-tf-aws-resource not present");
        None
    }
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let target = to.join(e.file_name());
        if e.file_type().unwrap().is_dir() {
            copy_dir(&e.path(), &target);
        } else {
            std::fs::copy(e.path(), target).unwrap();
        }
    }
}

fn replace_once(file: &Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(file).unwrap();
    assert_eq!(
        text.matches(from).count(),
        1,
        "{from:?} must occur once in {}",
        file.display()
    );
    std::fs::write(file, text.replace(from, to)).unwrap();
}

fn drift_json(
    db: &Path,
    baseline: &str,
    sources: Vec<PathBuf>,
    out: &Path,
) -> (u8, serde_json::Value) {
    let args = DriftArgs {
        baseline: Some(baseline.into()),
        sources,
        format: Format::Json,
        output: Some(out.to_path_buf()),
        fail_on: Severity::High,
        no_record: false,
        db: DbArgs {
            db: Some(db.to_path_buf()),
        },
    };
    let code = run_drift(&args).unwrap();
    (
        code,
        serde_json::from_str(&std::fs::read_to_string(out).unwrap()).unwrap(),
    )
}

fn save(db: &Path, name: &str, sources: Vec<PathBuf>) -> u8 {
    let args = BaselineArgs {
        command: BaselineCommand::Save(SaveArgs {
            name: name.into(),
            sources,
            force: false,
        }),
        db: DbArgs {
            db: Some(db.to_path_buf()),
        },
    };
    run_baseline(&args).unwrap()
}

#[test]
fn one_changed_attribute_is_exactly_the_drift_with_its_finding() {
    let Some(data) = data() else { return };
    let tmp = tempfile::tempdir().unwrap();
    let tree = tmp.path().join("tree");
    copy_dir(&data.join("tests/terraform/checks/resource/aws"), &tree);
    let db = tmp.path().join("t.db");
    let out = tmp.path().join("drift.json");
    save(&db, "before", vec![tree.clone()]);

    // Unchanged tree: no drift at all.
    let (code, report) = drift_json(&db, "before", vec![tree.clone()], &out);
    assert_eq!(report["highest"], serde_json::Value::Null, "{report:#}");
    assert_eq!(
        code,
        exit::INPUT_ERROR.min(code),
        "exit code is 0, or 2 when a fixture cannot be read"
    );

    // Enable root access on the passing notebook.
    let nb = tree.join("example_SagemakerNotebookRoot/main.tf");
    let text = std::fs::read_to_string(&nb).unwrap();
    let pass_block = text.find("\"pass\"").unwrap();
    let (head, tail) = text.split_at(pass_block);
    std::fs::write(
        &nb,
        format!(
            "{head}{}",
            tail.replacen("root_access = \"Disabled\"", "root_access = \"Enabled\"", 1)
        ),
    )
    .unwrap();

    let (_, report) = drift_json(&db, "before", vec![tree.clone()], &out);
    let changes = report["changes"].as_array().unwrap();
    assert_eq!(changes.len(), 1, "{report:#}");
    let c = &changes[0];
    let address = c["address"].as_str().unwrap();
    assert!(
        address.starts_with("aws_sagemaker_notebook_instance.pass"),
        "{address}"
    );
    let settings = c["changes"].as_array().unwrap();
    assert_eq!(settings.len(), 1, "{report:#}");
    assert_eq!(settings[0]["path"], "root_access");
    assert_eq!(
        (settings[0]["old"].as_str(), settings[0]["new"].as_str()),
        (Some("false"), Some("true")),
        "{report:#}"
    );

    let new = report["findings"]["new"].as_array().unwrap();
    assert_eq!(new.len(), 1, "{report:#}");
    assert!(
        new[0]["resource"]["address"]
            .as_str()
            .unwrap()
            .starts_with("aws_sagemaker_notebook_instance.pass")
    );
    assert!(
        new[0]["title"]
            .as_str()
            .unwrap()
            .to_lowercase()
            .contains("root"),
        "{}",
        new[0]["title"]
    );
    assert!(
        report["findings"]["resolved"]
            .as_array()
            .unwrap()
            .is_empty()
    );
    assert!(
        report["findings"]["severity_changed"]
            .as_array()
            .unwrap()
            .is_empty()
    );
    assert!(report["resources_added"].as_array().unwrap().is_empty());
    assert!(report["resources_removed"].as_array().unwrap().is_empty());
    // An AI asset: it is called out first.
    let ai = report["ai_exposure"].as_array().unwrap();
    assert_eq!(ai.len(), 1, "{report:#}");
    assert_eq!(ai[0]["rule_id"], new[0]["rule_id"]);
}

#[test]
fn moving_a_block_down_the_file_is_not_drift() {
    let Some(data) = data() else { return };
    let tmp = tempfile::tempdir().unwrap();
    let tree = tmp.path().join("tree");
    copy_dir(
        &data.join("tests/terraform/checks/resource/aws/example_SagemakerNotebookRoot"),
        &tree,
    );
    let db = tmp.path().join("t.db");
    save(&db, "b", vec![tree.clone()]);
    let f = tree.join("main.tf");
    let text = std::fs::read_to_string(&f).unwrap();
    std::fs::write(&f, format!("# moved\n\n\n{text}")).unwrap();
    let (code, report) = drift_json(&db, "b", vec![tree], &tmp.path().join("o.json"));
    assert_eq!(report["highest"], serde_json::Value::Null, "{report:#}");
    assert_eq!(code, exit::CLEAN);
}

#[test]
fn public_access_block_change_names_the_attribute_and_fails_the_gate() {
    let tmp = tempfile::tempdir().unwrap();
    let tree = tmp.path().join("tf");
    std::fs::create_dir_all(&tree).unwrap();
    let main = tree.join("main.tf");
    std::fs::write(
        &main,
        r#"
resource "aws_s3_bucket" "training_data" {
  bucket = "training-data"
}

resource "aws_s3_bucket_public_access_block" "training_data" {
  bucket                  = aws_s3_bucket.training_data.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}
"#,
    )
    .unwrap();
    let db = tmp.path().join("t.db");
    assert_eq!(save(&db, "b", vec![tree.clone()]), exit::CLEAN);
    replace_once(
        &main,
        "block_public_acls       = true",
        "block_public_acls       = false",
    );
    let out = tmp.path().join("o.json");
    let (_, report) = drift_json(&db, "b", vec![tree.clone()], &out);
    let changes = report["changes"].as_array().unwrap();
    assert_eq!(changes.len(), 1, "{report:#}");
    assert_eq!(changes[0]["address"], "aws_s3_bucket.training_data");
    assert_eq!(
        changes[0]["changes"][0]["path"],
        "public_access_block.block_public_acls"
    );
    assert_eq!(changes[0]["changes"][0]["old"], "true");
    assert_eq!(changes[0]["changes"][0]["new"], "false");

    // The table says it in user terms.
    let args = DriftArgs {
        baseline: Some("b".into()),
        sources: vec![tree],
        format: Format::Table,
        output: Some(out.clone()),
        fail_on: Severity::Info,
        no_record: true,
        db: DbArgs { db: Some(db) },
    };
    assert_eq!(
        run_drift(&args).unwrap(),
        exit::FINDINGS,
        "--fail-on info fails on any drift"
    );
    let table = std::fs::read_to_string(&out).unwrap();
    assert!(
        table.contains(
            "aws_s3_bucket.training_data: public_access_block.block_public_acls true → false"
        ),
        "{table}"
    );
}

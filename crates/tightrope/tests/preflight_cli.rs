//! `tightrope preflight` and `tightrope init` end to end through the binary: the example
//! environment, every report file, the CI gate's exit codes, bad configuration and bad input.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use crate::cyclonedx_schema;

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The binary with a private home for its caches and the classify key.
fn tightrope(home: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_tightrope"))
        .args(args)
        .current_dir(repo())
        .env("XDG_CACHE_HOME", home.join("cache"))
        .env("TIGHTROPE_HASH_KEY", home.join("classify.key"))
        .env("TIGHTROPE_DB", home.join("tightrope.db"))
        .env_remove("TIGHTROPE_OSV_CACHE")
        .output()
        .expect("run tightrope")
}

/// Fill the IAM action database from ../shared/data; `false` (with a message) when it is absent.
fn fill_iam(home: &Path) -> bool {
    let src = repo().join("../shared/data/iam-action-database/iam-data.tar.gz");
    if !src.is_file() {
        eprintln!(
            "skipping the access step: ../shared/data/iam-action-database is not present (preflight then exits 2)"
        );
        return false;
    }
    let cache = home.join("cache/tightrope/iam");
    let out = tightrope(
        home,
        &[
            "update",
            "iam",
            "--from",
            src.to_str().expect("utf-8"),
            "--cache-dir",
            cache.to_str().expect("utf-8"),
        ],
    );
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    true
}

/// `tightrope preflight --config CFG --format json`.
fn preflight_json(home: &Path, cfg: &Path) -> Output {
    tightrope(home, &["preflight", "--config", cfg.to_str().expect("utf-8"), "--format", "json"])
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn example_environment_gives_a_verdict_an_attack_path_and_every_report() {
    let home = tempfile::tempdir().expect("tempdir");
    let iam = fill_iam(home.path());
    let reports = home.path().join("reports");
    let out = tightrope(
        home.path(),
        &[
            "preflight",
            "--config",
            "examples/tightrope.toml",
            "--format",
            "json",
            "--report-dir",
            reports.to_str().expect("utf-8"),
        ],
    );
    assert_eq!(
        out.status.code(),
        Some(if iam { 0 } else { 2 }),
        "without --gate a completed preflight exits 0\n{}",
        stderr(&out)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON on stdout");
    assert_eq!(v["verdict"], "blocked");
    let paths = v["attack_paths"].as_array().expect("attack_paths");
    assert!(!paths.is_empty(), "at least one cross-step attack path");
    let hops: Vec<&str> = paths[0]["hops"]
        .as_array()
        .expect("hops")
        .iter()
        .filter_map(|h| h["resource"]["address"].as_str())
        .collect();
    assert_eq!(
        hops,
        [
            "aws_sagemaker_notebook_instance.research",
            "aws_iam_role.sagemaker_execution",
            "aws_s3_bucket.training_data"
        ]
    );
    let steps: Vec<(&str, &str)> = v["steps"]
        .as_array()
        .expect("steps")
        .iter()
        .map(|s| {
            (
                s["step"].as_str().unwrap_or(""),
                s["readiness"].as_str().unwrap_or(""),
            )
        })
        .collect();
    assert_eq!(steps.len(), 7);
    assert!(
        steps.iter().all(|(_, r)| *r != "not_run"),
        "every step has input, drill included: {steps:?}"
    );
    assert!(
        steps.iter().filter(|(_, r)| *r == "blocked").count() >= 4,
        "{steps:?}"
    );
    for name in [
        "preflight.txt",
        "preflight.json",
        "preflight.sarif",
        "preflight.junit.xml",
        "preflight.asff.json",
        "preflight.ocsf.json",
        "preflight.html",
        "preflight.cdx.json",
    ] {
        let p = reports.join(name);
        let text = std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
        assert!(text.len() > 200, "{name} is nearly empty");
        if name.ends_with(".json") || name.ends_with(".sarif") {
            serde_json::from_str::<serde_json::Value>(&text)
                .unwrap_or_else(|e| panic!("{name}: {e}"));
        }
    }
    // The SBOM of the environment: CycloneDX 1.6, schema-valid, with the example's models,
    // dataset and its vulnerable pins.
    let bom: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(reports.join("preflight.cdx.json")).unwrap()).unwrap();
    let v = cyclonedx_schema::violations(&bom);
    assert!(v.is_empty(), "{} CycloneDX schema violations:\n{}", v.len(), v.join("\n"));
    let kinds: Vec<&str> = bom["components"].as_array().unwrap().iter().filter_map(|c| c["type"].as_str()).collect();
    for kind in ["library", "machine-learning-model", "data"] {
        assert!(kinds.contains(&kind), "no {kind} component in {kinds:?}");
    }
    assert!(!bom["vulnerabilities"].as_array().unwrap().is_empty(), "torch 1.12.0 and pyyaml 5.3.1 are vulnerable");
    let table = std::fs::read_to_string(reports.join("preflight.txt")).expect("table");
    assert!(
        table.contains("verdict: BLOCKED") && table.contains("cheapest cut"),
        "{table}"
    );
}

#[test]
fn gate_exits_1_when_blocked_and_2_when_incomplete() {
    let home = tempfile::tempdir().expect("tempdir");
    let out = tightrope(
        home.path(),
        &[
            "preflight",
            "--config",
            "examples/tightrope.toml",
            "--gate",
            "--format",
            "junit",
        ],
    );
    assert_eq!(
        out.status.code(),
        Some(2),
        "no IAM action database yet: the scan is incomplete\n{}",
        stderr(&out)
    );
    assert!(
        stderr(&out).contains("IAM action database"),
        "{}",
        stderr(&out)
    );
    if fill_iam(home.path()) {
        let out = tightrope(
            home.path(),
            &[
                "preflight",
                "--config",
                "examples/tightrope.toml",
                "--gate",
                "--format",
                "junit",
            ],
        );
        assert_eq!(out.status.code(), Some(1), "blocked\n{}", stderr(&out));
        assert!(String::from_utf8_lossy(&out.stdout).contains("<testsuites"));
    }
}

#[test]
fn bad_configuration_is_a_clear_error_with_its_line() {
    let home = tempfile::tempdir().expect("tempdir");
    let cfg = home.path().join("tightrope.toml");
    std::fs::write(
        &cfg,
        "[iac]\npaths = [\"infra\"]\n\n[supply]\nlockfile = [\"requirements.txt\"]\n",
    )
    .expect("write");
    let out = tightrope(
        home.path(),
        &["preflight", "--config", cfg.to_str().expect("utf-8")],
    );
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.contains(&format!("{}:5:", cfg.display())) && err.contains("lockfile"),
        "{err}"
    );
    let out = tightrope(
        home.path(),
        &["preflight", "--config", "does-not-exist.toml"],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("does-not-exist.toml"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn unreadable_inputs_are_reported_and_the_rest_still_runs() {
    let home = tempfile::tempdir().expect("tempdir");
    let dir = home.path().join("env");
    std::fs::create_dir_all(&dir).expect("mkdir");
    std::fs::write(
        dir.join("main.tf"),
        "resource \"aws_s3_bucket\" \"data\" {\n  bucket = \"acme-data\"\n}\n",
    )
    .expect("write");
    std::fs::write(dir.join("broken.tf"), "resource \"aws_s3_bucket\" {\n").expect("write");
    std::fs::write(
        dir.join("tightrope.toml"),
        "[iac]\npaths = [\".\"]\n[[datasets]]\npath = \"missing.csv\"\nlocation = \"aws_s3_bucket.data\"\n",
    )
    .expect("write");
    let out = preflight_json(home.path(), &dir.join("tightrope.toml"));
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let v: serde_json::Value =
        serde_json::from_slice(&out.stdout).expect("a report despite the errors");
    let step = |name: &str| {
        v["steps"]
            .as_array()
            .and_then(|s| s.iter().find(|x| x["step"] == name))
            .cloned()
            .expect("step")
    };
    assert!(
        step("audit")["errors"].to_string().contains("broken.tf"),
        "{}",
        step("audit")
    );
    assert!(
        step("classify")["errors"]
            .to_string()
            .contains("missing.csv"),
        "{}",
        step("classify")
    );
    assert_eq!(
        step("audit")["readiness"],
        "blocked",
        "the bucket still gets audited"
    );
    assert!(stderr(&out).contains("missing.csv"), "{}", stderr(&out));
}

#[test]
fn init_writes_a_starter_config_that_preflight_runs() {
    let home = tempfile::tempdir().expect("tempdir");
    let dir = home.path().join("project");
    std::fs::create_dir_all(dir.join("infra")).expect("mkdir");
    std::fs::create_dir_all(dir.join("data")).expect("mkdir");
    std::fs::write(
        dir.join("infra/main.tf"),
        "resource \"aws_s3_bucket\" \"data\" {\n  bucket = \"acme-data\"\n}\n",
    )
    .expect("write");
    std::fs::write(
        dir.join("data/people.csv"),
        "name,email\nJane Roe,jane.roe@example.com\n",
    )
    .expect("write");
    std::fs::copy(
        repo().join("examples/requirements.txt"),
        dir.join("requirements.txt"),
    )
    .expect("copy");
    let d = dir.to_str().expect("utf-8");
    let out = tightrope(home.path(), &["init", d]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = std::fs::read_to_string(dir.join("tightrope.toml")).expect("written");
    assert!(
        text.contains("paths = [\"infra\"]")
            && text.contains("path = \"data/people.csv\"")
            && text.contains("lockfiles = [\"requirements.txt\"]"),
        "{text}"
    );
    let again = tightrope(home.path(), &["init", d]);
    assert_eq!(
        again.status.code(),
        Some(2),
        "an existing tightrope.toml is not replaced without --force"
    );
    // no OSV cache in this home: the dependency check is an input error, the rest runs
    let out = preflight_json(home.path(), &dir.join("tightrope.toml"));
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert!(
        v["steps"].to_string().contains("no advisory database"),
        "{}",
        v["steps"]
    );
    assert_eq!(v["data"][0]["label"], "confidential", "{}", v["data"]);
}

#[test]
fn drift_since_the_configured_baseline_is_reported() {
    let home = tempfile::tempdir().expect("tempdir");
    let infra = home.path().join("infra");
    std::fs::create_dir_all(&infra).expect("mkdir");
    std::fs::write(
        infra.join("main.tf"),
        "resource \"aws_s3_bucket\" \"data\" {\n  bucket = \"acme-data\"\n}\n",
    )
    .expect("write");
    let i = infra.to_str().expect("utf-8");
    let out = tightrope(home.path(), &["baseline", "save", "before-scale", i]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    // after the baseline, a world-open security group appears
    std::fs::write(
        infra.join("sg.tf"),
        "resource \"aws_security_group\" \"open\" {\n  ingress {\n    from_port = 22\n    to_port = 22\n    protocol = \"tcp\"\n    cidr_blocks = [\"0.0.0.0/0\"]\n  }\n}\n",
    )
    .expect("write");
    let cfg = home.path().join("tightrope.toml");
    std::fs::write(
        &cfg,
        "[environment]\nbaseline = \"before-scale\"\n[iac]\npaths = [\"infra\"]\n",
    )
    .expect("write");
    let out = preflight_json(home.path(), &cfg);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let new: Vec<&str> = v["drift"]["findings"]["new"]
        .as_array()
        .expect("drift findings")
        .iter()
        .filter_map(|f| f["resource"]["address"].as_str())
        .collect();
    assert!(new.contains(&"aws_security_group.open"), "{}", v["drift"]);
    assert!(
        v["drift"]["findings"]["resolved"]
            .as_array()
            .is_some_and(Vec::is_empty)
    );
    // an unknown baseline is an input error, the rest still runs
    std::fs::write(
        &cfg,
        "[environment]\nbaseline = \"no-such\"\n[iac]\npaths = [\"infra\"]\n",
    )
    .expect("write");
    let out = preflight_json(home.path(), &cfg);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("no-such"), "{}", stderr(&out));
}

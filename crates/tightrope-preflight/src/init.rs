//! `tightrope init`: a commented starter `tightrope.toml` from what a directory holds.
//!
//! Files are recognised by name and by their first bytes (never executed, never fully parsed):
//! Terraform (`*.tf`), CloudFormation (a template's `AWSTemplateFormatVersion` or `AWS::` resource
//! types), Kubernetes (`apiVersion:` + `kind:`), dependency manifests and lock files (the supply
//! step's own list), model files (by extension), datasets (CSV/TSV/Parquet/JSON Lines, also
//! gzip/zstd) and CloudTrail logs (`*.json.gz` / `*.json` whose first bytes hold `"Records"`).

use std::collections::BTreeSet;
use std::fmt::Write;
use std::io::Read;
use std::path::{Path, PathBuf};

const SKIP_DIRS: &[&str] = &[
    ".git",
    "target",
    "node_modules",
    ".venv",
    "venv",
    "__pycache__",
    ".terraform",
    ".tox",
    "dist",
    "build",
];
const MODEL_EXT: &[&str] = &[
    "pt",
    "pth",
    "pkl",
    "pickle",
    "safetensors",
    "gguf",
    "onnx",
    "h5",
    "keras",
    "joblib",
    "npy",
    "npz",
    "ckpt",
    "bin",
    "pb",
    "tflite",
];
const DATA_EXT: &[&str] = &["csv", "tsv", "parquet", "jsonl", "ndjson"];

/// What was found, as paths relative to the scanned directory.
#[derive(Debug, Default)]
pub struct Found {
    pub iac: BTreeSet<PathBuf>,
    pub lockfiles: BTreeSet<PathBuf>,
    pub models: BTreeSet<PathBuf>,
    pub models_lock: Option<PathBuf>,
    pub datasets: BTreeSet<PathBuf>,
    pub cloudtrail: BTreeSet<PathBuf>,
}

fn head(path: &Path, n: usize) -> Vec<u8> {
    let mut buf = vec![0; n];
    let got = std::fs::File::open(path)
        .and_then(|mut f| f.read(&mut buf))
        .unwrap_or(0);
    buf.truncate(got);
    buf
}

fn gunzip_head(path: &Path, n: usize) -> Vec<u8> {
    let Ok(f) = std::fs::File::open(path) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let _ = flate2::read::GzDecoder::new(f)
        .take(n as u64)
        .read_to_end(&mut out);
    out
}

fn contains(hay: &[u8], needle: &str) -> bool {
    hay.windows(needle.len()).any(|w| w == needle.as_bytes())
}

fn parent_or_dot(rel: &Path) -> PathBuf {
    match rel.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// Look at `dir` (at most 6 levels deep, skipping build and VCS directories).
pub fn discover(dir: &Path) -> Found {
    let mut f = Found::default();
    let walker = walkdir::WalkDir::new(dir)
        .max_depth(6)
        .follow_links(false)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| {
            !(e.file_type().is_dir()
                && e.depth() > 0
                && e.file_name()
                    .to_str()
                    .is_some_and(|n| SKIP_DIRS.contains(&n)))
        });
    for e in walker
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
    {
        let path = e.path();
        let Ok(rel) = path.strip_prefix(dir) else {
            continue;
        };
        let name = e.file_name().to_string_lossy().to_ascii_lowercase();
        let ext = name.rsplit('.').next().unwrap_or("");
        let inner_ext = name
            .trim_end_matches(".gz")
            .trim_end_matches(".zst")
            .rsplit('.')
            .next()
            .unwrap_or("");
        if name == "tightrope.toml" {
            continue;
        }
        if name == "models.lock" {
            f.models_lock = Some(rel.to_path_buf());
        } else if ext == "tf" {
            f.iac.insert(parent_or_dot(rel));
        } else if tightrope_supply::deps::is_manifest(path) {
            f.lockfiles.insert(rel.to_path_buf());
        } else if name.ends_with(".json.gz") && contains(&gunzip_head(path, 512), "\"Records\"") {
            f.cloudtrail.insert(parent_or_dot(rel));
        } else if MODEL_EXT.contains(&ext) {
            f.models.insert(parent_or_dot(rel));
        } else if DATA_EXT.contains(&inner_ext) {
            f.datasets.insert(rel.to_path_buf());
        } else if matches!(ext, "yaml" | "yml" | "json" | "template") {
            let h = head(path, 8192);
            if ext == "json" && contains(&h[..h.len().min(512)], "\"Records\"") {
                f.cloudtrail.insert(parent_or_dot(rel));
            } else if contains(&h, "AWSTemplateFormatVersion")
                || contains(&h, "\"AWS::")
                || contains(&h, " AWS::")
            {
                f.iac.insert(rel.to_path_buf());
            } else if matches!(ext, "yaml" | "yml")
                && contains(&h, "apiVersion:")
                && contains(&h, "kind:")
            {
                f.iac.insert(parent_or_dot(rel));
            }
        }
    }
    // A directory already listed covers the files and directories under it.
    let dirs: Vec<PathBuf> = f.iac.iter().cloned().collect();
    f.iac.retain(|p| {
        !dirs
            .iter()
            .any(|d| d != p && (d == Path::new(".") || p.starts_with(d)))
    });
    let models: Vec<PathBuf> = f.models.iter().cloned().collect();
    f.models.retain(|p| {
        !models
            .iter()
            .any(|d| d != p && (d == Path::new(".") || p.starts_with(d)))
    });
    f
}

fn list(items: &BTreeSet<PathBuf>) -> String {
    let shown: Vec<String> = items
        .iter()
        .map(|p| format!("{:?}", p.display().to_string()))
        .collect();
    format!("[{}]", shown.join(", "))
}

/// The starter configuration for `dir`.
pub fn starter(dir: &Path) -> (String, Found) {
    let f = discover(dir);
    let name = std::fs::canonicalize(dir)
        .ok()
        .and_then(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
        .unwrap_or_else(|| "my-ai-project".into());
    let mut s = String::new();
    let _ = writeln!(
        s,
        "# tightrope.toml: one environment for `tightrope preflight` (written by `tightrope init`)."
    );
    let _ = writeln!(
        s,
        "# Paths are relative to this file. Every section is optional: a step without input is reported"
    );
    let _ = writeln!(s, "# as \"not run\". Reference: docs/preflight.md.\n");
    let _ = writeln!(
        s,
        "[environment]\nname = {name:?}\n# baseline = \"before-scale\"    # drift against `tightrope baseline save before-scale ...`\n"
    );
    let _ = writeln!(
        s,
        "# Step 1 (audit) and 6 (reach): Terraform, CloudFormation, Kubernetes, plan/state JSON."
    );
    if f.iac.is_empty() {
        let _ = writeln!(
            s,
            "[iac]\n# nothing found: paths = [\"infra/\"]\npaths = []\n"
        );
    } else {
        let _ = writeln!(
            s,
            "[iac]\npaths = {}\n# api = [\"aws-dump/\"]          # `aws ec2 describe-*` outputs for the network model\n",
            list(&f.iac)
        );
    }
    let _ = writeln!(
        s,
        "# Step 2 (access) reads IAM from [iac]; add exports of real accounts here.\n[access]\n# exports = [\"auth-details.json\"]   # aws iam get-account-authorization-details\n# cache_dir = \"...\"                  # `tightrope update iam` fills the default one\n"
    );
    let _ = writeln!(
        s,
        "# Step 4 (detect): CloudTrail as delivered (.json, .json.gz, AWSLogs/ trees).\n[cloudtrail]"
    );
    if f.cloudtrail.is_empty() {
        let _ = writeln!(s, "# nothing found: paths = [\"AWSLogs/\"]\npaths = []");
    } else {
        let _ = writeln!(s, "paths = {}", list(&f.cloudtrail));
    }
    let _ = writeln!(
        s,
        "# history = [\"logs/last-month/\"]   # learn the baseline from these, or:\n# model = \"detect-model.json\"      # a model from `tightrope detect learn --model`\n# sigma = \"sigma/rules/cloud/aws\"\n"
    );
    let _ = writeln!(
        s,
        "# Step 3 (classify): datasets, and the bucket each one lives in (links data to the cloud for attack paths)."
    );
    if f.datasets.is_empty() {
        let _ = writeln!(
            s,
            "# [[datasets]]\n# path = \"data/customers.csv\"\n# location = \"aws_s3_bucket.training_data\"\n"
        );
    }
    for d in &f.datasets {
        let _ = writeln!(
            s,
            "[[datasets]]\npath = {:?}\n# location = \"aws_s3_bucket.<name>\"   # IaC address or bucket name holding it\n",
            d.display().to_string()
        );
    }
    let _ = writeln!(
        s,
        "# Step 5 (supply): dependencies (against the OSV cache of `tightrope update osv`) and model files.\n[supply]"
    );
    let _ = writeln!(s, "lockfiles = {}", list(&f.lockfiles));
    let _ = writeln!(s, "models = {}", list(&f.models));
    match &f.models_lock {
        Some(l) => {
            let _ = writeln!(s, "models_lock = {:?}", l.display().to_string());
        }
        None => {
            let _ = writeln!(
                s,
                "# models_lock = \"models.lock\"        # `tightrope supply lock` writes it"
            );
        }
    }
    let _ = writeln!(s, "# osv_cache = \"...\"\n# osv_max_age_days = 7\n");
    let _ = writeln!(
        s,
        "# Step 6 (reach): zones and the segmentation policy (docs/reach.md).\n[reach]\npolicy = [\n  # \"dev -/-> prod\",\n  # \"serving <- internet only tcp/443 via load_balancer\",\n]\n"
    );
    let _ = writeln!(
        s,
        "# Step 3 (classify): where labelled data may flow (docs/classify.md).\n# [[classify.flows]]\n# label = \"restricted\"\n# readers = [\"training\"]\n# deny = [\"notebook\"]\n"
    );
    let _ = writeln!(
        s,
        "# Step 7 (drill): drill the built-in AI incident playbooks (and yours) through step 4's detection\n# (uncomment; about a second per playbook in a release build).\n# [drill]\n# playbooks = [\"playbooks/\"]       # YAML playbooks; a built-in id is replaced\n# sigma = \"sigma/rules/cloud/aws\""
    );
    (s, f)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_each_kind_and_writes_a_config_that_loads() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        std::fs::create_dir_all(d.join("infra/modules/x")).unwrap();
        std::fs::write(
            d.join("infra/main.tf"),
            "resource \"aws_s3_bucket\" \"b\" {}\n",
        )
        .unwrap();
        std::fs::write(d.join("infra/modules/x/main.tf"), "").unwrap();
        std::fs::create_dir_all(d.join("k8s")).unwrap();
        std::fs::write(d.join("k8s/app.yaml"), "apiVersion: v1\nkind: Pod\n").unwrap();
        std::fs::write(d.join("requirements.txt"), "requests==2.0.0\n").unwrap();
        std::fs::create_dir_all(d.join("models")).unwrap();
        std::fs::write(
            d.join("models/m.safetensors"),
            b"\x08\x00\x00\x00\x00\x00\x00\x00{}      ",
        )
        .unwrap();
        std::fs::create_dir_all(d.join("data")).unwrap();
        std::fs::write(d.join("data/people.csv"), "name,email\n").unwrap();
        std::fs::create_dir_all(d.join("node_modules/x")).unwrap();
        std::fs::write(d.join("node_modules/x/main.tf"), "").unwrap();
        let (text, found) = starter(d);
        assert_eq!(
            found
                .iac
                .iter()
                .map(|p| p.display().to_string())
                .collect::<Vec<_>>(),
            ["infra", "k8s"]
        );
        assert!(found.lockfiles.contains(Path::new("requirements.txt")));
        assert!(found.models.contains(Path::new("models")));
        assert!(found.datasets.contains(Path::new("data/people.csv")));
        let path = d.join("tightrope.toml");
        std::fs::write(&path, &text).unwrap();
        let cfg = crate::config::Config::load(&path).unwrap_or_else(|e| panic!("{e}\n{text}"));
        assert_eq!(cfg.iac.paths.len(), 2);
        assert_eq!(cfg.datasets.len(), 1);
    }
}

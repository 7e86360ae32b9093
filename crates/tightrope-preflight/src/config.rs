//! `tightrope.toml`: one environment, every input a step needs.
//!
//! Relative paths are relative to the directory of the configuration file, so a project can keep
//! its `tightrope.toml` next to its code and run `tightrope preflight` from anywhere.
//!
//! ```toml
//! [environment]
//! name = "acme-llm-dev"
//! baseline = "before-scale"          # optional: drift against this saved baseline
//!
//! [iac]
//! paths = ["infra/"]                 # Terraform, CloudFormation, Kubernetes, plans, snapshots
//!
//! [access]
//! exports = ["auth-details.json"]    # optional `aws iam get-account-authorization-details`
//!
//! [cloudtrail]
//! paths = ["logs/recent/"]           # events to score
//! history = ["logs/history/"]        # learn the baseline from these when no model is given
//! model = "detect-model.json"        # or a model learned earlier
//!
//! [[datasets]]
//! path = "data/customers.csv"
//! location = "aws_s3_bucket.training_data"   # the bucket (IaC address or name) holding it
//!
//! [supply]
//! lockfiles = ["requirements.txt"]
//! models = ["models/"]
//!
//! [serve]
//! interval_seconds = 3600            # `tightrope serve` re-scans and re-runs drift this often
//!
//! [reach]                            # zones and segmentation policy (see docs/reach.md)
//! [classify]                         # data-flow policy (see docs/classify.md)
//! ```

use serde::Deserialize;
use std::path::{Path, PathBuf};
use tightrope_classify::flow::ClassifyPolicy;
use tightrope_reach::config::ReachConfig;

/// The whole `tightrope.toml`.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    #[serde(default)]
    pub environment: Environment,
    #[serde(default)]
    pub iac: Iac,
    #[serde(default)]
    pub access: Access,
    #[serde(default)]
    pub cloudtrail: CloudTrail,
    #[serde(default)]
    pub datasets: Vec<DatasetEntry>,
    #[serde(default)]
    pub supply: Supply,
    #[serde(default)]
    pub reach: ReachConfig,
    #[serde(default)]
    pub classify: ClassifyPolicy,
    /// Step 7 runs when the section is present.
    pub drill: Option<Drill>,
    /// The team server (`tightrope serve`): how often it re-scans.
    #[serde(default)]
    pub serve: Serve,
    /// Directory of the configuration file; relative paths are resolved against it.
    #[serde(skip)]
    pub base: PathBuf,
    /// Where the configuration was read from (for messages).
    #[serde(skip)]
    pub source: String,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Environment {
    /// A name for reports (default: the directory of the configuration file).
    pub name: Option<String>,
    /// Saved baseline (`tightrope baseline save NAME`) to report drift against.
    pub baseline: Option<String>,
    /// The tightrope database (default: the usual store location, or $TIGHTROPE_DB).
    pub db: Option<PathBuf>,
    /// Key file of classify's correlation hashes (default: $TIGHTROPE_HASH_KEY, else the user's key).
    pub hash_key: Option<PathBuf>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Iac {
    /// Terraform / CloudFormation / Kubernetes files or directories, plan or state JSON.
    #[serde(default)]
    pub paths: Vec<PathBuf>,
    /// Raw AWS API outputs (`aws ec2 describe-*`) for the network model.
    #[serde(default)]
    pub api: Vec<PathBuf>,
    /// Suppressions file (YAML) for the posture audit.
    pub suppressions: Option<PathBuf>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Access {
    /// `aws iam get-account-authorization-details` exports, added to the IAM of `[iac]`.
    #[serde(default)]
    pub exports: Vec<PathBuf>,
    /// Service control policy files (JSON).
    #[serde(default)]
    pub scp: Vec<PathBuf>,
    /// IAM action database directory (`tightrope update iam`); default: the user cache.
    pub cache_dir: Option<PathBuf>,
    /// Account id used to build ARNs for IaC (default 123456789012).
    pub account_id: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CloudTrail {
    /// CloudTrail files or directories to score.
    #[serde(default)]
    pub paths: Vec<PathBuf>,
    /// History to learn the baseline from when `model` is not given.
    #[serde(default)]
    pub history: Vec<PathBuf>,
    /// A model file written by `tightrope detect learn --model`.
    pub model: Option<PathBuf>,
    /// SigmaHQ CloudTrail rules (directory of `.yml`).
    pub sigma: Option<PathBuf>,
    /// Anomaly threshold (0–1, default 0.98).
    pub threshold: Option<f64>,
}

/// One dataset (a file or directory) and where it lives in the cloud.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DatasetEntry {
    pub path: PathBuf,
    /// The bucket holding it: an IaC address (`aws_s3_bucket.training_data`) or a bucket name.
    pub location: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Supply {
    /// Manifests and lock files (requirements.txt, poetry.lock, package-lock.json, ...) or directories.
    #[serde(default)]
    pub lockfiles: Vec<PathBuf>,
    /// Model files or directories.
    #[serde(default)]
    pub models: Vec<PathBuf>,
    /// `models.lock` written by `tightrope supply lock`, to verify.
    pub models_lock: Option<PathBuf>,
    /// OSV cache directory (`tightrope update osv`); default: the user cache or $TIGHTROPE_OSV_CACHE.
    pub osv_cache: Option<PathBuf>,
    /// Fail the dependency check when the newest advisory is older than this (default 7; 0 disables).
    pub osv_max_age_days: Option<i64>,
}

/// Step 7: drill the built-in AI playbooks (and these) through step 4's detection.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Drill {
    /// Playbook YAML files or directories; a playbook with a built-in id replaces it.
    #[serde(default)]
    pub playbooks: Vec<PathBuf>,
    /// SigmaHQ CloudTrail rules to run with the anomaly detection during the drill.
    pub sigma: Option<PathBuf>,
    /// Seed of the scenario generators (default 7: the same events every run).
    pub seed: Option<u64>,
}

/// `[serve]`: scheduled jobs of `tightrope serve`.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Serve {
    /// Seconds between scheduled re-scans (every step, then drift). Default 3600; 0 disables.
    pub interval_seconds: Option<u64>,
}

/// 1-based line of a byte offset.
pub fn line_of(text: &str, offset: usize) -> usize {
    text[..offset.min(text.len())].matches('\n').count() + 1
}

impl Config {
    /// Read and check a configuration file. Errors name the file and line and say what was expected.
    pub fn load(path: &Path) -> anyhow::Result<Config> {
        let text = std::fs::read_to_string(path).map_err(|e| {
            anyhow::anyhow!("{}: cannot read the configuration: {e}", path.display())
        })?;
        let base = path.parent().map(Path::to_path_buf).unwrap_or_default();
        let base = if base.as_os_str().is_empty() {
            PathBuf::from(".")
        } else {
            base
        };
        Config::parse(&text, &path.display().to_string(), base)
    }

    /// Parse configuration text; `source` names it in errors, `base` resolves relative paths.
    pub fn parse(text: &str, source: &str, base: PathBuf) -> anyhow::Result<Config> {
        let mut cfg: Config = toml::from_str(text).map_err(|e| {
            let at = e
                .span()
                .map(|s| format!(":{}", line_of(text, s.start)))
                .unwrap_or_default();
            anyhow::anyhow!(
                "{source}{at}: {} (expected a tightrope.toml; see docs/preflight.md)",
                e.message().trim_end()
            )
        })?;
        // The sections owned by other steps keep their own checks (CIDRs, policy grammar).
        ReachConfig::parse(text).map_err(|e| anyhow::anyhow!("{source}: [reach]: {e:#}"))?;
        if let Some(t) = cfg.cloudtrail.threshold {
            anyhow::ensure!(
                (0.0..=1.0).contains(&t),
                "{source}: [cloudtrail] threshold must be between 0 and 1 (got {t})"
            );
        }
        for (i, d) in cfg.datasets.iter().enumerate() {
            anyhow::ensure!(
                !d.path.as_os_str().is_empty(),
                "{source}: [[datasets]] #{}: `path` is empty",
                i + 1
            );
        }
        cfg.base = base;
        cfg.source = source.to_string();
        Ok(cfg)
    }

    /// `p` resolved against the configuration's directory.
    pub fn resolve(&self, p: &Path) -> PathBuf {
        if p.is_absolute() {
            p.to_path_buf()
        } else {
            self.base.join(p)
        }
    }

    pub fn resolve_all(&self, ps: &[PathBuf]) -> Vec<PathBuf> {
        ps.iter().map(|p| self.resolve(p)).collect()
    }

    /// The environment's display name.
    pub fn name(&self) -> String {
        self.environment.name.clone().unwrap_or_else(|| {
            std::fs::canonicalize(&self.base)
                .ok()
                .and_then(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
                .unwrap_or_else(|| "environment".into())
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_key_is_reported_with_its_line() {
        let text = "[iac]\npaths = [\"infra\"]\n\n[supply]\nlockfile = [\"requirements.txt\"]\n";
        let err = Config::parse(text, "tightrope.toml", PathBuf::from("."))
            .unwrap_err()
            .to_string();
        assert!(err.starts_with("tightrope.toml:5:"), "{err}");
        assert!(err.contains("lockfile"), "{err}");
    }

    #[test]
    fn wrong_type_is_reported_with_its_line() {
        let err = Config::parse("[iac]\npaths = \"infra\"\n", "t.toml", PathBuf::from("."))
            .unwrap_err()
            .to_string();
        assert!(err.starts_with("t.toml:2:"), "{err}");
    }

    #[test]
    fn reach_and_classify_sections_are_the_steps_own() {
        let text = "[reach]\npolicy = [\"dev -/-> prod\"]\n[classify.labels]\n\"b\" = \"restricted\"\n[[datasets]]\npath = \"d.csv\"\nlocation = \"aws_s3_bucket.b\"\n";
        let cfg = Config::parse(text, "t.toml", PathBuf::from("/env")).unwrap();
        assert_eq!(cfg.reach.policy.len(), 1);
        assert_eq!(cfg.classify.labels.len(), 1);
        assert_eq!(
            cfg.resolve(&cfg.datasets[0].path),
            PathBuf::from("/env/d.csv")
        );
        let bad = Config::parse(
            "[reach]\npolicy = [\"dev => prod\"]\n",
            "t.toml",
            PathBuf::from("."),
        )
        .unwrap_err()
        .to_string();
        assert!(
            bad.contains("[reach]") && bad.contains("dev => prod"),
            "{bad}"
        );
    }
}

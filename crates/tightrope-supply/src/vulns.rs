//! Dependencies checked against the OSV cache: vulnerable pins, unpinned AI dependencies, and
//! loud errors for whatever could not be checked (missing, stale or incomplete database).

use crate::deps::Dependency;
use crate::osv::{self, Database, version};
use crate::rules;
use std::collections::BTreeMap;
use tightrope_core::{Finding, InputError, Severity};

/// Packages whose being unpinned matters most in an AI project.
const AI_PACKAGES: &[&str] = &[
    "torch", "tensorflow", "keras", "transformers", "diffusers", "accelerate", "datasets", "tokenizers", "safetensors", "huggingface-hub",
    "langchain", "langchain-core", "langchain-community", "llama-index", "openai", "anthropic", "vllm", "onnx", "onnxruntime", "jax",
    "scikit-learn", "numpy", "pandas", "mlflow", "gradio", "streamlit", "sentence-transformers", "peft", "bitsandbytes", "xgboost", "lightgbm",
];

/// One vulnerable dependency with every advisory that affects it.
#[derive(Debug, Clone)]
pub struct VulnMatch {
    pub dependency: Dependency,
    /// `(advisory id, aliases, fixed version above the pin)`.
    pub advisories: Vec<(String, Vec<String>, Option<String>)>,
    /// The lowest version that fixes every advisory that names a fix.
    pub upgrade_to: Option<String>,
    /// The matching advisories themselves, each with its lowest fixed version above the pin.
    pub records: Vec<(std::sync::Arc<osv::Advisory>, Option<String>)>,
}

/// The outcome of a dependency check.
#[derive(Debug, Default)]
pub struct DepReport {
    pub matches: Vec<VulnMatch>,
    pub findings: Vec<Finding>,
    /// Coverage problems: no database, stale database, ecosystem missing, version unparsable.
    pub errors: Vec<InputError>,
    pub checked: usize,
}

/// Check `deps` against `db` (`None`: no database). `max_age_days` bounds how old the newest
/// advisory may be; `today` is days since the epoch.
pub fn check(deps: &[Dependency], db: Option<&Database>, max_age_days: Option<i64>, today: i64) -> DepReport {
    let mut r = DepReport::default();
    for d in deps.iter().filter(|d| d.version.is_none() && d.ecosystem == "PyPI") {
        let ai = AI_PACKAGES.contains(&osv::normalize_name("PyPI", &d.name).as_str());
        let mut f = rules::UNPINNED_DEP.finding(
            if ai { Severity::Medium } else { Severity::Low },
            &d.file,
            d.line,
            "dependency",
            format!("`{}` is not pinned to an exact version (`{}`){}; it was not checked for vulnerabilities", d.name, d.constraint.as_deref().unwrap_or(""), if ai { ", and it is an ML framework" } else { "" }),
        );
        f.resource.address = format!("{}:{}", d.file, d.name);
        r.findings.push(f);
    }
    let Some(db) = db else {
        r.errors.push(InputError { path: "OSV database".into(), line: None, message: "no advisory database: run `tightrope update osv` (or `--from PATH` offline); dependencies were NOT checked".into() });
        return r;
    };
    if let (Some(max), Some(meta)) = (max_age_days, &db.meta) {
        let age = osv::days_from_date(&meta.newest_modified).map(|d| today - d);
        if age.is_none_or(|a| a > max) {
            r.errors.push(InputError {
                path: "OSV database".into(),
                line: None,
                message: format!("advisory database is stale: newest advisory {} ({} days old, limit {max}); run `tightrope update osv`", meta.newest_modified, age.map_or("?".into(), |a| a.to_string())),
            });
        }
    }
    let mut missing: BTreeMap<&str, usize> = BTreeMap::new();
    for d in deps {
        let Some(v) = &d.version else { continue };
        if !version::SUPPORTED.contains(&d.ecosystem.as_str()) || !db.has_ecosystem(&d.ecosystem) {
            *missing.entry(&d.ecosystem).or_default() += 1;
            continue;
        }
        if version::Version::parse(&d.ecosystem, v).is_none() {
            r.errors.push(InputError { path: d.file.clone(), line: Some(d.line), message: format!("version `{v}` of `{}` is not a valid {} version; not checked", d.name, d.ecosystem) });
            continue;
        }
        r.checked += 1;
        let hits = db.matches(&d.ecosystem, &d.name, v);
        if hits.is_empty() {
            continue;
        }
        let ver = |s: &str| version::Version::parse(&d.ecosystem, s);
        let upgrade_to = hits.iter().filter_map(|(_, f)| f.clone()).max_by(|a, b| ver(a).partial_cmp(&ver(b)).unwrap_or(std::cmp::Ordering::Equal));
        let m = VulnMatch {
            dependency: d.clone(),
            advisories: hits.iter().map(|(a, f)| (a.id.clone(), a.aliases.clone(), f.clone())).collect(),
            upgrade_to,
            records: hits.clone(),
        };
        let ids: Vec<&str> = m.advisories.iter().map(|(id, _, _)| id.as_str()).collect();
        let mut f = rules::VULNERABLE_DEP.finding(
            Severity::High,
            &d.file,
            d.line,
            "dependency",
            format!(
                "{} {} {} is affected by {} advisor{}: {}; {}",
                d.ecosystem,
                d.name,
                v,
                ids.len(),
                if ids.len() == 1 { "y" } else { "ies" },
                ids.join(", "),
                m.upgrade_to.as_deref().map_or("no fixed version is published".to_string(), |u| format!("upgrade to {u} or later"))
            ),
        );
        f.resource.address = format!("{}:{}@{v}", d.file, d.name);
        f.attribute = Some(d.name.clone());
        f.evidence = Some(format!("advisories={}", ids.join(",")));
        r.findings.push(f);
        r.matches.push(m);
    }
    for (eco, n) in missing {
        r.errors.push(InputError {
            path: "OSV database".into(),
            line: None,
            message: format!("{n} {eco} dependenc{} NOT checked: the advisory database has no {eco} advisories{}", if n == 1 { "y" } else { "ies" }, if version::SUPPORTED.contains(&eco) { "; import them with `tightrope update osv`" } else { " and tightrope cannot compare its versions" }),
        });
    }
    r
}

/// Today, in days since the Unix epoch.
pub fn today() -> i64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| (d.as_secs() / 86_400) as i64).unwrap_or(0)
}

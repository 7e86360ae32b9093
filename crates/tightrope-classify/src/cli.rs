//! Command-line arguments and entry points, called by the `tightrope` binary.

use crate::detector::Confidence;
use crate::flow::{ClassifyPolicy, tag_suggestion};
use crate::label::Label;
use crate::mask::HashKey;
use crate::{Classification, Classifier, Options, detectors, findings, flow, walk};
use anyhow::Context;
use clap::Args;
use std::collections::BTreeMap;
use std::io::IsTerminal;
use std::path::PathBuf;
use tightrope_core::{Finding, InputError, Severity, exit};
use tightrope_report::{Format, Report, RuleDescriptor, render};

const LONG_ABOUT: &str = "\
Find PII, PHI, financial data and secrets in the data AI pipelines touch, label each dataset
(public, internal, confidential, restricted) and check where labelled data may flow.

Reads plain text, CSV/TSV (column-level classification from headers and values), JSON/JSONL,
Parquet and gzip/zstd-compressed files; directories are walked recursively. Every value in the
output is masked (`4111 **** **** 1111`, `AKIA…WXYZ`) and carries a keyed hash for correlation.

Examples:
  tightrope classify data/ --include '*.csv' --include '*.jsonl.gz'
  tightrope classify exports/customers.parquet --format json --output labels.json
  tightrope classify sample/ --as-bucket acme-training-data --iac infra/ --policy tightrope.toml
  tightrope classify data/ --tag --as-bucket acme-training-data

Exit codes: 0 nothing at or above the thresholds, 1 findings, 2 usage error or unreadable input.";

/// Arguments of `tightrope classify`.
#[derive(Args, Debug)]
#[command(long_about = LONG_ABOUT)]
pub struct ClassifyArgs {
    /// Files or directories to classify.
    #[arg(value_name = "PATH", required_unless_present = "list_detectors")]
    pub paths: Vec<PathBuf>,

    /// Output format.
    #[arg(long, short = 'f', default_value = "table", value_parser = parse_format)]
    pub format: Format,

    /// Write the report to FILE instead of standard output.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// Matches below this confidence are counted but raise no label and no finding (low, medium, high).
    #[arg(long, default_value = "medium")]
    pub min_confidence: Confidence,

    /// Exit 1 only for findings at or above this severity (info, low, medium, high, critical).
    #[arg(long, default_value = "low")]
    pub min_severity: Severity,

    /// Only scan files matching this glob (relative path or file name); repeatable.
    #[arg(long, value_name = "GLOB")]
    pub include: Vec<String>,

    /// Skip files matching this glob; repeatable.
    #[arg(long, value_name = "GLOB")]
    pub exclude: Vec<String>,

    /// Only run these detectors (comma-separated IDs, see --list-detectors).
    #[arg(long, value_delimiter = ',', value_name = "ID")]
    pub detectors: Vec<String>,

    /// List the detectors with their category and regulations, then exit.
    #[arg(long)]
    pub list_detectors: bool,

    /// Redacted samples kept per detector and dataset.
    #[arg(long, default_value_t = 3, value_name = "N")]
    pub samples: usize,

    /// Largest decompressed size of one gzip/zstd file, in MiB.
    #[arg(long, default_value_t = 1024, value_name = "MIB")]
    pub max_decompressed: u64,

    /// Key of the correlation hash (32+ bytes; created with random bytes if missing).
    /// Default: $TIGHTROPE_HOME/classify.key or ~/.local/share/tightrope/classify.key.
    #[arg(long, env = "TIGHTROPE_HASH_KEY", value_name = "FILE")]
    pub hash_key: Option<PathBuf>,

    /// Treat the scanned paths as a local copy or sample of this bucket (name or IaC address):
    /// its label is the highest label found, for --tag and the flow check.
    #[arg(long, value_name = "BUCKET")]
    pub as_bucket: Option<String>,

    /// Data-flow policy file (TOML with a [classify] section; see docs/classify.md).
    #[arg(long, value_name = "FILE")]
    pub policy: Option<PathBuf>,

    /// IaC to check the data-flow policy against (Terraform, CloudFormation, plans, state).
    #[arg(long, value_name = "PATH")]
    pub iac: Vec<PathBuf>,

    /// Write the labels to the tightrope store (document kind "classification") and suggest
    /// `DataClassification` tags for labelled buckets found in --iac.
    #[arg(long)]
    pub tag: bool,

    #[command(flatten)]
    pub db: tightrope_store::DbArgs,

    /// Never colour the table.
    #[arg(long)]
    pub no_color: bool,
}

fn parse_format(s: &str) -> Result<Format, String> {
    s.parse()
}

/// Run `tightrope classify`; returns the process exit code (see `tightrope_core::exit`).
pub fn run(args: &ClassifyArgs) -> anyhow::Result<u8> {
    if args.list_detectors {
        print!("{}", detector_list());
        return Ok(exit::CLEAN);
    }
    let filter = walk::Filter::new(&args.include, &args.exclude).map_err(|e| anyhow::anyhow!(e))?;
    let key = match args.hash_key.clone().or_else(HashKey::default_path) {
        Some(p) => HashKey::load_or_create(&p)?,
        None => anyhow::bail!("no place for the hash key: set --hash-key or $HOME"),
    };
    let opts = Options {
        min_confidence: args.min_confidence,
        samples: args.samples,
        max_decompressed: args.max_decompressed.saturating_mul(1 << 20),
        detectors: args.detectors.clone(),
        filter,
    };
    let classifier = Classifier::new(opts, key)?;
    let progress = spinner(args.paths.len());
    let result = classifier.classify_paths(&args.paths);
    progress.finish_and_clear();
    let mut all_findings = findings::to_findings(&result, args.min_confidence);
    let mut errors = result.errors.clone();

    // Labels of stores: from this run (--as-bucket), and later the policy and tags.
    let mut run_labels = BTreeMap::new();
    if let Some(b) = &args.as_bucket {
        run_labels.insert(b.clone(), result.label());
    }
    let policy = match &args.policy {
        Some(p) => {
            let text = std::fs::read_to_string(p).with_context(|| format!("reading policy {}", p.display()))?;
            ClassifyPolicy::parse(&text).map_err(|e| anyhow::anyhow!("{}: {e}", p.display()))?
        }
        None => ClassifyPolicy::default(),
    };
    let mut stores = Vec::new();
    if !args.iac.is_empty() {
        let scan = tightrope_ingest::scan(&args.iac);
        errors.extend(scan.errors.iter().cloned());
        let (s, f) = flow::check(&scan.state, &policy, &run_labels);
        all_findings.extend(f);
        if args.tag {
            for b in &scan.state.aws.s3.buckets {
                let Some(store) = s.iter().find(|st| st.address == b.meta.address) else {
                    continue;
                };
                let current = b
                    .meta
                    .tags
                    .iter()
                    .find(|(k, _)| k.eq_ignore_ascii_case("DataClassification"))
                    .map(|(_, v)| v.as_str());
                all_findings.extend(tag_suggestion(&b.meta.address, &b.meta.kind, &b.meta.origin, store.label, current));
            }
        }
        stores = s;
    } else if !policy.flows.is_empty() {
        tracing::warn!("a data-flow policy needs --iac to check against; skipping the flow check");
    }
    if args.tag {
        store_labels(args, &result, &run_labels)?;
    }

    let out = render_output(args, &result, &all_findings, &errors, &stores);
    match &args.output {
        Some(p) => std::fs::write(p, out).with_context(|| format!("writing {}", p.display()))?,
        None => print!("{out}"),
    }
    let failing = all_findings
        .iter()
        .any(|f| f.suppressed.is_none() && f.severity >= args.min_severity);
    Ok(if !errors.is_empty() {
        exit::INPUT_ERROR
    } else if failing {
        exit::FINDINGS
    } else {
        exit::CLEAN
    })
}

fn spinner(n: usize) -> indicatif::ProgressBar {
    if !std::io::stderr().is_terminal() {
        return indicatif::ProgressBar::hidden();
    }
    let pb = indicatif::ProgressBar::new_spinner();
    pb.set_message(format!("classifying {n} path(s)…"));
    pb.enable_steady_tick(std::time::Duration::from_millis(120));
    pb
}

/// Write one "classification" document per dataset (and one per --as-bucket) to the store.
fn store_labels(args: &ClassifyArgs, result: &Classification, run_labels: &BTreeMap<String, Label>) -> anyhow::Result<()> {
    let store = args.db.open().context("opening the tightrope store for --tag")?;
    for d in &result.datasets {
        let doc = serde_json::json!({ "kind": "dataset", "label": d.label, "format": d.format, "bytes": d.bytes, "detectors": d.detectors, "columns": d.columns });
        store
            .put_document("classification", &d.path, &doc)
            .with_context(|| format!("storing the label of {}", d.path))?;
    }
    for (bucket, label) in run_labels {
        let doc =
            serde_json::json!({ "kind": "bucket", "label": label, "sources": args.paths, "suggested_tag": flow::suggested_tag(*label) });
        store.put_document("classification", &format!("s3://{bucket}"), &doc)?;
    }
    tracing::info!(documents = result.datasets.len() + run_labels.len(), path = %store.path().display(), "labels stored");
    Ok(())
}

fn rules_used(findings: &[Finding]) -> Vec<RuleDescriptor> {
    let mut ids: Vec<&str> = findings.iter().map(|f| f.rule_id.as_str()).collect();
    ids.sort_unstable();
    ids.dedup();
    ids.into_iter()
        .map(|id| match detectors::by_id(id) {
            Some(d) => RuleDescriptor {
                id: d.id.into(),
                title: d.title.into(),
                severity: d.severity,
                step: tightrope_core::Step::Classify,
                ai: false,
                doc_markdown: format!(
                    "{} ({}; {}).",
                    d.title,
                    d.category.as_str(),
                    d.regulations.iter().map(|r| r.as_str()).collect::<Vec<_>>().join(", ")
                ),
                remediation: findings::remediation(d.category).into(),
                references: Vec::new(),
                compliance: Vec::new(),
            },
            None => {
                let f = findings.iter().find(|f| f.rule_id == id);
                RuleDescriptor {
                    id: id.into(),
                    title: f.map(|f| f.title.clone()).unwrap_or_default(),
                    severity: f.map_or(Severity::Medium, |f| f.severity),
                    step: tightrope_core::Step::Classify,
                    ai: true,
                    doc_markdown: f.map(|f| f.title.clone()).unwrap_or_default(),
                    remediation: f.map(|f| f.remediation.clone()).unwrap_or_default(),
                    references: Vec::new(),
                    compliance: Vec::new(),
                }
            }
        })
        .collect()
}

fn render_output(
    args: &ClassifyArgs,
    result: &Classification,
    all: &[Finding],
    errors: &[InputError],
    stores: &[flow::StoreAccess],
) -> String {
    let rules = rules_used(all);
    let report = Report {
        tool_version: env!("CARGO_PKG_VERSION"),
        findings: all,
        errors,
        not_evaluated: &[],
        rules: &rules,
        files_scanned: result.datasets.len(),
        resources: result.datasets.len(),
        min_severity: Severity::Info,
    };
    match args.format {
        Format::Json => {
            let doc = serde_json::json!({
                "tool": "tightrope classify",
                "version": env!("CARGO_PKG_VERSION"),
                "min_confidence": args.min_confidence,
                "label": result.label(),
                "datasets": result.datasets,
                "skipped": result.skipped,
                "stores": stores,
                "findings": all,
                "errors": errors,
            });
            serde_json::to_string_pretty(&doc).unwrap_or_default() + "\n"
        }
        Format::Sarif => render(Format::Sarif, &report, false),
        Format::Table => {
            let color = !args.no_color && args.output.is_none() && std::io::stdout().is_terminal();
            let mut s = labels_table(result);
            for st in stores {
                s.push_str(&format!(
                    "store {} ({}): {} [{}], {} reader(s)\n",
                    st.name.as_deref().unwrap_or(&st.address),
                    st.address,
                    st.label,
                    st.label_source,
                    st.readers.len()
                ));
            }
            s.push('\n');
            s.push_str(&render(Format::Table, &report, color));
            s
        }
    }
}

/// One line per dataset: label, size, and counts per detector.
fn labels_table(result: &Classification) -> String {
    let mut s = String::from("LABEL         DATASET (format, size): detectors\n");
    for d in &result.datasets {
        let dets: Vec<String> = d
            .detectors
            .iter()
            .map(|x| format!("{}×{} ({})", x.id, x.count, x.max_confidence))
            .collect();
        let cols: Vec<String> = d
            .columns
            .iter()
            .filter_map(|c| c.classification.map(|k| format!("{}={k}", c.name)))
            .collect();
        s.push_str(&format!(
            "{:<13} {} ({}, {} bytes): {}\n",
            d.label.as_str(),
            d.path,
            d.format,
            d.bytes,
            if dets.is_empty() { "-".into() } else { dets.join(", ") }
        ));
        if !cols.is_empty() {
            s.push_str(&format!("{:<13}   columns: {}\n", "", cols.join(", ")));
        }
    }
    s.push_str(&format!("overall label: {}\n", result.label()));
    s
}

/// The `--list-detectors` text.
pub fn detector_list() -> String {
    let mut s = String::new();
    for d in detectors::ALL {
        let regs: Vec<&str> = d.regulations.iter().map(|r| r.as_str()).collect();
        s.push_str(&format!(
            "{:<32} {:<11} {:<9} {:<42} {}\n",
            d.id,
            d.category.as_str(),
            d.severity.as_str(),
            d.title,
            regs.join(", ")
        ));
    }
    s
}

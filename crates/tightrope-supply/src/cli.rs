//! Command-line arguments and entry points, called by the `tightrope` binary. No analysis here:
//! each command calls the library and renders its typed results.

use clap::{Args, Subcommand};
use std::path::PathBuf;
use tightrope_core::{Finding, InputError, Severity, exit};
use tightrope_report::{Format, Report};

/// Arguments of `tightrope supply`.
#[derive(Args, Debug)]
#[command(long_about = "Step 5, AI supply chain: unsafe model files, vulnerable dependencies, model pinning and SBOM.\n\n\
    Model files are parsed, never loaded: pickles are walked opcode by opcode and every imported \
    callable outside an allow-list of tensor/array rebuilders is reported, with a severity by what \
    it can do. Dependencies are matched against a local OSV cache filled by `tightrope update osv`.\n\n\
    Examples:\n  \
    tightrope supply models ./models --format sarif --output models.sarif\n  \
    tightrope update osv --from advisories.zip && tightrope supply deps .\n  \
    tightrope supply lock ./models && tightrope supply verify\n  \
    tightrope supply sbom . --data ./data --output bom.cdx.json")]
pub struct SupplyArgs {
    #[command(subcommand)]
    pub command: SupplyCommand,
}

/// The `tightrope supply` subcommands. `about` is set explicitly (not as a doc comment) so that
/// each argument struct's `long_about` survives for `--help`.
#[derive(Subcommand, Debug)]
pub enum SupplyCommand {
    #[command(about = "Scan model files (pickle, PyTorch, joblib, NumPy, Keras, SavedModel, ONNX, safetensors, GGUF)")]
    Models(ModelsArgs),
    #[command(about = "Check dependency manifests and lock files against the local OSV advisory cache")]
    Deps(DepsArgs),
    #[command(about = "Write models.lock: SHA-256, size, format and scan verdict of every model file, and hub references")]
    Lock(LockArgs),
    #[command(about = "Fail (exit 1) when a model file changed, appeared or lost its pin since models.lock was written")]
    Verify(VerifyArgs),
    #[command(about = "Write a CycloneDX 1.6 SBOM: dependencies, vulnerabilities, model files (ML-BOM) and datasets")]
    Sbom(SbomArgs),
}

/// Arguments of `tightrope supply sbom`.
#[derive(Args, Debug)]
#[command(long_about = "Write a CycloneDX 1.6 JSON SBOM with ML-BOM components.\n\n\
    Dependencies from the manifests and lock files `tightrope supply deps` reads become `library` \
    components with purls and the lock file's hashes, linked in `dependencies` where the lock file \
    records the graph (Cargo.lock, poetry.lock, uv.lock, package-lock.json, yarn.lock, pnpm-lock.yaml). \
    Vulnerabilities come from the local OSV cache (`tightrope update osv`), with the affected \
    components and the fixed version to upgrade to; without a cache the BOM says so in its metadata \
    and the exit code is 2. Model files become `machine-learning-model` components with their \
    SHA-256, format, scan verdict and a `modelCard` from config.json, a README model card, GGUF \
    metadata, safetensors or ONNX headers. Paths given with --data, and datasets named by model \
    cards, become `data` components.\n\n\
    Exit codes: 0 written and complete; 2 written, but an input could not be read or the \
    dependencies could not be checked (see the errors on stderr and the BOM metadata).\n\n\
    Examples:\n  \
    tightrope supply sbom . --output bom.cdx.json\n  \
    tightrope supply sbom ./service ./models --data ./datasets/train.parquet --no-vulns")]
pub struct SbomArgs {
    /// Directories or files with manifests, lock files and model files.
    #[arg(default_value = ".")]
    pub paths: Vec<PathBuf>,
    /// A dataset file or directory to list as a `data` component (repeatable).
    #[arg(long, value_name = "PATH")]
    pub data: Vec<PathBuf>,
    /// Do not match dependencies against OSV advisories (the BOM says they were not checked).
    #[arg(long)]
    pub no_vulns: bool,
    #[command(flatten)]
    pub db: DbArgs,
    /// Write the BOM to FILE instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

/// Arguments of `tightrope supply lock`.
#[derive(Args, Debug)]
#[command(long_about = "Pin model files: write models.lock (JSON) with the path, SHA-256, size, format and scan verdict \
    of every model file under PATHS, and the hub model references found in code and configuration \
    (references without a pinned revision are reported as findings).\n\n\
    Example:\n  tightrope supply lock ./models ./src --lock models.lock")]
pub struct LockArgs {
    /// Directories or files holding model files and the code that loads them.
    #[arg(default_value = ".")]
    pub paths: Vec<PathBuf>,
    /// Lock file to write.
    #[arg(long, default_value = "models.lock", value_name = "FILE")]
    pub lock: PathBuf,
    #[command(flatten)]
    pub out: OutputArgs,
}

/// Arguments of `tightrope supply verify`.
#[derive(Args, Debug)]
#[command(long_about = "Verify model files against models.lock: every pinned file must exist with the same SHA-256, \
    and no unpinned model file may appear under the locked roots.\n\n\
    Example:\n  tightrope supply verify --lock models.lock --format sarif --output verify.sarif")]
pub struct VerifyArgs {
    /// Lock file written by `tightrope supply lock`.
    #[arg(long, default_value = "models.lock", value_name = "FILE")]
    pub lock: PathBuf,
    #[command(flatten)]
    pub out: OutputArgs,
}

/// Where the OSV cache lives and how old it may be.
#[derive(Args, Debug)]
pub struct DbArgs {
    /// OSV cache directory (default: $XDG_CACHE_HOME/tightrope/osv or ~/.cache/tightrope/osv).
    #[arg(long, value_name = "DIR", env = "TIGHTROPE_OSV_CACHE")]
    pub cache_dir: Option<PathBuf>,
    /// Fail (exit 2) when the newest advisory in the cache is older than DAYS; 0 disables the check.
    #[arg(long, default_value_t = 7, value_name = "DAYS")]
    pub max_age_days: i64,
}

impl DbArgs {
    fn dir(&self) -> PathBuf {
        self.cache_dir.clone().unwrap_or_else(crate::osv::default_cache_dir)
    }
}

/// Arguments of `tightrope supply deps`.
#[derive(Args, Debug)]
#[command(long_about = "Check dependencies against OSV advisories with each ecosystem's version rules.\n\n\
    Reads requirements*.txt (with -r, --hash, markers, extras), poetry.lock, uv.lock, Pipfile.lock, \
    pyproject.toml, environment.yml, package-lock.json, yarn.lock, pnpm-lock.yaml, Cargo.lock and \
    go.sum. A missing or stale database, or an ecosystem it lacks, is an error (exit 2): unchecked \
    dependencies are never reported as clean.\n\n\
    Example:\n  tightrope update osv --from osv-PyPI.zip && tightrope supply deps . --format sarif")]
pub struct DepsArgs {
    /// Manifests or directories to search for them.
    #[arg(default_value = ".")]
    pub paths: Vec<PathBuf>,
    #[command(flatten)]
    pub db: DbArgs,
    #[command(flatten)]
    pub out: OutputArgs,
}

/// Output options shared by the scanning subcommands.
#[derive(Args, Debug)]
pub struct OutputArgs {
    /// Output format.
    #[arg(short, long, default_value = "table", value_parser = parse_format, value_name = "table|json|sarif")]
    pub format: Format,
    /// Write the report to FILE instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Report only findings at or above this severity; they decide the exit code.
    #[arg(long, default_value = "low", value_parser = parse_severity, value_name = "info|low|medium|high|critical")]
    pub min_severity: Severity,
    /// Never colour the table.
    #[arg(long)]
    pub no_color: bool,
}

/// Arguments of `tightrope supply models`.
#[derive(Args, Debug)]
#[command(long_about = "Scan model files, parsed and never executed.\n\n\
    Files are recognised by content (zip, tar, 7z, NumPy, HDF5, GGUF, safetensors, pickle) and by \
    name where a format has no magic (saved_model.pb, .onnx). Containers are read with bounds on \
    entry count, size and compression ratio; entries escaping the extraction directory are findings.\n\n\
    Example:\n  tightrope supply models ./checkpoints --min-severity high")]
pub struct ModelsArgs {
    /// Model files or directories (scanned recursively; symlinks are not followed).
    #[arg(default_value = ".")]
    pub paths: Vec<PathBuf>,
    #[command(flatten)]
    pub out: OutputArgs,
}

fn parse_format(s: &str) -> Result<Format, String> {
    s.parse()
}

fn parse_severity(s: &str) -> Result<Severity, String> {
    s.parse()
}

/// Run `tightrope supply`; returns the process exit code (see `tightrope_core::exit`).
pub fn run(args: &SupplyArgs) -> anyhow::Result<u8> {
    match &args.command {
        SupplyCommand::Models(a) => {
            let scan = crate::model::scan_paths(&a.paths);
            let findings = scan.findings();
            emit(&a.out, &findings, &scan.errors, scan.files.len())
        }
        SupplyCommand::Deps(a) => {
            let (deps, mut errors, files) = crate::deps::discover(&a.paths);
            let db = crate::osv::Database::load(&a.db.dir())?;
            let max_age = (a.db.max_age_days > 0).then_some(a.db.max_age_days);
            let report = crate::vulns::check(&deps, db.as_ref(), max_age, crate::vulns::today());
            for e in &report.errors {
                tracing::error!("{e}");
            }
            tracing::info!(dependencies = deps.len(), checked = report.checked, vulnerable = report.matches.len(), "dependency check done");
            errors.extend(report.errors);
            emit(&a.out, &report.findings, &errors, files)
        }
        SupplyCommand::Lock(a) => {
            let (lock, findings, errors) = crate::pin::lock(&a.paths);
            let text = serde_json::to_string_pretty(&lock)?;
            std::fs::write(&a.lock, text + "\n").map_err(|e| anyhow::anyhow!("cannot write {}: {e}", a.lock.display()))?;
            eprintln!("wrote {} ({} model files, {} hub references)", a.lock.display(), lock.files.len(), lock.hub.len());
            emit(&a.out, &findings, &errors, lock.files.len())
        }
        SupplyCommand::Verify(a) => {
            let text = std::fs::read_to_string(&a.lock).map_err(|e| anyhow::anyhow!("cannot read {}: {e}", a.lock.display()))?;
            let lock: crate::pin::LockFile = match serde_json::from_str(&text) {
                Ok(l) => l,
                Err(e) => {
                    eprintln!("error: {}:{}: not a models.lock: {e}", a.lock.display(), e.line());
                    return Ok(exit::INPUT_ERROR);
                }
            };
            let (findings, errors) = crate::pin::verify(&lock, &a.lock.display().to_string());
            emit(&a.out, &findings, &errors, lock.files.len())
        }
        SupplyCommand::Sbom(a) => run_sbom(a),
    }
}

/// Run `tightrope supply sbom`.
fn run_sbom(a: &SbomArgs) -> anyhow::Result<u8> {
    let db = if a.no_vulns { None } else { crate::osv::Database::load(&a.db.dir())? };
    let advisories = match (&db, a.no_vulns) {
        (_, true) => crate::sbom::Advisories::Skipped,
        (Some(db), false) => crate::sbom::Advisories::Database { db, max_age_days: (a.db.max_age_days > 0).then_some(a.db.max_age_days) },
        (None, false) => crate::sbom::Advisories::Missing,
    };
    let out = crate::sbom::build(&crate::sbom::Request { paths: a.paths.clone(), data: a.data.clone(), advisories });
    let text = serde_json::to_string_pretty(&out.bom)?;
    write_output(a.output.as_deref(), &text)?;
    for e in &out.errors {
        eprintln!("error: {e}");
    }
    let b = &out.bom;
    let count = |k: crate::sbom::cyclonedx::ComponentType| b.components.iter().filter(|c| c.kind == k).count();
    use crate::sbom::cyclonedx::ComponentType as T;
    eprintln!(
        "{}CycloneDX {}: {} libraries, {} models, {} datasets, {} dependency nodes, {} vulnerabilities{}",
        a.output.as_ref().map_or(String::new(), |p| format!("wrote {}: ", p.display())),
        b.spec_version,
        count(T::Library),
        count(T::MachineLearningModel),
        count(T::Data),
        b.dependencies.len(),
        b.vulnerabilities.len(),
        match advisories {
            crate::sbom::Advisories::Database { .. } => String::new(),
            _ => " (dependencies NOT checked for vulnerabilities)".to_string(),
        }
    );
    Ok(if out.errors.is_empty() { exit::CLEAN } else { exit::INPUT_ERROR })
}

/// Render findings and errors, write them, and compute the exit code.
pub fn emit(out: &OutputArgs, findings: &[Finding], errors: &[InputError], files: usize) -> anyhow::Result<u8> {
    let rules = crate::rules::descriptors();
    let report = Report {
        tool_version: env!("CARGO_PKG_VERSION"),
        findings,
        errors,
        not_evaluated: &[],
        rules: &rules,
        files_scanned: files,
        resources: files,
        min_severity: out.min_severity,
    };
    let color = out.output.is_none() && !out.no_color && std::env::var_os("NO_COLOR").is_none() && std::io::IsTerminal::is_terminal(&std::io::stdout());
    let text = tightrope_report::render(out.format, &report, color);
    write_output(out.output.as_deref(), &text)?;
    Ok(exit_code(findings, errors, out.min_severity))
}

/// Write `text` to FILE or standard output.
pub fn write_output(path: Option<&std::path::Path>, text: &str) -> anyhow::Result<()> {
    match path {
        Some(p) => std::fs::write(p, text).map_err(|e| anyhow::anyhow!("cannot write {}: {e}", p.display())),
        None => {
            use std::io::Write;
            let mut o = std::io::stdout().lock();
            o.write_all(text.as_bytes())?;
            if !text.ends_with('\n') {
                o.write_all(b"\n")?;
            }
            Ok(())
        }
    }
}

/// 2 when any input could not be read, 1 on findings at or above the threshold, else 0.
pub fn exit_code(findings: &[Finding], errors: &[InputError], min: Severity) -> u8 {
    if !errors.is_empty() {
        exit::INPUT_ERROR
    } else if findings.iter().any(|f| f.suppressed.is_none() && f.severity >= min) {
        exit::FINDINGS
    } else {
        exit::CLEAN
    }
}

/// Arguments of `tightrope update osv`.
#[derive(Args, Debug)]
#[command(long_about = "Fill the local OSV advisory cache.\n\n\
    With --from, import a directory, .zip or .tar.gz of OSV JSON/YAML advisories (air-gapped \
    machines; e.g. an `all.zip` export from the OSV bucket, copied in). Without --from, this build \
    has no network client and says so.\n\n\
    Example:\n  tightrope update osv --from ./PyPI-all.zip")]
pub struct UpdateArgs {
    /// Directory, .zip or .tar.gz of OSV advisories (JSON or YAML).
    #[arg(long, value_name = "PATH")]
    pub from: Option<PathBuf>,
    /// OSV cache directory (default: $XDG_CACHE_HOME/tightrope/osv or ~/.cache/tightrope/osv).
    #[arg(long, value_name = "DIR", env = "TIGHTROPE_OSV_CACHE")]
    pub cache_dir: Option<PathBuf>,
}

/// Run `tightrope update osv`; returns the process exit code (see `tightrope_core::exit`).
pub fn run_update(args: &UpdateArgs) -> anyhow::Result<u8> {
    let Some(from) = &args.from else {
        eprintln!(
            "error: downloading OSV exports is not built in; fetch https://osv-vulnerabilities.storage.googleapis.com/<ecosystem>/all.zip \
             on a connected machine and run `tightrope update osv --from all.zip`"
        );
        return Ok(exit::INPUT_ERROR);
    };
    let dir = args.cache_dir.clone().unwrap_or_else(crate::osv::default_cache_dir);
    let (advisories, bad) = crate::osv::read_source(from)?;
    for (file, why) in &bad {
        eprintln!("warning: {file}: not an OSV advisory: {why}");
    }
    if advisories.is_empty() {
        eprintln!("error: no OSV advisories found in {}", from.display());
        return Ok(exit::INPUT_ERROR);
    }
    let meta = crate::osv::write_cache(&dir, &advisories, &from.display().to_string())?;
    println!("imported {} advisories into {} (newest modified {}):", advisories.len(), dir.display(), meta.newest_modified);
    for (eco, n) in &meta.ecosystems {
        println!("  {eco}: {n}");
    }
    Ok(if bad.is_empty() { exit::CLEAN } else { exit::INPUT_ERROR })
}

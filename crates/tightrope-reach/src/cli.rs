//! Command-line arguments and entry points, called by the `tightrope` binary.

use crate::check::{self, zone_flows};
use crate::config::ReachConfig;
use crate::model::Model;
use crate::{api, dot, policy, query, render};
use clap::Args;
use std::io::IsTerminal;
use std::path::PathBuf;
use tightrope_core::{CloudState, InputError, Severity, exit};
use tightrope_report::{Format, Report, RuleDescriptor};

/// Arguments of `tightrope reach`.
#[derive(Args, Debug)]
#[command(long_about = "Step 6: network segmentation.\n\n\
    Reads the network from infrastructure as code (--iac: Terraform HCL / plan / state, \
    CloudFormation) and/or raw AWS API outputs (--api: `aws ec2 describe-*` JSON and friends), \
    assigns endpoints to zones (training, serving, dev, prod, data, internet, or zones you define \
    in --config), and answers questions with every security group, route and network ACL taken \
    into account, for all ports and addresses at once.\n\n\
    Examples:\n  \
    tightrope reach --api aws-dump/ bastion web1            # can bastion talk to web1? how?\n  \
    tightrope reach --iac infra/ training prod --port 5432  # any training host to prod on tcp/5432\n  \
    tightrope reach --iac infra/ internet serving           # what the internet reaches in serving\n  \
    tightrope reach --iac infra/ --zones                    # which endpoint is in which zone\n  \
    tightrope reach --iac infra/ --check --config tightrope.toml --format sarif -o reach.sarif\n  \
    tightrope reach --iac infra/ --format dot -o zones.dot  # zone graph, violations in red\n\n\
    FROM and TO are `internet`, a zone, an endpoint (id, Name tag or IaC address) or an IP address \
    inside a known subnet.\n\n\
    Exit codes: 0 answered / no finding at or above --min-severity; 1 findings (--check); \
    2 usage or input error.")]
pub struct ReachArgs {
    /// Source of the traffic: `internet`, a zone, an endpoint, or an address.
    #[arg(value_name = "FROM")]
    pub from: Option<String>,
    /// Destination of the traffic (same forms as FROM).
    #[arg(value_name = "TO", requires = "from")]
    pub to: Option<String>,
    /// Infrastructure-as-code files or directories (Terraform, CloudFormation), or snapshot files
    /// (`tightrope snapshot`, `tightrope collect aws`). Repeatable.
    #[arg(long, value_name = "PATH")]
    pub iac: Vec<PathBuf>,
    /// Raw AWS API JSON outputs (`aws ec2 describe-*`, ELB, RDS, ...), files or directories. Repeatable.
    #[arg(long, value_name = "PATH")]
    pub api: Vec<PathBuf>,
    /// Project configuration (TOML) with a `[reach]` section: zones, policy, trusted CIDRs.
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Only this destination port (or range `8000-8080`).
    #[arg(long, value_name = "PORT")]
    pub port: Option<String>,
    /// Protocol of --port: tcp, udp, icmp or all.
    #[arg(long, default_value = "tcp", value_name = "PROTO")]
    pub protocol: String,
    /// Check the segmentation policy and internet exposure; report findings.
    #[arg(long, conflicts_with_all = ["from", "to"])]
    pub check: bool,
    /// List every endpoint with its zone.
    #[arg(long, conflicts_with_all = ["from", "to", "check"])]
    pub zones: bool,
    /// Print the zone flows (with --format dot: the zone graph).
    #[arg(long, conflicts_with_all = ["from", "to", "zones"])]
    pub graph: bool,
    /// Output format: table, json, sarif (findings of --check) or dot (zone graph).
    #[arg(
        short,
        long,
        default_value = "table",
        value_name = "table|json|sarif|dot"
    )]
    pub format: String,
    /// Write the output to FILE instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Also render the zone graph to this SVG file (needs Graphviz `dot` on PATH).
    #[arg(long, value_name = "FILE")]
    pub svg: Option<PathBuf>,
    /// With --check: report findings at or above this severity; they decide the exit code.
    #[arg(
        long,
        default_value = "low",
        value_name = "info|low|medium|high|critical"
    )]
    pub min_severity: String,
    /// Never colour the table.
    #[arg(long)]
    pub no_color: bool,
}

/// Everything read: the state, input errors, and how much was read.
pub struct Loaded {
    pub state: CloudState,
    pub errors: Vec<InputError>,
    pub files: usize,
}

/// Reads IaC and API inputs into one state (IaC `.` when neither is given).
pub fn load(iac: &[PathBuf], api_paths: &[PathBuf]) -> Loaded {
    let iac: Vec<PathBuf> = if iac.is_empty() && api_paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        iac.to_vec()
    };
    let mut states = Vec::new();
    let mut errors = Vec::new();
    let mut files = 0;
    // Snapshot files (`tightrope snapshot`, `tightrope collect aws`) are read as they are.
    let (snapshots, iac): (Vec<PathBuf>, Vec<PathBuf>) =
        iac.into_iter().partition(|p| tightrope_store::is_snapshot_file(p));
    if !iac.is_empty() {
        let scan = tightrope_ingest::scan(&iac);
        files += scan.files.len();
        errors.extend(scan.errors);
        states.push(scan.state);
    }
    for p in &snapshots {
        match tightrope_store::Snapshot::read_file(p) {
            Ok(snap) => {
                files += 1;
                states.push(snap.state);
            }
            Err(e) => errors.push(InputError {
                path: p.display().to_string(),
                line: None,
                message: format!("cannot read snapshot: {e}"),
            }),
        }
    }
    // The first source keeps its whole state; later ones add their network.
    let mut states = states.into_iter();
    let mut state = states.next().unwrap_or_default();
    states.for_each(|s| merge(&mut state, s));
    if !api_paths.is_empty() {
        for p in api_paths.iter().filter(|p| !p.exists()) {
            errors.push(InputError {
                path: p.display().to_string(),
                line: None,
                message: "no such file or directory".into(),
            });
        }
        let scan = api::read_paths(api_paths);
        files += scan.files;
        errors.extend(scan.errors);
        merge(&mut state, scan.state);
    }
    Loaded {
        state,
        errors,
        files,
    }
}

/// Adds the network-relevant parts of `from` to `into`.
fn merge(into: &mut CloudState, from: CloudState) {
    let (a, b) = (&mut into.aws.network, from.aws.network);
    a.vpcs.extend(b.vpcs);
    a.subnets.extend(b.subnets);
    a.security_groups.extend(b.security_groups);
    a.vpc_endpoints.extend(b.vpc_endpoints);
    a.route_tables.extend(b.route_tables);
    a.network_acls.extend(b.network_acls);
    a.gateways.extend(b.gateways);
    a.peering_connections.extend(b.peering_connections);
    a.prefix_lists.extend(b.prefix_lists);
    a.network_interfaces.extend(b.network_interfaces);
    a.load_balancers.extend(b.load_balancers);
    into.aws
        .compute
        .instances
        .extend(from.aws.compute.instances);
}

/// The rules of this step, for SARIF and summaries.
pub fn rule_descriptors() -> Vec<RuleDescriptor> {
    let d = |id: &str, title: &str, severity, ai, doc: &str| RuleDescriptor {
        id: id.into(),
        title: title.into(),
        severity,
        step: tightrope_core::Step::Reach,
        ai,
        doc_markdown: doc.into(),
        remediation: String::new(),
        references: Vec::new(),
        compliance: Vec::new(),
    };
    vec![
        d(
            check::VIOLATION,
            "Segmentation policy violated",
            Severity::High,
            false,
            "A flow between two zones breaks a rule of the segmentation policy (`[reach] policy`).",
        ),
        d(
            check::AI_EXPOSED,
            "Internet-exposed AI workload",
            Severity::High,
            true,
            "An AI endpoint, notebook or training/serving host is reachable from the internet outside the trusted networks.",
        ),
        d(
            check::EXPOSED,
            "Internet-exposed resource",
            Severity::Medium,
            false,
            "A resource is reachable from the internet outside the trusted networks.",
        ),
    ]
}

fn write_out(args: &ReachArgs, text: &str) -> anyhow::Result<()> {
    match &args.output {
        Some(p) => std::fs::write(p, text).map_err(|e| anyhow::anyhow!("{}: {e}", p.display())),
        None => {
            print!("{text}");
            Ok(())
        }
    }
}

/// `tcp`/`udp`/... and `443` or `8000-8080` into a service box.
fn service(args: &ReachArgs) -> anyhow::Result<Option<((u128, u128), (u128, u128))>> {
    let Some(port) = &args.port else {
        return Ok(None);
    };
    policy::service(&format!("{}/{}", args.protocol, port))
        .map(Some)
        .map_err(|e| anyhow::anyhow!("--port/--protocol: {e}"))
}

/// Run `tightrope reach`; returns the process exit code (see `tightrope_core::exit`).
pub fn run(args: &ReachArgs) -> anyhow::Result<u8> {
    let format = args.format.to_ascii_lowercase();
    anyhow::ensure!(
        matches!(format.as_str(), "table" | "json" | "sarif" | "dot"),
        "unknown --format `{}` (expected table, json, sarif or dot)",
        args.format
    );
    let min_severity: Severity = args
        .min_severity
        .parse()
        .map_err(|e: String| anyhow::anyhow!(e))?;
    let config = match &args.config {
        Some(p) => ReachConfig::load(p)?,
        None => ReachConfig::default(),
    };
    let rules = config.policy_rules()?;
    let service = service(args)?;
    let loaded = load(&args.iac, &args.api);
    for e in &loaded.errors {
        tracing::warn!("{e}");
        eprintln!("error: {e}");
    }
    let model = Model::build(&loaded.state, &config);
    tracing::info!(
        files = loaded.files,
        endpoints = model.endpoints.len(),
        subnets = model.subnets.len(),
        groups = model.groups.len(),
        "network model built"
    );
    for n in &model.notes {
        tracing::debug!("{n}");
    }
    let input_code = if loaded.errors.is_empty() {
        exit::CLEAN
    } else {
        exit::INPUT_ERROR
    };
    if model.endpoints.is_empty() {
        eprintln!(
            "warning: no endpoints (instances, interfaces, load balancers, notebooks) in the input"
        );
    }

    if args.svg.is_some() || format == "dot" || args.graph {
        let flows = zone_flows(&model);
        let zones = check::zones(&model);
        let graph = dot::render(&zones, &flows, &rules);
        if let Some(svg) = &args.svg {
            write_svg(&graph, svg);
        }
        if format == "dot" {
            write_out(args, &graph)?;
            return Ok(input_code);
        }
        if args.graph {
            let text = if format == "json" {
                serde_json::to_string_pretty(&flows.iter().map(|f| serde_json::json!({"from": f.from, "to": f.to, "allowed": f.allowed.describe_services()})).collect::<Vec<_>>())? + "\n"
            } else {
                render::flows_table(&flows)
            };
            write_out(args, &text)?;
            return Ok(input_code);
        }
    }

    if args.zones {
        let text = if format == "json" {
            let rows: Vec<_> = model
                .endpoints
                .iter()
                .map(|e| serde_json::json!({"id": e.id, "name": e.name, "kind": e.kind, "zone": e.zone, "ai": e.ai, "public": !matches!(e.public, crate::model::Public::No)}))
                .collect();
            serde_json::to_string_pretty(&rows)? + "\n"
        } else {
            let mut t = String::from("ZONE          KIND           PUBLIC  ENDPOINT\n");
            let mut rows: Vec<_> = model.endpoints.iter().collect();
            rows.sort_by(|a, b| (&a.zone, &a.name).cmp(&(&b.zone, &b.name)));
            for e in rows {
                let shown = if e.name == e.id {
                    e.id.clone()
                } else {
                    format!("{} ({})", e.name, e.id)
                };
                t.push_str(&format!(
                    "{:<13} {:<14} {:<7} {shown}\n",
                    e.zone,
                    e.kind.as_str(),
                    if matches!(e.public, crate::model::Public::No) {
                        "no"
                    } else {
                        "yes"
                    }
                ));
            }
            t
        };
        write_out(args, &text)?;
        return Ok(input_code);
    }

    if args.check {
        let findings = check::check(&model, &rules);
        let rule_list = rule_descriptors();
        let report = Report {
            tool_version: env!("CARGO_PKG_VERSION"),
            findings: &findings,
            errors: &loaded.errors,
            not_evaluated: &[],
            rules: &rule_list,
            files_scanned: loaded.files,
            resources: model.endpoints.len(),
            min_severity,
        };
        let fmt: Format = if format == "dot" {
            Format::Table
        } else {
            format.parse().map_err(|e: String| anyhow::anyhow!(e))?
        };
        let color = !args.no_color
            && args.output.is_none()
            && std::io::stdout().is_terminal()
            && std::env::var_os("NO_COLOR").is_none();
        write_out(args, &tightrope_report::render(fmt, &report, color))?;
        if input_code != exit::CLEAN {
            return Ok(input_code);
        }
        let hit = findings
            .iter()
            .any(|f| f.suppressed.is_none() && f.severity >= min_severity);
        return Ok(if hit { exit::FINDINGS } else { exit::CLEAN });
    }

    let (Some(from), Some(to)) = (&args.from, &args.to) else {
        anyhow::bail!("give FROM and TO, or --check, --zones, --graph or --format dot");
    };
    let answer = match query::ask(&model, from, to, service) {
        Ok(a) => a,
        Err(e) => {
            eprintln!("error: {e}");
            return Ok(exit::INPUT_ERROR);
        }
    };
    let text = match format.as_str() {
        "json" => serde_json::to_string_pretty(&render::answer_json(&answer))? + "\n",
        "sarif" => anyhow::bail!(
            "--format sarif applies to --check findings; use table or json for a question"
        ),
        _ => render::answer_table(&answer),
    };
    write_out(args, &text)?;
    Ok(input_code)
}

/// Renders DOT to SVG with Graphviz when `dot` is installed; says so otherwise.
fn write_svg(graph: &str, path: &std::path::Path) {
    use std::io::Write;
    let child = std::process::Command::new("dot")
        .arg("-Tsvg")
        .arg("-o")
        .arg(path)
        .stdin(std::process::Stdio::piped())
        .spawn();
    match child {
        Ok(mut c) => {
            if let Some(stdin) = c.stdin.as_mut() {
                let _ = stdin.write_all(graph.as_bytes());
            }
            drop(c.stdin.take());
            match c.wait() {
                Ok(s) if s.success() => tracing::info!(svg = %path.display(), "zone graph written"),
                _ => eprintln!("warning: Graphviz `dot` failed; no SVG written"),
            }
        }
        Err(_) => eprintln!(
            "warning: Graphviz `dot` is not installed; use --format dot and render it elsewhere"
        ),
    }
}

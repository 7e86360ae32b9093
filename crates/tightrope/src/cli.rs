//! Command-line arguments.

use clap::{Args, Parser, Subcommand};
use std::path::PathBuf;
use tightrope_core::Severity;
use tightrope_report::Format;

#[derive(Parser, Debug)]
#[command(
    name = "tightrope",
    version,
    about = "Security preflight for AI workloads in the cloud",
    long_about = "Security preflight for AI workloads in the cloud.\n\n\
        tightrope checks what must be in place before an AI project scales: posture of the cloud and \
        its AI services (SageMaker, Bedrock, vector stores, GPU clusters), least privilege, data, \
        detections, supply chain, network segmentation and incident response.",
    after_help = "Exit codes: 0 no finding at or above the threshold; 1 findings; 2 usage or input error.\n\
        Docs: docs/ in the repository; rules reference: `tightrope rules --markdown`."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
    /// More log output on stderr (-v info, -vv debug, -vvv trace). RUST_LOG overrides.
    #[arg(short, long, global = true, action = clap::ArgAction::Count)]
    pub verbose: u8,
    /// Only errors on stderr.
    #[arg(short, long, global = true)]
    pub quiet: bool,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Step 1: audit IaC (Terraform HCL, plan and state JSON, CloudFormation, Kubernetes) against secure defaults.
    #[command(long_about = "Step 1: audit infrastructure as code against secure defaults, with the AI services first.\n\n\
        PATHs are files or directories, scanned recursively; the format of each file is detected \
        (Terraform .tf directories as modules, Terraform plan/state JSON, CloudFormation JSON/YAML, \
        Kubernetes YAML). A file that cannot be read is reported with its line and the scan goes on.\n\n\
        Suppress a finding inline with a comment in or just above the resource:\n  \
        # tightrope:ignore TR-AWS-S3-005 access logs bucket, versioning adds nothing\n\
        or in a YAML file given with --suppressions (format in README.md). A reason is required.\n\n\
        Compliance: every rule maps to the requirements it serves (CIS AWS/Azure/GCP, NIST AI RMF, \
        OWASP LLM Top 10 2025, MITRE ATLAS, ISO/IEC 42001). For a pass/fail summary per requirement:\n  \
        tightrope audit infra/ --compliance owasp-llm\n  \
        tightrope audit infra/ --compliance cis-aws --format json --output cis.json\n\
        Frameworks: cis-aws, cis-azure, cis-gcp, nist-ai-rmf, owasp-llm, mitre-atlas, iso-42001.\n\n\
        Live AWS account instead of files (read-only; see `tightrope collect aws --help`):\n  \
        tightrope audit --aws --profile audit --region eu-west-1")]
    Audit(AuditArgs),
    /// List the built-in rules, or generate their Markdown reference.
    Rules(RulesArgs),
    /// List every AI-related resource (models, endpoints, notebooks, agents, vector stores, GPU compute, training data) with its security attributes.
    #[command(long_about = "List every AI-related resource found in infrastructure as code, with its key security \
        attributes: encryption, network exposure, logging and the identity it runs as.\n\n\
        Assets: SageMaker notebooks, Studio domains, models, endpoint configurations, monitoring job \
        definitions, model registries and monitoring schedules; Bedrock agents, knowledge bases, \
        guardrails, custom models and invocation logging; vector stores (OpenSearch, PostgreSQL \
        RDS/Aurora with vector hints, Vertex AI index endpoints); GPU instances and EKS GPU node groups; \
        training-data buckets (referenced as model data, classification tags, training words in names); \
        Azure OpenAI / Cognitive Services accounts and Azure ML; Vertex AI notebooks and endpoints; \
        Kubernetes inference workloads (GPU requests, model-serving images).\n\n\
        Examples:\n  \
        tightrope inventory infra/\n  \
        tightrope inventory infra/ k8s/ --format json --output ai-assets.json\n\n\
        Exit codes: 0 listed; 2 usage error or an input that could not be read (the list is then incomplete).")]
    Inventory(InventoryArgs),
    /// Step 2: least privilege: over-permissive grants, escalation paths into AI assets, policies from activity.
    Access(tightrope_access::cli::AccessArgs),
    /// Step 3: find PII, PHI, financial data and secrets in datasets; label them; check where they may flow.
    Classify(tightrope_classify::cli::ClassifyArgs),
    /// Step 4: learn normal behaviour from CloudTrail, flag deviations with reasons, run Sigma rules.
    Detect(tightrope_detect::cli::DetectArgs),
    /// Step 5: vulnerable dependencies, unsafe model files, model pinning, SBOM with ML-BOM.
    Supply(tightrope_supply::cli::SupplyArgs),
    /// Step 6: network zones, reachability with explained paths, segmentation policy.
    Reach(tightrope_reach::cli::ReachArgs),
    /// All steps over one environment (tightrope.toml): readiness verdict, blockers, cross-step attack paths, reports.
    #[command(long_about = tightrope_preflight::cli::LONG_ABOUT)]
    Preflight(tightrope_preflight::cli::PreflightArgs),
    /// Step 7: incident-response playbooks bound to detections; drills and tabletop exercises that prove them.
    Drill(tightrope_drill::cli::DrillArgs),
    /// Write a commented starter tightrope.toml from what the current directory holds.
    #[command(long_about = tightrope_preflight::cli::INIT_LONG_ABOUT)]
    Init(tightrope_preflight::cli::InitArgs),
    /// Save, list, show or delete named baselines of the environment.
    Baseline(tightrope_drift::cli::BaselineArgs),
    /// Compare the environment now against a saved baseline.
    Drift(tightrope_drift::cli::DriftArgs),
    /// Write a snapshot file of the typed cloud state scanned from SOURCES.
    Snapshot(tightrope_drift::cli::SnapshotArgs),
    /// Findings counts per scan over time.
    History(tightrope_drift::cli::HistoryArgs),
    /// The team server: authenticated JSON API, web dashboard, scheduled scans and drift, metrics.
    #[command(long_about = tightrope_serve::cli::LONG_ABOUT)]
    Serve(tightrope_serve::cli::ServeArgs),
    /// Refresh the local caches of upstream data (IAM actions, OSV advisories).
    Update {
        #[command(subcommand)]
        source: UpdateSource,
    },
    /// Collect the live state of a cloud account, read-only, into a snapshot file.
    Collect {
        #[command(subcommand)]
        source: CollectSource,
    },
}

/// Which cloud `tightrope collect` reads.
#[derive(Subcommand, Debug)]
pub enum CollectSource {
    /// An AWS account (or several, with --role-arn), read-only through the AWS SDK.
    #[command(long_about = "Collect an AWS account, read-only, into a snapshot file (the format of `tightrope \
        snapshot`, usable with `tightrope drift` and `tightrope baseline save`).\n\n\
        Credentials come from the usual AWS chain (environment, --profile, SSO, credential_process, \
        instance roles). The collector only calls Describe/Get/List operations; the minimal IAM \
        policy is in docs/permissions.json (print it with --print-policy). A service that cannot be read \
        (access denied, not enabled, not implemented by the endpoint) is recorded as not collected and \
        the rules that need it report `not evaluated`.\n\n\
        Examples:\n  \
        tightrope collect aws --profile audit --region eu-west-1 --region us-east-1 -o live.json\n  \
        tightrope collect aws --all-regions --role-arn arn:aws:iam::111122223333:role/Audit -o org.json\n  \
        tightrope collect aws --endpoint-url http://127.0.0.1:5000 -o moto.json")]
    Aws(CollectAwsArgs),
}

/// Where and how to read a live AWS account (`collect aws`, `audit --aws`).
#[derive(Args, Debug, Clone, Default)]
pub struct AwsArgs {
    /// Named AWS profile (default: the standard credential chain).
    #[arg(long, value_name = "NAME", env = "AWS_PROFILE")]
    pub profile: Option<String>,
    /// Region to collect (repeatable, or comma-separated; default: the profile's region).
    #[arg(long = "region", value_name = "REGION", value_delimiter = ',')]
    pub regions: Vec<String>,
    /// Collect every region enabled for the account.
    #[arg(long, conflicts_with = "regions")]
    pub all_regions: bool,
    /// Assume this role to collect another account (repeatable: one per account).
    #[arg(long = "role-arn", value_name = "ARN", value_delimiter = ',')]
    pub role_arns: Vec<String>,
    /// Send every request to this endpoint (an emulator such as moto, or a private endpoint).
    #[arg(long, value_name = "URL")]
    pub endpoint_url: Option<String>,
    /// Collect only these services (repeatable; default all): iam, s3, ec2, sagemaker, kms,
    /// cloudtrail, lambda, ecr, eks, secretsmanager, guardduty.
    #[arg(long = "service", value_name = "NAME", value_delimiter = ',')]
    pub services: Vec<String>,
    /// At most this many service × region collections at once.
    #[arg(long, default_value_t = 16, value_name = "N")]
    pub concurrency: usize,
    /// Timeout of one API call attempt, in seconds (throttled calls are retried with backoff).
    #[arg(long, default_value_t = 20, value_name = "SECONDS")]
    pub call_timeout: u64,
    /// Never show progress bars (they are hidden anyway when stderr is not a terminal).
    #[arg(long)]
    pub no_progress: bool,
}

#[derive(Args, Debug)]
pub struct CollectAwsArgs {
    #[command(flatten)]
    pub aws: AwsArgs,
    /// Write the snapshot to FILE (default: standard output).
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Print the minimal IAM policy of the collector (docs/permissions.json) and exit.
    #[arg(long)]
    pub print_policy: bool,
}

/// Which local cache `tightrope update` fills.
#[derive(Subcommand, Debug)]
pub enum UpdateSource {
    /// The IAM action database (actions, access levels, resource types, condition keys).
    Iam(tightrope_access::cli::UpdateArgs),
    /// OSV vulnerability advisories.
    Osv(tightrope_supply::cli::UpdateArgs),
}

#[derive(Args, Debug)]
pub struct AuditArgs {
    /// Files or directories to scan.
    #[arg(default_value = ".")]
    pub paths: Vec<PathBuf>,
    /// Output format.
    #[arg(short, long, default_value = "table", value_parser = parse_format, value_name = "table|json|sarif")]
    pub format: Format,
    /// Write the report to FILE instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Report only findings at or above this severity; they decide the exit code.
    #[arg(long, default_value = "low", value_parser = parse_severity, value_name = "info|low|medium|high|critical")]
    pub min_severity: Severity,
    /// Run only these rules (repeatable, or comma-separated).
    #[arg(long = "rule", value_name = "ID", value_delimiter = ',')]
    pub rules: Vec<String>,
    /// Do not run these rules (repeatable, or comma-separated).
    #[arg(long = "skip-rule", value_name = "ID", value_delimiter = ',')]
    pub skip_rules: Vec<String>,
    /// A YAML file of accepted findings, each with a rule, an optional resource and a reason.
    #[arg(long, value_name = "FILE")]
    pub suppressions: Option<PathBuf>,
    /// Never colour the table (also when NO_COLOR is set or output is not a terminal).
    #[arg(long)]
    pub no_color: bool,
    /// Instead of the findings, show a per-requirement pass/fail summary for this framework
    /// (table or json): each requirement, the rules mapped to it, the resources they evaluated
    /// and the failing findings. The exit code is the same as without it.
    #[arg(long, value_name = "FRAMEWORK", value_parser = parse_framework)]
    pub compliance: Option<tightrope_audit::Framework>,
    /// Audit a live AWS account instead of files: collect it (read-only), then run the rules.
    /// Rules whose services could not be collected are listed as not evaluated.
    #[arg(long)]
    pub aws: bool,
    #[command(flatten, next_help_heading = "Live AWS (with --aws)")]
    pub aws_args: AwsArgs,
}

#[derive(Args, Debug)]
pub struct RulesArgs {
    /// Print the Markdown rules reference (docs/rules.md) instead of a table.
    #[arg(long, conflicts_with = "json")]
    pub markdown: bool,
    /// Print the rules as JSON.
    #[arg(long)]
    pub json: bool,
}

fn parse_format(s: &str) -> Result<Format, String> {
    s.parse()
}

fn parse_framework(s: &str) -> Result<tightrope_audit::Framework, String> {
    s.parse()
}

fn parse_severity(s: &str) -> Result<Severity, String> {
    s.parse()
}

/// Output formats of `tightrope inventory`.
#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum InventoryFormat {
    /// One asset per line, aligned columns.
    Table,
    /// `{"count": N, "assets": [...]}`, one object per asset.
    Json,
}

#[derive(Args, Debug)]
pub struct InventoryArgs {
    /// Files or directories to scan (Terraform, plan/state JSON, CloudFormation, Kubernetes YAML).
    #[arg(default_value = ".")]
    pub paths: Vec<PathBuf>,
    /// Output format.
    #[arg(short, long, value_enum, default_value = "table")]
    pub format: InventoryFormat,
    /// Write the inventory to FILE instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

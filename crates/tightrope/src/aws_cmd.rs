//! `tightrope collect aws` and the collection behind `tightrope audit --aws`. Built without the
//! `aws` feature, both give a clear error.

use crate::cli::{AwsArgs, CollectAwsArgs};
use tightrope_core::CloudState;

/// What a live collection produced, for the audit and the snapshot.
pub struct Collected {
    pub state: CloudState,
    pub sources: Vec<String>,
    pub resources: usize,
}

impl AwsArgs {
    /// Any live-collection flag was given (they need `--aws` in `audit`).
    pub fn any_set(&self) -> bool {
        self.profile.is_some()
            || !self.regions.is_empty()
            || self.all_regions
            || !self.role_arns.is_empty()
            || self.endpoint_url.is_some()
            || !self.services.is_empty()
    }
}

#[cfg(feature = "aws")]
pub fn collect(args: &AwsArgs) -> anyhow::Result<Collected> {
    let opts = tightrope_aws::CollectOptions {
        profile: args.profile.clone(),
        regions: args.regions.clone(),
        all_regions: args.all_regions,
        role_arns: args.role_arns.clone(),
        endpoint_url: args.endpoint_url.clone(),
        services: args.services.clone(),
        concurrency: args.concurrency,
        call_timeout: std::time::Duration::from_secs(args.call_timeout.max(1)),
        progress: !args.no_progress,
        ..Default::default()
    };
    let c = tightrope_aws::collect_blocking(&opts)?;
    tracing::info!(
        resources = c.resources,
        calls = c.calls.total(),
        not_collected = c.state.not_collected.len(),
        elapsed_ms = c.elapsed.as_millis() as u64,
        "aws collection done"
    );
    for ((service, op), n) in c.calls.snapshot() {
        tracing::debug!("{service} {op}: {n} calls");
    }
    for gap in &c.state.not_collected {
        if gap.skipped {
            tracing::info!("not collected: {gap}");
        } else {
            tracing::warn!("not collected: {gap}");
        }
    }
    Ok(Collected { state: c.state, sources: c.sources, resources: c.resources })
}

#[cfg(not(feature = "aws"))]
pub fn collect(_args: &AwsArgs) -> anyhow::Result<Collected> {
    anyhow::bail!("this tightrope was built without live AWS collection; rebuild with the `aws` feature (on by default): cargo build -p tightrope --features aws")
}

/// The collector's minimal IAM policy.
#[cfg(feature = "aws")]
fn policy() -> anyhow::Result<String> {
    Ok(tightrope_aws::permissions::policy_json())
}

#[cfg(not(feature = "aws"))]
fn policy() -> anyhow::Result<String> {
    collect(&AwsArgs::default()).map(|_| String::new())
}

/// `tightrope collect aws`: collect, audit, and write a snapshot.
pub fn run_collect(args: &CollectAwsArgs) -> anyhow::Result<u8> {
    use std::io::Write;
    if args.print_policy {
        std::io::stdout().lock().write_all(policy()?.as_bytes())?;
        return Ok(crate::exit::CLEAN);
    }
    let c = collect(&args.aws)?;
    let findings = tightrope_audit::audit(&c.state, &tightrope_audit::AuditOptions::default()).findings;
    let gaps = c.state.not_collected.len();
    let snap = tightrope_store::Snapshot::new(c.sources, c.resources, c.state, findings, Vec::new());
    match &args.output {
        Some(path) => {
            snap.write_file(path)?;
            eprintln!(
                "wrote {}: {} resources, {} findings, {} services not collected",
                path.display(),
                snap.resources,
                snap.findings.len(),
                gaps
            );
        }
        None => {
            let mut out = std::io::BufWriter::new(std::io::stdout().lock());
            serde_json::to_writer_pretty(&mut out, &snap)?;
            writeln!(out)?;
            out.flush()?;
        }
    }
    Ok(crate::exit::CLEAN)
}

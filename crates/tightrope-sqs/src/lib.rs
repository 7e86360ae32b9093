//! Scale-out CloudTrail ingestion for `tightrope detect serve`.
//!
//! CloudTrail writes log objects to S3; S3 announces each on an SQS queue (directly or through SNS).
//! Workers, any number on any machines, receive those notifications, fetch and decompress each
//! object, score its events against the learned model (and Sigma rules), commit the alerts to the
//! store with the object's identity in one transaction, and only then delete the message
//! ([`worker`]). Every event is scored into the store exactly once: the queue delivers at least
//! once, and the store refuses an object it already holds.
//!
//! The worker's IAM permissions are listed in [`policy`] (`docs/permissions-ingest.json`); tests
//! against a local emulator record every call a worker makes and check it against that list.

pub mod fetch;
pub mod message;
pub mod policy;
pub mod stats;
pub mod worker;

use anyhow::Context as _;
use aws_config::{Region, SdkConfig};
use std::sync::Arc;
use std::time::Duration;
use tightrope_aws::CollectOptions;
use tightrope_aws::calls::CallLog;
use tightrope_core::exit;
use tightrope_detect::cli::{Scoring, ServeArgs};
pub use worker::{Worker, WorkerOptions};

/// Where the queue and bucket are, and how to reach them.
#[derive(Debug, Clone, Default)]
pub struct Connection {
    pub profile: Option<String>,
    /// Region; default: the queue URL's, else the profile's, else us-east-1.
    pub region: Option<String>,
    pub endpoint_url: Option<String>,
}

/// SQS and S3 clients with `log` recording every call. Long polls need more than the collector's
/// per-call timeout, hence the longer one here.
pub async fn clients(
    conn: &Connection,
    queue_url: &str,
    log: &CallLog,
) -> (aws_sdk_sqs::Client, aws_sdk_s3::Client) {
    let opts = CollectOptions {
        profile: conn.profile.clone(),
        endpoint_url: conn.endpoint_url.clone(),
        call_timeout: Duration::from_secs(60),
        ..CollectOptions::default()
    };
    let base: SdkConfig = tightrope_aws::sdk_config(&opts).await;
    let region = conn.region.clone().or_else(|| {
        policy::queue_arn(queue_url).and_then(|arn| arn.split(':').nth(3).map(str::to_string))
    });
    let config = match region {
        Some(r) => base.to_builder().region(Region::new(r)).build(),
        None => base,
    };
    let sqs = aws_sdk_sqs::Client::from_conf(
        aws_sdk_sqs::config::Builder::from(&config)
            .interceptor(log.clone())
            .build(),
    );
    let s3 = aws_sdk_s3::Client::from_conf(
        aws_sdk_s3::config::Builder::from(&config)
            .force_path_style(conn.endpoint_url.is_some())
            .interceptor(log.clone())
            .build(),
    );
    (sqs, s3)
}

/// `tightrope detect serve`: returns the process exit code.
pub fn serve(args: &ServeArgs) -> anyhow::Result<u8> {
    if args.print_policy {
        print!("{}", policy::policy_json(args.sqs_queue.as_deref()));
        return Ok(exit::CLEAN);
    }
    let queue_url = args
        .sqs_queue
        .clone()
        .context("--sqs-queue is required")?;
    let scoring = Scoring::load(&args.model, &args.score)?;
    let opts = WorkerOptions {
        queue_url: queue_url.clone(),
        concurrency: usize::from(args.concurrency),
        wait_seconds: args.wait_seconds,
        visibility_timeout: args.visibility_timeout,
        exit_when_empty: args.exit_when_empty,
        max_object_bytes: args.max_object_bytes,
        debug_delay: Duration::from_millis(args.debug_delay_ms),
    };
    let conn = Connection {
        profile: args.profile.clone(),
        region: args.region.clone(),
        endpoint_url: args.endpoint_url.clone(),
    };
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("cannot start the async runtime")?;
    runtime.block_on(async move {
        let log = CallLog::default();
        let (sqs, s3) = clients(&conn, &queue_url, &log).await;
        let worker = Worker::new(sqs, s3, opts, Arc::new(scoring), args.model.db.clone());
        let w = Arc::clone(&worker);
        tokio::spawn(async move {
            shutdown_signal().await;
            eprintln!("stopping: finishing the objects in hand");
            w.request_stop();
        });
        eprintln!("detect serve: consuming {queue_url}");
        let summary = worker.run().await?;
        tracing::info!(calls = log.total(), "AWS calls made");
        eprintln!("detect serve: {summary}");
        Ok(exit::CLEAN)
    })
}

/// Ctrl-C, or SIGTERM (what orchestrators send).
async fn shutdown_signal() {
    #[cfg(unix)]
    {
        let mut term =
            match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
                Ok(s) => s,
                Err(_) => {
                    let _ = tokio::signal::ctrl_c().await;
                    return;
                }
            };
        tokio::select! {
            _ = tokio::signal::ctrl_c() => {}
            _ = term.recv() => {}
        }
    }
    #[cfg(not(unix))]
    {
        let _ = tokio::signal::ctrl_c().await;
    }
}

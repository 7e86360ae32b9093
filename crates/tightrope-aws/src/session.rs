//! SDK configuration: credentials (profile, default chain, assumed roles), retry with backoff,
//! per-call timeouts, the endpoint override, and the clients built from it.

use crate::calls::CallLog;
use crate::options::CollectOptions;
use anyhow::Context as _;
use aws_config::retry::RetryConfig;
use aws_config::timeout::TimeoutConfig;
use aws_config::{BehaviorVersion, Region, SdkConfig};
use std::time::Duration;

/// Region used for global services and when the profile names none.
pub(crate) const HOME_REGION: &str = "us-east-1";

/// One account to collect: its ID and the configuration that reaches it.
#[derive(Clone)]
pub(crate) struct Account {
    pub id: String,
    pub config: SdkConfig,
}

/// Everything a service collector needs for one account and region.
#[derive(Clone)]
pub(crate) struct Ctx {
    pub config: SdkConfig,
    pub log: CallLog,
    pub account: String,
    pub region: String,
    /// Path-style S3 addressing (emulators and private endpoints do not resolve bucket subdomains).
    pub path_style: bool,
}

impl Ctx {
    pub fn new(account: &Account, region: &str, log: &CallLog, path_style: bool) -> Self {
        Ctx {
            config: account.config.to_builder().region(Region::new(region.to_string())).build(),
            log: log.clone(),
            account: account.id.clone(),
            region: region.to_string(),
            path_style,
        }
    }

    /// The same account in another region.
    pub fn in_region(&self, region: &str) -> Self {
        Ctx {
            config: self.config.to_builder().region(Region::new(region.to_string())).build(),
            region: region.to_string(),
            ..self.clone()
        }
    }

    /// `arn:aws:{service}:{region}:{account}:{resource}`.
    pub fn arn(&self, service: &str, resource: &str) -> String {
        format!("arn:aws:{service}:{}:{}:{resource}", self.region, self.account)
    }
}

/// A client of one service crate, built from the context with the call log installed.
macro_rules! client {
    ($krate:ident, $ctx:expr) => {
        $krate::Client::from_conf($krate::config::Builder::from(&$ctx.config).interceptor($ctx.log.clone()).build())
    };
}
pub(crate) use client;

/// The base configuration: profile or default chain, retries, timeouts, endpoint.
pub(crate) async fn base_config(opts: &CollectOptions) -> SdkConfig {
    let timeouts = TimeoutConfig::builder()
        .connect_timeout(Duration::from_secs(5))
        .operation_attempt_timeout(opts.call_timeout)
        .operation_timeout(opts.call_timeout * opts.max_attempts.max(1))
        .build();
    let mut loader = aws_config::defaults(BehaviorVersion::latest())
        .retry_config(RetryConfig::standard().with_max_attempts(opts.max_attempts.max(1)).with_initial_backoff(Duration::from_millis(200)))
        .timeout_config(timeouts);
    if let Some(p) = &opts.profile {
        loader = loader.profile_name(p);
    }
    if let Some(url) = &opts.endpoint_url {
        loader = loader.endpoint_url(url);
    }
    let config = loader.load().await;
    if config.region().is_none() {
        return config.to_builder().region(Region::new(HOME_REGION)).build();
    }
    config
}

/// The accounts to collect: the caller's own, or each role in `--role-arn` assumed from it.
pub(crate) async fn accounts(opts: &CollectOptions, base: &SdkConfig, log: &CallLog) -> anyhow::Result<Vec<Account>> {
    if opts.role_arns.is_empty() {
        let id = caller_account(base, log).await.context("cannot identify the account (sts:GetCallerIdentity); check credentials, --profile and --endpoint-url")?;
        return Ok(vec![Account { id, config: base.clone() }]);
    }
    let mut out = Vec::new();
    for role in &opts.role_arns {
        let provider = aws_config::sts::AssumeRoleProvider::builder(role.clone())
            .session_name("tightrope-collect")
            .configure(base)
            .build()
            .await;
        let config = base.to_builder().credentials_provider(aws_credential_types::provider::SharedCredentialsProvider::new(provider)).build();
        let id = caller_account(&config, log).await.with_context(|| format!("cannot assume role {role}"))?;
        out.push(Account { id, config });
    }
    Ok(out)
}

async fn caller_account(config: &SdkConfig, log: &CallLog) -> anyhow::Result<String> {
    let sts = aws_sdk_sts::Client::from_conf(aws_sdk_sts::config::Builder::from(config).interceptor(log.clone()).build());
    let out = sts.get_caller_identity().send().await.map_err(|e| anyhow::anyhow!(crate::gaps::reason("GetCallerIdentity", &e)))?;
    out.account().map(str::to_string).context("GetCallerIdentity returned no account")
}

/// The regions to collect: `--region`s, every enabled region with `--all-regions`, else the
/// configured one.
pub(crate) async fn regions(opts: &CollectOptions, account: &Account, log: &CallLog) -> anyhow::Result<Vec<String>> {
    if opts.all_regions {
        let ctx = Ctx::new(account, account.config.region().map(|r| r.as_ref()).unwrap_or(HOME_REGION), log, false);
        let ec2 = client!(aws_sdk_ec2, ctx);
        let out = ec2.describe_regions().send().await.map_err(|e| anyhow::anyhow!(crate::gaps::reason("DescribeRegions", &e)))?;
        let mut names: Vec<String> = out.regions().iter().filter_map(|r| r.region_name().map(str::to_string)).collect();
        names.sort();
        return Ok(names);
    }
    if !opts.regions.is_empty() {
        let mut r = opts.regions.clone();
        r.dedup();
        return Ok(r);
    }
    Ok(vec![account.config.region().map(|r| r.to_string()).unwrap_or_else(|| HOME_REGION.to_string())])
}

//! One collector per service. Each reads one service of one account in one region (global
//! services once per account) into a [`Fragment`] of the typed state.

/// Drain a paginator's pages, recording a failure as a gap; `None` when the listing failed.
macro_rules! pages {
    ($gaps:expr, $op:expr, $call:expr, $items:ident) => {{
        let mut out = Vec::new();
        let mut p = $call.into_paginator().send();
        let mut ok = true;
        while let Some(page) = p.next().await {
            match page {
                Ok(page) => out.extend(page.$items().iter().cloned()),
                Err(e) => {
                    $gaps.failed($op, &e);
                    ok = false;
                    break;
                }
            }
        }
        ok.then_some(out)
    }};
}

mod bedrock;
mod cloudtrail;
mod dynamodb;
mod ec2;
mod ecr;
mod eks;
mod elb;
mod guardduty;
mod iam;
mod kms;
mod lambda;
mod opensearch;
mod rds;
mod s3;
mod sagemaker;
mod secretsmanager;
mod vpc;

use crate::gaps::Gaps;
use crate::session::Ctx;
use futures::stream::{self, StreamExt};
use std::future::Future;
use tightrope_core::state::aws::Aws;

/// Per-resource calls of one service in flight at once (on top of the service × region bound).
const PER_RESOURCE: usize = 8;

/// Run `read` over `items`, at most [`PER_RESOURCE`] at a time, results in input order. Each read
/// gets its own [`Gaps`], merged into `gaps` afterwards.
pub(crate) async fn each<T, R, Fut>(gaps: &mut Gaps, items: Vec<T>, read: impl Fn(T, Gaps) -> Fut) -> Vec<R>
where
    Fut: Future<Output = (Option<R>, Gaps)>,
{
    let (service, region) = (gaps.service, gaps.region.clone());
    let results: Vec<(Option<R>, Gaps)> =
        stream::iter(items).map(|item| read(item, Gaps::new(service, region.as_deref()))).buffered(PER_RESOURCE).collect().await;
    let mut out = Vec::with_capacity(results.len());
    for (r, g) in results {
        gaps.items.extend(g.items);
        out.extend(r);
    }
    out
}

/// Describe each listed resource by its key (name or ID, or a batch of them) with one call each,
/// at most [`PER_RESOURCE`] at a time; a failed call is a gap and leaves the resource out.
pub(crate) async fn describe_each<K, D, E, R, Fut>(gaps: &mut Gaps, operation: &'static str, keys: Vec<K>, describe: impl Fn(K) -> Fut) -> Vec<D>
where
    Fut: Future<Output = Result<D, aws_smithy_runtime_api::client::result::SdkError<E, R>>>,
    E: aws_smithy_types::error::metadata::ProvideErrorMetadata,
    R: crate::gaps::HttpStatus,
{
    each(gaps, keys, |key, mut g| {
        let call = describe(key);
        async move {
            let out = g.sub(operation, call.await, &[]);
            (out.ok().flatten(), g)
        }
    })
    .await
}

/// A service the collector reads: its name in the rules' vocabulary, and whether it is global
/// (collected once per account, from the home region).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Service {
    pub name: &'static str,
    pub global: bool,
}

/// Every service collected, in the order they are scheduled (slowest first).
pub const SERVICES: &[Service] = &[
    Service { name: "iam", global: true },
    Service { name: "s3", global: true },
    Service { name: "ec2", global: false },
    Service { name: "sagemaker", global: false },
    Service { name: "kms", global: false },
    Service { name: "cloudtrail", global: false },
    Service { name: "lambda", global: false },
    Service { name: "ecr", global: false },
    Service { name: "eks", global: false },
    Service { name: "secretsmanager", global: false },
    Service { name: "guardduty", global: false },
    Service { name: "bedrock", global: false },
    Service { name: "opensearch", global: false },
    Service { name: "rds", global: false },
    Service { name: "dynamodb", global: false },
    Service { name: "elb", global: false },
];

/// What one service collection produced.
pub(crate) struct Fragment {
    pub aws: Aws,
    pub gaps: Gaps,
}

impl Fragment {
    pub fn new(service: &'static str, region: Option<&str>) -> Self {
        Fragment { aws: Aws::default(), gaps: Gaps::new(service, region) }
    }
}

/// Collect `service` with `ctx`.
pub(crate) async fn collect(service: Service, ctx: Ctx) -> Fragment {
    let region = (!service.global).then_some(ctx.region.as_str());
    let mut f = Fragment::new(service.name, region);
    match service.name {
        "iam" => iam::collect(&ctx, &mut f).await,
        "s3" => s3::collect(&ctx, &mut f).await,
        "ec2" => ec2::collect(&ctx, &mut f).await,
        "sagemaker" => sagemaker::collect(&ctx, &mut f).await,
        "kms" => kms::collect(&ctx, &mut f).await,
        "cloudtrail" => cloudtrail::collect(&ctx, &mut f).await,
        "lambda" => lambda::collect(&ctx, &mut f).await,
        "ecr" => ecr::collect(&ctx, &mut f).await,
        "eks" => eks::collect(&ctx, &mut f).await,
        "secretsmanager" => secretsmanager::collect(&ctx, &mut f).await,
        "guardduty" => guardduty::collect(&ctx, &mut f).await,
        "bedrock" => bedrock::collect(&ctx, &mut f).await,
        "opensearch" => opensearch::collect(&ctx, &mut f).await,
        "rds" => rds::collect(&ctx, &mut f).await,
        "dynamodb" => dynamodb::collect(&ctx, &mut f).await,
        "elb" => elb::collect(&ctx, &mut f).await,
        other => f.gaps.add(format!("no collector for service `{other}`")),
    }
    f
}

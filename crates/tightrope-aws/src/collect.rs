//! The collection run: accounts × regions × services, concurrently with a bound, with a progress
//! bar per region.

use crate::calls::CallLog;
use crate::merge::{count, merge};
use crate::options::CollectOptions;
use crate::services::{self, Service, SERVICES};
use crate::session::{self, Ctx};
use futures::stream::{self, StreamExt};
use indicatif::{MultiProgress, ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::collections::BTreeMap;
use std::time::{Duration, Instant};
use tightrope_core::{CloudState, NotCollected};

/// The result of a collection.
#[derive(Debug)]
pub struct Collection {
    pub state: CloudState,
    /// What was collected: `aws:account/<id>:region/<name>` per account and region.
    pub sources: Vec<String>,
    pub resources: usize,
    /// Every API operation called, with counts.
    pub calls: CallLog,
    pub elapsed: Duration,
}

/// One unit of work.
struct Task {
    account: usize,
    region: String,
    service: Service,
}

/// Collect on a tokio runtime of its own (for synchronous callers such as the CLI).
pub fn collect_blocking(opts: &CollectOptions) -> anyhow::Result<Collection> {
    let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build()?;
    rt.block_on(collect(opts))
}

/// Collect every selected service of every account and region.
pub async fn collect(opts: &CollectOptions) -> anyhow::Result<Collection> {
    let started = Instant::now();
    let selected = selected_services(&opts.services)?;
    let log = CallLog::default();
    let base = session::base_config(opts).await;
    let accounts = session::accounts(opts, &base, &log).await?;
    let mut tasks = Vec::new();
    let mut sources = Vec::new();
    let mut per_region: BTreeMap<String, u64> = BTreeMap::new();
    for (i, account) in accounts.iter().enumerate() {
        let regions = session::regions(opts, account, &log).await?;
        for (r, region) in regions.iter().enumerate() {
            sources.push(format!("aws:account/{}:region/{region}", account.id));
            for s in &selected {
                // Global services are read once per account, with the first region's endpoint.
                if s.global && r > 0 {
                    continue;
                }
                *per_region.entry(region.clone()).or_default() += 1;
                tasks.push(Task { account: i, region: region.clone(), service: *s });
            }
        }
    }
    let bars = Bars::new(opts.progress, &per_region);
    let path_style = opts.endpoint_url.is_some();
    let fragments: Vec<services::Fragment> = stream::iter(tasks)
        .map(|t| {
            let ctx = Ctx::new(&accounts[t.account], &t.region, &log, path_style);
            let bar = bars.get(&t.region);
            async move {
                if let Some(b) = &bar {
                    b.set_message(t.service.name);
                }
                let f = services::collect(t.service, ctx).await;
                if let Some(b) = &bar {
                    b.inc(1);
                }
                f
            }
        })
        .buffer_unordered(opts.concurrency.max(1))
        .collect()
        .await;
    bars.finish();
    let mut state = CloudState::default();
    for f in fragments {
        merge(&mut state.aws, f.aws);
        state.not_collected.extend(f.gaps.items);
    }
    state.not_collected.extend(skipped_services(&selected));
    state.not_collected.sort();
    crate::merge::sort(&mut state.aws);
    let resources = count(&state.aws);
    Ok(Collection { state, sources, resources, calls: log, elapsed: started.elapsed() })
}

/// The services named in `--service` (all when empty); an unknown name is an error.
fn selected_services(names: &[String]) -> anyhow::Result<Vec<Service>> {
    if names.is_empty() {
        return Ok(SERVICES.to_vec());
    }
    names
        .iter()
        .map(|n| {
            SERVICES.iter().copied().find(|s| s.name.eq_ignore_ascii_case(n)).ok_or_else(|| {
                let known: Vec<&str> = SERVICES.iter().map(|s| s.name).collect();
                anyhow::anyhow!("unknown service `{n}` (expected one of: {})", known.join(", "))
            })
        })
        .collect()
}

/// Services left out with `--service`: their rules are not evaluated.
fn skipped_services(selected: &[Service]) -> Vec<NotCollected> {
    SERVICES
        .iter()
        .filter(|s| !selected.contains(s))
        .map(|s| NotCollected::skipped("aws", s.name, "service not selected (--service)"))
        .collect()
}

/// One progress bar per region (services done / services to do); hidden when stderr is not a
/// terminal or progress is off.
struct Bars {
    multi: MultiProgress,
    bars: BTreeMap<String, ProgressBar>,
}

impl Bars {
    fn new(show: bool, per_region: &BTreeMap<String, u64>) -> Self {
        let target = if show { ProgressDrawTarget::stderr() } else { ProgressDrawTarget::hidden() };
        let multi = MultiProgress::with_draw_target(target);
        let style = ProgressStyle::with_template("{prefix:>16} [{bar:24}] {pos}/{len} {msg}")
            .map(|s| s.progress_chars("=> "))
            .unwrap_or_else(|_| ProgressStyle::default_bar());
        let bars = per_region
            .iter()
            .map(|(region, n)| {
                let b = multi.add(ProgressBar::new(*n).with_style(style.clone()).with_prefix(region.clone()));
                (region.clone(), b)
            })
            .collect();
        Bars { multi, bars }
    }

    fn get(&self, region: &str) -> Option<ProgressBar> {
        self.bars.get(region).cloned()
    }

    fn finish(&self) {
        for b in self.bars.values() {
            b.finish_and_clear();
        }
        let _ = self.multi.clear();
    }
}


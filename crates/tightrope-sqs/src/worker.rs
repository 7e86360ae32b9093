//! The queue worker: receive notifications, fetch and score each new log object, commit its alerts,
//! and only then delete the message.
//!
//! * **At least once, idempotent.** An object is committed with its alerts in one transaction keyed
//!   by the object ([`Store::record_ingested`]); an object already recorded is not scored again. A
//!   worker killed before its commit leaves the message to reappear after the visibility timeout; a
//!   worker killed between commit and delete leaves a message whose object is then skipped.
//! * **Scale-out.** `concurrency` tasks per process, each receiving up to 10 messages at a time; any
//!   number of processes may share one queue and one store.
//! * **Long objects.** While a batch is being worked on, a heartbeat extends the visibility of its
//!   messages every half timeout, so no other worker picks them up meanwhile.
//! * **Stopping.** On a stop request a task finishes the object in hand and hands the rest of its
//!   batch back to the queue at once (visibility 0).

use crate::fetch::{self, FetchError};
use crate::message::{self, Notice, ObjectRef};
use crate::stats::{Counters, Summary};
use anyhow::Context as _;
use aws_sdk_sqs::types::Message;
use aws_smithy_types::error::display::DisplayErrorContext;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use tightrope_detect::cli::Scoring;
use tightrope_detect::engine::{Detection, detect_bytes};
use tightrope_store::{DbArgs, IngestedAlert, IngestedObject, Store};
use tokio::sync::watch;
use tokio::task::JoinSet;

/// How a worker runs.
#[derive(Debug, Clone)]
pub struct WorkerOptions {
    pub queue_url: String,
    /// Tasks in this process, each working on one batch at a time.
    pub concurrency: usize,
    pub wait_seconds: i32,
    pub visibility_timeout: i32,
    pub exit_when_empty: bool,
    pub max_object_bytes: u64,
    /// Testing aid: a pause before each commit and before each delete.
    pub debug_delay: Duration,
}

/// One worker process's shared state.
pub struct Worker {
    sqs: aws_sdk_sqs::Client,
    s3: aws_sdk_s3::Client,
    opts: WorkerOptions,
    scoring: Arc<Scoring>,
    db: DbArgs,
    counters: Counters,
    stop: watch::Sender<bool>,
    /// Host and process id, recorded with each object.
    name: String,
}

/// Consecutive failed receives after which a task gives up (the queue is gone, or credentials are).
const MAX_RECEIVE_ERRORS: u32 = 5;

impl Worker {
    pub fn new(
        sqs: aws_sdk_sqs::Client,
        s3: aws_sdk_s3::Client,
        opts: WorkerOptions,
        scoring: Arc<Scoring>,
        db: DbArgs,
    ) -> Arc<Worker> {
        Arc::new(Worker {
            sqs,
            s3,
            opts,
            scoring,
            db,
            counters: Counters::default(),
            stop: watch::channel(false).0,
            name: worker_name(),
        })
    }

    /// Ask every task to stop after the object in hand.
    pub fn request_stop(&self) {
        self.stop.send_replace(true);
    }

    fn stopping(&self) -> bool {
        *self.stop.borrow()
    }

    async fn stopped(&self) {
        let mut rx = self.stop.subscribe();
        let _ = rx.wait_for(|s| *s).await;
    }

    /// Run the tasks until the queue is empty (with `exit_when_empty`), a stop is requested, or a
    /// task fails for good; then report what was done.
    pub async fn run(self: &Arc<Self>) -> anyhow::Result<Summary> {
        let started = Instant::now();
        let mut tasks = JoinSet::new();
        for i in 0..self.opts.concurrency.max(1) {
            let w = Arc::clone(self);
            tasks.spawn(async move { w.task(i).await });
        }
        let mut failure = None;
        while let Some(joined) = tasks.join_next().await {
            let result = joined.unwrap_or_else(|e| Err(anyhow::anyhow!("worker task failed: {e}")));
            if let Err(e) = result {
                self.request_stop();
                failure.get_or_insert(e);
            }
        }
        let summary = self.counters.summary(started.elapsed().as_secs_f64());
        match failure {
            Some(e) => Err(e.context(format!("worker stopped after: {summary}"))),
            None => Ok(summary),
        }
    }

    async fn task(self: Arc<Self>, index: usize) -> anyhow::Result<()> {
        let db = self.db.clone();
        let store = tokio::task::spawn_blocking(move || db.open())
            .await?
            .context("cannot open the alert store")?;
        let store = Arc::new(Mutex::new(store));
        let result = self.receive_loop(index, &store).await;
        // Closing a PostgreSQL connection blocks (its client runs a runtime of its own): not on
        // this runtime's threads.
        let _ = tokio::task::spawn_blocking(move || drop(store)).await;
        result
    }

    async fn receive_loop(self: &Arc<Self>, index: usize, store: &Arc<Mutex<Store>>) -> anyhow::Result<()> {
        let mut errors = 0u32;
        while !self.stopping() {
            let receive = self
                .sqs
                .receive_message()
                .queue_url(&self.opts.queue_url)
                .max_number_of_messages(10)
                .wait_time_seconds(self.opts.wait_seconds)
                .visibility_timeout(self.opts.visibility_timeout)
                .send();
            let received = tokio::select! {
                r = receive => r,
                _ = self.stopped() => return Ok(()),
            };
            let messages = match received {
                Ok(out) => {
                    errors = 0;
                    out.messages.unwrap_or_default()
                }
                Err(e) => {
                    errors += 1;
                    let why = DisplayErrorContext(&e).to_string();
                    anyhow::ensure!(
                        errors < MAX_RECEIVE_ERRORS,
                        "ReceiveMessage on {} failed {errors} times in a row: {why}",
                        self.opts.queue_url
                    );
                    tracing::warn!(task = index, error = %why, "ReceiveMessage failed; retrying");
                    tokio::time::sleep(Duration::from_secs(u64::from(errors))).await;
                    continue;
                }
            };
            if messages.is_empty() {
                if self.opts.exit_when_empty {
                    return Ok(());
                }
                continue;
            }
            tracing::debug!(task = index, messages = messages.len(), "batch received");
            self.batch(store, messages).await;
        }
        Ok(())
    }

    /// Work through one batch, keeping the messages not yet done hidden from other workers.
    async fn batch(self: &Arc<Self>, store: &Arc<Mutex<Store>>, messages: Vec<Message>) {
        let pending: Arc<Mutex<Vec<String>>> = Arc::new(Mutex::new(
            messages
                .iter()
                .filter_map(|m| m.receipt_handle.clone())
                .collect(),
        ));
        let heartbeat = tokio::spawn(Arc::clone(self).heartbeat(Arc::clone(&pending)));
        for m in &messages {
            if self.stopping() {
                break;
            }
            let done = self.message(store, m).await;
            let Some(handle) = m.receipt_handle.as_deref() else {
                continue;
            };
            if let Ok(mut p) = pending.lock() {
                p.retain(|h| h != handle);
            }
            if done {
                self.delay().await;
                self.delete(handle).await;
            }
        }
        heartbeat.abort();
        // Stopping: hand the rest back at once rather than after the visibility timeout.
        let rest = pending.lock().map(|p| p.clone()).unwrap_or_default();
        for handle in rest {
            self.set_visibility(&handle, 0).await;
        }
    }

    async fn heartbeat(self: Arc<Self>, pending: Arc<Mutex<Vec<String>>>) {
        let timeout = self.opts.visibility_timeout;
        let period = Duration::from_millis((timeout as u64 * 1000 / 2).max(500));
        loop {
            tokio::time::sleep(period).await;
            let handles = pending.lock().map(|p| p.clone()).unwrap_or_default();
            for h in handles {
                self.set_visibility(&h, timeout).await;
            }
        }
    }

    async fn set_visibility(&self, handle: &str, seconds: i32) {
        let r = self
            .sqs
            .change_message_visibility()
            .queue_url(&self.opts.queue_url)
            .receipt_handle(handle)
            .visibility_timeout(seconds)
            .send()
            .await;
        if let Err(e) = r {
            tracing::warn!(error = %DisplayErrorContext(&e), seconds, "ChangeMessageVisibility failed");
        }
    }

    async fn delete(&self, handle: &str) {
        let r = self
            .sqs
            .delete_message()
            .queue_url(&self.opts.queue_url)
            .receipt_handle(handle)
            .send()
            .await;
        match r {
            Ok(_) => Counters::add(&self.counters.messages, 1),
            // Harmless: the message reappears and its objects are found already recorded.
            Err(e) => tracing::warn!(error = %DisplayErrorContext(&e), "DeleteMessage failed; the message will be redelivered and skipped"),
        }
    }

    async fn delay(&self) {
        if !self.opts.debug_delay.is_zero() {
            tokio::time::sleep(self.opts.debug_delay).await;
        }
    }

    /// Handle one message; `true` when it may be deleted.
    async fn message(&self, store: &Arc<Mutex<Store>>, m: &Message) -> bool {
        let id = m.message_id.as_deref().unwrap_or("?");
        let objects = match message::parse(m.body.as_deref().unwrap_or("")) {
            Ok(Notice::Objects(objects)) => objects,
            Ok(Notice::Test) => {
                Counters::add(&self.counters.skipped, 1);
                return true;
            }
            Err(why) => {
                // Left on the queue: its redrive policy moves it to the dead-letter queue.
                tracing::error!(message = id, %why, "unreadable queue message left on the queue");
                Counters::add(&self.counters.failed, 1);
                return false;
            }
        };
        for obj in &objects {
            if !message::is_trail_log(&obj.key) {
                tracing::debug!(object = %obj.id(), "not a CloudTrail log file; skipped");
                Counters::add(&self.counters.skipped, 1);
                continue;
            }
            if let Err(why) = self.object(store, obj).await {
                tracing::warn!(message = id, object = %obj.id(), error = %why, "object not ingested; the message will be retried");
                Counters::add(&self.counters.failed, 1);
                return false;
            }
        }
        true
    }

    /// Fetch, score and commit one object (or find it already recorded).
    async fn object(&self, store: &Arc<Mutex<Store>>, obj: &ObjectRef) -> anyhow::Result<()> {
        let id = obj.id();
        let probe = id.clone();
        if with_store(store, move |s| s.is_ingested(&probe)).await? {
            Counters::add(&self.counters.duplicates, 1);
            return Ok(());
        }
        let bytes = match fetch::object(&self.s3, obj, self.opts.max_object_bytes).await {
            Ok(b) => b,
            Err(e @ (FetchError::Missing(_) | FetchError::TooLarge(_))) => {
                // Retrying cannot help: reported, and the message deleted.
                tracing::error!(object = %id, error = %e, "object cannot be ingested");
                Counters::add(&self.counters.missing, 1);
                return Ok(());
            }
            Err(e) => anyhow::bail!("{e}"),
        };
        let scoring = Arc::clone(&self.scoring);
        let name = format!("s3://{}/{}", obj.bucket, obj.key);
        let detection = tokio::task::spawn_blocking(move || {
            detect_bytes(
                &name,
                &bytes,
                &scoring.model,
                scoring.sigma_set(),
                &scoring.settings,
                scoring.context.as_ref(),
            )
        })
        .await?;
        for bad in detection.stats.bad_samples.iter().take(5) {
            tracing::warn!(object = %id, "bad record: {bad}");
        }
        let (record, alerts) = self.rows(obj, &detection);
        self.delay().await;
        let fresh = with_store(store, move |s| s.record_ingested(&record, &alerts)).await?;
        let c = &self.counters;
        if fresh {
            Counters::add(&c.objects, 1);
            Counters::add(&c.events, detection.events);
            Counters::add(&c.bad_records, detection.stats.bad);
            Counters::add(&c.alerts, detection.alerts.len() as u64);
            tracing::info!(object = %id, events = detection.events, alerts = detection.alerts.len(), "object ingested");
        } else {
            Counters::add(&c.duplicates, 1);
        }
        Ok(())
    }

    fn rows(&self, obj: &ObjectRef, d: &Detection) -> (IngestedObject, Vec<IngestedAlert>) {
        let object = obj.id();
        let alerts = d
            .alerts
            .iter()
            .enumerate()
            .map(|(i, a)| IngestedAlert {
                object: object.clone(),
                seq: i as i64,
                identity: a.identity.clone(),
                severity: a.severity.as_str().to_string(),
                risk: a.risk,
                start: tightrope_cloudtrail::format_time(a.start),
                end: tightrope_cloudtrail::format_time(a.end),
                alert: serde_json::to_value(a).unwrap_or_default(),
            })
            .collect::<Vec<_>>();
        let record = IngestedObject {
            object,
            notified_at: obj.event_time.clone(),
            ingested_at: tightrope_store::snapshot::now_rfc3339(),
            worker: self.name.clone(),
            events: d.events as i64,
            bad_records: d.stats.bad as i64,
            alerts: alerts.len() as i64,
        };
        (record, alerts)
    }
}

/// Run a store call on the blocking pool.
async fn with_store<T: Send + 'static>(
    store: &Arc<Mutex<Store>>,
    f: impl FnOnce(&Store) -> Result<T, tightrope_store::StoreError> + Send + 'static,
) -> anyhow::Result<T> {
    let store = Arc::clone(store);
    tokio::task::spawn_blocking(move || {
        let guard = store
            .lock()
            .map_err(|_| anyhow::anyhow!("store lock poisoned"))?;
        Ok(f(&guard)?)
    })
    .await?
}

fn worker_name() -> String {
    let host = std::fs::read_to_string("/proc/sys/kernel/hostname")
        .ok()
        .or_else(|| std::env::var("HOSTNAME").ok())
        .map(|h| h.trim().to_string())
        .filter(|h| !h.is_empty())
        .unwrap_or_else(|| "localhost".to_string());
    format!("{host}:{}", std::process::id())
}

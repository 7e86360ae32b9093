//! [`CallLog`]: an SDK interceptor, installed on every client the collector builds, that records
//! each operation called (service and operation name, as the SDK's operation metadata gives them).
//! It proves what the collector does to an account: the permissions test compares it with
//! [`crate::permissions`], and `--verbose` prints the call counts.

use aws_smithy_runtime_api::box_error::BoxError;
use aws_smithy_runtime_api::client::interceptors::context::BeforeSerializationInterceptorContextRef;
use aws_smithy_runtime_api::client::interceptors::Intercept;
use aws_smithy_runtime_api::client::orchestrator::Metadata;
use aws_smithy_runtime_api::client::runtime_components::RuntimeComponents;
use aws_smithy_types::config_bag::ConfigBag;
use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};

/// Counts of `(service, operation)` called, shared by every client of one collection.
#[derive(Debug, Clone, Default)]
pub struct CallLog {
    counts: Arc<Mutex<BTreeMap<(String, String), u64>>>,
}

impl CallLog {
    /// Every `(service, operation)` called so far, with its number of calls (retries not counted).
    pub fn snapshot(&self) -> BTreeMap<(String, String), u64> {
        self.counts.lock().map(|m| m.clone()).unwrap_or_default()
    }

    pub fn total(&self) -> u64 {
        self.snapshot().values().sum()
    }

    fn record(&self, service: &str, operation: &str) {
        if let Ok(mut m) = self.counts.lock() {
            *m.entry((service.to_string(), operation.to_string())).or_default() += 1;
        }
    }
}

impl Intercept for CallLog {
    fn name(&self) -> &'static str {
        "tightrope::CallLog"
    }

    // Not `read_before_execution`: a client's interceptors see that hook before the operation's
    // configuration (which holds its `Metadata`) is applied. Serialization happens once per
    // operation, before the retry loop, so retries are not counted.
    fn read_before_serialization(&self, _ctx: &BeforeSerializationInterceptorContextRef<'_>, _rc: &RuntimeComponents, cfg: &mut ConfigBag) -> Result<(), BoxError> {
        match cfg.load::<Metadata>() {
            Some(m) => self.record(m.service(), m.name()),
            None => self.record("unknown", "unknown"),
        }
        Ok(())
    }
}

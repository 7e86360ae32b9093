//! [`App`]: what every handler shares.

use crate::auth::Tokens;
use crate::metrics::Metrics;
use crate::pool::Pool;
use crate::scan::Scanner;
use std::sync::Arc;

#[derive(Clone)]
pub struct App {
    pub pool: Pool,
    pub tokens: Tokens,
    pub metrics: Arc<Metrics>,
    /// The scan job, when the server was given a configuration.
    pub scanner: Option<Arc<Scanner>>,
}

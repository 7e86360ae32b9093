//! Step 4, detection: behavioural baselines over CloudTrail, anomalies with reasons, Sigma rules,
//! risk ranking.
//!
//! Library use (what `tightrope detect` and a later `preflight` call):
//! ```no_run
//! use tightrope_detect::{Learner, Detector, Settings, NoContext};
//! # let history: Vec<tightrope_cloudtrail::Event<'static>> = Vec::new();
//! # let new_events: Vec<tightrope_cloudtrail::Event<'static>> = Vec::new();
//! let mut learner = Learner::new(300);
//! history.iter().for_each(|e| learner.observe(e));
//! let model = learner.finish();
//! let mut detector = Detector::new(&model, Settings::default());
//! new_events.iter().for_each(|e| detector.observe(e, Vec::new()));
//! for alert in detector.finish(&NoContext) {
//!     println!("{:.0} {}: {}", alert.risk, alert.identity, alert.reasons.join("; "));
//! }
//! ```

pub mod alert;
pub mod cli;
pub mod context;
pub mod detector;
pub mod engine;
pub mod fasthash;
pub mod features;
pub mod iforest;
pub mod learn;
pub mod model;
pub mod output;
mod partial;
pub mod sigma;
pub mod signal;
pub mod synth;
pub mod technique;
pub mod window;

pub use alert::Alert;
pub use context::{Context, Factor, NoContext, StateContext};
pub use detector::{Detector, Settings};
pub use learn::{Learner, learn};
pub use model::Model;
pub use signal::{Signal, SignalKind};

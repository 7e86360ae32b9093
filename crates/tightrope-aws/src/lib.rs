//! Live AWS collection: reads an account, read-only, through the official AWS SDK for Rust into the
//! same typed [`CloudState`](tightrope_core::CloudState) the IaC readers fill, so every audit rule
//! holds for live accounts too.
//!
//! * Every value's [`Origin`](tightrope_core::Origin) is `Api { arn, field }`: the resource ARN and
//!   the API response field it came from.
//! * Services × regions × accounts are collected concurrently with a bound ([`CollectOptions::concurrency`]);
//!   every listing is paginated; the SDK retries throttling with backoff; every call has a timeout.
//! * A service that fails (access denied, not enabled, an API the endpoint does not implement) is
//!   recorded in `CloudState::not_collected` with the operation and error code; the rest is still
//!   collected, and the audit reports the rules that depend on it as *not evaluated*.
//! * Read-only by construction: every SDK call goes through [`calls::CallLog`], an interceptor that
//!   records the operation; [`permissions`] lists every operation the collector may call with its
//!   IAM action, and `docs/permissions.json` is the policy generated from that list (a test keeps
//!   them equal and checks against a live emulator that nothing else is called).

pub mod calls;
mod collect;
mod gaps;
mod merge;
mod options;
pub mod permissions;
mod services;
mod session;
mod values;

pub use collect::{collect, collect_blocking, Collection};
pub use options::CollectOptions;
pub use services::{Service, SERVICES};

/// The SDK configuration the collector uses (profile or default credential chain, retries with
/// backoff, per-call timeouts, endpoint override), for tightrope's other AWS clients.
pub async fn sdk_config(opts: &CollectOptions) -> aws_config::SdkConfig {
    session::base_config(opts).await
}

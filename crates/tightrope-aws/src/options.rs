//! What to collect and how.

use std::time::Duration;

/// Options of one collection.
#[derive(Debug, Clone)]
pub struct CollectOptions {
    /// Named profile from `~/.aws/config` / `~/.aws/credentials` (default chain when `None`).
    pub profile: Option<String>,
    /// Regions to collect; empty means the profile's region (or `us-east-1`).
    pub regions: Vec<String>,
    /// Collect every region enabled for the account (`ec2:DescribeRegions`).
    pub all_regions: bool,
    /// Roles to assume, one per further account (the caller's own account is collected only when
    /// this is empty).
    pub role_arns: Vec<String>,
    /// Send every request to this endpoint (emulators such as moto, private endpoints).
    pub endpoint_url: Option<String>,
    /// Services to collect (names from [`crate::SERVICES`]); empty means all.
    pub services: Vec<String>,
    /// At most this many service × region collections run at once.
    pub concurrency: usize,
    /// Timeout of one API call attempt.
    pub call_timeout: Duration,
    /// Attempts per call (first try included) on throttling and transient errors.
    pub max_attempts: u32,
    /// Show progress bars on stderr (they are hidden anyway when stderr is not a terminal).
    pub progress: bool,
}

impl Default for CollectOptions {
    fn default() -> Self {
        CollectOptions {
            profile: None,
            regions: Vec::new(),
            all_regions: false,
            role_arns: Vec::new(),
            endpoint_url: None,
            services: Vec::new(),
            concurrency: 16,
            call_timeout: Duration::from_secs(20),
            max_attempts: 5,
            progress: true,
        }
    }
}

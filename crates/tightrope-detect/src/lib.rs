//! Step 4, detection: behavioural baselines over CloudTrail, anomalies with reasons, Sigma rules, risk ranking.

pub mod cli;

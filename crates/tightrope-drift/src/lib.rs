//! Baselines and drift: snapshots of the typed cloud state, saved as named baselines and compared with now.

pub mod cli;

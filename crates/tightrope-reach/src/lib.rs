//! Step 6, network segmentation: zones, sound offline reachability with explained paths, segmentation policy.

pub mod cli;

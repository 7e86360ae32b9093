//! Shared helpers of the integration tests.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use tightrope_reach::api;
use tightrope_reach::config::ReachConfig;
use tightrope_reach::model::Model;

/// `../shared/data/<set>`, or `None` (with a message) when it is absent.
pub fn data(set: &str) -> Option<PathBuf> {
    let p = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/data")
        .join(set);
    if p.exists() {
        Some(p)
    } else {
        eprintln!("skipping: ../shared/data/{set} not present");
        None
    }
}

/// The model of a directory of API outputs; panics on input errors.
pub fn model_of(dir: &Path, config: &ReachConfig) -> Model {
    let scan = api::read_paths(&[dir.to_path_buf()]);
    assert!(scan.errors.is_empty(), "{:?}", scan.errors);
    Model::build(&scan.state, config)
}

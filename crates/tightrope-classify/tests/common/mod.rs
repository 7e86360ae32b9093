//! Helpers shared by the integration tests.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use tightrope_classify::{Classifier, Confidence, Engine, HashKey, Options, detectors};

/// `../shared/data/<set>`, or `None` (with a printed message) when the data is absent.
pub fn shared(set: &str) -> Option<PathBuf> {
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

pub fn engine() -> Engine {
    Engine::new(&detectors::ALL.iter().collect::<Vec<_>>()).expect("detectors compile")
}

pub fn classifier(min: Confidence) -> Classifier {
    Classifier::new(
        Options {
            min_confidence: min,
            ..Options::default()
        },
        HashKey::from_bytes([7; 32]),
    )
    .expect("classifier")
}

pub fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(name)
}

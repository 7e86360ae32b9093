//! Helpers shared by the supply crate's integration tests.

use std::path::{Path, PathBuf};

/// `../shared/data/<set>` when present; `None` (saying so) when the third-party data is absent.
pub fn data(set: &str) -> Option<PathBuf> {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data").join(set);
    if p.exists() {
        Some(p)
    } else {
        eprintln!("skipping: ../shared/data/{set} not present");
        None
    }
}

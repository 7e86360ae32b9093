//! Classify files with every detector and print each dataset as JSON (redacted, like the CLI):
//! a small binary for profiling the engine and comparing outputs between builds without the CLI.
//!
//! usage: cargo run --release -p tightrope-classify --example classify_file -- FILE... > out.json

use tightrope_classify::{Classifier, HashKey, Options};

fn main() -> anyhow::Result<()> {
    let paths: Vec<std::path::PathBuf> = std::env::args_os().skip(1).map(Into::into).collect();
    let classifier = Classifier::new(Options::default(), HashKey::from_bytes([7; 32]))?;
    let run = classifier.classify_paths(&paths);
    println!("{}", serde_json::to_string_pretty(&run)?);
    Ok(())
}

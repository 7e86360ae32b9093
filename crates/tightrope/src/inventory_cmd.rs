//! `tightrope inventory`: read IaC and list every AI-related resource with its key security
//! attributes (the analysis lives in `tightrope_audit::inventory`).

use crate::cli::{InventoryArgs, InventoryFormat};
use crate::exit;
use anyhow::Context;
use std::io::Write;

pub fn run(args: &InventoryArgs) -> anyhow::Result<u8> {
    let scan = tightrope_ingest::scan(&args.paths);
    let assets = tightrope_audit::inventory(&scan.state);
    tracing::info!(
        files = scan.files.len(),
        resources = scan.resources,
        assets = assets.len(),
        "inventory done"
    );
    for e in &scan.errors {
        tracing::warn!("{e}");
    }
    let text = match args.format {
        InventoryFormat::Table => tightrope_audit::inventory::to_table(&assets),
        InventoryFormat::Json => tightrope_audit::inventory::to_json(&assets),
    };
    match &args.output {
        Some(path) => std::fs::write(path, text).with_context(|| format!("cannot write {}", path.display()))?,
        None => std::io::stdout().lock().write_all(text.as_bytes())?,
    }
    // An unreadable input makes the inventory incomplete: say so in the exit code.
    Ok(if scan.errors.is_empty() { exit::CLEAN } else { exit::INPUT_ERROR })
}

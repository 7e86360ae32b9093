//! Step 5, AI supply chain: unsafe model files (parsed, never executed), vulnerable dependencies
//! (OSV), model pinning (`models.lock`) and a CycloneDX 1.6 SBOM with ML-BOM components.
//!
//! Library entry points, usable without the CLI: [`model::scan_paths`], [`sbom::build`].

pub mod cli;
pub mod model;
pub mod rules;
pub mod deps;
pub mod osv;
pub mod vulns;
pub mod pin;
pub mod sbom;

//! Step 5, AI supply chain: vulnerable dependencies (OSV), unsafe model files, model pinning, CycloneDX SBOM/ML-BOM.

pub mod cli;

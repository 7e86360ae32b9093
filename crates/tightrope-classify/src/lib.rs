//! Step 3, data classification: PII, PHI, financial data and secrets in the data AI touches;
//! labels and data-flow policy.
//!
//! Library entry points (the CLI in [`cli`] is a thin layer over them):
//! - [`Classifier::classify_paths`]: files and directories → one [`Dataset`] per file, with
//!   per-detector counts, redacted samples, table columns and a sensitivity [`Label`];
//! - [`Classifier::classify_bytes`]: one in-memory object (the seam for S3 objects fetched by the
//!   live collector);
//! - [`findings::to_findings`]: datasets → `Finding`s for the shared renderers;
//! - [`flow::check`]: labelled stores × cloud state × data-flow policy → `Finding`s.

pub mod cli;
pub mod dataset;
pub mod detector;
pub mod detectors;
pub mod engine;
pub mod findings;
pub mod flow;
pub mod formats;
pub mod label;
pub mod mask;
pub mod names;
pub mod phone_plan;
pub mod swar;
pub mod validate;
pub mod walk;

pub use dataset::{Dataset, Location};
pub use detector::{Category, Confidence, Detector, Regulation};
pub use engine::{Engine, Hit};
pub use label::Label;
pub use mask::HashKey;

use formats::{Compression, Kind};
use rayon::prelude::*;
use std::path::{Path, PathBuf};
use tightrope_core::InputError;

/// Options of a classification run.
#[derive(Debug, Clone)]
pub struct Options {
    /// Matches below this confidence are counted but do not raise labels or produce findings.
    pub min_confidence: Confidence,
    /// Redacted samples kept per detector and dataset.
    pub samples: usize,
    /// Largest decompressed size of one gzip/zstd file.
    pub max_decompressed: u64,
    /// Only these detector IDs (all when empty).
    pub detectors: Vec<String>,
    /// Glob filters for directory walks.
    pub filter: walk::Filter,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            min_confidence: Confidence::Medium,
            samples: 3,
            max_decompressed: 1 << 30,
            detectors: Vec::new(),
            filter: walk::Filter::default(),
        }
    }
}

/// The result of a run: one dataset per file, and the inputs that could not be read.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct Classification {
    pub datasets: Vec<Dataset>,
    pub errors: Vec<InputError>,
    /// Files skipped as binary without a reader.
    pub skipped: Vec<String>,
}

impl Classification {
    /// The label of everything scanned (the highest dataset label).
    pub fn label(&self) -> Label {
        self.datasets.iter().map(|d| d.label).max().unwrap_or_default()
    }
}

/// A compiled engine plus the run's options and hash key.
pub struct Classifier {
    engine: Engine,
    key: HashKey,
    opts: Options,
}

impl Classifier {
    /// Compile the selected detectors. Errors name unknown detector IDs.
    pub fn new(opts: Options, key: HashKey) -> anyhow::Result<Self> {
        let selected: Vec<&'static Detector> = if opts.detectors.is_empty() {
            detectors::ALL.iter().collect()
        } else {
            opts.detectors
                .iter()
                .map(|id| {
                    detectors::by_id(&id.to_ascii_uppercase()).ok_or_else(|| {
                        anyhow::anyhow!("unknown detector `{id}` (see `tightrope classify --list-detectors`)")
                    })
                })
                .collect::<anyhow::Result<_>>()?
        };
        let engine = Engine::new(&selected).map_err(|e| anyhow::anyhow!("compiling detectors: {e}"))?;
        Ok(Classifier { engine, key, opts })
    }

    pub fn options(&self) -> &Options {
        &self.opts
    }

    pub fn engine(&self) -> &Engine {
        &self.engine
    }

    /// Classify files and directories (recursively, filtered by the include/exclude globs).
    /// Files are classified in parallel; unreadable ones become input errors.
    pub fn classify_paths(&self, paths: &[PathBuf]) -> Classification {
        let mut out = Classification::default();
        let mut files = Vec::new();
        for p in paths {
            match walk::files(p, &self.opts.filter) {
                Ok(mut f) => files.append(&mut f),
                Err(e) => out.errors.push(e),
            }
        }
        tracing::info!(files = files.len(), "classifying");
        let results: Vec<_> = files.par_iter().map(|f| (f, self.classify_file(f))).collect();
        for (f, r) in results {
            match r {
                Ok(Some(d)) => out.datasets.push(d),
                Ok(None) => out.skipped.push(f.display().to_string()),
                Err(message) => out.errors.push(InputError {
                    path: f.display().to_string(),
                    line: None,
                    message,
                }),
            }
        }
        out.datasets.sort_by(|a, b| a.path.cmp(&b.path));
        out
    }

    /// Classify one file; `Ok(None)` when it is binary and has no reader.
    pub fn classify_file(&self, path: &Path) -> Result<Option<Dataset>, String> {
        let mut head = [0u8; 8];
        let n = std::fs::File::open(path)
            .and_then(|mut f| std::io::Read::read(&mut f, &mut head))
            .map_err(|e| format!("cannot read: {e}"))?;
        let (kind, compression) = formats::sniff(path, &head[..n]);
        let content = formats::load(path, compression, self.opts.max_decompressed)?;
        if kind != Kind::Parquet && formats::looks_binary(&content) {
            tracing::debug!(path = %path.display(), "skipping binary file");
            return Ok(None);
        }
        let mut format = kind.as_str().to_string();
        match compression {
            Compression::Gzip => format.push_str("+gzip"),
            Compression::Zstd => format.push_str("+zstd"),
            Compression::None => {}
        }
        let t = std::time::Instant::now();
        let d = self.classify_bytes(&path.display().to_string(), kind, &format, &content)?;
        tracing::debug!(path = %d.path, bytes = d.bytes, label = %d.label, ms = t.elapsed().as_millis() as u64, "classified");
        Ok(Some(d))
    }

    /// Classify one object held in memory (a local file's content, or an S3 object sample).
    pub fn classify_bytes(&self, name: &str, kind: Kind, format: &str, bytes: &[u8]) -> Result<Dataset, String> {
        let mut agg = dataset::Aggregator::new(&self.key, self.opts.samples, self.opts.min_confidence);
        let (columns, rows) = match kind {
            Kind::Csv | Kind::Tsv => {
                let delimiter = if kind == Kind::Csv { b',' } else { b'\t' };
                // The table's fields are found while the engine scans (both only read the bytes).
                let (hits, layout) = rayon::join(
                    || self.engine.scan(bytes),
                    || formats::delimited::Layout::of(bytes, delimiter),
                );
                let (cols, rows) = formats::delimited::aggregate(bytes, &layout, &hits, &mut agg);
                (cols, Some(rows))
            }
            #[cfg(feature = "parquet")]
            Kind::Parquet => {
                let (cols, rows) = formats::parquet::aggregate(bytes, &self.engine, &mut agg)?;
                (cols, Some(rows))
            }
            #[cfg(not(feature = "parquet"))]
            Kind::Parquet => {
                return Err("Parquet support is not compiled in (build with the `parquet` feature)".into());
            }
            Kind::Text | Kind::Json | Kind::Jsonl => {
                let hits = self.engine.scan(bytes);
                formats::text::aggregate(bytes, &hits, &mut agg);
                (Vec::new(), None)
            }
        };
        let (label, detectors) = agg.finish();
        Ok(Dataset {
            path: name.to_string(),
            format: format.to_string(),
            bytes: bytes.len() as u64,
            rows,
            label,
            detectors,
            columns,
        })
    }
}

//! Model files, parsed and never executed: format detection by content, one reader per format,
//! bounded recursion into containers, and findings for whatever could run code or escape on load.

pub mod allowlist;
pub mod archive;
pub(crate) mod formats;
pub mod pickle;
pub mod risk;

use rayon::prelude::*;
use serde::Serialize;
use std::path::{Path, PathBuf};
use tightrope_core::{Finding, InputError, Severity};

/// Files larger than this are not read (mmapped files cost no memory, but this bounds hostile input).
pub const MAX_FILE_SIZE: u64 = 256 << 30;
/// A single pickle or config read out of a container is bounded to this size.
pub const MAX_ENTRY_READ: u64 = 1 << 30;
/// Containers nest at most this deep (zip in zip in tar ...).
pub const MAX_DEPTH: usize = 4;

/// File extensions that mark a file as a model even when its content is unknown.
pub const MODEL_EXTENSIONS: &[&str] = &[
    "pkl", "pickle", "pt", "pth", "bin", "ckpt", "joblib", "npy", "npz", "keras", "h5", "hdf5", "onnx", "safetensors",
    "gguf", "pb", "dill", "sav", "mar", "7z",
];

/// The format a model file was recognised as.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ModelFormat {
    Pickle,
    PytorchZip,
    PytorchLegacyTar,
    Joblib,
    Numpy,
    NumpyZip,
    Keras,
    Hdf5,
    TensorflowSavedModel,
    Onnx,
    Safetensors,
    Gguf,
    Zip,
    SevenZip,
    Unknown,
}

impl ModelFormat {
    pub fn as_str(self) -> &'static str {
        match self {
            ModelFormat::Pickle => "pickle",
            ModelFormat::PytorchZip => "pytorch-zip",
            ModelFormat::PytorchLegacyTar => "pytorch-legacy-tar",
            ModelFormat::Joblib => "joblib",
            ModelFormat::Numpy => "numpy",
            ModelFormat::NumpyZip => "numpy-npz",
            ModelFormat::Keras => "keras",
            ModelFormat::Hdf5 => "hdf5",
            ModelFormat::TensorflowSavedModel => "tensorflow-savedmodel",
            ModelFormat::Onnx => "onnx",
            ModelFormat::Safetensors => "safetensors",
            ModelFormat::Gguf => "gguf",
            ModelFormat::Zip => "zip",
            ModelFormat::SevenZip => "7z",
            ModelFormat::Unknown => "unknown",
        }
    }
}

/// The result of scanning one model file.
#[derive(Debug, Clone)]
pub struct ModelFile {
    pub path: PathBuf,
    pub format: ModelFormat,
    pub size: u64,
    pub findings: Vec<Finding>,
}

impl ModelFile {
    /// `safe` when no finding at or above low severity, otherwise the worst severity.
    pub fn verdict(&self) -> String {
        self.findings
            .iter()
            .map(|f| f.severity)
            .filter(|s| *s >= Severity::Low)
            .max()
            .map_or_else(|| "safe".to_string(), |s| s.as_str().to_string())
    }
}

/// Everything a model scan found.
#[derive(Debug, Default)]
pub struct ModelScan {
    pub files: Vec<ModelFile>,
    pub errors: Vec<InputError>,
}

impl ModelScan {
    pub fn findings(&self) -> Vec<Finding> {
        self.files.iter().flat_map(|f| f.findings.iter().cloned()).collect()
    }
}

/// Scan files and directories (recursively) for model files, in parallel.
pub fn scan_paths(paths: &[PathBuf]) -> ModelScan {
    let mut errors = Vec::new();
    let candidates = collect_candidates(paths, &mut errors);
    tracing::info!(files = candidates.len(), "scanning model files");
    let results: Vec<Result<Option<ModelFile>, InputError>> = candidates.par_iter().map(|p| scan_file(p)).collect();
    let mut files = Vec::new();
    for r in results {
        match r {
            Ok(Some(f)) => files.push(f),
            Ok(None) => {}
            Err(e) => errors.push(e),
        }
    }
    files.sort_by(|a, b| a.path.cmp(&b.path));
    ModelScan { files, errors }
}

/// Regular files under `paths`; symlinks are not followed.
pub fn collect_candidates(paths: &[PathBuf], errors: &mut Vec<InputError>) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for root in paths {
        for entry in walkdir::WalkDir::new(root).follow_links(false) {
            match entry {
                Ok(e) if e.file_type().is_file() => out.push(e.into_path()),
                Ok(_) => {}
                Err(e) => errors.push(InputError {
                    path: e.path().unwrap_or(root).display().to_string(),
                    line: None,
                    message: format!("cannot read: {e}"),
                }),
            }
        }
    }
    out
}

fn has_model_extension(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| MODEL_EXTENSIONS.iter().any(|m| m.eq_ignore_ascii_case(e)))
}

/// Scan one file. `Ok(None)` when the file is neither a known model format nor named like one.
pub fn scan_file(path: &Path) -> Result<Option<ModelFile>, InputError> {
    let err = |message: String| InputError { path: path.display().to_string(), line: None, message };
    let file = std::fs::File::open(path).map_err(|e| err(format!("cannot open: {e}")))?;
    let size = file.metadata().map_err(|e| err(format!("cannot stat: {e}")))?.len();
    if size > MAX_FILE_SIZE {
        return Err(err(format!("file is {size} bytes, larger than the {MAX_FILE_SIZE}-byte limit")));
    }
    if size == 0 {
        return Ok(None);
    }
    // SAFETY: the map is read-only; a file truncated by another process while mapped can raise
    // SIGBUS, the same risk every mmap-based scanner takes for speed on multi-GB weights.
    let map = unsafe { memmap2::Mmap::map(&file) }.map_err(|e| err(format!("cannot map: {e}")))?;
    let data: &[u8] = &map;
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or_default();
    let format = formats::detect(name, data);
    if format == ModelFormat::Unknown && !has_model_extension(path) {
        return Ok(None);
    }
    let shown = path.display().to_string();
    let mut ctx = formats::Ctx::new(&shown);
    formats::scan(&mut ctx, name, data, format, 0);
    tracing::debug!(path = shown.as_str(), format = format.as_str(), findings = ctx.findings.len(), "scanned");
    Ok(Some(ModelFile { path: path.to_path_buf(), format, size, findings: ctx.findings }))
}

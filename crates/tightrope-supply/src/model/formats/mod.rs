//! Format detection by content and the dispatch to one reader per format.

mod container;
pub(crate) mod gguf;
mod keras;
mod numpy;
mod onnx;
mod pickled;
pub(crate) mod safetensors;
mod tensorflow;

use super::{MAX_DEPTH, ModelFormat};
use crate::rules::{self, Rule};
use tightrope_core::{Finding, Severity};

/// What one file scan accumulates: the file's path, its directory, and the findings so far.
pub struct Ctx<'a> {
    pub file: &'a str,
    pub findings: Vec<Finding>,
    /// Path inside containers, `archive/data.pkl` or `outer.zip!inner.pkl`.
    inner: Vec<String>,
}

impl<'a> Ctx<'a> {
    pub fn new(file: &'a str) -> Self {
        Ctx { file, findings: Vec::new(), inner: Vec::new() }
    }

    /// The address of what is being scanned: the file, then `!entry` per container level.
    pub fn address(&self) -> String {
        std::iter::once(self.file.to_string()).chain(self.inner.iter().cloned()).collect::<Vec<_>>().join("!")
    }

    /// Add a finding of `rule` about the current address.
    pub fn report(&mut self, rule: &Rule, severity: Severity, kind: &str, message: String, evidence: Option<String>) {
        let mut f = rule.finding(severity, self.file, 1, kind, message);
        f.resource.address = self.address();
        f.evidence = evidence;
        self.findings.push(f);
    }

    /// Scan `data` as the container entry `name`.
    pub fn enter(&mut self, name: &str, data: &[u8], depth: usize) {
        if depth >= MAX_DEPTH {
            self.report(&rules::ARCHIVE_LIMITS, Severity::Medium, "archive", format!("containers nest deeper than {MAX_DEPTH} levels; `{name}` was not inspected"), None);
            return;
        }
        self.inner.push(name.to_string());
        let format = detect(name, data);
        scan(self, name, data, format, depth + 1);
        self.inner.pop();
    }
}

const PICKLE_EXTENSIONS: &[&str] = &["pkl", "pickle", "pt", "pth", "bin", "ckpt", "joblib", "dill", "sav", "p", "dat", "data", "mar"];

fn extension(name: &str) -> String {
    name.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase()).unwrap_or_default()
}

/// Recognise a format from the first bytes, the name only where the format has no magic.
pub fn detect(name: &str, data: &[u8]) -> ModelFormat {
    let ext = extension(name);
    let base = name.rsplit(['/', '\\']).next().unwrap_or(name);
    if data.starts_with(b"PK\x03\x04") || data.starts_with(b"PK\x05\x06") {
        return container::classify_zip(data);
    }
    if data.starts_with(b"\x93NUMPY") {
        return ModelFormat::Numpy;
    }
    if data.starts_with(b"GGUF") {
        return ModelFormat::Gguf;
    }
    if data.starts_with(b"\x89HDF\r\n\x1a\n") {
        return ModelFormat::Hdf5;
    }
    if data.starts_with(b"7z\xbc\xaf\x27\x1c") {
        return ModelFormat::SevenZip;
    }
    if data.get(257..262) == Some(b"ustar") {
        return ModelFormat::PytorchLegacyTar;
    }
    if safetensors::looks_like(data) {
        return ModelFormat::Safetensors;
    }
    if base == "saved_model.pb" {
        return ModelFormat::TensorflowSavedModel;
    }
    if ext == "onnx" {
        return ModelFormat::Onnx;
    }
    if data.first() == Some(&0x80) && data.get(1).is_some_and(|p| *p <= 5) {
        return if ext == "joblib" { ModelFormat::Joblib } else { ModelFormat::Pickle };
    }
    if PICKLE_EXTENSIONS.contains(&ext.as_str()) {
        if ext == "joblib" && (data.starts_with(&[0x78]) || data.starts_with(&[0x1f, 0x8b])) {
            return ModelFormat::Joblib;
        }
        if !super::pickle::scan(data.get(..4096.min(data.len())).unwrap_or_default()).is_not_pickle() {
            return ModelFormat::Pickle;
        }
    }
    ModelFormat::Unknown
}

/// Run the reader for `format` over `data`.
pub fn scan(ctx: &mut Ctx, name: &str, data: &[u8], format: ModelFormat, depth: usize) {
    match format {
        ModelFormat::Pickle => {
            pickled::scan(ctx, data);
        }
        ModelFormat::Joblib => pickled::scan_joblib(ctx, data),
        ModelFormat::PytorchZip | ModelFormat::NumpyZip | ModelFormat::Zip => container::scan_zip(ctx, data, format, depth),
        ModelFormat::Keras => keras::scan_keras(ctx, data, depth),
        ModelFormat::PytorchLegacyTar => container::scan_tar(ctx, data, depth),
        ModelFormat::SevenZip => container::scan_7z(ctx, data),
        ModelFormat::Numpy => numpy::scan(ctx, data),
        ModelFormat::Hdf5 => keras::scan_h5(ctx, data),
        ModelFormat::TensorflowSavedModel => tensorflow::scan(ctx, data),
        ModelFormat::Onnx => onnx::scan(ctx, data),
        ModelFormat::Safetensors => safetensors::scan(ctx, data),
        ModelFormat::Gguf => gguf::scan(ctx, data),
        ModelFormat::Unknown => ctx.report(
            &rules::UNSCANNABLE,
            Severity::Info,
            "model",
            format!("`{name}` has a model file extension but is no known model format; it was not inspected"),
            None,
        ),
    }
}

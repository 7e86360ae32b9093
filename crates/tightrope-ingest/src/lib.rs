//! Readers that adapt real IaC formats into one typed [`CloudState`].
//!
//! Each reader turns files into [`RawResource`]s (a located [`Node`] tree per resource, in its
//! source's vocabulary); one adapter per vocabulary maps them into typed resources. Terraform HCL,
//! plan JSON and state JSON share the Terraform adapter, so a rule holds for all three.
//!
//! A file that cannot be read is reported as an [`InputError`] (path, line, what was expected) and
//! the rest of the scan goes on.

pub mod cloudformation;
pub mod detect;
pub mod fields;
pub mod kubernetes;
pub mod node;
pub mod raw;
pub mod suppress;
pub mod suppressions_file;
pub mod terraform;
mod yaml;

pub use detect::Format;
pub use node::{Node, Span, Value};
pub use raw::{RawResource, Vocabulary};

use std::path::{Path, PathBuf};
use std::sync::Arc;
use tightrope_core::{CloudState, InputError};

/// A file the scan read, and how it was understood.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceFile {
    pub path: String,
    pub format: Format,
}

/// The outcome of reading a set of paths.
#[derive(Debug, Default)]
pub struct Scan {
    pub state: CloudState,
    pub errors: Vec<InputError>,
    pub files: Vec<SourceFile>,
    /// Number of resources read, modelled or not.
    pub resources: usize,
}

/// Read every supported file under `paths` (files or directories) into one state.
pub fn scan(paths: &[PathBuf]) -> Scan {
    let mut scan = Scan::default();
    let mut raw = Vec::new();
    let mut tf_files = Vec::new();
    for path in paths {
        if !path.exists() {
            scan.errors.push(InputError { path: path.display().to_string(), line: None, message: "no such file or directory".into() });
            continue;
        }
        for file in detect::walk(path) {
            let format = match detect::detect(&file) {
                Ok(Some(f)) => f,
                Ok(None) => continue,
                Err(e) => {
                    scan.errors.push(e);
                    continue;
                }
            };
            scan.files.push(SourceFile { path: file.display().to_string(), format });
            if format == Format::TerraformHcl {
                tf_files.push(file);
                continue;
            }
            let (mut r, mut e) = read_file(&file, format);
            raw.append(&mut r);
            scan.errors.append(&mut e);
        }
    }
    let (mut r, mut e) = terraform::hcl::read_files(&tf_files);
    raw.append(&mut r);
    scan.errors.append(&mut e);
    scan.resources = raw.len();
    adapt(&raw, &mut scan.state);
    scan
}

/// Read one non-HCL file of a known format: the resources that could be read, and an error for
/// each problem (a broken document or resource does not hide the good ones beside it).
fn read_file(path: &Path, format: Format) -> (Vec<RawResource>, Vec<InputError>) {
    let name: Arc<str> = Arc::from(path.display().to_string());
    let text = match detect::read_text(path) {
        Ok(t) => t,
        Err(e) => return (Vec::new(), vec![e]),
    };
    match format {
        Format::TerraformPlan | Format::TerraformState => match terraform::plan::read(&name, &text) {
            Ok(r) => (r, Vec::new()),
            Err(e) => (Vec::new(), vec![e]),
        },
        Format::CloudFormation => cloudformation::read_all(&name, &text),
        Format::Kubernetes => kubernetes::read_all(&name, &text),
        Format::TerraformHcl => (Vec::new(), Vec::new()),
    }
}

/// Adapt raw resources of every vocabulary into the typed state.
pub fn adapt(raw: &[RawResource], state: &mut CloudState) {
    let by = |v: Vocabulary| raw.iter().filter(move |r| r.vocabulary == v).collect::<Vec<_>>();
    terraform::adapt::adapt(&by(Vocabulary::Terraform), state);
    cloudformation::adapt::adapt(&by(Vocabulary::CloudFormation), state);
    kubernetes::adapt(&by(Vocabulary::Kubernetes), state);
}

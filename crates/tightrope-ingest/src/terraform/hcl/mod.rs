//! Terraform HCL reader: directories of `.tf` files evaluated as Terraform would, offline.
//!
//! Each directory is a module. Directories that no other scanned directory calls as a local module
//! are roots; a root's variables take their values from `terraform.tfvars` and `*.auto.tfvars`,
//! then from defaults. Supported: variables, locals, string templates, conditionals, `for`
//! expressions, splats, the common built-in functions, references between resources (kept as
//! links), literal `count` / `for_each`, `dynamic` blocks, and local modules (`./`, `../` sources)
//! with their inputs and outputs. Remote modules (registry, git) cannot be read offline and are
//! skipped. Anything not resolvable offline becomes unknown, never a guess.

mod config;
mod eval;
mod functions;
mod instance;
mod policy_document;
mod value;

use std::cell::RefCell;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::rc::Rc;

use config::{local_source, File, ModuleConfig};
use instance::Instance;
use tightrope_core::InputError;

use crate::detect::read_text;
use crate::node::Node;
use crate::raw::RawResource;

/// Parses module directories once, whether they are scanned or only called.
pub struct Loader {
    modules: RefCell<HashMap<PathBuf, Option<Rc<ModuleConfig>>>>,
    errors: RefCell<Vec<InputError>>,
}

impl Loader {
    fn new() -> Self {
        Loader { modules: RefCell::new(HashMap::new()), errors: RefCell::new(Vec::new()) }
    }

    /// The module in `dir` (parsed on first use); `None` if it has no readable `.tf` file.
    pub fn module(&self, dir: &Path) -> Option<Rc<ModuleConfig>> {
        let key = normalize(dir);
        if let Some(m) = self.modules.borrow().get(&key) {
            return m.clone();
        }
        let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
            .map(|rd| rd.filter_map(Result::ok).map(|e| e.path()).filter(|p| p.extension().is_some_and(|e| e == "tf") && p.is_file()).collect())
            .unwrap_or_default();
        files.sort();
        let m = self.parse(dir, &files);
        self.modules.borrow_mut().insert(key, m.clone());
        m
    }

    fn parse(&self, dir: &Path, files: &[PathBuf]) -> Option<Rc<ModuleConfig>> {
        let mut errors = self.errors.borrow_mut();
        let parsed: Vec<File> = files
            .iter()
            .filter_map(|p| match read_text(p) {
                Ok(text) => File::parse(p, &text, &mut errors),
                Err(e) => {
                    errors.push(e);
                    None
                }
            })
            .collect();
        (!parsed.is_empty()).then(|| Rc::new(ModuleConfig::new(dir.to_path_buf(), parsed)))
    }
}

/// Lexically normalise a path (`a/./b/../c` -> `a/c`) so one module has one key.
fn normalize(p: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in p.components() {
        match c {
            std::path::Component::CurDir => {}
            std::path::Component::ParentDir if out.file_name().is_some_and(|n| n != "..") => {
                out.pop();
            }
            c => out.push(c),
        }
    }
    out
}

/// Read the `.tf` files found by the scan, grouped into modules by directory.
pub fn read_files(files: &[PathBuf]) -> (Vec<RawResource>, Vec<InputError>) {
    let loader = Loader::new();
    let mut dirs: Vec<PathBuf> = files.iter().map(|f| f.parent().map(Path::to_path_buf).unwrap_or_default()).collect();
    dirs.sort();
    dirs.dedup();
    // Parse exactly the scanned files of each directory.
    for dir in &dirs {
        let mine: Vec<PathBuf> = files.iter().filter(|f| f.parent() == Some(dir.as_path())).cloned().collect();
        let m = loader.parse(dir, &mine);
        loader.modules.borrow_mut().insert(normalize(dir), m);
    }
    // Directories called as local modules by another scanned directory are not roots.
    let mut called = HashSet::new();
    for dir in &dirs {
        if let Some(m) = loader.module(dir) {
            for call in &m.modules {
                if let Some(src) = call.source.as_deref().and_then(|s| local_source(dir, s)) {
                    called.insert(normalize(&src));
                }
            }
        }
    }
    let mut out = Vec::new();
    for dir in dirs.iter().filter(|d| !called.contains(&normalize(d))) {
        let Some(config) = loader.module(dir) else { continue };
        let inputs = tfvars(dir, &loader);
        Instance::new(config, &loader, String::new(), 0, inputs).resources(&mut out);
    }
    (out, loader.errors.into_inner())
}

/// Variable values from `terraform.tfvars` and `*.auto.tfvars` (later files win, as in Terraform).
fn tfvars(dir: &Path, loader: &Loader) -> BTreeMap<String, Node> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|rd| {
            rd.filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| p.file_name().and_then(|n| n.to_str()).is_some_and(|n| n == "terraform.tfvars" || n.ends_with(".auto.tfvars")))
                .collect()
        })
        .unwrap_or_default();
    files.sort_by_key(|p| p.file_name().is_some_and(|n| n != "terraform.tfvars"));
    let mut vars = BTreeMap::new();
    for path in files {
        let text = match read_text(&path) {
            Ok(t) => t,
            Err(e) => {
                loader.errors.borrow_mut().push(e);
                continue;
            }
        };
        let Some(file) = File::parse(&path, &text, &mut loader.errors.borrow_mut()) else { continue };
        let config = Rc::new(ModuleConfig::new(dir.to_path_buf(), vec![file]));
        let scope = Instance::new(config.clone(), loader, String::new(), 0, BTreeMap::new());
        for s in config.files[0].body.iter() {
            if let hcl_edit::structure::Structure::Attribute(a) = s {
                vars.insert(a.key.value().as_str().to_string(), eval::Eval::new(&scope).eval(&a.value));
            }
        }
    }
    vars
}

#[cfg(test)]
mod tests;

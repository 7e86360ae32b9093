//! A Terraform module's configuration: its `.tf` files parsed, and the declarations
//! (variables, locals, resources, module calls, outputs) that evaluation needs.

use hcl_edit::expr::Expression;
use hcl_edit::structure::{Block, Body, Structure};
use hcl_edit::Span as _;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use tightrope_core::InputError;

use crate::node::Span;
use crate::suppress;

/// One parsed `.tf` file.
pub struct File {
    pub name: Arc<str>,
    pub body: Body,
    line_starts: Vec<usize>,
    pub suppressions: Vec<suppress::Found>,
}

impl File {
    /// Parse a file; a syntax error becomes an [`InputError`] with the line and what was expected.
    pub fn parse(path: &Path, text: &str, errors: &mut Vec<InputError>) -> Option<File> {
        let name: Arc<str> = Arc::from(path.display().to_string());
        match hcl_edit::parser::parse_body(text) {
            Ok(body) => {
                let line_starts = std::iter::once(0).chain(text.match_indices('\n').map(|(i, _)| i + 1)).collect();
                let suppressions = suppress::scan(text, &name, errors);
                Some(File { name, body, line_starts, suppressions })
            }
            Err(e) => {
                let loc = e.location();
                errors.push(InputError {
                    path: name.to_string(),
                    line: Some(loc.line() as u32),
                    message: format!("invalid HCL at column {}: {} (expected Terraform configuration syntax)", loc.column(), e.message().trim()),
                });
                None
            }
        }
    }

    /// Line span of a byte range from the parser.
    pub fn span(&self, range: Option<std::ops::Range<usize>>) -> Span {
        let Some(r) = range else { return Span::default() };
        let line = |off: usize| match self.line_starts.binary_search(&off) {
            Ok(i) => i as u32 + 1,
            Err(i) => i as u32,
        };
        Span::new(line(r.start), line(r.end.saturating_sub(1).max(r.start)))
    }
}

/// A `resource` block.
pub struct ResourceDecl {
    pub file: usize,
    pub kind: String,
    pub name: String,
    pub block: Block,
}

/// A `module` block.
pub struct ModuleCall {
    pub file: usize,
    pub name: String,
    pub source: Option<String>,
    pub block: Block,
}

/// Everything declared in one module directory.
pub struct ModuleConfig {
    pub dir: PathBuf,
    pub files: Vec<File>,
    /// Variable name -> (file index, default expression).
    pub variables: BTreeMap<String, (usize, Option<Expression>)>,
    pub locals: BTreeMap<String, (usize, Expression)>,
    pub outputs: BTreeMap<String, (usize, Expression)>,
    pub resources: Vec<ResourceDecl>,
    pub modules: Vec<ModuleCall>,
    /// `data "aws_iam_policy_document"` blocks by name, with their file index.
    pub policy_documents: BTreeMap<String, (usize, Block)>,
}

fn label(block: &Block, i: usize) -> Option<String> {
    block.labels.get(i).map(|l| match l {
        hcl_edit::structure::BlockLabel::Ident(id) => id.value().as_str().to_string(),
        hcl_edit::structure::BlockLabel::String(s) => s.value().to_string(),
    })
}

impl ModuleConfig {
    /// Collect declarations from parsed files (all of one directory).
    pub fn new(dir: PathBuf, files: Vec<File>) -> ModuleConfig {
        let mut m = ModuleConfig {
            dir,
            files: Vec::new(),
            variables: BTreeMap::new(),
            locals: BTreeMap::new(),
            outputs: BTreeMap::new(),
            resources: Vec::new(),
            modules: Vec::new(),
            policy_documents: BTreeMap::new(),
        };
        for (fi, file) in files.iter().enumerate() {
            for s in file.body.iter() {
                let Structure::Block(b) = s else { continue };
                match b.ident.value().as_str() {
                    "variable" => {
                        if let Some(n) = label(b, 0) {
                            m.variables.insert(n, (fi, b.body.get_attribute("default").map(|a| a.value.clone())));
                        }
                    }
                    "locals" => {
                        for s in b.body.iter() {
                            if let Structure::Attribute(a) = s {
                                m.locals.insert(a.key.value().as_str().to_string(), (fi, a.value.clone()));
                            }
                        }
                    }
                    "output" => {
                        if let (Some(n), Some(v)) = (label(b, 0), b.body.get_attribute("value")) {
                            m.outputs.insert(n, (fi, v.value.clone()));
                        }
                    }
                    "resource" => {
                        if let (Some(kind), Some(name)) = (label(b, 0), label(b, 1)) {
                            m.resources.push(ResourceDecl { file: fi, kind, name, block: b.clone() });
                        }
                    }
                    "data" => {
                        if let (Some("aws_iam_policy_document"), Some(name)) = (label(b, 0).as_deref(), label(b, 1)) {
                            m.policy_documents.insert(name, (fi, b.clone()));
                        }
                    }
                    "module" => {
                        if let Some(name) = label(b, 0) {
                            let source = b.body.get_attribute("source").and_then(|a| match &a.value {
                                Expression::String(s) => Some(s.value().to_string()),
                                _ => None,
                            });
                            m.modules.push(ModuleCall { file: fi, name, source, block: b.clone() });
                        }
                    }
                    _ => {}
                }
            }
        }
        m.files = files;
        m
    }

    /// Span of a block in its file.
    pub fn block_span(&self, file: usize, block: &Block) -> Span {
        self.files[file].span(block.span())
    }
}

/// The directory a local module source points to (`./x`, `../x`); `None` for registry, git or
/// other remote sources, which cannot be read offline.
pub fn local_source(dir: &Path, source: &str) -> Option<PathBuf> {
    (source.starts_with("./") || source.starts_with("../")).then(|| dir.join(source))
}

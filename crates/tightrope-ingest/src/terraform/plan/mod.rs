//! Terraform plan JSON and state JSON, read into [`RawResource`]s of the Terraform vocabulary (the
//! same shape the HCL reader produces, so one adapter reads all three).
//!
//! Accepted documents:
//! - **Plan**, `terraform show -json <planfile>`: `planned_values.root_module` holds `resources[]`
//!   (`address`, `mode`, `type`, `name`, `index`, `values`, `sensitive_values`) and `child_modules[]`
//!   (recursive, each with its `address`). `resource_changes[]` gives each resource's
//!   `change.actions` (a resource whose actions are exactly `["delete"]` is skipped),
//!   `change.after_unknown` (attributes known only after apply, which become [`Value::Unknown`]) and
//!   `change.after_sensitive`. `configuration.root_module` (and `module_calls.<name>.module` for
//!   child modules) holds `resources[].expressions.<attr>.references`, e.g.
//!   `["aws_kms_key.k.arn", "aws_kms_key.k"]`: an unknown attribute gets the referenced resource
//!   addresses as `refs` (attribute suffix dropped, calling module's prefix added, `var.` and
//!   `module.x.output` references followed; see the `config` module). A changed resource missing from
//!   `planned_values` (hand-trimmed plans) is read from its `change.after`.
//! - **Shown state**, `terraform show -json` of a state: `values.root_module`, same shape as
//!   `planned_values` (no unknowns).
//! - **Raw state**, `terraform.tfstate` version 4: see the `state` module.
//!
//! Data sources are skipped. Nested blocks in `values` are already lists of objects and stay so.
//! Addresses look like `module.x.aws_s3_bucket.b`, `aws_s3_bucket.b[0]`, `aws_s3_bucket.b["key"]`.
//!
//! JSON carries no positions: each resource spans the lines of its own JSON object (found for all
//! resources in one pass over the text, see the `spans` module); its attributes inherit that span. Values
//! marked sensitive, and attributes named like secrets, are redacted (see the `overlay` module). Malformed or
//! unexpected input is an [`InputError`] with the line, never a panic.

mod address;
mod config;
mod modules;
mod overlay;
mod planned;
mod spans;
mod state;

use crate::node::{Node, Span, Value};
use crate::raw::{RawResource, Vocabulary};
use config::Config;
use serde_json::Value as J;
use std::collections::HashSet;
use std::sync::Arc;
use tightrope_core::InputError;

pub use modules::MAX_MODULE_DEPTH;

/// A resource found in the document, before its body is built.
struct Candidate<'a> {
    /// JSON pointer of the object whose lines are the resource's span.
    pointer: String,
    address: String,
    kind: String,
    name: String,
    /// Module instance address: `""` or `module.a[0]`.
    module: String,
    values: Option<&'a J>,
    sensitive: Sensitivity<'a>,
    after_unknown: Option<&'a J>,
}

/// How a document marks sensitive values.
enum Sensitivity<'a> {
    None,
    /// A tree of the values' shape with `true` at sensitive values (plans, shown states).
    Mask(&'a J),
    /// A list of attribute paths (raw state `sensitive_attributes`).
    Paths(&'a J),
}

/// A problem at a JSON pointer; turned into an [`InputError`] with that object's line.
struct Located {
    pointer: String,
    message: String,
}

/// Read a plan or state JSON document.
pub fn read(file: &Arc<str>, text: &str) -> Result<Vec<RawResource>, InputError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let doc: J = serde_json::from_str(text).map_err(|e| json_error(file, &e))?;
    let candidates = match shape(&doc) {
        Shape::Plan => planned::candidates(&doc),
        Shape::ShownState => match doc.pointer("/values/root_module") {
            Some(root) => {
                let mut out = Vec::new();
                modules::walk(root, "/values/root_module", 0, &mut out).map(|()| out)
            }
            None => Ok(Vec::new()),
        },
        Shape::RawState => state::candidates(&doc),
        Shape::Empty => Ok(Vec::new()),
        Shape::Other(message) => Err(Located { pointer: String::new(), message: message.into() }),
    }
    .map_err(|e| located_error(file, text, e))?;

    let wanted: HashSet<String> = candidates.iter().map(|c| c.pointer.clone()).collect();
    let found = spans::object_spans(text, &wanted);
    let whole = Span::new(1, spans::line_count(text));
    let config = Config::new(&doc);
    Ok(candidates
        .into_iter()
        .map(|c| {
            let span = found.get(&c.pointer).copied().unwrap_or(whole);
            build(file, c, span, &config)
        })
        .collect())
}

enum Shape {
    Plan,
    ShownState,
    RawState,
    /// `terraform show -json` of an empty state: only `format_version`.
    Empty,
    Other(&'static str),
}

fn shape(doc: &J) -> Shape {
    let Some(obj) = doc.as_object() else {
        return Shape::Other("expected a JSON object: a Terraform plan or state from `terraform show -json`, or a terraform.tfstate file");
    };
    let has = |k: &str| obj.contains_key(k);
    if has("planned_values") || has("resource_changes") || (has("format_version") && has("configuration")) {
        Shape::Plan
    } else if has("values") {
        Shape::ShownState
    } else if has("version") && (has("resources") || has("modules")) {
        Shape::RawState
    } else if has("format_version") && obj.keys().all(|k| k == "format_version" || k == "terraform_version") {
        Shape::Empty
    } else {
        Shape::Other(
            "not a Terraform plan or state: expected `planned_values` or `resource_changes` (a plan from `terraform show -json`), \
             `values` (a state from `terraform show -json`) or `version` and `resources` (a terraform.tfstate file)",
        )
    }
}

fn build(file: &Arc<str>, c: Candidate, span: Span, config: &Config) -> RawResource {
    let mut body = match c.values {
        Some(v) if !v.is_null() => Node::from_json(v, span),
        _ => Node::new(Value::Map(Vec::new()), span),
    };
    match c.sensitive {
        Sensitivity::Mask(mask) => overlay::redact_marked(&mut body, mask),
        Sensitivity::Paths(paths) => overlay::redact_paths(&mut body, paths),
        Sensitivity::None => {}
    }
    overlay::redact_secret_names(&mut body);
    if let Some(mask) = c.after_unknown {
        let resource = config.resource(&c.module, &format!("{}.{}", c.kind, c.name));
        overlay::mark_unknown(&mut body, mask, resource.as_ref(), &mut Vec::new());
    }
    RawResource {
        vocabulary: Vocabulary::Terraform,
        kind: c.kind,
        address: c.address,
        file: file.clone(),
        span,
        body,
        suppressions: Vec::new(),
    }
}

fn expected(file: &str) -> &'static str {
    if file.to_ascii_lowercase().ends_with(".tfstate") { "a Terraform state file" } else { "a Terraform plan from `terraform show -json`" }
}

fn json_error(file: &Arc<str>, e: &serde_json::Error) -> InputError {
    let full = e.to_string();
    let what = full.strip_suffix(&format!(" at line {} column {}", e.line(), e.column())).unwrap_or(&full);
    InputError {
        path: file.to_string(),
        line: (e.line() > 0).then(|| u32::try_from(e.line()).unwrap_or(u32::MAX)),
        message: format!("invalid JSON: {what} at column {} (expected {})", e.column(), expected(file)),
    }
}

fn located_error(file: &Arc<str>, text: &str, e: Located) -> InputError {
    let line = if e.pointer.is_empty() {
        // The document itself (possibly not an object): the line where it starts.
        Some(text[..text.len() - text.trim_start().len()].matches('\n').count() as u32 + 1)
    } else {
        spans::object_spans(text, &HashSet::from([e.pointer.clone()])).get(&e.pointer).map(|s| s.start_line)
    };
    InputError { path: file.to_string(), line, message: e.message }
}

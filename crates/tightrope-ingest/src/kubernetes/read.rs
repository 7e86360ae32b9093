//! Kubernetes manifest files to [`RawResource`]s: one per object, `kind: List` items included.
//!
//! Documents without `apiVersion` and `kind` are not manifests and are skipped; Helm templates
//! (`{{ ... }}` in a file under `templates/`) are skipped as a whole. Suppressions come from
//! `# tightrope:ignore RULE reason` comments and from the `tightrope.dev/ignore` annotation.

use super::yaml;
use crate::fields::scalar_string;
use crate::node::{Node, Span};
use crate::raw::{RawResource, Vocabulary};
use crate::suppress::{self, Found};
use std::path::Path;
use std::sync::Arc;
use tightrope_core::{InputError, Origin, Suppression};

/// The annotation that suppresses rules on one object: `"RULE-ID reason; OTHER-ID reason"`.
pub const IGNORE_ANNOTATION: &str = "tightrope.dev/ignore";

/// Read a manifest file: every object, or every error when the file has any. Prefer
/// [`read_all`], which keeps the objects of a file that also has a broken document.
pub fn read(file: &Arc<str>, text: &str) -> Result<Vec<RawResource>, Vec<InputError>> {
    let (resources, errors) = read_all(file, text);
    if errors.is_empty() { Ok(resources) } else { Err(errors) }
}

/// Read a manifest file: the objects of every valid document, and an error per invalid one.
pub fn read_all(file: &Arc<str>, text: &str) -> (Vec<RawResource>, Vec<InputError>) {
    let mut errors = Vec::new();
    if is_helm_template(file, text) {
        tracing::debug!(file = %file, "skipping Helm template (not a manifest until rendered)");
        return (Vec::new(), errors);
    }
    let found = suppress::scan(text, file, &mut errors);
    let mut resources = Vec::new();
    for doc in yaml::documents(text, file, &mut errors) {
        if kind_of(&doc) == Some("List") {
            for item in doc.get("items").and_then(Node::as_list).unwrap_or_default() {
                push_object(item, file, &found, &mut resources, &mut errors);
            }
        } else {
            push_object(&doc, file, &found, &mut resources, &mut errors);
        }
    }
    (resources, errors)
}

/// A file under a `templates/` directory that contains template actions.
fn is_helm_template(file: &str, text: &str) -> bool {
    let under_templates = Path::new(file).parent().is_some_and(|p| p.components().any(|c| c.as_os_str() == "templates"));
    under_templates && text.find("{{").is_some_and(|i| text[i..].contains("}}"))
}

fn kind_of(doc: &Node) -> Option<&str> {
    doc.get("kind").and_then(Node::as_str)
}

fn push_object(doc: &Node, file: &Arc<str>, found: &[Found], out: &mut Vec<RawResource>, errors: &mut Vec<InputError>) {
    let (Some(_), Some(_)) = (doc.get("apiVersion"), doc.get("kind")) else { return };
    let error = |n: &Node, message: String| InputError { path: file.to_string(), line: Some(n.span.start_line), message };
    let Some(kind) = kind_of(doc) else {
        errors.push(error(doc, "`kind` must be a string naming the object type (e.g. `Deployment`)".into()));
        return;
    };
    let name = doc
        .get("metadata.name")
        .or_else(|| doc.get("metadata.generateName"))
        .and_then(scalar_string)
        .unwrap_or_else(|| format!("(unnamed@{})", doc.span.start_line));
    let namespace = doc.get("metadata.namespace").and_then(scalar_string).unwrap_or_else(|| "default".into());
    let mut suppressions = suppress::for_block(found, doc.span);
    suppressions.extend(annotation_suppressions(doc, file, errors));
    out.push(RawResource {
        vocabulary: Vocabulary::Kubernetes,
        kind: kind.to_string(),
        address: format!("{kind}/{namespace}/{name}"),
        file: file.clone(),
        span: doc.span,
        body: doc.clone(),
        suppressions,
    });
}

/// Suppressions in the `tightrope.dev/ignore` annotation, separated by `,` or `;`. An entry
/// without a reason is an error and suppresses nothing.
fn annotation_suppressions(doc: &Node, file: &Arc<str>, errors: &mut Vec<InputError>) -> Vec<Suppression> {
    let Some(annotations) = doc.get("metadata.annotations").and_then(Node::as_map) else { return Vec::new() };
    let Some((_, node)) = annotations.iter().find(|(k, _)| k == IGNORE_ANNOTATION) else { return Vec::new() };
    let Span { start_line, end_line } = node.span;
    let Some(text) = node.as_str() else {
        errors.push(InputError {
            path: file.to_string(),
            line: Some(start_line),
            message: format!(
                "annotation `{IGNORE_ANNOTATION}` must be a string such as \"KSV-0017 debug pod, removed after the incident\""
            ),
        });
        return Vec::new();
    };
    let mut out = Vec::new();
    for entry in text.split([',', ';']).map(str::trim).filter(|e| !e.is_empty()) {
        match entry.split_once(char::is_whitespace) {
            Some((rule, reason)) if !reason.trim().is_empty() => out.push(Suppression {
                rule: rule.to_string(),
                reason: reason.trim().to_string(),
                origin: Origin::file(file, start_line, end_line),
            }),
            _ => errors.push(InputError {
                path: file.to_string(),
                line: Some(start_line),
                message: format!(
                    "`{IGNORE_ANNOTATION}` entry `{entry}` needs a rule id (or `*`) and a reason, e.g. \"KSV-0017 debug pod\""
                ),
            }),
        }
    }
    out
}

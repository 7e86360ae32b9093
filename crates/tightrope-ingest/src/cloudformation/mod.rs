//! CloudFormation reader: a template (YAML or JSON) → one [`RawResource`] per resource, with its
//! `Properties` resolved offline ([`intrinsics`]) and resources whose `Condition` is false left out
//! ([`conditions`]). Suppressions come from `# tightrope:ignore RULE reason` comments and from a
//! resource's `Metadata: {tightrope: {ignore: [{id, reason}]}}` (which JSON templates can carry).

pub mod adapt;
pub mod conditions;
pub mod foreach;
pub mod intrinsics;
pub mod yaml;

use crate::node::{Node, Span, Value};
use crate::raw::{RawResource, Vocabulary};
use crate::suppress;
use intrinsics::Context;
use std::sync::Arc;
use tightrope_core::{InputError, Origin, Suppression};

/// Read a template. A template that cannot be read at all is an error; problems with single
/// resources are reported by [`read_all`] (this returns the first of them only when no resource
/// could be read).
pub fn read(file: &Arc<str>, text: &str) -> Result<Vec<RawResource>, InputError> {
    let (resources, mut errors) = read_all(file, text);
    if resources.is_empty() && !errors.is_empty() {
        return Err(errors.swap_remove(0));
    }
    Ok(resources)
}

/// Read a template: the resources that could be read, and an error for each problem found.
pub fn read_all(file: &Arc<str>, text: &str) -> (Vec<RawResource>, Vec<InputError>) {
    let mut errors = Vec::new();
    let err = |line: u32, message: String| InputError { path: file.to_string(), line: Some(line), message };
    let doc = match yaml::parse(text) {
        Ok(d) => d,
        Err(e) => return (Vec::new(), vec![err(e.line, e.message)]),
    };
    let resources = match doc.get("Resources").map(|r| &r.value) {
        Some(Value::Map(m)) => m,
        Some(_) => return (Vec::new(), vec![err(doc.get("Resources").map_or(1, |r| r.span.start_line), "`Resources` must be a map of logical id to resource".into())]),
        None => return (Vec::new(), vec![err(1, "not a CloudFormation template: expected a top-level `Resources` map".into())]),
    };
    let mut ctx = context(&doc);
    let resources = foreach::expand(resources, &ctx);
    ctx.resources = resources.iter().map(|(id, _)| id.clone()).collect();
    let comments = suppress::scan(text, file, &mut errors);
    let mut out = Vec::new();
    for (id, res) in &resources {
        let line = res.span.start_line;
        let Some(kind) = res.get("Type").and_then(resource_type) else {
            errors.push(err(line, format!("resource `{id}` has no `Type` (expected e.g. `Type: AWS::S3::Bucket`)")));
            continue;
        };
        let condition = res.get("Condition").and_then(Node::as_str);
        if condition.is_some_and(|c| ctx.conditions.get(c).copied().flatten() == Some(false)) {
            continue;
        }
        let body = res
            .get("Properties")
            .and_then(|p| ctx.resolve(p))
            .filter(|p| matches!(p.value, Value::Map(_)))
            .unwrap_or_else(|| Node::new(Value::Map(Vec::new()), res.span));
        let mut suppressions = suppress::for_block(&comments, res.span);
        suppressions.extend(metadata_suppressions(res, file, &mut errors));
        out.push(RawResource {
            vocabulary: Vocabulary::CloudFormation,
            kind,
            address: id.clone(),
            file: file.clone(),
            span: res.span,
            body,
            suppressions,
        });
    }
    (out, errors)
}

/// A resource's `Type`; a Rain module (`Type: !Rain::Module path`) is of type `Rain::Module`.
fn resource_type(ty: &Node) -> Option<String> {
    match &ty.value {
        Value::String(s) => Some(s.clone()),
        Value::Map(m) => match m.as_slice() {
            [(tag, _)] => tag.strip_prefix('!').map(str::to_string),
            _ => None,
        },
        _ => None,
    }
}

/// Parameters (their defaults), mappings and evaluated conditions.
fn context(doc: &Node) -> Context {
    let mut ctx = Context { mappings: doc.get("Mappings").cloned(), ..Context::default() };
    for (name, p) in doc.get("Parameters").and_then(Node::as_map).unwrap_or_default() {
        ctx.params.insert(name.clone(), parameter_default(p));
    }
    ctx.conditions = conditions::evaluate(doc.get("Conditions"), &ctx);
    ctx
}

/// A parameter's default as the value a `Ref` yields: list types split their comma-separated
/// default; SSM parameter types hold a parameter *name*, so their value is unknown.
fn parameter_default(p: &Node) -> Option<Node> {
    let ty = p.get("Type").and_then(Node::as_str).unwrap_or("String");
    let default = p.get("Default").filter(|d| !d.is_null())?;
    if ty.starts_with("AWS::SSM::Parameter::Value") {
        return None;
    }
    let is_list = ty == "CommaDelimitedList" || ty.starts_with("List<");
    match (&default.value, is_list) {
        (Value::String(s), true) => {
            let items = s.split(',').map(|x| Node::new(Value::String(x.trim().to_string()), default.span)).collect();
            Some(Node::new(Value::List(items), default.span))
        }
        _ => Some(default.clone()),
    }
}

/// `Metadata: {tightrope: {ignore: [{id: RULE, reason: "..."}]}}`.
fn metadata_suppressions(res: &Node, file: &Arc<str>, errors: &mut Vec<InputError>) -> Vec<Suppression> {
    let entries: Vec<&Node> = match res.get("Metadata.tightrope.ignore") {
        Some(Node { value: Value::List(l), .. }) => l.iter().collect(),
        Some(single) => vec![single],
        None => Vec::new(),
    };
    let mut out = Vec::new();
    for e in entries {
        let text = |k: &str| e.get(k).and_then(Node::as_str).map(str::trim).filter(|s| !s.is_empty());
        let Span { start_line, end_line } = e.span;
        match (text("id"), text("reason")) {
            (Some(rule), Some(reason)) => out.push(Suppression {
                rule: rule.to_string(),
                reason: reason.to_string(),
                origin: Origin::file(file, start_line, end_line),
            }),
            _ => errors.push(InputError {
                path: file.to_string(),
                line: Some(start_line),
                message: "a `Metadata.tightrope.ignore` entry needs `id` (a rule id or `*`) and a non-empty `reason`".into(),
            }),
        }
    }
    out
}

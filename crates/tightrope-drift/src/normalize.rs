//! The typed state as plain, comparable JSON per resource: origins dropped (moving a block in a file
//! is not drift), each `Attr` collapsed to its value, links to their target, nested metadata to its
//! address. Keyed by resource address.

use serde_json::{Map, Value};
use std::collections::BTreeMap;
use tightrope_core::CloudState;

/// How an attribute whose value cannot be known offline is shown.
pub const UNKNOWN: &str = "(known after apply)";

/// Service collections whose resources are AI assets.
const AI_COLLECTIONS: &[&str] = &["sagemaker", "bedrock", "opensearch"];

/// One resource, ready to compare.
#[derive(Debug, Clone, PartialEq)]
pub struct Resource {
    pub address: String,
    pub kind: String,
    /// An AI asset: SageMaker, Bedrock, OpenSearch (vector store), or a GPU workload.
    pub ai: bool,
    /// The settings, normalised.
    pub body: Value,
}

/// Every resource of `state`, keyed by address (`address @ file` when an address repeats, as in
/// sets of unrelated fixtures).
pub fn resources(state: &CloudState) -> BTreeMap<String, Resource> {
    // The serialised tree is consumed: strings move into the normalised resources, not copied.
    let value = serde_json::to_value(state).unwrap_or(Value::Null);
    let mut found = Vec::new();
    if let Value::Object(top) = value {
        for (k, v) in top {
            if k != "unmodelled" {
                collect(v, &mut vec![k], &mut found);
            }
        }
    }
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    for (r, _) in &found {
        *seen.entry(r.address.clone()).or_default() += 1;
    }
    let mut out = BTreeMap::new();
    for (r, file) in found {
        let key = match (seen.get(&r.address), file) {
            (Some(n), Some(file)) if *n > 1 => format!("{} @ {file}", r.address),
            _ => r.address.clone(),
        };
        out.insert(key, r);
    }
    out
}

/// Find the resources (objects with `meta.address`) under `v`; `path` is the collection path.
fn collect(v: Value, path: &mut Vec<String>, out: &mut Vec<(Resource, Option<String>)>) {
    match v {
        Value::Object(mut o) => {
            let is_resource = o
                .get("meta")
                .and_then(|m| m.get("address"))
                .is_some_and(Value::is_string);
            if is_resource {
                if let Some(Value::Object(meta)) = o.remove("meta") {
                    let file = file_of(&meta);
                    out.push((resource(meta, o, path), file));
                }
                return;
            }
            for (k, v) in o {
                path.push(k);
                collect(v, path, out);
                path.pop();
            }
        }
        Value::Array(items) => items.into_iter().for_each(|i| collect(i, path, out)),
        _ => {}
    }
}

fn file_of(meta: &Map<String, Value>) -> Option<String> {
    meta.get("origin")?
        .get("path")?
        .as_str()
        .map(str::to_string)
}

fn resource(meta: Map<String, Value>, o: Map<String, Value>, path: &[String]) -> Resource {
    let address = meta.get("address").and_then(Value::as_str).unwrap_or_default();
    let mut body = Map::new();
    for (k, v) in o {
        body.insert(k, normalize(v));
    }
    add_meta_fields(&meta, &mut body);
    let body = Value::Object(body);
    let ai = path.iter().any(|p| AI_COLLECTIONS.contains(&p.as_str())) || has_gpu_limit(&body);
    let kind = meta
        .get("kind")
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_string();
    Resource {
        address: address.to_string(),
        kind,
        ai,
        body,
    }
}

/// Tags and inline suppressions are part of the configuration; origin is not.
fn add_meta_fields(meta: &Map<String, Value>, body: &mut Map<String, Value>) {
    if let Some(tags) = meta
        .get("tags")
        .filter(|t| t.as_object().is_some_and(|m| !m.is_empty()))
    {
        body.insert("tags".into(), tags.clone());
    }
    if let Some(s) = meta
        .get("suppressions")
        .filter(|s| s.as_array().is_some_and(|a| !a.is_empty()))
    {
        body.insert("suppressions".into(), normalize(s.clone()));
    }
}

fn has_gpu_limit(v: &Value) -> bool {
    match v {
        Value::Object(o) => o
            .iter()
            .any(|(k, v)| (k == "limits_gpu" && !v.is_null()) || has_gpu_limit(v)),
        Value::Array(a) => a.iter().any(has_gpu_limit),
        _ => false,
    }
}

/// Normalise one value of the serialised typed state (consumed: its strings move).
pub fn normalize(v: Value) -> Value {
    match v {
        Value::Object(mut o) => {
            // Attr { value, provenance, origin }
            if let Some(p) = o.get("provenance").and_then(Value::as_str)
                && o.keys()
                    .all(|k| k == "value" || k == "provenance" || k == "origin")
            {
                return if p == "unknown" {
                    Value::String(UNKNOWN.into())
                } else {
                    normalize(o.remove("value").unwrap_or(Value::Null))
                };
            }
            // Link::Literal / Link::Resource
            if o.len() == 1
                && matches!(o.iter().next(), Some((k, Value::String(_))) if k == "literal" || k == "resource")
            {
                return o.into_iter().next().map_or(Value::Null, |(_, v)| v);
            }
            // A nested Meta (access keys, flow logs): its address.
            if o.contains_key("address") && o.contains_key("kind") && o.contains_key("origin") {
                return o.remove("address").unwrap_or(Value::Null);
            }
            let mut out = Map::new();
            for (k, v) in o {
                match (k.as_str(), v) {
                    ("origin", _) => {}
                    // A nested resource-like item (inline policy): keyed by its address.
                    ("meta", Value::Object(meta)) => {
                        if let Some(a) = meta.get("address") {
                            out.insert("address".into(), a.clone());
                        }
                        add_meta_fields(&meta, &mut out);
                    }
                    (_, v) => {
                        out.insert(k, normalize(v));
                    }
                }
            }
            Value::Object(out)
        }
        Value::Array(items) => Value::Array(items.into_iter().map(normalize).collect()),
        other => other,
    }
}

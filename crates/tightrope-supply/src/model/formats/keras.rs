//! Keras models: `.keras` zips (`config.json`) and legacy `.h5` files (`model_config` attribute).
//!
//! `.h5` files are not parsed as HDF5: the `model_config` attribute is stored as plain JSON text, so
//! the file is searched for Keras layer objects whose `class_name` is `Lambda`. This finds Lambda
//! layers in uncompressed attribute storage (which is where Keras writes them) without an HDF5
//! library; a config hidden in a compressed dataset would not be seen.

use super::{Ctx, container};
use crate::model::MAX_ENTRY_READ;
use crate::rules;
use memchr::memmem;
use serde_json::Value;
use tightrope_core::Severity;

/// `.keras`: read `config.json`, report Lambda layers; scan the other entries like any zip.
pub fn scan_keras(ctx: &mut Ctx, data: &[u8], depth: usize) {
    if let Some(mut zip) = container::open_zip(ctx, data) {
        if let Some(i) = zip.entries.iter().position(|e| e.name == "config.json")
            && container::entry_is_readable(ctx, &zip, i)
            && let Some(bytes) = container::read_entry(ctx, &mut zip, i, MAX_ENTRY_READ)
        {
            match serde_json::from_slice::<Value>(&bytes) {
                Ok(v) => {
                    let mut found = Vec::new();
                    lambda_layers(&v, &mut found, 0);
                    report_lambdas(ctx, found);
                }
                Err(e) => ctx.report(&rules::MODEL_MALFORMED, Severity::Medium, "keras", format!("config.json is not valid JSON: {e}"), None),
            }
        }
    }
    container::scan_zip(ctx, data, crate::model::ModelFormat::Zip, depth);
}

/// Names of every layer object with `class_name: Lambda` in a Keras config.
fn lambda_layers(v: &Value, out: &mut Vec<String>, depth: usize) {
    if depth > 64 {
        return;
    }
    match v {
        Value::Object(m) => {
            if m.get("class_name").and_then(Value::as_str) == Some("Lambda") {
                let name = m.get("config").and_then(|c| c.get("name")).and_then(Value::as_str).unwrap_or("?");
                out.push(name.to_string());
            }
            m.values().for_each(|x| lambda_layers(x, out, depth + 1));
        }
        Value::Array(a) => a.iter().for_each(|x| lambda_layers(x, out, depth + 1)),
        _ => {}
    }
}

fn report_lambdas(ctx: &mut Ctx, names: Vec<String>) {
    for name in names {
        ctx.report(&rules::KERAS_LAMBDA, Severity::High, "keras", format!("Lambda layer `{name}` holds serialized Python code that runs when the model is loaded"), None);
    }
}

/// `.h5`: search the JSON of `model_config` for Lambda layer objects.
pub fn scan_h5(ctx: &mut Ctx, data: &[u8]) {
    let mut names = Vec::new();
    for pat in [&b"\"class_name\": \"Lambda\""[..], b"\"class_name\":\"Lambda\""] {
        for at in memmem::find_iter(data, pat) {
            let window = &data[at..data.len().min(at + 4096)];
            let name = memmem::find(window, b"\"name\"")
                .and_then(|p| {
                    let rest = &window[p + 6..];
                    let q1 = rest.iter().position(|b| *b == b'"')?;
                    let q2 = rest[q1 + 1..].iter().position(|b| *b == b'"')?;
                    std::str::from_utf8(&rest[q1 + 1..q1 + 1 + q2]).ok().map(str::to_string)
                })
                .unwrap_or_else(|| "?".into());
            names.push(name);
        }
    }
    report_lambdas(ctx, names);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_nested_lambda() {
        let v: Value = serde_json::from_str(r#"{"class_name":"Functional","config":{"layers":[{"class_name":"Dense","config":{"name":"d"}},{"class_name":"Lambda","config":{"name":"evil","function":"4wEAAA"}}]}}"#).unwrap();
        let mut out = Vec::new();
        lambda_layers(&v, &mut out, 0);
        assert_eq!(out, ["evil"]);
    }
}

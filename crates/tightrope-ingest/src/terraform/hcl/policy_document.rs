//! `data "aws_iam_policy_document"`: rendered to the JSON policy the AWS provider would produce, so
//! `policy = data.aws_iam_policy_document.x.json` is as known as a `jsonencode(...)` policy.
//!
//! Rendered: `version`, `policy_id`, and each `statement` block's `sid`, `effect` (default Allow),
//! `actions`, `not_actions`, `resources`, `not_resources`, `principals` and `not_principals`
//! (`type` + `identifiers`; type `*` is the bare `"*"`), and `condition` blocks (`test`, `variable`,
//! `values`). Anything this cannot render exactly (`source_policy_documents`,
//! `override_policy_documents`, `dynamic` blocks, an unknown value) leaves the document unknown,
//! never a wrong policy.

use super::eval::Eval;
use crate::node::{Node, Span};
use hcl_edit::structure::{Block, Body, Structure};
use serde_json::{Map, Value as J, json};

/// The document's JSON text, or `None` when it cannot be rendered exactly.
pub fn render(ev: &mut Eval<'_>, block: &Block) -> Option<String> {
    let body = &block.body;
    for s in body.iter() {
        match s {
            Structure::Attribute(a)
                if matches!(
                    a.key.value().as_str(),
                    "source_policy_documents" | "override_policy_documents" | "source_json" | "override_json"
                ) =>
            {
                return None;
            }
            Structure::Block(b) if b.ident.value().as_str() == "dynamic" => return None,
            _ => {}
        }
    }
    let mut doc = Map::new();
    doc.insert("Version".into(), string(ev, body, "version").unwrap_or_else(|| Some(J::from("2012-10-17")))?);
    if let Some(id) = string(ev, body, "policy_id") {
        doc.insert("Id".into(), id?);
    }
    let statements: Option<Vec<J>> = blocks(body, "statement").map(|b| statement(ev, &b.body)).collect();
    doc.insert("Statement".into(), J::Array(statements?));
    serde_json::to_string(&J::Object(doc)).ok()
}

fn blocks<'b>(body: &'b Body, name: &'b str) -> impl Iterator<Item = &'b Block> + 'b {
    body.iter().filter_map(move |s| match s {
        Structure::Block(b) if b.ident.value().as_str() == name => Some(b),
        _ => None,
    })
}

/// The attribute's value as JSON: `None` when absent, `Some(None)` when present but unknown.
fn value(ev: &mut Eval<'_>, body: &Body, key: &str) -> Option<Option<J>> {
    let attr = body.get_attribute(key)?;
    let node: Node = ev.eval(&attr.value);
    Some(node.to_json())
}

fn string(ev: &mut Eval<'_>, body: &Body, key: &str) -> Option<Option<J>> {
    value(ev, body, key).map(|v| v.filter(J::is_string))
}

/// A list of strings (a single string is accepted as Terraform converts it).
fn strings(ev: &mut Eval<'_>, body: &Body, key: &str) -> Option<Option<J>> {
    value(ev, body, key).map(|v| match v? {
        J::String(s) => Some(J::Array(vec![J::String(s)])),
        J::Array(items) if items.iter().all(J::is_string) => Some(J::Array(items)),
        _ => None,
    })
}

fn statement(ev: &mut Eval<'_>, body: &Body) -> Option<J> {
    let mut st = Map::new();
    if let Some(sid) = string(ev, body, "sid") {
        st.insert("Sid".into(), sid?);
    }
    st.insert("Effect".into(), string(ev, body, "effect").unwrap_or_else(|| Some(J::from("Allow")))?);
    for (key, out) in [("actions", "Action"), ("not_actions", "NotAction"), ("resources", "Resource"), ("not_resources", "NotResource")] {
        if let Some(v) = strings(ev, body, key) {
            st.insert(out.into(), v?);
        }
    }
    for (name, out) in [("principals", "Principal"), ("not_principals", "NotPrincipal")] {
        let mut principals = Map::new();
        let mut star = false;
        for b in blocks(body, name) {
            let kind = string(ev, &b.body, "type")??;
            let ids = strings(ev, &b.body, "identifiers")??;
            if kind == "*" {
                star = true;
                continue;
            }
            let kind = kind.as_str()?.to_string();
            let entry = principals.entry(kind).or_insert_with(|| J::Array(Vec::new()));
            if let (J::Array(list), J::Array(more)) = (entry, ids) {
                list.extend(more);
            }
        }
        if star && principals.is_empty() {
            st.insert(out.into(), J::from("*"));
        } else if star {
            return None; // `*` beside typed principals: not rendered here
        } else if !principals.is_empty() {
            st.insert(out.into(), J::Object(principals));
        }
    }
    let mut conditions = Map::new();
    for b in blocks(body, "condition") {
        let test = string(ev, &b.body, "test")??;
        let variable = string(ev, &b.body, "variable")??;
        let values = strings(ev, &b.body, "values")??;
        let per_test = conditions.entry(test.as_str()?.to_string()).or_insert_with(|| json!({}));
        per_test.as_object_mut()?.insert(variable.as_str()?.to_string(), values);
    }
    if !conditions.is_empty() {
        st.insert("Condition".into(), J::Object(conditions));
    }
    Some(J::Object(st))
}

/// The rendered document as a string node, or an unknown one.
pub fn node(ev: &mut Eval<'_>, block: &Block, span: Span) -> Node {
    match render(ev, block) {
        Some(text) => super::value::str_node(text, span),
        None => Node::unknown(span),
    }
}

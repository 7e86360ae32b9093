//! ONNX models: op domains and external-data locations, decoded with partial protobuf messages
//! (tensor payloads are skipped, never copied).

use super::Ctx;
use crate::model::archive::escapes;
use crate::rules;
use prost::Message;
use std::collections::BTreeSet;
use tightrope_core::Severity;

#[derive(Clone, PartialEq, Message)]
struct ModelProto {
    #[prost(message, optional, tag = "7")]
    graph: Option<GraphProto>,
    #[prost(message, repeated, tag = "8")]
    opset_import: Vec<OperatorSetId>,
    #[prost(message, repeated, tag = "25")]
    functions: Vec<FunctionProto>,
}
#[derive(Clone, PartialEq, Message)]
struct OperatorSetId {
    #[prost(string, tag = "1")]
    domain: String,
}
#[derive(Clone, PartialEq, Message)]
struct FunctionProto {
    #[prost(string, tag = "1")]
    name: String,
    #[prost(string, tag = "10")]
    domain: String,
}
#[derive(Clone, PartialEq, Message)]
struct GraphProto {
    #[prost(message, repeated, tag = "1")]
    node: Vec<NodeProto>,
    #[prost(message, repeated, tag = "5")]
    initializer: Vec<TensorProto>,
    #[prost(message, repeated, tag = "15")]
    sparse_initializer: Vec<SparseTensorProto>,
}
#[derive(Clone, PartialEq, Message)]
struct SparseTensorProto {
    #[prost(message, optional, tag = "1")]
    values: Option<TensorProto>,
}
#[derive(Clone, PartialEq, Message)]
struct NodeProto {
    #[prost(string, tag = "4")]
    op_type: String,
    #[prost(string, tag = "7")]
    domain: String,
    #[prost(message, repeated, tag = "5")]
    attribute: Vec<AttributeProto>,
}
#[derive(Clone, PartialEq, Message)]
struct AttributeProto {
    #[prost(message, optional, tag = "5")]
    t: Option<TensorProto>,
    #[prost(message, optional, tag = "6")]
    g: Option<GraphProto>,
    #[prost(message, repeated, tag = "10")]
    tensors: Vec<TensorProto>,
    #[prost(message, repeated, tag = "11")]
    graphs: Vec<GraphProto>,
}
#[derive(Clone, PartialEq, Message)]
struct TensorProto {
    #[prost(string, tag = "8")]
    name: String,
    #[prost(message, repeated, tag = "13")]
    external_data: Vec<StringStringEntry>,
}
#[derive(Clone, PartialEq, Message)]
struct StringStringEntry {
    #[prost(string, tag = "1")]
    key: String,
    #[prost(string, tag = "2")]
    value: String,
}

/// Operator domains every ONNX runtime ships (standard and onnxruntime contrib ops).
const KNOWN_DOMAINS: &[&str] = &["", "ai.onnx", "ai.onnx.ml", "ai.onnx.training", "ai.onnx.preview.training", "com.microsoft", "com.microsoft.nchwc", "com.microsoft.experimental", "com.ms.internal.nhwc"];

#[derive(Default)]
struct Seen {
    custom: BTreeSet<(String, String)>,
    external: BTreeSet<(String, String)>,
}

fn walk(g: &GraphProto, seen: &mut Seen) {
    let tensors = g.initializer.iter().chain(g.sparse_initializer.iter().filter_map(|s| s.values.as_ref()));
    for t in tensors {
        tensor(t, seen);
    }
    for n in &g.node {
        if !KNOWN_DOMAINS.contains(&n.domain.as_str()) {
            seen.custom.insert((n.domain.clone(), n.op_type.clone()));
        }
        for a in &n.attribute {
            a.t.iter().chain(&a.tensors).for_each(|t| tensor(t, seen));
            a.g.iter().chain(&a.graphs).for_each(|sub| walk(sub, seen));
        }
    }
}

fn tensor(t: &TensorProto, seen: &mut Seen) {
    for e in t.external_data.iter().filter(|e| e.key == "location") {
        if escapes(&e.value) {
            seen.external.insert((t.name.clone(), e.value.clone()));
        }
    }
}

/// Scan an `.onnx` file.
pub fn scan(ctx: &mut Ctx, data: &[u8]) {
    let model = match ModelProto::decode(data) {
        Ok(m) => m,
        Err(e) => {
            ctx.report(&rules::MODEL_MALFORMED, Severity::Medium, "onnx", format!("not an ONNX ModelProto: {e}"), None);
            return;
        }
    };
    let mut seen = Seen::default();
    if let Some(g) = &model.graph {
        walk(g, &mut seen);
    }
    // Functions defined in the model itself are not custom code.
    let local: BTreeSet<&str> = model.functions.iter().map(|f| f.domain.as_str()).collect();
    for (domain, op) in seen.custom.iter().filter(|(d, _)| !local.contains(d.as_str())) {
        ctx.report(&rules::ONNX_CUSTOM_OP, Severity::Medium, "onnx", format!("node `{op}` uses custom operator domain `{domain}`, which needs a native library at load time"), None);
    }
    for (name, location) in &seen.external {
        ctx.report(&rules::ONNX_EXTERNAL, Severity::High, "onnx", format!("tensor `{name}` reads its data from `{location}`, outside the model directory"), None);
    }
    let _ = &model.opset_import;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn external_data_escape_and_custom_domain() {
        let m = ModelProto {
            graph: Some(GraphProto {
                node: vec![NodeProto { op_type: "Evil".into(), domain: "com.example".into(), attribute: vec![] }],
                initializer: vec![TensorProto { name: "w".into(), external_data: vec![StringStringEntry { key: "location".into(), value: "../../etc/passwd".into() }] }],
                sparse_initializer: vec![],
            }),
            opset_import: vec![],
            functions: vec![],
        };
        let mut ctx = Ctx::new("m.onnx");
        scan(&mut ctx, &m.encode_to_vec());
        let ids: Vec<_> = ctx.findings.iter().map(|f| f.rule_id.as_str()).collect();
        assert_eq!(ids, ["TR-SUPPLY-MODEL-010", "TR-SUPPLY-MODEL-009"]);
    }
}

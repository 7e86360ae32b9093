//! TensorFlow SavedModel (`saved_model.pb`): the ops of every graph and function, decoded with
//! partial protobuf messages (unknown fields are skipped), checked against ops that read or write
//! files, list directories or call back into Python.

use super::Ctx;
use crate::rules;
use prost::Message;
use std::collections::BTreeMap;
use tightrope_core::Severity;

#[derive(Clone, PartialEq, Message)]
struct SavedModel {
    #[prost(message, repeated, tag = "2")]
    meta_graphs: Vec<MetaGraphDef>,
}
#[derive(Clone, PartialEq, Message)]
struct MetaGraphDef {
    #[prost(message, optional, tag = "2")]
    graph_def: Option<GraphDef>,
}
#[derive(Clone, PartialEq, Message)]
struct GraphDef {
    #[prost(message, repeated, tag = "1")]
    node: Vec<NodeDef>,
    #[prost(message, optional, tag = "2")]
    library: Option<FunctionDefLibrary>,
}
#[derive(Clone, PartialEq, Message)]
struct FunctionDefLibrary {
    #[prost(message, repeated, tag = "1")]
    function: Vec<FunctionDef>,
}
#[derive(Clone, PartialEq, Message)]
struct FunctionDef {
    #[prost(message, repeated, tag = "3")]
    node_def: Vec<NodeDef>,
}
#[derive(Clone, PartialEq, Message)]
struct NodeDef {
    #[prost(string, tag = "1")]
    name: String,
    #[prost(string, tag = "2")]
    op: String,
}

/// Ops that touch the file system, the network or Python, and what they do.
const RISKY_OPS: &[(&str, &str)] = &[
    ("ReadFile", "reads any file the server can read"),
    ("WriteFile", "writes files"),
    ("MatchingFiles", "lists files by glob"),
    ("DeleteFile", "deletes files"),
    ("PyFunc", "calls back into Python code"),
    ("PyFuncStateless", "calls back into Python code"),
    ("EagerPyFunc", "calls back into Python code"),
    ("Rpc", "makes RPC calls over the network"),
    ("TryRpc", "makes RPC calls over the network"),
    ("ImmutableConst", "maps a file from disk into memory"),
    ("PrintV2", "can write to a file given as output stream"),
    ("DebugIdentityV2", "writes debug dumps to a file system path"),
];

/// Scan a `saved_model.pb`.
pub fn scan(ctx: &mut Ctx, data: &[u8]) {
    let model = match SavedModel::decode(data) {
        Ok(m) => m,
        Err(e) => {
            ctx.report(&rules::MODEL_MALFORMED, Severity::Medium, "tensorflow", format!("saved_model.pb is not a SavedModel protobuf: {e}"), None);
            return;
        }
    };
    let mut hits: BTreeMap<&str, Vec<String>> = BTreeMap::new();
    for graph in model.meta_graphs.iter().filter_map(|m| m.graph_def.as_ref()) {
        let functions = graph.library.iter().flat_map(|l| &l.function).flat_map(|f| &f.node_def);
        for node in graph.node.iter().chain(functions) {
            if let Some((op, _)) = RISKY_OPS.iter().find(|(op, _)| *op == node.op) {
                hits.entry(op).or_default().push(node.name.clone());
            }
        }
    }
    for (op, nodes) in hits {
        let why = RISKY_OPS.iter().find(|(o, _)| *o == op).map_or("", |(_, w)| w);
        ctx.report(
            &rules::TF_RISKY_OP,
            Severity::High,
            "tensorflow",
            format!("graph uses `{op}` ({why}) in {} node(s)", nodes.len()),
            Some(format!("nodes: {}", nodes.iter().take(5).cloned().collect::<Vec<_>>().join(", "))),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_read_file_in_function_library() {
        let m = SavedModel {
            meta_graphs: vec![MetaGraphDef {
                graph_def: Some(GraphDef {
                    node: vec![NodeDef { name: "x".into(), op: "MatMul".into() }],
                    library: Some(FunctionDefLibrary { function: vec![FunctionDef { node_def: vec![NodeDef { name: "rf".into(), op: "ReadFile".into() }] }] }),
                }),
            }],
        };
        let bytes = m.encode_to_vec();
        let mut ctx = Ctx::new("saved_model.pb");
        scan(&mut ctx, &bytes);
        assert_eq!(ctx.findings.len(), 1);
        assert!(ctx.findings[0].message.contains("ReadFile"));
    }
}

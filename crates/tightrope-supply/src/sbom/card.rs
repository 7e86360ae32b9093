//! Model-card facts for `machine-learning-model` components, read (never executed) from what sits
//! beside or inside a model file: a Hugging Face `config.json`, the YAML front matter of a
//! `README.md` model card, GGUF metadata, a safetensors header, ONNX producer fields.

use super::cyclonedx::Property;
use crate::model::ModelFormat;
use crate::model::formats::{gguf, safetensors};
use prost::Message;
use serde_json::Value;
use std::path::Path;

/// Sibling files read for a model card are bounded to this size.
const MAX_SIDECAR: u64 = 1 << 20;

/// What is known about one model.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct CardFacts {
    /// `pipeline_tag` of the model card (`text-generation`, ...).
    pub task: Option<String>,
    /// `model_type` / `general.architecture` (`llama`, `bert`).
    pub architecture_family: Option<String>,
    /// `architectures[0]` of config.json (`LlamaForCausalLM`).
    pub model_architecture: Option<String>,
    /// Model name from the card or GGUF metadata.
    pub name: Option<String>,
    pub license: Option<String>,
    /// Dataset ids the card or metadata declares (`squad`, `org/dataset`).
    pub datasets: Vec<String>,
    /// Further facts, as `tightrope:model:*` properties (parameters, dtypes, base model, ...).
    pub properties: Vec<Property>,
    /// Which sources contributed (`config.json`, `README.md`, `gguf`, `safetensors`, `onnx`).
    pub sources: Vec<&'static str>,
}

impl CardFacts {
    fn prop(&mut self, key: &str, value: impl Into<String>) {
        let (name, value) = (format!("tightrope:model:{key}"), value.into());
        if !value.is_empty() && !self.properties.iter().any(|p| p.name == name) {
            self.properties.push(Property::new(name, value));
        }
    }

    fn dataset(&mut self, id: &str) {
        let id = id.trim();
        if !id.is_empty() && !self.datasets.iter().any(|d| d == id) {
            self.datasets.push(id.to_string());
        }
    }

    /// True when no source said anything.
    pub fn is_empty(&self) -> bool {
        self.sources.is_empty()
    }
}

fn read_sidecar(path: &Path) -> Option<String> {
    let meta = std::fs::metadata(path).ok()?;
    (meta.is_file() && meta.len() <= MAX_SIDECAR).then(|| std::fs::read_to_string(path).ok()).flatten()
}

/// Strings of a JSON/YAML value that may be one string or a list of them.
fn strings(v: Option<&Value>) -> Vec<String> {
    match v {
        Some(Value::String(s)) => vec![s.clone()],
        Some(Value::Array(a)) => a.iter().filter_map(Value::as_str).map(str::to_string).collect(),
        _ => Vec::new(),
    }
}

/// Gather the facts for the model file at `path` (already scanned as `format`).
pub fn facts(path: &Path, format: ModelFormat, data: Option<&[u8]>) -> CardFacts {
    let mut f = CardFacts::default();
    let dir = path.parent().unwrap_or(Path::new("."));
    if let Some(text) = read_sidecar(&dir.join("config.json")) {
        hf_config(&mut f, &text);
    }
    for name in ["README.md", "readme.md", "MODEL_CARD.md"] {
        if let Some(text) = read_sidecar(&dir.join(name)) {
            readme_front_matter(&mut f, &text);
            break;
        }
    }
    if let Some(data) = data {
        match format {
            ModelFormat::Gguf => gguf_facts(&mut f, data),
            ModelFormat::Safetensors => safetensors_facts(&mut f, data),
            ModelFormat::Onnx => onnx_facts(&mut f, data),
            _ => {}
        }
    }
    f
}

/// A Hugging Face `config.json`: `architectures`, `model_type` and the size hyper-parameters.
pub fn hf_config(f: &mut CardFacts, text: &str) {
    let Ok(Value::Object(c)) = serde_json::from_str::<Value>(text) else { return };
    if !(c.contains_key("architectures") || c.contains_key("model_type")) {
        return; // some other config.json
    }
    f.sources.push("config.json");
    f.model_architecture = f.model_architecture.take().or_else(|| strings(c.get("architectures")).into_iter().next());
    f.architecture_family = f.architecture_family.take().or_else(|| c.get("model_type").and_then(Value::as_str).map(str::to_string));
    for key in ["torch_dtype", "num_hidden_layers", "hidden_size", "vocab_size", "max_position_embeddings", "transformers_version"] {
        match c.get(key) {
            Some(Value::String(s)) => f.prop(key, s.as_str()),
            Some(Value::Number(n)) => f.prop(key, n.to_string()),
            _ => {}
        }
    }
}

/// The YAML front matter of a model card README (`---` ... `---`): `pipeline_tag`, `license`,
/// `datasets`, `base_model`, `library_name`, `model-index[0].name`.
pub fn readme_front_matter(f: &mut CardFacts, text: &str) {
    let Some(rest) = text.strip_prefix("---\n").or_else(|| text.strip_prefix("---\r\n")) else { return };
    let Some(end) = rest.find("\n---") else { return };
    let Ok(Value::Object(m)) = yaml_serde::from_str::<Value>(&rest[..end]) else { return };
    f.sources.push("README.md");
    f.task = f.task.take().or_else(|| m.get("pipeline_tag").and_then(Value::as_str).map(str::to_string));
    f.license = f.license.take().or_else(|| strings(m.get("license")).into_iter().next());
    for d in strings(m.get("datasets")) {
        f.dataset(&d);
    }
    let base = strings(m.get("base_model"));
    if !base.is_empty() {
        f.prop("base_model", base.join(","));
    }
    if let Some(lib) = m.get("library_name").and_then(Value::as_str) {
        f.prop("library_name", lib);
    }
    let index_name = m.get("model-index").and_then(|i| i.get(0)).and_then(|i| i.get("name")).and_then(Value::as_str);
    f.name = f.name.take().or_else(|| index_name.map(str::to_string));
}

/// GGUF `general.*` metadata and the parameter count from the tensor infos.
fn gguf_facts(f: &mut CardFacts, data: &[u8]) {
    let Ok(meta) = gguf::metadata(data) else { return };
    f.sources.push("gguf");
    let get = |k: &str| meta.values.iter().find(|(key, _)| key == k).map(|(_, v)| v.clone());
    f.architecture_family = f.architecture_family.take().or_else(|| get("general.architecture"));
    f.name = f.name.take().or_else(|| get("general.name"));
    f.license = f.license.take().or_else(|| get("general.license"));
    for (k, v) in &meta.values {
        // `general.datasets` (older files) or `general.dataset.N.name`/`.repo_url` (GGUF naming spec).
        if k == "general.datasets" || (k.starts_with("general.dataset.") && k.ends_with(".name")) {
            for d in v.split(',') {
                f.dataset(d);
            }
        }
    }
    let params = get("general.parameter_count").or_else(|| meta.parameters.map(|p| p.to_string()));
    if let Some(p) = params {
        f.prop("parameters", p);
    }
    for (key, prop) in [("general.size_label", "size_label"), ("general.file_type", "gguf_file_type"), ("general.base_model.0.name", "base_model"), ("general.quantized_by", "quantized_by")] {
        if let Some(v) = get(key) {
            f.prop(prop, v);
        }
    }
    if let Some(arch) = get("general.architecture")
        && let Some(ctx) = get(&format!("{arch}.context_length"))
    {
        f.prop("context_length", ctx);
    }
}

/// safetensors header: tensor count, parameters, dtypes and `__metadata__`.
fn safetensors_facts(f: &mut CardFacts, data: &[u8]) {
    let Some(s) = safetensors::summary(data) else { return };
    f.sources.push("safetensors");
    f.prop("parameters", s.parameters.to_string());
    f.prop("tensors", s.tensors.to_string());
    f.prop("dtypes", s.dtypes.join(","));
    for (k, v) in s.metadata.iter().take(16) {
        f.prop(&format!("metadata.{k}"), v.chars().take(200).collect::<String>());
    }
}

/// The descriptive fields of an ONNX `ModelProto` (the graph, field 7, is skipped undecoded).
#[derive(Clone, PartialEq, Message)]
struct OnnxModelInfo {
    #[prost(int64, tag = "1")]
    ir_version: i64,
    #[prost(string, tag = "2")]
    producer_name: String,
    #[prost(string, tag = "3")]
    producer_version: String,
    #[prost(string, tag = "4")]
    domain: String,
    #[prost(int64, tag = "5")]
    model_version: i64,
}

fn onnx_facts(f: &mut CardFacts, data: &[u8]) {
    let Ok(m) = OnnxModelInfo::decode(data) else { return };
    f.sources.push("onnx");
    f.prop("onnx_ir_version", m.ir_version.to_string());
    if !m.producer_name.is_empty() {
        f.prop("producer", format!("{} {}", m.producer_name, m.producer_version).trim().to_string());
    }
    f.prop("domain", m.domain);
    if m.model_version != 0 {
        f.prop("model_version", m.model_version.to_string());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn readme_and_config() {
        let mut f = CardFacts::default();
        readme_front_matter(&mut f, "---\nlicense: apache-2.0\npipeline_tag: text-classification\ndatasets:\n  - imdb\n  - org/reviews\nbase_model: bert-base-uncased\n---\n# Card\n");
        hf_config(&mut f, r#"{"architectures":["BertForSequenceClassification"],"model_type":"bert","num_hidden_layers":12,"torch_dtype":"float32"}"#);
        assert_eq!(f.task.as_deref(), Some("text-classification"));
        assert_eq!(f.datasets, ["imdb", "org/reviews"]);
        assert_eq!(f.model_architecture.as_deref(), Some("BertForSequenceClassification"));
        assert_eq!(f.architecture_family.as_deref(), Some("bert"));
        assert!(f.properties.contains(&Property::new("tightrope:model:base_model", "bert-base-uncased")));
        assert!(f.properties.contains(&Property::new("tightrope:model:num_hidden_layers", "12")));
        let mut none = CardFacts::default();
        readme_front_matter(&mut none, "# no front matter\n");
        hf_config(&mut none, r#"{"compilerOptions":{}}"#);
        assert!(none.is_empty());
    }
}

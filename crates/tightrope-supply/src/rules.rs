//! The catalogue of supply-chain rules: id, title, default severity, remediation and documentation.
//! Every [`Finding`] of this step is built from one of these entries with [`Rule::finding`].

use std::sync::Arc;
use tightrope_core::{Finding, Origin, Reference, ResourceRef, Severity, Step};
use tightrope_report::RuleDescriptor;

/// One supply-chain rule.
#[derive(Debug)]
pub struct Rule {
    pub id: &'static str,
    pub title: &'static str,
    /// Default severity; model findings raise or lower it by what the content can do.
    pub severity: Severity,
    pub doc: &'static str,
    pub remediation: &'static str,
    pub reference: (&'static str, &'static str),
}

const OWASP_LLM03: (&str, &str) = ("OWASP LLM03:2025 Supply Chain", "https://genai.owasp.org/llmrisk/llm032025-supply-chain/");
const ATLAS_MODEL: (&str, &str) = ("MITRE ATLAS AML.T0010.003 ML Supply Chain Compromise: Model", "https://atlas.mitre.org/techniques/AML.T0010.003");

macro_rules! rules {
    ($($name:ident = $id:literal, $sev:ident, $title:literal, $ref:expr, $doc:literal, $fix:literal;)*) => {
        $(pub const $name: Rule = Rule { id: $id, title: $title, severity: Severity::$sev, doc: $doc, remediation: $fix, reference: $ref };)*
        /// Every rule of the step.
        pub const ALL: &[&Rule] = &[$(&$name),*];
    };
}

rules! {
    PICKLE_CALLABLE = "TR-SUPPLY-MODEL-001", Critical, "Model file imports a callable outside the allow-list", ATLAS_MODEL,
        "Loading a pickle (PyTorch .pt/.bin, joblib, numpy object arrays) imports and calls the callables it names. Anything beyond tensor and container rebuilders can run code on load.",
        "Do not load this file with pickle/torch.load. Get the model as safetensors, or load with `torch.load(weights_only=True)` after review; report the file to its publisher.";
    PICKLE_OVERRIDE = "TR-SUPPLY-MODEL-002", Critical, "Model pickle overwrites attributes of an imported module", ATLAS_MODEL,
        "BUILD on an imported module or class rewrites its attributes at load time (the sys.modules/_rebuild_tensor trick), which turns allow-listed names into arbitrary callables.",
        "Treat the file as malicious; do not load it.";
    MODEL_MALFORMED = "TR-SUPPLY-MODEL-003", Medium, "Model file is malformed or inconsistent", OWASP_LLM03,
        "Headers that point outside the file, overlapping tensors, unknown dtypes or truncated streams are how parser exploits and scanner evasions start.",
        "Re-export the model with its framework's own writer and verify the source.";
    ARCHIVE_TRAVERSAL = "TR-SUPPLY-MODEL-004", High, "Archive entry path escapes the extraction directory", OWASP_LLM03,
        "An entry named with `..` or an absolute path writes outside the target directory when extracted (zip slip).",
        "Do not extract the archive; get a clean copy from the publisher.";
    ARCHIVE_LIMITS = "TR-SUPPLY-MODEL-005", Medium, "Archive exceeds safe limits (entries, size or compression ratio)", OWASP_LLM03,
        "Archives with huge entry counts, sizes or compression ratios exhaust memory or disk when opened (zip bombs); their content was not fully inspected.",
        "Inspect the archive in a sandbox; prefer formats without compression for weights.";
    UNSCANNABLE = "TR-SUPPLY-MODEL-006", Info, "Content could not be inspected", OWASP_LLM03,
        "Encrypted or compressed content in a container this tool does not decode, or a file with a model extension that is no known format.",
        "Verify the file by other means (publisher hash, signature).";
    KERAS_LAMBDA = "TR-SUPPLY-MODEL-007", High, "Keras model contains a Lambda layer (serialized Python code)", ATLAS_MODEL,
        "Lambda layers store Python bytecode or a function reference that runs when the model is loaded with safe_mode off or with custom objects.",
        "Replace Lambda layers with registered custom layers; load with `safe_mode=True`.";
    TF_RISKY_OP = "TR-SUPPLY-MODEL-008", High, "TensorFlow graph uses an op that touches files, the network or Python", ATLAS_MODEL,
        "Ops such as ReadFile, WriteFile, PyFunc or MatchingFiles in a SavedModel run with the serving process's rights.",
        "Remove the ops from the serving graph or sandbox the model server.";
    ONNX_EXTERNAL = "TR-SUPPLY-MODEL-009", High, "ONNX external data path escapes the model directory", OWASP_LLM03,
        "External tensor data with an absolute path or `..` makes the runtime read arbitrary files on load.",
        "Keep external data files next to the model with relative names.";
    ONNX_CUSTOM_OP = "TR-SUPPLY-MODEL-010", Medium, "ONNX model uses a custom operator domain", OWASP_LLM03,
        "Custom op domains need a native library registered at load time; that library is code.",
        "Review the custom op library and its source; pin its hash.";
    GGUF_TEMPLATE = "TR-SUPPLY-MODEL-011", High, "GGUF chat template contains code-execution patterns", ATLAS_MODEL,
        "Jinja chat templates are rendered by the inference server; access to dunder attributes, globals or imports escapes the sandbox (CVE-2024-34359).",
        "Replace the chat template with the upstream one; render templates in a sandboxed Jinja environment.";
    VULNERABLE_DEP = "TR-SUPPLY-DEP-001", High, "Dependency has a known vulnerability", OWASP_LLM03,
        "The pinned version lies in an OSV advisory's affected range or version list.",
        "Upgrade to the fixed version named in the finding.";
    UNPINNED_DEP = "TR-SUPPLY-DEP-002", Low, "Dependency of an AI project is not pinned", OWASP_LLM03,
        "Without an exact version (and ideally a hash) every install may pull a different, possibly compromised or vulnerable release.",
        "Pin exact versions with hashes (`pip-compile --generate-hashes`, `uv lock`, lock files).";
    UNPINNED_HUB_MODEL = "TR-SUPPLY-PIN-001", Medium, "Hub model is loaded without a pinned revision", OWASP_LLM03,
        "`from_pretrained(\"org/model\")` without `revision=` follows the branch head: a later push changes what runs.",
        "Pass `revision=\"<commit sha>\"` and record the files in `models.lock` with `tightrope supply lock`.";
    PIN_MISMATCH = "TR-SUPPLY-PIN-002", High, "Model file differs from models.lock", OWASP_LLM03,
        "A pinned model file changed, appeared or disappeared since `models.lock` was written.",
        "Find out who changed the file; re-run `tightrope supply lock` only after review.";
}

impl Rule {
    /// A finding of this rule about `path`, located at `line` (1 for binary files).
    pub fn finding(&self, severity: Severity, path: &str, line: u32, kind: &str, message: String) -> Finding {
        let p: Arc<str> = Arc::from(path);
        Finding {
            rule_id: self.id.to_string(),
            title: self.title.to_string(),
            severity,
            step: Step::Supply,
            ai: true,
            resource: ResourceRef { address: path.to_string(), kind: kind.to_string() },
            location: Origin::file(&p, line.max(1), line.max(1)),
            attribute: None,
            message,
            evidence: None,
            remediation: self.remediation.to_string(),
            references: vec![Reference { name: self.reference.0.to_string(), url: Some(self.reference.1.to_string()) }],
            suppressed: None,
        }
    }

    /// The descriptor the report renderers list.
    pub fn descriptor(&self) -> RuleDescriptor {
        RuleDescriptor {
            id: self.id.to_string(),
            title: self.title.to_string(),
            severity: self.severity,
            step: Step::Supply,
            ai: true,
            doc_markdown: self.doc.to_string(),
            remediation: self.remediation.to_string(),
            references: vec![Reference { name: self.reference.0.to_string(), url: Some(self.reference.1.to_string()) }],
            compliance: vec!["owasp-llm/LLM03".to_string()],
        }
    }
}

/// Descriptors of every rule.
pub fn descriptors() -> Vec<RuleDescriptor> {
    ALL.iter().map(|r| r.descriptor()).collect()
}

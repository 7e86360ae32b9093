//! The built-in playbooks, embedded in the binary (one YAML file per scenario under
//! `src/playbooks/`).

use crate::playbook::{Playbook, parse};
use tightrope_core::InputError;

/// File name and text of every built-in playbook.
pub const FILES: [(&str, &str); 9] = [
    ("llm-jacking.yaml", include_str!("playbooks/llm-jacking.yaml")),
    ("model-endpoint-compromise.yaml", include_str!("playbooks/model-endpoint-compromise.yaml")),
    ("training-data-poisoning.yaml", include_str!("playbooks/training-data-poisoning.yaml")),
    ("training-data-exfiltration.yaml", include_str!("playbooks/training-data-exfiltration.yaml")),
    ("model-theft.yaml", include_str!("playbooks/model-theft.yaml")),
    ("guardrail-removed.yaml", include_str!("playbooks/guardrail-removed.yaml")),
    ("malicious-model-deployed.yaml", include_str!("playbooks/malicious-model-deployed.yaml")),
    ("agent-prompt-injection-leak.yaml", include_str!("playbooks/agent-prompt-injection-leak.yaml")),
    ("notebook-lateral-movement.yaml", include_str!("playbooks/notebook-lateral-movement.yaml")),
];

/// Parse every built-in playbook (errors would be a build defect; tests keep them valid).
pub fn playbooks() -> Result<Vec<Playbook>, Vec<InputError>> {
    let mut out = Vec::new();
    let mut errors = Vec::new();
    for (name, text) in FILES {
        match parse(&format!("(built-in) {name}"), text) {
            Ok(p) => out.push(p),
            Err(e) => errors.extend(e),
        }
    }
    if errors.is_empty() { Ok(out) } else { Err(errors) }
}

use crate::declare_rule;
use tightrope_core::state::aws::network::SgRule;

/// AI/ML tools that listen on a well-known port and often ship with no authentication.
const AI_TOOLS: [(&str, &[i64]); 9] = [
    ("Jupyter", &[8888]),
    ("TensorBoard", &[6006]),
    ("MLflow", &[5000]),
    ("Ray dashboard", &[8265]),
    ("Ray client", &[10001]),
    ("Gradio", &[7860]),
    ("Streamlit", &[8501]),
    ("Triton Inference Server", &[8000, 8001, 8002]),
    ("Ollama", &[11434]),
];

/// The AI tools an internet-open TCP rule exposes, e.g. `Jupyter (8888) and Ollama (11434)`.
/// `None` for all-protocol or all-port rules (TR-AWS-EC2-001 reports them), non-TCP rules,
/// unknown protocols or ports, and rules that expose no AI tool port.
fn exposure(rule: &SgRule) -> Option<String> {
    if rule.all_protocols() {
        return None;
    }
    let proto = rule.protocol.get()?;
    if !(proto.eq_ignore_ascii_case("tcp") || proto == "6") {
        return None;
    }
    let (from, to) = (*rule.from_port.get()?, *rule.to_port.get()?);
    if from <= 0 && to >= 65535 {
        return None;
    }
    let open: Vec<String> = AI_TOOLS
        .iter()
        .filter_map(|(tool, ports)| {
            let hit: Vec<String> = ports.iter().filter(|p| rule.covers_port(**p) == Some(true)).map(i64::to_string).collect();
            (!hit.is_empty()).then(|| format!("{tool} ({})", hit.join(", ")))
        })
        .collect();
    match open.len() {
        0 => None,
        1 => Some(open[0].clone()),
        n => Some(format!("{} and {}", open[..n - 1].join(", "), open[n - 1])),
    }
}

declare_rule! {
    /// ## What it does
    /// Flags security group ingress rules from `0.0.0.0/0` or `::/0` to the ports of common AI/ML
    /// tools: Jupyter (8888), TensorBoard (6006), MLflow (5000), the Ray dashboard and client
    /// (8265, 10001), Gradio (7860), Streamlit (8501), Triton Inference Server (8000-8002) and
    /// Ollama (11434). Rules open on all protocols or all ports are left to TR-AWS-EC2-001.
    ///
    /// ## Why is this bad
    /// These tools are built for a trusted network and most have no authentication by default:
    /// an exposed Jupyter server or Ray dashboard runs arbitrary code, MLflow serves model
    /// artifacts and experiment data, and Ollama or Triton let anyone run (and pay for) inference
    /// or pull and replace models. Internet scanners look for exactly these ports.
    ///
    /// ## Example
    /// ```hcl
    /// resource "aws_security_group" "notebook" {
    ///   name = "notebook"
    ///   ingress {
    ///     from_port   = 8888
    ///     to_port     = 8888
    ///     protocol    = "tcp"
    ///     cidr_blocks = ["0.0.0.0/0"]
    ///   }
    /// }
    /// ```
    ///
    /// ## Remediation
    /// Restrict the source to known ranges or a load balancer's security group, put the tool behind
    /// an authenticating proxy, or reach it through SSM Session Manager port forwarding.
    pub struct Ec2AiPortsOpen;
    meta {
        id: "TR-AWS-EC2-005",
        title: "Security group exposes an AI/ML tool port to the internet",
        severity: High,
        step: Audit,
        provider: "aws",
        service: "ec2",
        ai: true,
        remediation: "Replace `0.0.0.0/0` / `::/0` with specific CIDRs or a source security group, and put the tool behind authentication (a load balancer with OIDC, or SSM port forwarding).",
        references: [
            ("AWS: Security group rules", "https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html"),
            ("OWASP LLM10: Unbounded Consumption", "https://genai.owasp.org/llmrisk/llm102025-unbounded-consumption/"),
            ("MITRE ATLAS AML.T0035: AI Artifact Collection", "https://atlas.mitre.org/techniques/AML.T0035"),
        ],
        compliance: [(OwaspLlm, "LLM10"), (MitreAtlas, "AML.T0035"), (MitreAtlas, "AML.T0049"), (NistAiRmf, "MEASURE 2.7")],
    }
    fn check(state, out) {
        for sg in &state.aws.network.security_groups {
            for rule in sg.ingress.iter().filter(|r| r.open_to_world()) {
                if let Some(what) = exposure(rule) {
                    out.push(&sg.meta, rule.origin.clone(), Some("ingress"), format!("ingress from the internet to {what}"));
                }
            }
        }
    }
}

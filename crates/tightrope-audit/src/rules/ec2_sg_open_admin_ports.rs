use crate::declare_rule;
use tightrope_core::state::aws::network::SgRule;

/// Remote administration ports: SSH and RDP.
const ADMIN_PORTS: [(i64, &str); 2] = [(22, "SSH"), (3389, "RDP")];

/// What an internet-open rule exposes: every port, or an admin port. `None` when the protocol or
/// ports are unknown, or the rule exposes neither.
fn exposure(rule: &SgRule) -> Option<String> {
    if rule.all_protocols() {
        return Some("all ports and protocols".into());
    }
    let proto = rule.protocol.get()?;
    if !(proto.eq_ignore_ascii_case("tcp") || proto == "6") {
        return None;
    }
    let (from, to) = (*rule.from_port.get()?, *rule.to_port.get()?);
    if from <= 0 && to >= 65535 {
        return Some("all TCP ports".into());
    }
    let open: Vec<String> = ADMIN_PORTS
        .iter()
        .filter(|(p, _)| from <= *p && *p <= to)
        .map(|(p, name)| format!("{name} ({p})"))
        .collect();
    (!open.is_empty()).then(|| open.join(" and "))
}

declare_rule! {
    /// ## What it does
    /// Flags security group ingress rules from `0.0.0.0/0` or `::/0` to SSH (22), RDP (3389), or
    /// all ports.
    ///
    /// ## Why is this bad
    /// Remote administration ports open to the internet are scanned and brute-forced within minutes
    /// of exposure; a rule open on every port exposes every service on the instance, including
    /// model servers and notebooks that have no authentication of their own.
    ///
    /// ## Example
    /// ```hcl
    /// resource "aws_security_group" "gpu_box" {
    ///   name = "gpu-box"
    ///   ingress {
    ///     from_port   = 22
    ///     to_port     = 22
    ///     protocol    = "tcp"
    ///     cidr_blocks = ["0.0.0.0/0"]
    ///   }
    /// }
    /// ```
    ///
    /// ## Remediation
    /// Restrict the source to known ranges or a bastion's security group, or remove the rule and use
    /// SSM Session Manager.
    pub struct Ec2SgOpenAdminPorts;
    meta {
        id: "TR-AWS-EC2-001",
        title: "Security group allows SSH, RDP or all ports from the internet",
        severity: High,
        step: Audit,
        provider: "aws",
        service: "ec2",
        ai: false,
        remediation: "Replace `0.0.0.0/0` / `::/0` with specific CIDRs or a source security group, or use SSM Session Manager instead of SSH/RDP.",
        references: [
            ("CIS AWS Foundations Benchmark 5.2 and 5.3", "https://www.cisecurity.org/benchmark/amazon_web_services"),
            ("AWS: Security group rules", "https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html"),
        ],
        compliance: [(CisAws, "5.2"), (CisAws, "5.3")],
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

use crate::declare_rule;
use tightrope_core::state::aws::containers::EksNodeGroup;

/// Instance families with GPUs or ML accelerators: p*, g*, gr*, inf*, trn*, dl*.
const ACCELERATED_FAMILIES: [&str; 6] = ["p", "g", "gr", "inf", "trn", "dl"];

/// `g5.xlarge` -> true: the family is a known prefix followed by a generation digit.
fn accelerated_type(instance_type: &str) -> bool {
    let family = instance_type
        .split('.')
        .next()
        .unwrap_or_default()
        .to_ascii_lowercase();
    ACCELERATED_FAMILIES.iter().any(|p| {
        family
            .strip_prefix(p)
            .is_some_and(|rest| rest.starts_with(|c: char| c.is_ascii_digit()))
    })
}

/// AMI types for GPU or Neuron nodes (`AL2_x86_64_GPU`, `AL2023_x86_64_NVIDIA`, `AL2023_x86_64_NEURON`).
fn accelerated_ami(ami: &str) -> bool {
    let a = ami.to_ascii_uppercase();
    a.contains("GPU") || a.contains("NVIDIA") || a.contains("NEURON")
}

fn is_gpu_group(ng: &EksNodeGroup) -> bool {
    ng.instance_types
        .iter()
        .any(|t| t.get().is_some_and(|t| accelerated_type(t)))
        || ng.ami_type.get().is_some_and(|a| accelerated_ami(a))
}

declare_rule! {
    /// ## What it does
    /// Flags EKS managed node groups of GPU or ML-accelerator instances (p*, g*, inf*, trn*) that
    /// allow SSH with a key pair but name no source security groups, which opens port 22 to the
    /// whole internet.
    ///
    /// ## Why is this bad
    /// GPU nodes are expensive and attractive for cryptomining, and they cache model weights and
    /// training data. With `remote_access` and no `source_security_group_ids`, EKS creates a security
    /// group allowing SSH from 0.0.0.0/0 to every node.
    ///
    /// ## Example
    /// ```hcl
    /// resource "aws_eks_node_group" "gpu" {
    ///   cluster_name    = aws_eks_cluster.ml.name
    ///   node_group_name = "gpu"
    ///   node_role_arn   = aws_iam_role.node.arn
    ///   subnet_ids      = aws_subnet.private[*].id
    ///   instance_types  = ["g5.2xlarge"]
    ///   scaling_config { ... }
    ///   remote_access {
    ///     ec2_ssh_key = "ops"
    ///   }
    /// }
    /// ```
    ///
    /// ## Remediation
    /// Remove `remote_access` and use SSM Session Manager, or set `source_security_group_ids` to a
    /// bastion's security group.
    pub struct EksGpuNodeGroupSshOpen;
    meta {
        id: "TR-AWS-EKS-004",
        title: "EKS GPU node group allows SSH from the internet",
        severity: High,
        step: Audit,
        provider: "aws",
        service: "eks",
        ai: true,
        remediation: "Remove `remote_access` (use SSM Session Manager) or add `source_security_group_ids` limiting SSH to a bastion.",
        references: [
            ("AWS: RemoteAccessConfig (EKS API)", "https://docs.aws.amazon.com/eks/latest/APIReference/API_RemoteAccessConfig.html"),
            ("CIS AWS Foundations Benchmark 5.2", "https://www.cisecurity.org/benchmark/amazon_web_services"),
            ("OWASP LLM10: Unbounded Consumption", "https://genai.owasp.org/llmrisk/llm102025-unbounded-consumption/"),
        ],
        compliance: [(CisAws, "5.2"), (OwaspLlm, "LLM10"), (NistAiRmf, "MEASURE 2.7")],
    }
    fn check(state, out) {
        for ng in state.aws.containers.eks_node_groups.iter().filter(|ng| is_gpu_group(ng)) {
            if ng.ssh_key.get().is_some() && ng.ssh_source_security_groups.is_empty() {
                out.at_attr(&ng.meta, &ng.ssh_key, "remote_access.ec2_ssh_key", "GPU node group allows SSH with a key pair and no source security groups, so port 22 is open to 0.0.0.0/0");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accelerated_instance_types() {
        for t in [
            "p4d.24xlarge",
            "g5.xlarge",
            "g4dn.xlarge",
            "gr6.4xlarge",
            "inf2.xlarge",
            "trn1.32xlarge",
            "dl1.24xlarge",
        ] {
            assert!(accelerated_type(t), "{t}");
        }
        for t in ["t3.medium", "m5.large", "c7g.xlarge", "gpu", "inf.large"] {
            assert!(!accelerated_type(t), "{t}");
        }
    }
}

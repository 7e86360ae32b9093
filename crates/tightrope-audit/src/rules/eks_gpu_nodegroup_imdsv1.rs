use crate::declare_rule;
use crate::rules::support::accelerated_instance_type;
use tightrope_core::state::Link;
use tightrope_core::state::aws::containers::EksNodeGroup;

/// The node group runs accelerated instances or an accelerated AMI type.
fn is_gpu_group(ng: &EksNodeGroup) -> bool {
    ng.instance_types.iter().any(|t| t.get().is_some_and(|t| accelerated_instance_type(t)))
        || ng.ami_type.get().is_some_and(|a| ["GPU", "NVIDIA", "NEURON"].iter().any(|k| a.to_ascii_uppercase().contains(k)))
}

declare_rule! {
    /// ## What it does
    /// Flags EKS managed node groups with GPU / accelerator instances whose nodes answer IMDSv1:
    /// no launch template (EKS then leaves IMDSv1 on), or a launch template in the scan that does not
    /// set `metadata_options.http_tokens = "required"`.
    ///
    /// ## Why is this bad
    /// Pods on GPU nodes run model servers and notebooks that fetch URLs on request (model
    /// downloads, RAG loaders, tools). With IMDSv1, one server-side request forgery from such a pod
    /// returns the node role's credentials, which can pull every image and often read the cluster's
    /// data.
    ///
    /// ## Example
    /// ```hcl
    /// resource "aws_eks_node_group" "gpu" {
    ///   cluster_name   = aws_eks_cluster.ml.name
    ///   instance_types = ["g5.2xlarge"]
    ///   ami_type       = "AL2_x86_64_GPU"
    ///   # no launch_template requiring IMDSv2
    /// }
    /// ```
    ///
    /// ## Remediation
    /// Use a launch template with `metadata_options { http_tokens = "required",
    /// http_put_response_hop_limit = 1 }`.
    pub struct EksGpuNodeGroupImdsV1;
    meta {
        id: "TR-AWS-EKS-005",
        title: "EKS GPU node group allows IMDSv1",
        severity: High,
        step: Audit,
        provider: "aws",
        service: "eks",
        ai: true,
        remediation: "Attach a launch template with `metadata_options { http_tokens = \"required\", http_put_response_hop_limit = 1 }` to the node group.",
        references: [
            ("AWS: EKS best practices, restrict access to the instance profile assigned to the worker node", "https://docs.aws.amazon.com/eks/latest/best-practices/identity-and-access-management.html"),
            ("MITRE ATLAS AML.T0055: Unsecured Credentials", "https://atlas.mitre.org/techniques/AML.T0055"),
            ("CIS Amazon EKS Benchmark 4.x", "https://www.cisecurity.org/benchmark/kubernetes"),
        ],
        compliance: [(CisAws, "5.6"), (MitreAtlas, "AML.T0055")],
    }
    fn check(state, out) {
        for ng in state.aws.containers.eks_node_groups.iter().filter(|ng| is_gpu_group(ng)) {
            if ng.launch_template.is_absent() {
                out.at_attr(&ng.meta, &ng.launch_template, "launch_template", "GPU node group has no launch template, so its nodes accept IMDSv1");
                continue;
            }
            let Some(Link::Resource(address)) = ng.launch_template.get() else { continue };
            let Some(lt) = state.aws.compute.instances.iter().find(|i| &i.meta.address == address) else { continue };
            if lt.metadata_http_tokens.eq_ignore_case("optional") {
                out.at_attr(&ng.meta, &ng.launch_template, "launch_template", format!("GPU node group's launch template `{address}` does not require IMDSv2 (http_tokens = optional)"));
            }
        }
    }
}

use crate::declare_rule;
use crate::rules::support::{all_known, stated};

const ANYWHERE: &str = "0.0.0.0/0";

declare_rule! {
    /// ## What it does
    /// Flags EKS clusters whose Kubernetes API endpoint is public (the default) and reachable from
    /// `0.0.0.0/0` (the default when `public_access_cidrs` is left out).
    ///
    /// ## Why is this bad
    /// The API server is then exposed to the whole internet: any leaked kubeconfig or token, any
    /// anonymous-access misconfiguration or API server vulnerability is directly exploitable.
    ///
    /// ## Example
    /// ```hcl
    /// resource "aws_eks_cluster" "ml" {
    ///   name     = "ml"
    ///   role_arn = aws_iam_role.cluster.arn
    ///   vpc_config {
    ///     subnet_ids = aws_subnet.private[*].id
    ///   }
    /// }
    /// ```
    ///
    /// ## Remediation
    /// Set `endpoint_public_access = false` and `endpoint_private_access = true`, or restrict
    /// `public_access_cidrs` to your own ranges.
    pub struct EksPublicEndpoint;
    meta {
        id: "TR-AWS-EKS-001",
        title: "EKS API endpoint is public to the internet",
        severity: High,
        step: Audit,
        provider: "aws",
        service: "eks",
        ai: false,
        remediation: "In `vpc_config`, set `endpoint_public_access = false` (with `endpoint_private_access = true`) or list specific `public_access_cidrs`.",
        references: [
            ("AWS: Control network access to cluster API server endpoint", "https://docs.aws.amazon.com/eks/latest/userguide/cluster-endpoint.html"),
        ],
        compliance: [(MitreAtlas, "AML.T0049")],
    }
    fn check(state, out) {
        for c in &state.aws.containers.eks_clusters {
            if !c.endpoint_public_access.is(&true) || !all_known(&c.public_access_cidrs) {
                continue;
            }
            // The adapter gives the provider default (0.0.0.0/0) when the list is left out.
            if let Some(open) = c.public_access_cidrs.iter().find(|a| a.is(&ANYWHERE.to_string())) {
                let msg = format!("API endpoint {} and {}", stated(&c.endpoint_public_access, "is public"), stated(open, &format!("open to {ANYWHERE}")));
                out.at_attr(&c.meta, open, "vpc_config.public_access_cidrs", msg);
            }
        }
    }
}

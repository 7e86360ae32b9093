use crate::declare_rule;
use crate::rules::support::all_known;

declare_rule! {
    /// ## What it does
    /// Flags EKS clusters whose control-plane logging does not include the `audit` log type (no
    /// log type is enabled by default).
    ///
    /// ## Why is this bad
    /// The Kubernetes audit log is the record of who read which secret, who exec'd into which pod
    /// and who created privileged workloads. Without it an intrusion in the cluster leaves no trace.
    ///
    /// ## Example
    /// ```hcl
    /// resource "aws_eks_cluster" "ml" {
    ///   name                      = "ml"
    ///   role_arn                  = aws_iam_role.cluster.arn
    ///   enabled_cluster_log_types = ["api"]
    ///   vpc_config { ... }
    /// }
    /// ```
    ///
    /// ## Remediation
    /// Add `"audit"` (and `"authenticator"`) to `enabled_cluster_log_types`.
    pub struct EksNoAuditLogging;
    meta {
        id: "TR-AWS-EKS-003",
        title: "EKS audit logging is not enabled",
        severity: Medium,
        step: Audit,
        provider: "aws",
        service: "eks",
        ai: false,
        remediation: "Set `enabled_cluster_log_types = [\"api\", \"audit\", \"authenticator\"]` (CloudFormation: `Logging.ClusterLogging.EnabledTypes`).",
        references: [
            ("AWS: Send control plane logs to CloudWatch Logs", "https://docs.aws.amazon.com/eks/latest/userguide/control-plane-logs.html"),
        ],
    }
    fn check(state, out) {
        for c in &state.aws.containers.eks_clusters {
            let types = &c.enabled_log_types;
            if !all_known(types) || types.iter().any(|t| t.eq_ignore_case("audit")) {
                continue;
            }
            if types.is_empty() {
                out.at_resource(&c.meta, "no control-plane log types are enabled (none by default), so there is no audit log");
            } else {
                let listed: Vec<&str> = types.iter().filter_map(|t| t.get().map(String::as_str)).collect();
                out.at_attr(&c.meta, &types[0], "enabled_cluster_log_types", format!("control-plane logging ({}) does not include `audit`", listed.join(", ")));
            }
        }
    }
}

use crate::declare_rule;
use crate::rules::support::stated;

declare_rule! {
    /// ## What it does
    /// Flags Azure Machine Learning compute instances that get a public IP address, which is the
    /// azurerm default (`node_public_ip_enabled = true`); the message says when SSH is enabled as well.
    ///
    /// ## Why is this bad
    /// A compute instance is a data scientist's VM with the workspace's data mounts and the user's or
    /// the workspace identity's tokens. A public IP exposes its Jupyter, SSH and agent ports to
    /// internet scanning; with SSH enabled it is a direct way in to the training data and models.
    ///
    /// ## Example
    /// ```hcl
    /// resource "azurerm_machine_learning_compute_instance" "gpu" {
    ///   name                          = "gpu-dev"
    ///   machine_learning_workspace_id = azurerm_machine_learning_workspace.research.id
    ///   virtual_machine_size          = "STANDARD_NC6S_V3"
    ///
    ///   ssh {
    ///     public_key = var.ssh_public_key
    ///   }
    /// }
    /// ```
    ///
    /// ## Remediation
    /// Set `node_public_ip_enabled = false` with `subnet_resource_id` in a VNet that reaches the
    /// workspace privately (or use workspace managed network isolation), and drop the `ssh` block
    /// unless it is needed.
    pub struct AzureMlComputePublicIp;
    meta {
        id: "TR-AZURE-ML-005",
        title: "Azure ML compute instance has a public IP address",
        severity: High,
        step: Audit,
        provider: "azure",
        service: "machine_learning",
        ai: true,
        remediation: "Set `node_public_ip_enabled = false` and `subnet_resource_id` (or use managed network isolation); remove the `ssh` block unless needed.",
        references: [
            ("azurerm_machine_learning_compute_instance: node_public_ip_enabled (default true)", "https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/machine_learning_compute_instance"),
            ("Azure ML: compute instance with no public IP", "https://learn.microsoft.com/en-us/azure/machine-learning/how-to-secure-training-vnet"),
            ("MITRE ATLAS AML.T0049: Exploit Public-Facing Application", "https://atlas.mitre.org/techniques/AML.T0049"),
        ],
        compliance: [(MitreAtlas, "AML.T0049"), (NistAiRmf, "MEASURE 2.7")],
    }
    fn check(state, out) {
        for c in &state.azure.machine_learning.compute_instances {
            if c.public_ip.is(&true) {
                let ssh = if c.ssh.is(&true) { ", and SSH is enabled" } else { "" };
                out.at_attr(&c.meta, &c.public_ip, "node_public_ip_enabled", format!("the node {}{ssh}", stated(&c.public_ip, "has a public IP address")));
            }
        }
    }
}

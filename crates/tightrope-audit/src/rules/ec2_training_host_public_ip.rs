use crate::declare_rule;
use crate::rules::support::training_host_signal;

declare_rule! {
    /// ## What it does
    /// Flags EC2 instances, launch templates and launch configurations that look like training
    /// hosts (accelerated instance type, or training words in tags or name; see
    /// `rules/support.rs`) and get a public IP address.
    ///
    /// ## Why is this bad
    /// Training hosts hold datasets, checkpoints and credentials to data buckets, and often run
    /// Jupyter, TensorBoard or Ray dashboards without authentication. A public address puts all of
    /// that one security-group mistake away from the internet, and GPU hosts are prime targets for
    /// crypto-mining.
    ///
    /// ## Example
    /// ```hcl
    /// resource "aws_instance" "trainer" {
    ///   ami                         = "ami-0123456789abcdef0"
    ///   instance_type               = "p4d.24xlarge"
    ///   associate_public_ip_address = true
    /// }
    /// ```
    ///
    /// ## Remediation
    /// Set `associate_public_ip_address = false`, place the host in a private subnet and reach it
    /// through SSM Session Manager.
    pub struct Ec2TrainingHostPublicIp;
    meta {
        id: "TR-AWS-EC2-007",
        title: "Training host has a public IP address",
        severity: High,
        step: Audit,
        provider: "aws",
        service: "ec2",
        ai: true,
        remediation: "Set `associate_public_ip_address = false` (CloudFormation: `NetworkInterfaces[].AssociatePublicIpAddress: false`), use private subnets with a NAT gateway or VPC endpoints, and SSM for access.",
        references: [
            ("AWS Foundational Security Best Practices EC2.9", "https://docs.aws.amazon.com/securityhub/latest/userguide/ec2-controls.html#ec2-9"),
            ("MITRE ATLAS AML.T0049: Exploit Public-Facing Application", "https://atlas.mitre.org/techniques/AML.T0049"),
            ("OWASP LLM10: Unbounded Consumption", "https://genai.owasp.org/llmrisk/llm102025-unbounded-consumption/"),
        ],
        compliance: [(MitreAtlas, "AML.T0049"), (OwaspLlm, "LLM10")],
    }
    fn check(state, out) {
        for i in &state.aws.compute.instances {
            if !i.associate_public_ip.is(&true) {
                continue;
            }
            if let Some(why) = training_host_signal(i) {
                out.at_attr(&i.meta, &i.associate_public_ip, "associate_public_ip_address", format!("training host ({why}) gets a public IP address"));
            }
        }
    }
}

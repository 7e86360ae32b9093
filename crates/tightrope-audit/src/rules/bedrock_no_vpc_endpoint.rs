use crate::declare_rule;
use tightrope_core::CloudState;
use tightrope_core::state::Link;

/// The VPCs (as links) that host AI workloads: SageMaker Studio domains (`vpc_id`) and notebook
/// instances (through their subnet's `vpc_id`).
fn ai_vpcs(state: &CloudState) -> Vec<&Link> {
    let sm = &state.aws.sagemaker;
    let mut vpcs: Vec<&Link> = sm.domains.iter().filter_map(|d| d.vpc.get()).collect();
    for nb in &sm.notebook_instances {
        let Some(subnet) = nb.subnet.get() else { continue };
        let found = state.aws.network.subnets.iter().find(|s| match subnet {
            Link::Resource(a) => *a == s.meta.address,
            Link::Literal(_) => false,
        });
        if let Some(v) = found.and_then(|s| s.vpc.get()) {
            vpcs.push(v);
        }
    }
    vpcs
}

declare_rule! {
    /// ## What it does
    /// When the scan uses Bedrock (agents, knowledge bases, guardrails, custom models or invocation
    /// logging), flags each VPC declared in the scan that hosts AI workloads (a SageMaker Studio
    /// domain, or a notebook instance in one of its subnets) but has no interface endpoint for
    /// `bedrock-runtime`.
    ///
    /// ## Why is this bad
    /// Without the endpoint, model calls from the VPC leave through a NAT gateway to the public
    /// Bedrock endpoint: prompts and completions cross the internet edge, egress must allow it, and
    /// endpoint policies cannot restrict which models or accounts are reached.
    ///
    /// ## Example
    /// ```hcl
    /// resource "aws_vpc" "ml" { cidr_block = "10.0.0.0/16" }
    /// resource "aws_sagemaker_domain" "studio" { vpc_id = aws_vpc.ml.id ... }
    /// resource "aws_bedrockagent_agent" "support" { ... }
    /// # no aws_vpc_endpoint with service_name "com.amazonaws.<region>.bedrock-runtime"
    /// ```
    ///
    /// ## Remediation
    /// Add an interface `aws_vpc_endpoint` for `com.amazonaws.<region>.bedrock-runtime` (and
    /// `bedrock-agent-runtime` for agents) with private DNS and an endpoint policy.
    pub struct BedrockNoVpcEndpoint;
    meta {
        id: "TR-AWS-BEDROCK-011",
        title: "VPC hosting AI workloads has no bedrock-runtime VPC endpoint",
        severity: Low,
        step: Audit,
        provider: "aws",
        service: "bedrock",
        ai: true,
        remediation: "Add an interface VPC endpoint for `com.amazonaws.<region>.bedrock-runtime` with `private_dns_enabled = true` and an endpoint policy limiting models and principals.",
        references: [
            ("AWS: Use interface VPC endpoints (AWS PrivateLink) with Amazon Bedrock", "https://docs.aws.amazon.com/bedrock/latest/userguide/vpc-interface-endpoints.html"),
            ("MITRE ATLAS AML.T0025: Exfiltration via Cyber Means", "https://atlas.mitre.org/techniques/AML.T0025"),
            ("NIST AI RMF (MANAGE 2.4)", "https://www.nist.gov/itl/ai-risk-management-framework"),
        ],
        compliance: [(MitreAtlas, "AML.T0025"), (NistAiRmf, "MEASURE 2.7")],
    }
    fn check(state, out) {
        if !state.aws.bedrock.in_use() {
            return;
        }
        let net = &state.aws.network;
        let hosting = ai_vpcs(state);
        for vpc in &net.vpcs {
            if !hosting.iter().any(|l| l.points_to(&vpc.meta.address, None)) {
                continue;
            }
            let covered = net.vpc_endpoints.iter().any(|e| {
                e.vpc.get().is_some_and(|l| l.points_to(&vpc.meta.address, None))
                    && (e.service_name.is_unknown() || e.service_name.get().is_some_and(|s| s.ends_with(".bedrock-runtime")))
            });
            if !covered {
                out.at_resource(&vpc.meta, "VPC hosts AI workloads but has no interface endpoint for bedrock-runtime");
            }
        }
    }
}

//! VPCs, subnets, security groups (standalone ingress/egress rules merged in by `GroupId`), VPC
//! endpoints, and flow logs (merged into the VPC they watch).

use super::target;
use crate::fields::Fields;
use crate::node::Node;
use tightrope_core::state::aws::network::{SecurityGroup, SgRule, Subnet, Vpc, VpcEndpoint};
use tightrope_core::{Attr, CloudState};

pub fn vpc(f: &Fields, state: &mut CloudState) {
    state.aws.network.vpcs.push(Vpc { meta: f.meta("Tags"), cidr_block: f.string("CidrBlock", None), flow_logs: Vec::new(), is_default: false });
}

pub fn subnet(f: &Fields, state: &mut CloudState) {
    state.aws.network.subnets.push(Subnet {
        meta: f.meta("Tags"),
        vpc: f.link("VpcId"),
        cidr_block: f.string("CidrBlock", None),
        map_public_ip_on_launch: f.bool("MapPublicIpOnLaunch", Some(false)),
    });
}

/// One rule, read relative to its own properties (`CidrIp`, `IpProtocol`, `FromPort`, ...).
fn rule(f: &Fields, peer_group: &str) -> SgRule {
    SgRule {
        origin: f.block_origin(),
        protocol: f.string("IpProtocol", None),
        from_port: f.int("FromPort", None),
        to_port: f.int("ToPort", None),
        cidr_blocks: f.strings("CidrIp"),
        ipv6_cidr_blocks: f.strings("CidrIpv6"),
        security_groups: f.links(peer_group),
        description: f.string("Description", None),
    }
}

fn inline_rules(f: &Fields, path: &str, peer_group: &str) -> Vec<SgRule> {
    f.all(path)
        .into_iter()
        .map(|n: &Node| SgRule { origin: f.origin_of(n.span), ..rule(&f.at(n), peer_group) })
        .collect()
}

pub fn security_group(f: &Fields, state: &mut CloudState) {
    let mut egress = inline_rules(f, "SecurityGroupEgress", "DestinationSecurityGroupId");
    if !f.has("SecurityGroupEgress") {
        // Without egress rules, AWS adds one that allows all outbound traffic.
        let origin = f.block_origin();
        egress.push(SgRule {
            origin: origin.clone(),
            protocol: Attr::default_value(Some("-1".into()), origin.clone()),
            cidr_blocks: vec![Attr::default_value(Some("0.0.0.0/0".into()), origin.clone())],
            from_port: Attr::default_value(None, origin.clone()),
            to_port: Attr::default_value(None, origin.clone()),
            ipv6_cidr_blocks: Vec::new(),
            security_groups: Vec::new(),
            description: Attr::default_value(None, origin),
        });
    }
    state.aws.network.security_groups.push(SecurityGroup {
        meta: f.meta("Tags"),
        name: f.string("GroupName", None),
        description: f.string("GroupDescription", None),
        vpc: f.link("VpcId"),
        ingress: inline_rules(f, "SecurityGroupIngress", "SourceSecurityGroupId"),
        egress,
    });
}

fn attach_rule(f: &Fields, state: &mut CloudState, ingress: bool) -> bool {
    let r = rule(f, if ingress { "SourceSecurityGroupId" } else { "DestinationSecurityGroupId" });
    let path = if f.has("GroupId") { "GroupId" } else { "GroupName" };
    target::each(f, path, &mut state.aws.network.security_groups, |g| (&g.meta, g.name.value.as_deref()), |g| {
        // A standalone egress rule does not remove the default allow-all one; only inline
        // `SecurityGroupEgress` does.
        if ingress { &mut g.ingress } else { &mut g.egress }.push(r.clone());
    })
}

pub fn ingress_rule(f: &Fields, state: &mut CloudState) -> bool {
    attach_rule(f, state, true)
}

pub fn egress_rule(f: &Fields, state: &mut CloudState) -> bool {
    attach_rule(f, state, false)
}

pub fn vpc_endpoint(f: &Fields, state: &mut CloudState) {
    state.aws.network.vpc_endpoints.push(VpcEndpoint {
        meta: f.meta("Tags"),
        vpc: f.link("VpcId"),
        service_name: f.string("ServiceName", None),
        endpoint_type: f.string("VpcEndpointType", Some("Gateway")),
        private_dns_enabled: f.bool("PrivateDnsEnabled", Some(false)),
    });
}

/// A flow log on a VPC (`ResourceType: VPC`); flow logs on subnets or interfaces are not modelled.
pub fn flow_log(f: &Fields, state: &mut CloudState) -> bool {
    if !f.string("ResourceType", None).eq_ignore_case("VPC") {
        return false;
    }
    let meta = f.meta("Tags");
    target::each(f, "ResourceId", &mut state.aws.network.vpcs, |v| (&v.meta, None), |v| v.flow_logs.push(meta.clone()))
}

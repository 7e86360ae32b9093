//! VPCs, subnets, security groups (standalone ingress/egress rules merged in by `GroupId`), VPC
//! endpoints, and flow logs (merged into the VPC they watch).

use super::target;
use crate::fields::Fields;
use crate::node::Node;
use tightrope_core::state::aws::network::{SecurityGroup, SgRule, Subnet, Vpc, VpcEndpoint};
use tightrope_core::{Attr, CloudState};

pub fn vpc(f: &Fields, state: &mut CloudState) {
    state.aws.network.vpcs.push(Vpc {
        meta: f.meta("Tags"),
        cidr_block: f.string("CidrBlock", None),
        additional_cidr_blocks: Vec::new(),
        flow_logs: Vec::new(),
        is_default: false,
    });
}

pub fn subnet(f: &Fields, state: &mut CloudState) {
    state.aws.network.subnets.push(Subnet {
        meta: f.meta("Tags"),
        vpc: f.link("VpcId"),
        cidr_block: f.string("CidrBlock", None),
        ipv6_cidr_block: f.string("Ipv6CidrBlock", None),
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
        prefix_lists: f.links(if peer_group.starts_with("Source") {
            "SourcePrefixListId"
        } else {
            "DestinationPrefixListId"
        }),
        description: f.string("Description", None),
    }
}

fn inline_rules(f: &Fields, path: &str, peer_group: &str) -> Vec<SgRule> {
    f.all(path)
        .into_iter()
        .map(|n: &Node| SgRule {
            origin: f.origin_of(n.span),
            ..rule(&f.at(n), peer_group)
        })
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
            cidr_blocks: vec![Attr::default_value(
                Some("0.0.0.0/0".into()),
                origin.clone(),
            )],
            from_port: Attr::default_value(None, origin.clone()),
            to_port: Attr::default_value(None, origin.clone()),
            ipv6_cidr_blocks: Vec::new(),
            security_groups: Vec::new(),
            prefix_lists: Vec::new(),
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
    let r = rule(
        f,
        if ingress {
            "SourceSecurityGroupId"
        } else {
            "DestinationSecurityGroupId"
        },
    );
    let path = if f.has("GroupId") {
        "GroupId"
    } else {
        "GroupName"
    };
    target::each(
        f,
        path,
        &mut state.aws.network.security_groups,
        |g| (&g.meta, g.name.value.as_deref()),
        |g| {
            // A standalone egress rule does not remove the default allow-all one; only inline
            // `SecurityGroupEgress` does.
            if ingress {
                &mut g.ingress
            } else {
                &mut g.egress
            }
            .push(r.clone());
        },
    )
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
    target::each(
        f,
        "ResourceId",
        &mut state.aws.network.vpcs,
        |v| (&v.meta, None),
        |v| v.flow_logs.push(meta.clone()),
    )
}

// ---- Routing, filtering, gateways and endpoints ----

use tightrope_core::state::aws::network::{
    AclEntry, Gateway, GatewayKind, Listener, LoadBalancer, NetworkAcl, NetworkInterface,
    PeeringConnection, Route, RouteTable, RouteTarget,
};

pub fn route_table(f: &Fields, state: &mut CloudState) {
    state.aws.network.route_tables.push(RouteTable {
        meta: f.meta("Tags"),
        vpc: f.link("VpcId"),
        routes: Vec::new(),
        subnets: Vec::new(),
        main: Attr::default_value(Some(false), f.block_origin()),
    });
}

/// `AWS::EC2::Route`, merged into its route table.
pub fn route(f: &Fields, state: &mut CloudState) -> bool {
    const TARGETS: &[(&str, RouteTarget)] = &[
        ("GatewayId", RouteTarget::InternetGateway),
        (
            "EgressOnlyInternetGatewayId",
            RouteTarget::EgressOnlyInternetGateway,
        ),
        ("NatGatewayId", RouteTarget::NatGateway),
        ("VpcPeeringConnectionId", RouteTarget::VpcPeering),
        ("TransitGatewayId", RouteTarget::TransitGateway),
        ("VpcEndpointId", RouteTarget::VpcEndpoint),
        ("NetworkInterfaceId", RouteTarget::NetworkInterface),
        ("InstanceId", RouteTarget::Instance),
    ];
    let destination = f.string("DestinationCidrBlock", None);
    let destination = if destination.is_absent() {
        f.string("DestinationIpv6CidrBlock", None)
    } else {
        destination
    };
    let (target, target_id) = TARGETS
        .iter()
        .map(|(k, t)| (*t, f.link(k)))
        .find(|(_, l)| !l.is_absent())
        .unwrap_or((
            RouteTarget::Unknown,
            Attr::default_value(None, f.block_origin()),
        ));
    let r = Route {
        origin: f.block_origin(),
        destination,
        destination_prefix_list: f.link("DestinationPrefixListId"),
        target,
        target_id,
    };
    target::each(
        f,
        "RouteTableId",
        &mut state.aws.network.route_tables,
        |t| (&t.meta, None),
        |t| t.routes.push(r.clone()),
    )
}

pub fn route_table_association(f: &Fields, state: &mut CloudState) -> bool {
    let subnet = f.link("SubnetId");
    target::each(
        f,
        "RouteTableId",
        &mut state.aws.network.route_tables,
        |t| (&t.meta, None),
        |t| t.subnets.push(subnet.clone()),
    )
}

pub fn network_acl(f: &Fields, state: &mut CloudState) {
    state.aws.network.network_acls.push(NetworkAcl {
        meta: f.meta("Tags"),
        vpc: f.link("VpcId"),
        is_default: false,
        subnets: Vec::new(),
        entries: Vec::new(),
    });
}

/// `AWS::EC2::NetworkAclEntry`, merged into its ACL.
pub fn network_acl_entry(f: &Fields, state: &mut CloudState) -> bool {
    let cidr = f.string("CidrBlock", None);
    let action = f.string("RuleAction", None);
    let e = AclEntry {
        origin: f.block_origin(),
        rule_number: f.int("RuleNumber", None),
        egress: f.bool("Egress", Some(false)).is(&true),
        allow: Attr {
            value: action
                .value
                .as_ref()
                .map(|a| a.eq_ignore_ascii_case("allow")),
            provenance: action.provenance,
            origin: action.origin,
        },
        protocol: f.string("Protocol", None),
        from_port: f.int("PortRange.From", None),
        to_port: f.int("PortRange.To", None),
        cidr_block: if cidr.is_absent() {
            f.string("Ipv6CidrBlock", None)
        } else {
            cidr
        },
    };
    target::each(
        f,
        "NetworkAclId",
        &mut state.aws.network.network_acls,
        |a| (&a.meta, None),
        |a| a.entries.push(e.clone()),
    )
}

pub fn network_acl_association(f: &Fields, state: &mut CloudState) -> bool {
    let subnet = f.link("SubnetId");
    target::each(
        f,
        "NetworkAclId",
        &mut state.aws.network.network_acls,
        |a| (&a.meta, None),
        |a| a.subnets.push(subnet.clone()),
    )
}

fn gateway(f: &Fields, state: &mut CloudState, kind: GatewayKind) {
    state.aws.network.gateways.push(Gateway {
        meta: f.meta("Tags"),
        kind,
        vpc: f.link("VpcId"),
        subnet: f.link("SubnetId"),
        attached_vpcs: Vec::new(),
    });
}

pub fn internet_gateway(f: &Fields, state: &mut CloudState) {
    gateway(f, state, GatewayKind::Internet);
}

pub fn egress_only_internet_gateway(f: &Fields, state: &mut CloudState) {
    gateway(f, state, GatewayKind::EgressOnlyInternet);
}

pub fn vpn_gateway(f: &Fields, state: &mut CloudState) {
    gateway(f, state, GatewayKind::Vpn);
}

pub fn transit_gateway(f: &Fields, state: &mut CloudState) {
    gateway(f, state, GatewayKind::Transit);
}

pub fn nat_gateway(f: &Fields, state: &mut CloudState) {
    let private = f
        .string("ConnectivityType", Some("public"))
        .eq_ignore_case("private");
    gateway(
        f,
        state,
        if private {
            GatewayKind::PrivateNat
        } else {
            GatewayKind::Nat
        },
    );
}

/// `AWS::EC2::VPCGatewayAttachment`: attaches an internet or VPN gateway to a VPC.
pub fn gateway_attachment(f: &Fields, state: &mut CloudState) -> bool {
    let vpc = f.link("VpcId");
    let path = if f.has("InternetGatewayId") {
        "InternetGatewayId"
    } else {
        "VpnGatewayId"
    };
    target::each(
        f,
        path,
        &mut state.aws.network.gateways,
        |g| (&g.meta, None),
        |g| g.vpc = vpc.clone(),
    )
}

pub fn transit_gateway_attachment(f: &Fields, state: &mut CloudState) -> bool {
    let vpc = f.link("VpcId");
    target::each(
        f,
        "TransitGatewayId",
        &mut state.aws.network.gateways,
        |g| (&g.meta, None),
        |g| g.attached_vpcs.push(vpc.clone()),
    )
}

pub fn peering_connection(f: &Fields, state: &mut CloudState) {
    state
        .aws
        .network
        .peering_connections
        .push(PeeringConnection {
            meta: f.meta("Tags"),
            requester_vpc: f.link("VpcId"),
            accepter_vpc: f.link("PeerVpcId"),
            active: Attr::default_value(Some(true), f.block_origin()),
        });
}

pub fn network_interface(f: &Fields, state: &mut CloudState) {
    let mut private_ips = f.strings("PrivateIpAddress");
    private_ips.extend(f.strings("PrivateIpAddresses.PrivateIpAddress"));
    state.aws.network.network_interfaces.push(NetworkInterface {
        meta: f.meta("Tags"),
        subnet: f.link("SubnetId"),
        security_groups: f.links("GroupSet"),
        private_ips,
        public_ip: Attr::default_value(None, f.block_origin()),
        attached_to: Attr::default_value(None, f.block_origin()),
        interface_type: f.string("InterfaceType", Some("interface")),
        description: f.string("Description", None),
    });
}

/// `AWS::ElasticLoadBalancingV2::LoadBalancer`.
pub fn load_balancer_v2(f: &Fields, state: &mut CloudState) {
    let mut subnets = f.links("Subnets");
    subnets.extend(f.links("SubnetMappings.SubnetId"));
    state.aws.network.load_balancers.push(LoadBalancer {
        meta: f.meta("Tags"),
        name: f.string("Name", None),
        lb_type: f.string("Type", Some("application")),
        internal: scheme(f),
        subnets,
        security_groups: f.links("SecurityGroups"),
        listeners: Vec::new(),
        targets: Vec::new(),
    });
}

/// `AWS::ElasticLoadBalancing::LoadBalancer` (classic), listeners inline.
pub fn load_balancer_classic(f: &Fields, state: &mut CloudState) {
    let listeners = f
        .all("Listeners")
        .into_iter()
        .map(|n| {
            let g = f.at(n);
            Listener {
                origin: f.origin_of(n.span),
                protocol: g.string("Protocol", None),
                port: g.int("LoadBalancerPort", None),
            }
        })
        .collect();
    state.aws.network.load_balancers.push(LoadBalancer {
        meta: f.meta("Tags"),
        name: f.string("LoadBalancerName", None),
        lb_type: Attr::default_value(Some("classic".into()), f.block_origin()),
        internal: scheme(f),
        subnets: f.links("Subnets"),
        security_groups: f.links("SecurityGroups"),
        listeners,
        targets: f.links("Instances"),
    });
}

/// `Scheme: internal` or `internet-facing` (the default).
fn scheme(f: &Fields) -> Attr<bool> {
    f.string("Scheme", Some("internet-facing"))
        .map(|s| s.eq_ignore_ascii_case("internal"))
}

/// `AWS::ElasticLoadBalancingV2::Listener`, merged into its load balancer.
pub fn listener(f: &Fields, state: &mut CloudState) -> bool {
    let l = Listener {
        origin: f.block_origin(),
        protocol: f.string("Protocol", None),
        port: f.int("Port", None),
    };
    target::each(
        f,
        "LoadBalancerArn",
        &mut state.aws.network.load_balancers,
        |lb| (&lb.meta, None),
        |lb| lb.listeners.push(l.clone()),
    )
}

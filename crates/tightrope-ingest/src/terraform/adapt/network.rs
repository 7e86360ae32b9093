//! VPCs (with their flow logs), subnets, VPC endpoints and security groups. Security group rules
//! come from inline `ingress`/`egress` blocks (each an [`SgRule`] with the block's lines), from
//! `aws_security_group_rule` and from `aws_vpc_security_group_{ingress,egress}_rule`, merged into
//! the group by `security_group_id`.
//!
//! Routing and filtering: route tables (inline `route` blocks, `aws_route`, associations, the main
//! and default tables), network ACLs (inline rules, `aws_network_acl_rule`, associations, the
//! default ACL), internet / egress-only / NAT / transit / VPN gateways, peering connections,
//! managed prefix lists, network interfaces, and load balancers with their listeners.

use super::ByKind;
use super::block::rehome;
use super::target::{Target, merge, merge_each};
use crate::fields::Fields;
use crate::node::Node;
use tightrope_core::state::aws::network::{
    AclEntry, Gateway, GatewayKind, Listener, LoadBalancer, NetworkAcl, NetworkInterface,
    PeeringConnection, PrefixList, Route, RouteTable, RouteTarget, SecurityGroup, SgRule, Subnet,
    Vpc, VpcEndpoint,
};
use tightrope_core::state::{Link, LinkAttr};
use tightrope_core::{Attr, CloudState, Origin};

pub const KINDS: &[&str] = &[
    "aws_vpc",
    "aws_default_vpc",
    "aws_flow_log",
    "aws_subnet",
    "aws_default_subnet",
    "aws_security_group",
    "aws_default_security_group",
    "aws_security_group_rule",
    "aws_vpc_security_group_ingress_rule",
    "aws_vpc_security_group_egress_rule",
    "aws_vpc_endpoint",
    "aws_route_table",
    "aws_default_route_table",
    "aws_route",
    "aws_route_table_association",
    "aws_main_route_table_association",
    "aws_network_acl",
    "aws_default_network_acl",
    "aws_network_acl_rule",
    "aws_network_acl_association",
    "aws_internet_gateway",
    "aws_egress_only_internet_gateway",
    "aws_nat_gateway",
    "aws_ec2_transit_gateway",
    "aws_ec2_transit_gateway_vpc_attachment",
    "aws_vpn_gateway",
    "aws_vpc_peering_connection",
    "aws_ec2_managed_prefix_list",
    "aws_network_interface",
    "aws_lb",
    "aws_alb",
    "aws_elb",
    "aws_lb_listener",
    "aws_alb_listener",
];

impl Target for Vpc {
    fn address(&self) -> &str {
        &self.meta.address
    }
    fn literal_name(&self) -> Option<&str> {
        None
    }
}

impl Target for SecurityGroup {
    fn address(&self) -> &str {
        &self.meta.address
    }
    /// Rules name their group by ID (`sg-...`), which IaC does not know.
    fn literal_name(&self) -> Option<&str> {
        None
    }
}

macro_rules! target_by_address {
    ($($t:ty),*) => {$(
        impl Target for $t {
            fn address(&self) -> &str {
                &self.meta.address
            }
            fn literal_name(&self) -> Option<&str> {
                None
            }
        }
    )*};
}
target_by_address!(RouteTable, NetworkAcl, LoadBalancer, Gateway);

/// Which list of a group a rule belongs to.
#[derive(Clone, Copy)]
enum Direction {
    Ingress,
    Egress,
}

pub fn adapt(by: &ByKind, state: &mut CloudState) {
    let net = &mut state.aws.network;
    let unmodelled = &mut state.unmodelled;
    net.vpcs
        .extend(by.of("aws_vpc").iter().map(|r| vpc(&Fields::new(r), false)));
    net.vpcs.extend(
        by.of("aws_default_vpc")
            .iter()
            .map(|r| vpc(&Fields::new(r), true)),
    );
    merge_each(
        by,
        "aws_flow_log",
        "vpc_id",
        &mut net.vpcs,
        unmodelled,
        |f| f.meta("tags"),
        |v, log| v.flow_logs.push(log),
    );
    net.subnets.extend(
        by.of("aws_subnet")
            .iter()
            .map(|r| subnet(&Fields::new(r), false)),
    );
    net.subnets.extend(
        by.of("aws_default_subnet")
            .iter()
            .map(|r| subnet(&Fields::new(r), true)),
    );
    net.vpc_endpoints
        .extend(by.of("aws_vpc_endpoint").iter().map(|r| {
            let f = Fields::new(r);
            VpcEndpoint {
                meta: f.meta("tags"),
                vpc: f.link("vpc_id"),
                service_name: f.string("service_name", None),
                endpoint_type: f.string("vpc_endpoint_type", Some("Gateway")),
                private_dns_enabled: f.bool("private_dns_enabled", Some(false)),
            }
        }));
    for kind in ["aws_security_group", "aws_default_security_group"] {
        net.security_groups
            .extend(by.of(kind).iter().map(|r| security_group(&Fields::new(r))));
    }

    for r in by.of("aws_security_group_rule") {
        let f = Fields::new(r);
        let direction = if f.string("type", None).eq_ignore_case("egress") {
            Direction::Egress
        } else {
            Direction::Ingress
        };
        let rule = legacy_rule(&f, &f.block_origin());
        merge(
            by,
            r,
            "security_group_id",
            &mut net.security_groups,
            unmodelled,
            |g| {
                let mut rule = rule.clone();
                add_self(&f, &mut rule, &g.meta.address);
                push(g, direction, rule);
            },
        );
    }
    for (kind, direction) in [
        ("aws_vpc_security_group_ingress_rule", Direction::Ingress),
        ("aws_vpc_security_group_egress_rule", Direction::Egress),
    ] {
        merge_each(
            by,
            kind,
            "security_group_id",
            &mut net.security_groups,
            unmodelled,
            vpc_rule,
            |g, rule| push(g, direction, rule),
        );
    }
    routing(by, state);
    filtering(by, state);
    gateways(by, state);
    endpoints(by, state);
}

/// Route tables, routes, associations and the main table.
fn routing(by: &ByKind, state: &mut CloudState) {
    let net = &mut state.aws.network;
    let unmodelled = &mut state.unmodelled;
    for (kind, vpc_attr, main) in [
        ("aws_route_table", "vpc_id", false),
        ("aws_default_route_table", "default_route_table_id", true),
    ] {
        net.route_tables.extend(by.of(kind).iter().map(|r| {
            let f = Fields::new(r);
            RouteTable {
                meta: f.meta("tags"),
                // `default_route_table_id = aws_vpc.x.default_route_table_id` names the VPC.
                vpc: f.link(vpc_attr),
                routes: f
                    .all("route")
                    .into_iter()
                    .map(|b| route(&f.at(b), f.origin_of(b.span)))
                    .collect(),
                subnets: Vec::new(),
                main: Attr::default_value(Some(main), f.block_origin()),
            }
        }));
    }
    merge_each(
        by,
        "aws_route",
        "route_table_id",
        &mut net.route_tables,
        unmodelled,
        |f| route(f, f.block_origin()),
        |t, r| t.routes.push(r),
    );
    merge_each(
        by,
        "aws_route_table_association",
        "route_table_id",
        &mut net.route_tables,
        unmodelled,
        |f| f.link("subnet_id"),
        |t, s| {
            if !s.is_absent() {
                t.subnets.push(s);
            }
        },
    );
    merge_each(
        by,
        "aws_main_route_table_association",
        "route_table_id",
        &mut net.route_tables,
        unmodelled,
        |f| (f.link("vpc_id"), Attr::explicit(true, f.block_origin())),
        |t, (vpc, main)| {
            if t.vpc.value.is_none() {
                t.vpc = vpc;
            }
            t.main = main;
        },
    );
}

/// One route (inline `route` block or `aws_route`): the destination and the first target written.
fn route(f: &Fields, origin: Origin) -> Route {
    const TARGETS: &[(&str, RouteTarget)] = &[
        ("gateway_id", RouteTarget::InternetGateway),
        (
            "egress_only_gateway_id",
            RouteTarget::EgressOnlyInternetGateway,
        ),
        ("nat_gateway_id", RouteTarget::NatGateway),
        ("vpc_peering_connection_id", RouteTarget::VpcPeering),
        ("transit_gateway_id", RouteTarget::TransitGateway),
        ("vpc_endpoint_id", RouteTarget::VpcEndpoint),
        ("network_interface_id", RouteTarget::NetworkInterface),
        ("instance_id", RouteTarget::Instance),
        ("local_gateway_id", RouteTarget::Unknown),
        ("carrier_gateway_id", RouteTarget::Unknown),
    ];
    let destination = [
        "cidr_block",
        "destination_cidr_block",
        "ipv6_cidr_block",
        "destination_ipv6_cidr_block",
    ]
    .into_iter()
    .map(|k| f.string(k, None))
    .find(|a| !a.is_absent())
    .unwrap_or_else(|| Attr::default_value(None, origin.clone()));
    let prefix_list = ["destination_prefix_list_id"]
        .into_iter()
        .map(|k| f.link(k))
        .find(|a| !a.is_absent())
        .unwrap_or_default();
    let (target, target_id) = TARGETS
        .iter()
        .map(|(k, t)| (*t, f.link(k)))
        .find(|(_, l)| !l.is_absent())
        .map(|(t, l)| (refine_target(t, &l), l))
        .unwrap_or((
            RouteTarget::Unknown,
            Attr::default_value(None, origin.clone()),
        ));
    Route {
        origin,
        destination,
        destination_prefix_list: prefix_list,
        target,
        target_id,
    }
}

/// `gateway_id` also holds `local`, VPN gateways and gateway endpoints: tell them apart by the
/// referenced resource type or the ID prefix.
fn refine_target(written: RouteTarget, link: &LinkAttr) -> RouteTarget {
    if written != RouteTarget::InternetGateway {
        return written;
    }
    match link.get() {
        Some(Link::Literal(s)) if s == "local" => RouteTarget::Local,
        Some(Link::Literal(s)) if s.starts_with("vgw-") => RouteTarget::VpnGateway,
        Some(Link::Literal(s)) if s.starts_with("vpce-") => RouteTarget::VpcEndpoint,
        Some(Link::Resource(a)) if a.contains("aws_vpn_gateway.") => RouteTarget::VpnGateway,
        Some(Link::Resource(a)) if a.contains("aws_vpc_endpoint.") => RouteTarget::VpcEndpoint,
        Some(Link::Resource(a)) if a.contains("aws_nat_gateway.") => RouteTarget::NatGateway,
        _ => RouteTarget::InternetGateway,
    }
}

/// Network ACLs, their numbered rules and associations.
fn filtering(by: &ByKind, state: &mut CloudState) {
    let net = &mut state.aws.network;
    let unmodelled = &mut state.unmodelled;
    for (kind, vpc_attr, is_default) in [
        ("aws_network_acl", "vpc_id", false),
        ("aws_default_network_acl", "default_network_acl_id", true),
    ] {
        net.network_acls.extend(by.of(kind).iter().map(|r| {
            let f = Fields::new(r);
            let entries = |key: &str, egress: bool| -> Vec<AclEntry> {
                f.all(key)
                    .into_iter()
                    .map(|b| acl_entry(&f.at(b), f.origin_of(b.span), egress, "rule_no", "action"))
                    .collect()
            };
            let mut all = entries("ingress", false);
            all.extend(entries("egress", true));
            NetworkAcl {
                meta: f.meta("tags"),
                vpc: f.link(vpc_attr),
                is_default,
                subnets: f.links("subnet_ids"),
                entries: all,
            }
        }));
    }
    merge_each(
        by,
        "aws_network_acl_rule",
        "network_acl_id",
        &mut net.network_acls,
        unmodelled,
        |f| {
            let egress = f.bool("egress", Some(false)).is(&true);
            acl_entry(f, f.block_origin(), egress, "rule_number", "rule_action")
        },
        |acl, e| acl.entries.push(e),
    );
    merge_each(
        by,
        "aws_network_acl_association",
        "network_acl_id",
        &mut net.network_acls,
        unmodelled,
        |f| f.link("subnet_id"),
        |acl, s| acl.subnets.push(s),
    );
}

fn acl_entry(f: &Fields, origin: Origin, egress: bool, number: &str, action: &str) -> AclEntry {
    let cidr = f.string("cidr_block", None);
    let cidr = if cidr.is_absent() {
        f.string("ipv6_cidr_block", None)
    } else {
        cidr
    };
    let action = f.string(action, None);
    AclEntry {
        origin,
        rule_number: f.int(number, None),
        egress,
        allow: Attr {
            value: action
                .value
                .as_ref()
                .map(|a| a.eq_ignore_ascii_case("allow")),
            provenance: action.provenance,
            origin: action.origin,
        },
        protocol: f.string("protocol", None),
        from_port: f.int("from_port", None),
        to_port: f.int("to_port", None),
        cidr_block: cidr,
    }
}

/// Internet, egress-only, NAT, transit and VPN gateways, and peering connections.
fn gateways(by: &ByKind, state: &mut CloudState) {
    let net = &mut state.aws.network;
    let unmodelled = &mut state.unmodelled;
    for (kind, gw) in [
        ("aws_internet_gateway", GatewayKind::Internet),
        (
            "aws_egress_only_internet_gateway",
            GatewayKind::EgressOnlyInternet,
        ),
        ("aws_vpn_gateway", GatewayKind::Vpn),
        ("aws_ec2_transit_gateway", GatewayKind::Transit),
    ] {
        net.gateways.extend(by.of(kind).iter().map(|r| {
            let f = Fields::new(r);
            Gateway {
                meta: f.meta("tags"),
                kind: gw,
                vpc: f.link("vpc_id"),
                ..Default::default()
            }
        }));
    }
    net.gateways
        .extend(by.of("aws_nat_gateway").iter().map(|r| {
            let f = Fields::new(r);
            let private = f
                .string("connectivity_type", Some("public"))
                .eq_ignore_case("private");
            Gateway {
                meta: f.meta("tags"),
                kind: if private {
                    GatewayKind::PrivateNat
                } else {
                    GatewayKind::Nat
                },
                subnet: f.link("subnet_id"),
                ..Default::default()
            }
        }));
    merge_each(
        by,
        "aws_ec2_transit_gateway_vpc_attachment",
        "transit_gateway_id",
        &mut net.gateways,
        unmodelled,
        |f| f.link("vpc_id"),
        |g, v| g.attached_vpcs.push(v),
    );
    net.peering_connections
        .extend(by.of("aws_vpc_peering_connection").iter().map(|r| {
            let f = Fields::new(r);
            // A declared peering is taken as accepted (same account with `auto_accept`, or an
            // accepter elsewhere); reachability over it is then an upper bound.
            PeeringConnection {
                meta: f.meta("tags"),
                requester_vpc: f.link("vpc_id"),
                accepter_vpc: f.link("peer_vpc_id"),
                active: Attr::default_value(Some(true), f.block_origin()),
            }
        }));
    net.prefix_lists
        .extend(by.of("aws_ec2_managed_prefix_list").iter().map(|r| {
            let f = Fields::new(r);
            PrefixList {
                meta: f.meta("tags"),
                name: f.string("name", None),
                cidrs: f
                    .all("entry")
                    .into_iter()
                    .map(|b| f.at(b).string("cidr", None))
                    .collect(),
            }
        }));
}

/// Network interfaces and load balancers (with listeners).
fn endpoints(by: &ByKind, state: &mut CloudState) {
    let net = &mut state.aws.network;
    let unmodelled = &mut state.unmodelled;
    net.network_interfaces
        .extend(by.of("aws_network_interface").iter().map(|r| {
            let f = Fields::new(r);
            let mut private_ips = f.strings("private_ips");
            private_ips.extend(f.strings("private_ip"));
            NetworkInterface {
                meta: f.meta("tags"),
                subnet: f.link("subnet_id"),
                security_groups: f.links("security_groups"),
                private_ips,
                public_ip: Attr::default_value(None, f.block_origin()),
                attached_to: f.link("attachment.instance"),
                interface_type: f.string("interface_type", Some("interface")),
                description: f.string("description", None),
            }
        }));
    for kind in ["aws_lb", "aws_alb"] {
        net.load_balancers.extend(by.of(kind).iter().map(|r| {
            let f = Fields::new(r);
            let mut subnets = f.links("subnets");
            subnets.extend(f.links("subnet_mapping.subnet_id"));
            LoadBalancer {
                meta: f.meta("tags"),
                name: f.string("name", None),
                lb_type: f.string("load_balancer_type", Some("application")),
                internal: f.bool("internal", Some(false)),
                subnets,
                security_groups: f.links("security_groups"),
                listeners: Vec::new(),
                targets: Vec::new(),
            }
        }));
    }
    net.load_balancers.extend(by.of("aws_elb").iter().map(|r| {
        let f = Fields::new(r);
        LoadBalancer {
            meta: f.meta("tags"),
            name: f.string("name", None),
            lb_type: Attr::default_value(Some("classic".into()), f.block_origin()),
            internal: f.bool("internal", Some(false)),
            subnets: f.links("subnets"),
            security_groups: f.links("security_groups"),
            listeners: f
                .all("listener")
                .into_iter()
                .map(|b| {
                    let g = f.at(b);
                    Listener {
                        origin: f.origin_of(b.span),
                        protocol: g.string("lb_protocol", None),
                        port: g.int("lb_port", None),
                    }
                })
                .collect(),
            targets: f.links("instances"),
        }
    }));
    for kind in ["aws_lb_listener", "aws_alb_listener"] {
        merge_each(
            by,
            kind,
            "load_balancer_arn",
            &mut net.load_balancers,
            unmodelled,
            |f| Listener {
                origin: f.block_origin(),
                protocol: f.string("protocol", None),
                port: f.int("port", None),
            },
            |lb, l| lb.listeners.push(l),
        );
    }
}

fn push(group: &mut SecurityGroup, direction: Direction, rule: SgRule) {
    match direction {
        Direction::Ingress => group.ingress.push(rule),
        Direction::Egress => group.egress.push(rule),
    }
}

fn vpc(f: &Fields, is_default: bool) -> Vpc {
    let ipv6 = f.string("ipv6_cidr_block", None);
    let additional_cidr_blocks = if ipv6.is_absent() {
        Vec::new()
    } else {
        vec![ipv6]
    };
    Vpc {
        meta: f.meta("tags"),
        cidr_block: f.string("cidr_block", None),
        additional_cidr_blocks,
        flow_logs: Vec::new(),
        is_default,
    }
}

/// A default subnet (`aws_default_subnet`) maps public IPs on launch unless told otherwise.
fn subnet(f: &Fields, is_default: bool) -> Subnet {
    Subnet {
        meta: f.meta("tags"),
        vpc: f.link("vpc_id"),
        cidr_block: f.string("cidr_block", None),
        ipv6_cidr_block: f.string("ipv6_cidr_block", None),
        map_public_ip_on_launch: f.bool("map_public_ip_on_launch", Some(is_default)),
    }
}

/// `aws_security_group`, or `aws_default_security_group` (whose rules Terraform replaces with the
/// ones written, so no rules means none).
fn security_group(f: &Fields) -> SecurityGroup {
    let rules = |key: &str| f.all(key).into_iter().map(|b| inline_rule(f, b)).collect();
    SecurityGroup {
        meta: f.meta("tags"),
        name: f.string("name", None),
        description: f.string(
            "description",
            Some(if f.res.kind == "aws_default_security_group" {
                "default VPC security group"
            } else {
                "Managed by Terraform"
            }),
        ),
        vpc: f.link("vpc_id"),
        ingress: rules("ingress"),
        egress: rules("egress"),
    }
}

/// An inline `ingress` / `egress` block: the rule and its defaults point at the block.
fn inline_rule<'a>(f: &Fields<'a>, block: &'a Node) -> SgRule {
    let g = f.at(block);
    let mut rule = legacy_rule(&g, &f.origin_of(block.span));
    add_self(&g, &mut rule, &f.res.address);
    rule
}

/// `self = true`: the group itself is a source (ingress) or destination (egress).
fn add_self(f: &Fields, rule: &mut SgRule, group_address: &str) {
    let self_ref = f.bool("self", Some(false));
    if self_ref.is(&true) {
        rule.security_groups.push(Attr::explicit(
            Link::Resource(group_address.to_string()),
            self_ref.origin,
        ));
    }
}

/// The attribute names shared by inline rules and `aws_security_group_rule`.
fn legacy_rule(f: &Fields, origin: &Origin) -> SgRule {
    let mut security_groups = f.links("security_groups");
    security_groups.extend(f.links("source_security_group_id"));
    SgRule {
        origin: origin.clone(),
        protocol: rehome(f.string("protocol", None), origin),
        from_port: rehome(f.int("from_port", None), origin),
        to_port: rehome(f.int("to_port", None), origin),
        cidr_blocks: f.strings("cidr_blocks"),
        ipv6_cidr_blocks: f.strings("ipv6_cidr_blocks"),
        security_groups,
        prefix_lists: f.links("prefix_list_ids"),
        description: rehome(f.string("description", None), origin),
    }
}

/// `aws_vpc_security_group_{ingress,egress}_rule`: one CIDR or one referenced group per rule.
fn vpc_rule(f: &Fields) -> SgRule {
    let one = |attr: Attr<String>| {
        if attr.is_absent() {
            Vec::new()
        } else {
            vec![attr]
        }
    };
    SgRule {
        origin: f.block_origin(),
        protocol: f.string("ip_protocol", None),
        from_port: f.int("from_port", None),
        to_port: f.int("to_port", None),
        cidr_blocks: one(f.string("cidr_ipv4", None)),
        ipv6_cidr_blocks: one(f.string("cidr_ipv6", None)),
        security_groups: f.links("referenced_security_group_id"),
        prefix_lists: f.links("prefix_list_id"),
        description: f.string("description", None),
    }
}

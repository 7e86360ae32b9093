//! VPCs (with their flow logs), subnets, VPC endpoints and security groups. Security group rules
//! come from inline `ingress`/`egress` blocks (each an [`SgRule`] with the block's lines), from
//! `aws_security_group_rule` and from `aws_vpc_security_group_{ingress,egress}_rule`, merged into
//! the group by `security_group_id`.

use super::ByKind;
use super::block::rehome;
use super::target::{Target, merge, merge_each};
use crate::fields::Fields;
use crate::node::Node;
use tightrope_core::state::Link;
use tightrope_core::state::aws::network::{SecurityGroup, SgRule, Subnet, Vpc, VpcEndpoint};
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

/// Which list of a group a rule belongs to.
#[derive(Clone, Copy)]
enum Direction {
    Ingress,
    Egress,
}

pub fn adapt(by: &ByKind, state: &mut CloudState) {
    let net = &mut state.aws.network;
    let unmodelled = &mut state.unmodelled;
    net.vpcs.extend(by.of("aws_vpc").iter().map(|r| vpc(&Fields::new(r), false)));
    net.vpcs.extend(by.of("aws_default_vpc").iter().map(|r| vpc(&Fields::new(r), true)));
    merge_each(by, "aws_flow_log", "vpc_id", &mut net.vpcs, unmodelled, |f| f.meta("tags"), |v, log| v.flow_logs.push(log));
    net.subnets.extend(by.of("aws_subnet").iter().map(|r| subnet(&Fields::new(r), false)));
    net.subnets.extend(by.of("aws_default_subnet").iter().map(|r| subnet(&Fields::new(r), true)));
    net.vpc_endpoints.extend(by.of("aws_vpc_endpoint").iter().map(|r| {
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
        net.security_groups.extend(by.of(kind).iter().map(|r| security_group(&Fields::new(r))));
    }

    for r in by.of("aws_security_group_rule") {
        let f = Fields::new(r);
        let direction = if f.string("type", None).eq_ignore_case("egress") { Direction::Egress } else { Direction::Ingress };
        let rule = legacy_rule(&f, &f.block_origin());
        merge(by, r, "security_group_id", &mut net.security_groups, unmodelled, |g| {
            let mut rule = rule.clone();
            add_self(&f, &mut rule, &g.meta.address);
            push(g, direction, rule);
        });
    }
    for (kind, direction) in
        [("aws_vpc_security_group_ingress_rule", Direction::Ingress), ("aws_vpc_security_group_egress_rule", Direction::Egress)]
    {
        merge_each(by, kind, "security_group_id", &mut net.security_groups, unmodelled, vpc_rule, |g, rule| push(g, direction, rule));
    }
}

fn push(group: &mut SecurityGroup, direction: Direction, rule: SgRule) {
    match direction {
        Direction::Ingress => group.ingress.push(rule),
        Direction::Egress => group.egress.push(rule),
    }
}

fn vpc(f: &Fields, is_default: bool) -> Vpc {
    Vpc { meta: f.meta("tags"), cidr_block: f.string("cidr_block", None), flow_logs: Vec::new(), is_default }
}

/// A default subnet (`aws_default_subnet`) maps public IPs on launch unless told otherwise.
fn subnet(f: &Fields, is_default: bool) -> Subnet {
    Subnet {
        meta: f.meta("tags"),
        vpc: f.link("vpc_id"),
        cidr_block: f.string("cidr_block", None),
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
            Some(if f.res.kind == "aws_default_security_group" { "default VPC security group" } else { "Managed by Terraform" }),
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
        rule.security_groups.push(Attr::explicit(Link::Resource(group_address.to_string()), self_ref.origin));
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
        description: rehome(f.string("description", None), origin),
    }
}

/// `aws_vpc_security_group_{ingress,egress}_rule`: one CIDR or one referenced group per rule.
fn vpc_rule(f: &Fields) -> SgRule {
    let one = |attr: Attr<String>| if attr.is_absent() { Vec::new() } else { vec![attr] };
    SgRule {
        origin: f.block_origin(),
        protocol: f.string("ip_protocol", None),
        from_port: f.int("from_port", None),
        to_port: f.int("to_port", None),
        cidr_blocks: one(f.string("cidr_ipv4", None)),
        ipv6_cidr_blocks: one(f.string("cidr_ipv6", None)),
        security_groups: f.links("referenced_security_group_id"),
        description: f.string("description", None),
    }
}

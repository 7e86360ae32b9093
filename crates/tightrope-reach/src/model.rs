//! The compiled network: subnets with their route table and ACL, security groups as packet sets,
//! and endpoints (interfaces, instances, load balancers, notebooks, managed-service interfaces)
//! placed in subnets with their addresses and groups. Built once from a [`CloudState`]; every
//! question is then answered on it.

use crate::config::ReachConfig;
use crate::space::{
    ALL_ADDRS, ALL_PORTS, ALL_PROTOS, DST, Interval, SRC, Space, TCP, UDP, cube, internet,
    merge_intervals, parse_cidr, prefix,
};
use std::collections::HashMap;
use tightrope_core::state::aws::network::{GatewayKind, RouteTarget};
use tightrope_core::state::{Link, LinkAttr, Meta};
use tightrope_core::{Attr, CloudState, Origin, ResourceRef};

/// A VPC.
#[derive(Debug, Clone)]
pub struct VpcNode {
    pub id: String,
    pub name: String,
    pub cidrs: Vec<Interval>,
    /// At least one route table of this VPC is in the state (otherwise routes were not collected).
    pub routes_known: bool,
}

/// A subnet, with the route table and network ACL that apply to it.
#[derive(Debug, Clone)]
pub struct SubnetNode {
    pub id: String,
    pub name: String,
    pub vpc: Option<usize>,
    pub cidrs: Vec<Interval>,
    pub route_table: Option<usize>,
    pub acl: Option<usize>,
    pub tags: Vec<(String, String)>,
}

/// A route table; routes are sorted most specific first.
#[derive(Debug, Clone)]
pub struct RouteTableNode {
    pub id: String,
    pub routes: Vec<RouteNode>,
}

#[derive(Debug, Clone)]
pub struct RouteNode {
    pub destination: Vec<Interval>,
    /// Prefix length on the 128-bit line (IPv4 lengths + 96), for longest-prefix match.
    pub length: u32,
    pub target: RouteTarget,
    pub target_id: String,
    pub text: String,
    pub origin: Origin,
}

/// A network ACL: entries sorted by rule number, inbound and outbound apart.
#[derive(Debug, Clone)]
pub struct AclNode {
    pub id: String,
    pub inbound: Vec<AclRule>,
    pub outbound: Vec<AclRule>,
}

#[derive(Debug, Clone)]
pub struct AclRule {
    pub number: i64,
    pub allow: bool,
    pub protocol: Interval,
    pub ports: Interval,
    /// The peer address (source for inbound, destination for outbound).
    pub addrs: Vec<Interval>,
    pub text: String,
    pub origin: Origin,
}

/// A security group.
#[derive(Debug, Clone)]
pub struct GroupNode {
    pub id: String,
    pub name: String,
    pub ingress: Vec<usize>,
    pub egress: Vec<usize>,
    /// Addresses of every endpoint in the group (what a rule naming the group admits).
    pub members: Vec<Interval>,
}

/// One security group rule: protocol, ports, and peers (CIDRs, groups, prefix lists).
#[derive(Debug, Clone)]
pub struct SgRuleNode {
    pub group: usize,
    pub ingress: bool,
    pub protocol: Interval,
    pub ports: Interval,
    pub cidrs: Vec<Interval>,
    pub peer_groups: Vec<usize>,
    pub text: String,
    pub origin: Origin,
}

/// What an endpoint is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    Instance,
    Interface,
    LoadBalancer,
    Notebook,
    Database,
    Search,
    Function,
    VpcEndpoint,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Instance => "instance",
            Kind::Interface => "interface",
            Kind::LoadBalancer => "load_balancer",
            Kind::Notebook => "notebook",
            Kind::Database => "database",
            Kind::Search => "search",
            Kind::Function => "function",
            Kind::VpcEndpoint => "vpc_endpoint",
        }
    }
}

/// How an endpoint is addressed from the internet.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Public {
    /// No public address.
    No,
    /// A known public IPv4 address (on the 128-bit line).
    Address(u128),
    /// Public, address not known offline (internet-facing load balancer, public IP on launch).
    Unknown,
}

/// Where an endpoint sits: a subnet and its addresses there.
#[derive(Debug, Clone)]
pub struct Placement {
    pub subnet: usize,
    pub addrs: Vec<Interval>,
    /// The address is not known: every address of the subnet stands for it (an upper bound).
    pub assumed: bool,
}

/// Something that sends or receives traffic.
#[derive(Debug, Clone)]
pub struct Endpoint {
    pub id: String,
    pub name: String,
    pub kind: Kind,
    pub zone: String,
    pub ai: bool,
    pub placements: Vec<Placement>,
    pub groups: Vec<usize>,
    pub public: Public,
    /// Listener (protocol, port) of a load balancer.
    pub listeners: Vec<(u128, u128)>,
    pub tags: Vec<(String, String)>,
    pub resource: ResourceRef,
    pub origin: Origin,
}

/// VPC peering between two VPCs.
#[derive(Debug, Clone)]
pub struct Peering {
    pub id: String,
    pub vpcs: (usize, usize),
}

/// The compiled network.
#[derive(Debug, Clone, Default)]
pub struct Model {
    pub vpcs: Vec<VpcNode>,
    pub subnets: Vec<SubnetNode>,
    pub route_tables: Vec<RouteTableNode>,
    pub acls: Vec<AclNode>,
    pub groups: Vec<GroupNode>,
    pub rules: Vec<SgRuleNode>,
    pub endpoints: Vec<Endpoint>,
    pub peerings: Vec<Peering>,
    /// Transit gateways by id, with their attached VPCs.
    pub transits: HashMap<String, Vec<usize>>,
    /// Public NAT gateways by id, with their subnet.
    pub nats: HashMap<String, usize>,
    /// Public internet addresses (excluding private ranges).
    pub internet: Vec<Interval>,
    /// Internet networks whose access is not exposure.
    pub trusted: Vec<Interval>,
    pub ephemeral: Interval,
    /// Modelling gaps worth telling the user (unresolved references, missing routes).
    pub notes: Vec<String>,
}

/// A resource's display name: its `Name` tag, else its address.
fn display_name(meta: &Meta) -> String {
    meta.tags
        .get("Name")
        .cloned()
        .unwrap_or_else(|| meta.address.clone())
}

fn cidrs_of<'a>(attrs: impl IntoIterator<Item = &'a Attr<String>>) -> Vec<Interval> {
    attrs
        .into_iter()
        .filter_map(|a| a.get())
        .filter_map(|s| parse_cidr(s))
        .flat_map(|n| prefix(&n))
        .collect()
}

/// Protocol string (`tcp`, `6`, `-1`, `all`, `icmp`, a number) to a protocol interval; ports apply
/// to TCP and UDP only.
pub fn protocol(p: Option<&str>) -> Option<Interval> {
    let p = p?.trim().to_ascii_lowercase();
    Some(match p.as_str() {
        "-1" | "all" | "" => ALL_PROTOS,
        "tcp" => (TCP, TCP),
        "udp" => (UDP, UDP),
        "icmp" => (1, 1),
        "icmpv6" | "58" => (58, 58),
        n => {
            let v: u8 = n.parse().ok()?;
            (u128::from(v), u128::from(v))
        }
    })
}

/// The port interval of a rule; every port for non-TCP/UDP protocols and for `-1` / missing ports.
pub fn ports(proto: Interval, from: Option<i64>, to: Option<i64>) -> Interval {
    if proto != (TCP, TCP) && proto != (UDP, UDP) {
        return ALL_PORTS;
    }
    match (from, to) {
        (Some(a), Some(b)) if a >= 0 && b >= a => {
            (a.clamp(0, 65535) as u128, b.clamp(0, 65535) as u128)
        }
        _ => ALL_PORTS,
    }
}

/// The resource ID at the end of an ARN address (`arn:aws:ec2:…:subnet/subnet-0abc` →
/// `subnet-0abc`): live resources are addressed by ARN, and the API's links name IDs.
pub fn arn_id(address: &str) -> Option<&str> {
    address.strip_prefix("arn:").and_then(|a| a.rsplit_once('/')).map(|(_, id)| id)
}

/// ID → address, for the route targets and prefix lists of a live network (see [`arn_id`]).
fn id_aliases(net: &tightrope_core::state::aws::network::Network) -> HashMap<String, String> {
    let metas = net
        .gateways
        .iter()
        .map(|g| &g.meta)
        .chain(net.peering_connections.iter().map(|p| &p.meta))
        .chain(net.prefix_lists.iter().map(|p| &p.meta))
        .chain(net.network_interfaces.iter().map(|n| &n.meta))
        .chain(net.vpc_endpoints.iter().map(|e| &e.meta));
    metas.filter_map(|m| Some((arn_id(&m.address)?.to_string(), m.address.clone()))).collect()
}

/// Name → index for the resources links may point at.
#[derive(Default)]
struct Index(HashMap<String, usize>);

impl Index {
    /// Index a resource by its address and, for a live resource whose address is its ARN
    /// (`arn:aws:ec2:…:subnet/subnet-0abc`), by the ID that other resources' links name.
    fn insert(&mut self, meta: &Meta, i: usize) {
        self.0.insert(meta.address.clone(), i);
        if let Some(id) = arn_id(&meta.address) {
            self.0.entry(id.to_string()).or_insert(i);
        }
    }
    fn get(&self, link: &LinkAttr) -> Option<usize> {
        match link.get()? {
            Link::Literal(s) | Link::Resource(s) => self.0.get(s.as_str()).copied(),
        }
    }
}

impl Model {
    /// Compiles the network part of `state`.
    pub fn build(state: &CloudState, config: &ReachConfig) -> Model {
        let net = &state.aws.network;
        let mut m = Model {
            trusted: config
                .trusted_cidrs
                .iter()
                .filter_map(|c| parse_cidr(c))
                .flat_map(|n| prefix(&n))
                .collect(),
            ephemeral: (
                u128::from(config.ephemeral_ports[0]),
                u128::from(config.ephemeral_ports[1]),
            ),
            ..Default::default()
        };
        m.internet = internet(&[]);

        let mut vpc_ix = Index::default();
        for (i, v) in net.vpcs.iter().enumerate() {
            vpc_ix.insert(&v.meta, i);
            let mut cidrs = cidrs_of([&v.cidr_block]);
            cidrs.extend(cidrs_of(&v.additional_cidr_blocks));
            m.vpcs.push(VpcNode {
                id: v.meta.address.clone(),
                name: display_name(&v.meta),
                cidrs,
                routes_known: false,
            });
        }
        let mut subnet_ix = Index::default();
        for (i, s) in net.subnets.iter().enumerate() {
            subnet_ix.insert(&s.meta, i);
            m.subnets.push(SubnetNode {
                id: s.meta.address.clone(),
                name: display_name(&s.meta),
                vpc: vpc_ix.get(&s.vpc),
                cidrs: cidrs_of([&s.cidr_block, &s.ipv6_cidr_block]),
                route_table: None,
                acl: None,
                tags: s
                    .meta
                    .tags
                    .iter()
                    .map(|(k, v)| (k.clone(), v.clone()))
                    .collect(),
            });
        }
        let aliases = id_aliases(net);
        let canonical = |s: &String| aliases.get(s).unwrap_or(s).clone();
        let mut prefix_lists: HashMap<&str, Vec<Interval>> = HashMap::new();
        for p in &net.prefix_lists {
            prefix_lists.insert(p.meta.address.as_str(), cidrs_of(&p.cidrs));
        }
        let resolve_pl = |l: &LinkAttr| -> Vec<Interval> {
            match l.get() {
                Some(Link::Literal(s) | Link::Resource(s)) => {
                    prefix_lists.get(canonical(s).as_str()).cloned().unwrap_or_default()
                }
                None => Vec::new(),
            }
        };

        // Gateways and peering.
        let mut gw_ix: HashMap<String, GatewayKind> = HashMap::new();
        for g in &net.gateways {
            gw_ix.insert(g.meta.address.clone(), g.kind);
            match g.kind {
                GatewayKind::Transit => {
                    let vpcs = g
                        .attached_vpcs
                        .iter()
                        .filter_map(|v| vpc_ix.get(v))
                        .collect();
                    m.transits.insert(g.meta.address.clone(), vpcs);
                }
                GatewayKind::Nat => {
                    if let Some(s) = subnet_ix.get(&g.subnet) {
                        m.nats.insert(g.meta.address.clone(), s);
                    }
                }
                _ => {}
            }
        }
        for p in &net.peering_connections {
            if p.active.is(&false) {
                continue;
            }
            if let (Some(a), Some(b)) = (vpc_ix.get(&p.requester_vpc), vpc_ix.get(&p.accepter_vpc))
            {
                m.peerings.push(Peering {
                    id: p.meta.address.clone(),
                    vpcs: (a, b),
                });
            }
        }

        // Route tables: explicit associations, then the VPC's main table.
        let mut main_of_vpc: HashMap<usize, usize> = HashMap::new();
        for (i, t) in net.route_tables.iter().enumerate() {
            let vpc = vpc_ix.get(&t.vpc);
            if let Some(v) = vpc.and_then(|v| m.vpcs.get_mut(v)) {
                v.routes_known = true;
            }
            let mut routes: Vec<RouteNode> = t
                .routes
                .iter()
                .filter_map(|r| {
                    let (destination, length) =
                        match r.destination.get().and_then(|d| parse_cidr(d)) {
                            Some(n) => (
                                merge_intervals(prefix(&n)),
                                u32::from(n.prefix_len()) + if n.addr().is_ipv4() { 96 } else { 0 },
                            ),
                            None => {
                                let d = resolve_pl(&r.destination_prefix_list);
                                if d.is_empty() {
                                    return None;
                                }
                                (merge_intervals(d), 128)
                            }
                        };
                    let target_id = match r.target_id.get() {
                        Some(Link::Literal(s) | Link::Resource(s)) => canonical(s),
                        None => "local".into(),
                    };
                    let dest_text = r.destination.get().cloned().or_else(|| {
                        match r.destination_prefix_list.get() {
                            Some(Link::Literal(s) | Link::Resource(s)) => Some(s.clone()),
                            None => None,
                        }
                    });
                    let target = match r.target {
                        RouteTarget::Unknown if target_id == "local" => RouteTarget::Local,
                        RouteTarget::InternetGateway => match gw_ix.get(&target_id) {
                            Some(GatewayKind::Vpn) => RouteTarget::VpnGateway,
                            Some(GatewayKind::Nat) | Some(GatewayKind::PrivateNat) => {
                                RouteTarget::NatGateway
                            }
                            _ => RouteTarget::InternetGateway,
                        },
                        t => t,
                    };
                    Some(RouteNode {
                        destination,
                        length,
                        target,
                        text: format!("{} -> {}", dest_text.unwrap_or_default(), target_id),
                        target_id,
                        origin: r.origin.clone(),
                    })
                })
                .collect();
            // Every VPC has its local route, written or not.
            if let Some(v) = vpc.and_then(|v| m.vpcs.get(v))
                && !routes.iter().any(|r| r.target == RouteTarget::Local)
            {
                for c in &v.cidrs {
                    routes.push(RouteNode {
                        destination: vec![*c],
                        length: 128
                            - (c.1 - c.0)
                                .checked_add(1)
                                .and_then(u128::checked_ilog2)
                                .unwrap_or(128),
                        target: RouteTarget::Local,
                        target_id: "local".into(),
                        text: format!("{} -> local", v.id),
                        origin: t.meta.origin.clone(),
                    });
                }
            }
            routes.sort_by(|a, b| b.length.cmp(&a.length));
            m.route_tables.push(RouteTableNode {
                id: t.meta.address.clone(),
                routes,
            });
            for s in &t.subnets {
                if let Some(sub) = subnet_ix.get(s).and_then(|s| m.subnets.get_mut(s)) {
                    sub.route_table = Some(i);
                }
            }
            if t.main.is(&true)
                && let Some(v) = vpc
            {
                main_of_vpc.insert(v, i);
            }
        }
        for s in &mut m.subnets {
            if s.route_table.is_none() {
                s.route_table = s.vpc.and_then(|v| main_of_vpc.get(&v).copied());
            }
        }

        // Network ACLs: explicit associations, then the VPC's default ACL.
        let mut default_acl: HashMap<usize, usize> = HashMap::new();
        for (i, a) in net.network_acls.iter().enumerate() {
            let mut entries: Vec<(bool, AclRule)> = a
                .entries
                .iter()
                .filter_map(|e| {
                    let proto = protocol(e.protocol.get().map(String::as_str))?;
                    let number = *e.rule_number.get()?;
                    let allow = *e.allow.get()?;
                    let addrs = merge_intervals(cidrs_of([&e.cidr_block]));
                    let ports = ports(proto, e.from_port.get().copied(), e.to_port.get().copied());
                    let text = format!(
                        "rule {number} {} {} {}{}",
                        if allow { "allow" } else { "deny" },
                        e.cidr_block.get().map_or("?", String::as_str),
                        e.protocol.get().map_or("?", String::as_str),
                        if ports == ALL_PORTS {
                            String::new()
                        } else {
                            format!(" {}-{}", ports.0, ports.1)
                        }
                    );
                    Some((
                        e.egress,
                        AclRule {
                            number,
                            allow,
                            protocol: proto,
                            ports,
                            addrs,
                            text,
                            origin: e.origin.clone(),
                        },
                    ))
                })
                .collect();
            entries.sort_by_key(|(_, r)| r.number);
            let (outbound, inbound): (Vec<_>, Vec<_>) =
                entries.into_iter().partition(|(egress, _)| *egress);
            m.acls.push(AclNode {
                id: a.meta.address.clone(),
                inbound: inbound.into_iter().map(|(_, r)| r).collect(),
                outbound: outbound.into_iter().map(|(_, r)| r).collect(),
            });
            for s in &a.subnets {
                if let Some(sub) = subnet_ix.get(s).and_then(|s| m.subnets.get_mut(s)) {
                    sub.acl = Some(i);
                }
            }
            if a.is_default
                && let Some(v) = vpc_ix.get(&a.vpc)
            {
                default_acl.insert(v, i);
            }
        }
        for s in &mut m.subnets {
            if s.acl.is_none() {
                s.acl = s.vpc.and_then(|v| default_acl.get(&v).copied());
            }
        }

        // Security groups and their rules (group references resolved after endpoints).
        let mut group_ix = Index::default();
        for (gi, g) in net.security_groups.iter().enumerate() {
            group_ix.insert(&g.meta, gi);
        }
        for (gi, g) in net.security_groups.iter().enumerate() {
            let mut node = GroupNode {
                id: g.meta.address.clone(),
                name: g.name.get().cloned().unwrap_or_default(),
                ingress: Vec::new(),
                egress: Vec::new(),
                members: Vec::new(),
            };
            for (ingress, list) in [(true, &g.ingress), (false, &g.egress)] {
                for r in list {
                    let Some(proto) = protocol(r.protocol.get().map(String::as_str)) else {
                        m.notes.push(format!(
                            "{}: a rule with an unknown protocol is left out",
                            g.meta.address
                        ));
                        continue;
                    };
                    let ports = ports(proto, r.from_port.get().copied(), r.to_port.get().copied());
                    let mut cidrs = cidrs_of(r.cidr_blocks.iter().chain(&r.ipv6_cidr_blocks));
                    for pl in &r.prefix_lists {
                        cidrs.extend(resolve_pl(pl));
                    }
                    let peer_groups: Vec<usize> = r
                        .security_groups
                        .iter()
                        .filter_map(|l| group_ix.get(l))
                        .collect();
                    let peers: Vec<String> =
                        r.cidr_blocks
                            .iter()
                            .chain(&r.ipv6_cidr_blocks)
                            .filter_map(|c| c.get().cloned())
                            .chain(r.security_groups.iter().chain(&r.prefix_lists).filter_map(
                                |l| match l.get() {
                                    Some(Link::Literal(s) | Link::Resource(s)) => Some(s.clone()),
                                    None => None,
                                },
                            ))
                            .collect();
                    let proto_text = r.protocol.get().map_or("?", String::as_str);
                    let port_text = if ports == ALL_PORTS {
                        String::new()
                    } else if ports.0 == ports.1 {
                        format!(" {}", ports.0)
                    } else {
                        format!(" {}-{}", ports.0, ports.1)
                    };
                    let text = format!(
                        "{} {}{} {} {}",
                        g.meta.address,
                        if proto_text == "-1" {
                            "all"
                        } else {
                            proto_text
                        },
                        port_text,
                        if ingress { "from" } else { "to" },
                        if peers.is_empty() {
                            "nothing".to_string()
                        } else {
                            peers.join(", ")
                        }
                    );
                    let idx = m.rules.len();
                    m.rules.push(SgRuleNode {
                        group: gi,
                        ingress,
                        protocol: proto,
                        ports,
                        cidrs,
                        peer_groups,
                        text,
                        origin: r.origin.clone(),
                    });
                    if ingress {
                        node.ingress.push(idx)
                    } else {
                        node.egress.push(idx)
                    }
                }
            }
            m.groups.push(node);
        }

        crate::endpoints::collect(state, &mut m, &subnet_ix.0, &group_ix.0);
        for e in &m.endpoints {
            for g in &e.groups {
                if let Some(node) = m.groups.get_mut(*g) {
                    node.members
                        .extend(e.placements.iter().flat_map(|p| p.addrs.iter().copied()));
                }
            }
        }
        for g in &mut m.groups {
            g.members = merge_intervals(std::mem::take(&mut g.members));
        }
        crate::zones::assign(&mut m, config);
        m
    }

    /// The packets one security group rule admits, with the endpoint's side restricted to `own`
    /// (destination for ingress, source for egress).
    pub fn rule_space(&self, rule: usize, own: &[Interval]) -> Space {
        let Some(r) = self.rules.get(rule) else {
            return Space::empty();
        };
        let mut peers = r.cidrs.clone();
        for g in &r.peer_groups {
            if let Some(node) = self.groups.get(*g) {
                peers.extend(node.members.iter().copied());
            }
        }
        if peers.is_empty() || own.is_empty() {
            return Space::empty();
        }
        Space::of(if r.ingress {
            cube(r.protocol, r.ports, &peers, own)
        } else {
            cube(r.protocol, r.ports, own, &peers)
        })
    }

    /// The subnet whose CIDR holds `addr`.
    pub fn subnet_of_address(&self, addr: u128) -> Option<usize> {
        self.subnets
            .iter()
            .position(|s| s.cidrs.iter().any(|(lo, hi)| *lo <= addr && addr <= *hi))
    }

    /// The VPC of a subnet.
    pub fn vpc_of(&self, subnet: usize) -> Option<usize> {
        self.subnets.get(subnet).and_then(|s| s.vpc)
    }

    /// Every address (a full-width interval).
    pub fn everything() -> Vec<Interval> {
        vec![ALL_ADDRS]
    }

    /// Peering connection joining two VPCs.
    pub fn peering_between(&self, a: usize, b: usize, id: &str) -> bool {
        self.peerings
            .iter()
            .any(|p| p.id == id && (p.vpcs == (a, b) || p.vpcs == (b, a)))
    }

    /// The address dimension constant, re-exported for callers.
    pub const SRC: usize = SRC;
    pub const DST: usize = DST;
}

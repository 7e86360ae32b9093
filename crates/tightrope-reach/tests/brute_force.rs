//! Generated networks: the packet-set answer must equal a brute-force packet enumerator on every
//! packet of the enumerated domain, for endpoint pairs and for the internet in both directions.
//!
//! Networks are drawn by a seeded generator: one or two VPCs (peered or not), subnets with their
//! own or the main route table (local, peering, blackhole and internet-gateway routes), network
//! ACLs with ordered allow/deny entries, security groups with CIDR and group-reference rules, and
//! interfaces with or without public addresses. Rule ports fall in 0..=1100, so enumerating ports
//! 0..=1200 (plus 30000 and 65535) covers every boundary; the ephemeral range is set to
//! 1000..=1100 so replies can be enumerated port by port too. The brute force reads the
//! `CloudState` directly, not the compiled model.

use std::net::Ipv4Addr;
use tightrope_core::state::aws::network::*;
use tightrope_core::state::{Link, Meta};
use tightrope_core::{Attr, CloudState, Origin};
use tightrope_reach::config::ReachConfig;
use tightrope_reach::model::Model;
use tightrope_reach::query::{endpoint_side, internet_side};
use tightrope_reach::space::point;
use tightrope_reach::trace::trace;

/// splitmix64: a tiny seeded generator, so every run draws the same networks.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }
}

fn meta(id: &str) -> Meta {
    Meta {
        address: id.into(),
        kind: "test".into(),
        origin: Origin::Unknown,
        ..Default::default()
    }
}
fn s(v: &str) -> Attr<String> {
    Attr::explicit(v.into(), Origin::Unknown)
}
fn link(v: &str) -> Attr<Link> {
    Attr::explicit(Link::Literal(v.into()), Origin::Unknown)
}
fn int(v: i64) -> Attr<i64> {
    Attr::explicit(v, Origin::Unknown)
}

const PROTOCOLS: &[&str] = &["tcp", "udp", "-1", "icmp", "tcp", "tcp"];
const EPHEMERAL: (u16, u16) = (1000, 1100);

fn ports(rng: &mut Rng) -> (i64, i64) {
    let a = rng.below(1101) as i64;
    let b = (a + rng.below(300) as i64).min(1100);
    (a, b)
}

/// Endpoint: (eni id, subnet index, private ip, groups, public ip).
struct Eni {
    id: String,
    ip: Ipv4Addr,
}

fn generate(seed: u64) -> (CloudState, Vec<Eni>) {
    let mut rng = Rng(seed);
    let mut st = CloudState::default();
    let net = &mut st.aws.network;
    let two = rng.chance(70);
    let vpcs: Vec<(String, u8)> = if two {
        vec![("vpc-a".into(), 0), ("vpc-b".into(), 1)]
    } else {
        vec![("vpc-a".into(), 0)]
    };
    for (id, n) in &vpcs {
        net.vpcs.push(Vpc {
            meta: meta(id),
            cidr_block: s(&format!("10.{n}.0.0/16")),
            ..Default::default()
        });
    }
    let peered = two && rng.chance(70);
    if peered {
        net.peering_connections.push(PeeringConnection {
            meta: meta("pcx-1"),
            requester_vpc: link("vpc-a"),
            accepter_vpc: link("vpc-b"),
            active: Attr::explicit(true, Origin::Unknown),
        });
    }
    net.gateways.push(Gateway {
        meta: meta("igw-a"),
        kind: GatewayKind::Internet,
        vpc: link("vpc-a"),
        ..Default::default()
    });
    // Subnets: 2 or 3 per VPC.
    let mut subnets: Vec<(String, u8, u8)> = Vec::new();
    for (vid, n) in &vpcs {
        for k in 0..(2 + rng.below(2) as u8) {
            let id = format!("subnet-{n}{k}");
            net.subnets.push(Subnet {
                meta: meta(&id),
                vpc: link(vid),
                cidr_block: s(&format!("10.{n}.{k}.0/24")),
                ..Default::default()
            });
            subnets.push((id, *n, k));
        }
    }
    // Route tables: a main table per VPC and some subnet tables.
    let route = |rng: &mut Rng, n: u8| -> Vec<Route> {
        let other = 1 - n;
        let mut routes = Vec::new();
        if peered && rng.chance(75) {
            let dest = if rng.chance(70) {
                format!("10.{other}.0.0/16")
            } else {
                format!("10.{other}.{}.0/24", rng.below(3))
            };
            routes.push(Route {
                destination: s(&dest),
                target: RouteTarget::VpcPeering,
                target_id: link("pcx-1"),
                ..Default::default()
            });
        }
        if rng.chance(25) {
            routes.push(Route {
                destination: s(&format!("10.{other}.1.0/25")),
                target: RouteTarget::Blackhole,
                target_id: link("pcx-gone"),
                ..Default::default()
            });
        }
        if n == 0 && rng.chance(70) {
            routes.push(Route {
                destination: s("0.0.0.0/0"),
                target: RouteTarget::InternetGateway,
                target_id: link("igw-a"),
                ..Default::default()
            });
        }
        routes
    };
    for (vid, n) in &vpcs {
        let routes = route(&mut rng, *n);
        net.route_tables.push(RouteTable {
            meta: meta(&format!("rtb-main-{n}")),
            vpc: link(vid),
            routes,
            subnets: Vec::new(),
            main: Attr::explicit(true, Origin::Unknown),
        });
    }
    for (sid, n, _) in &subnets {
        if rng.chance(40) {
            let routes = route(&mut rng, *n);
            net.route_tables.push(RouteTable {
                meta: meta(&format!("rtb-{sid}")),
                vpc: link(&vpcs[*n as usize].0),
                routes,
                subnets: vec![link(sid)],
                main: Attr::explicit(false, Origin::Unknown),
            });
        }
    }
    // Endpoints first (their addresses feed the CIDR pool).
    let mut enis = Vec::new();
    let count = 3 + rng.below(3);
    for i in 0..count {
        let (sid, n, k) = rng.pick(&subnets).clone();
        let ip = Ipv4Addr::new(10, n, k, 10 + i as u8);
        enis.push((format!("eni-{i}"), sid, ip));
    }
    let mut cidrs: Vec<String> = vec![
        "0.0.0.0/0".into(),
        "10.0.0.0/16".into(),
        "10.1.0.0/16".into(),
        "10.0.1.0/24".into(),
        "203.0.113.0/29".into(),
        "203.0.113.8/32".into(),
    ];
    cidrs.extend(enis.iter().map(|(_, _, ip)| format!("{ip}/32")));
    // Network ACLs on some subnets.
    for (sid, n, _) in &subnets {
        if !rng.chance(50) {
            continue;
        }
        let mut entries = Vec::new();
        for egress in [false, true] {
            for _ in 0..(1 + rng.below(4)) {
                let proto = *rng.pick(PROTOCOLS);
                let (a, b) = ports(&mut rng);
                entries.push(AclEntry {
                    rule_number: int(rng.below(200) as i64 + 1),
                    egress,
                    allow: Attr::explicit(rng.chance(70), Origin::Unknown),
                    protocol: s(proto),
                    from_port: int(a),
                    to_port: int(b),
                    cidr_block: s(rng.pick::<String>(&cidrs)),
                    ..Default::default()
                });
            }
            if rng.chance(60) {
                // An entry about (part of) the ephemeral range, where replies land.
                let a = 990 + rng.below(100) as i64;
                entries.push(AclEntry {
                    rule_number: int(rng.below(60) as i64 + 1),
                    egress,
                    allow: Attr::explicit(rng.chance(40), Origin::Unknown),
                    protocol: s(*rng.pick(&["tcp", "udp"])),
                    from_port: int(a),
                    to_port: int((a + rng.below(40) as i64).min(1110)),
                    cidr_block: s(rng.pick::<String>(&cidrs)),
                    ..Default::default()
                });
            }
            if rng.chance(75) {
                // A catch-all allow at the end, as real ACLs usually have.
                entries.push(AclEntry {
                    rule_number: int(500),
                    egress,
                    allow: Attr::explicit(true, Origin::Unknown),
                    protocol: s("-1"),
                    cidr_block: s("0.0.0.0/0"),
                    ..Default::default()
                });
            }
        }
        net.network_acls.push(NetworkAcl {
            meta: meta(&format!("acl-{sid}")),
            vpc: link(&vpcs[*n as usize].0),
            subnets: vec![link(sid)],
            entries,
            ..Default::default()
        });
    }
    // Security groups.
    let groups: Vec<String> = (0..(2 + rng.below(3))).map(|g| format!("sg-{g}")).collect();
    for g in &groups {
        let rules = |rng: &mut Rng| -> Vec<SgRule> {
            (0..1 + rng.below(3))
                .map(|_| {
                    let proto = *rng.pick(PROTOCOLS);
                    let (a, b) = ports(rng);
                    let mut r = SgRule {
                        protocol: s(proto),
                        from_port: int(a),
                        to_port: int(b),
                        ..Default::default()
                    };
                    if rng.chance(35) {
                        r.security_groups.push(link(rng.pick::<String>(&groups)));
                    } else {
                        r.cidr_blocks.push(s(rng.pick::<String>(&cidrs)));
                    }
                    r
                })
                .collect()
        };
        let ingress = rules(&mut rng);
        let mut egress = rules(&mut rng);
        if rng.chance(60) {
            // The default egress rule most groups keep.
            egress.push(SgRule {
                protocol: s("-1"),
                cidr_blocks: vec![s("0.0.0.0/0")],
                ..Default::default()
            });
        }
        net.security_groups.push(SecurityGroup {
            meta: meta(g),
            ingress,
            egress,
            ..Default::default()
        });
    }
    let mut out = Vec::new();
    for (id, sid, ip) in enis {
        let mut sgs = vec![link(rng.pick::<String>(&groups))];
        if rng.chance(30) {
            sgs.push(link(rng.pick::<String>(&groups)));
        }
        let public = if rng.chance(50) {
            s(&format!("198.51.100.{}", out.len() + 1))
        } else {
            Attr::default_value(None, Origin::Unknown)
        };
        let mut m = meta(&id);
        m.tags.insert(
            "zone".into(),
            rng.pick(&["blue", "green", "red"]).to_string(),
        );
        net.network_interfaces.push(NetworkInterface {
            meta: m,
            subnet: link(&sid),
            security_groups: sgs,
            private_ips: vec![s(&ip.to_string())],
            public_ip: public,
            ..Default::default()
        });
        out.push(Eni { id, ip });
    }
    (st, out)
}

// ---- The brute force: one packet at a time, straight from the CloudState ----

fn lit(l: &Attr<Link>) -> &str {
    match l.get() {
        Some(Link::Literal(s) | Link::Resource(s)) => s,
        None => "",
    }
}

fn in_cidr(ip: Ipv4Addr, cidr: &str) -> bool {
    let (net, len) = cidr.split_once('/').unwrap();
    let net: Ipv4Addr = net.parse().unwrap();
    let len: u32 = len.parse().unwrap();
    let mask = if len == 0 { 0 } else { u32::MAX << (32 - len) };
    (u32::from(ip) & mask) == (u32::from(net) & mask)
}

fn proto_matches(rule: &str, proto: u8, port: u16, from: Option<i64>, to: Option<i64>) -> bool {
    let p = match rule {
        "-1" => return true,
        "tcp" => 6,
        "udp" => 17,
        "icmp" => 1,
        other => other.parse().unwrap(),
    };
    if p != proto {
        return false;
    }
    if proto == 6 || proto == 17 {
        let (a, b) = (from.unwrap_or(0), to.unwrap_or(65535));
        (a..=b).contains(&i64::from(port))
    } else {
        true
    }
}

struct World<'a> {
    st: &'a CloudState,
    enis: &'a [Eni],
    /// Reply verdicts by (protocol, source, destination, subnets): they do not depend on the port.
    replies: std::cell::RefCell<
        std::collections::HashMap<(u8, Ipv4Addr, Ipv4Addr, String, String), bool>,
    >,
}

impl World<'_> {
    fn eni(&self, id: &str) -> &NetworkInterface {
        self.st
            .aws
            .network
            .network_interfaces
            .iter()
            .find(|e| e.meta.address == id)
            .unwrap()
    }
    fn subnet_of(&self, id: &str) -> &Subnet {
        let sid = lit(&self.eni(id).subnet).to_string();
        self.st
            .aws
            .network
            .subnets
            .iter()
            .find(|s| s.meta.address == sid)
            .unwrap()
    }
    fn vpc_of_subnet(&self, s: &Subnet) -> String {
        lit(&s.vpc).to_string()
    }
    fn member_ips(&self, group: &str) -> Vec<Ipv4Addr> {
        self.enis
            .iter()
            .filter(|e| {
                self.eni(&e.id)
                    .security_groups
                    .iter()
                    .any(|g| lit(g) == group)
            })
            .map(|e| e.ip)
            .collect()
    }
    /// A security group rule list of an interface admits the packet; `peer` is the other end.
    fn sg(&self, eni: &str, ingress: bool, proto: u8, port: u16, peer: Ipv4Addr) -> bool {
        self.eni(eni).security_groups.iter().any(|g| {
            let group = self
                .st
                .aws
                .network
                .security_groups
                .iter()
                .find(|x| x.meta.address == lit(g))
                .unwrap();
            let rules = if ingress {
                &group.ingress
            } else {
                &group.egress
            };
            rules.iter().any(|r| {
                proto_matches(
                    r.protocol.get().unwrap(),
                    proto,
                    port,
                    r.from_port.get().copied(),
                    r.to_port.get().copied(),
                ) && (r
                    .cidr_blocks
                    .iter()
                    .any(|c| in_cidr(peer, c.get().unwrap()))
                    || r.security_groups
                        .iter()
                        .any(|sg| self.member_ips(lit(sg)).contains(&peer)))
            })
        })
    }
    fn route_table(&self, subnet: &Subnet) -> &RouteTable {
        let tables = &self.st.aws.network.route_tables;
        tables
            .iter()
            .find(|t| t.subnets.iter().any(|s| lit(s) == subnet.meta.address))
            .or_else(|| {
                tables
                    .iter()
                    .find(|t| t.main.is(&true) && lit(&t.vpc) == lit(&subnet.vpc))
            })
            .unwrap()
    }
    /// Longest-prefix match, including the implicit local route (`None` when nothing matches).
    fn lookup(&self, subnet: &Subnet, dst: Ipv4Addr) -> Option<(RouteTarget, String)> {
        let vpc = self
            .st
            .aws
            .network
            .vpcs
            .iter()
            .find(|v| v.meta.address == lit(&subnet.vpc))
            .unwrap();
        let mut best: Option<(u32, RouteTarget, String)> = None;
        let local = vpc.cidr_block.get().unwrap();
        if in_cidr(dst, local) {
            best = Some((16, RouteTarget::Local, "local".into()));
        }
        for r in &self.route_table(subnet).routes {
            let d = r.destination.get().unwrap();
            let len: u32 = d.split_once('/').unwrap().1.parse().unwrap();
            if in_cidr(dst, d) && best.as_ref().is_none_or(|(l, _, _)| len > *l) {
                best = Some((len, r.target, lit(&r.target_id).to_string()));
            }
        }
        best.map(|(_, t, id)| (t, id))
    }
    fn private_hop_ok(&self, from: &Subnet, to: &Subnet, dst: Ipv4Addr) -> bool {
        let (a, b) = (self.vpc_of_subnet(from), self.vpc_of_subnet(to));
        match self.lookup(from, dst) {
            Some((RouteTarget::Local, _)) => a == b,
            Some((RouteTarget::VpcPeering, id)) => {
                a != b
                    && self
                        .st
                        .aws
                        .network
                        .peering_connections
                        .iter()
                        .any(|p| p.meta.address == id)
            }
            _ => false,
        }
    }
    /// The subnet's ACL admits the packet (no ACL: allowed); `peer` is matched against the entry CIDR.
    fn acl(&self, subnet: &Subnet, egress: bool, proto: u8, port: u16, peer: Ipv4Addr) -> bool {
        let Some(acl) = self
            .st
            .aws
            .network
            .network_acls
            .iter()
            .find(|a| a.subnets.iter().any(|s| lit(s) == subnet.meta.address))
        else {
            return true;
        };
        let mut entries: Vec<&AclEntry> =
            acl.entries.iter().filter(|e| e.egress == egress).collect();
        entries.sort_by_key(|e| *e.rule_number.get().unwrap());
        for e in entries {
            if proto_matches(
                e.protocol.get().unwrap(),
                proto,
                port,
                e.from_port.get().copied(),
                e.to_port.get().copied(),
            ) && in_cidr(peer, e.cidr_block.get().unwrap())
            {
                return *e.allow.get().unwrap();
            }
        }
        false
    }
    fn replies_ok(
        &self,
        src_subnet: Option<&Subnet>,
        dst_subnet: Option<&Subnet>,
        proto: u8,
        src: Ipv4Addr,
        dst: Ipv4Addr,
    ) -> bool {
        let name = |s: Option<&Subnet>| s.map_or(String::new(), |s| s.meta.address.clone());
        let key = (proto, src, dst, name(src_subnet), name(dst_subnet));
        if let Some(v) = self.replies.borrow().get(&key) {
            return *v;
        }
        // Every ephemeral port, one by one.
        let v = (EPHEMERAL.0..=EPHEMERAL.1).all(|e| {
            dst_subnet.is_none_or(|d| self.acl(d, true, proto, e, src))
                && src_subnet.is_none_or(|s| self.acl(s, false, proto, e, dst))
        });
        self.replies.borrow_mut().insert(key, v);
        v
    }
    fn public(&self, id: &str) -> bool {
        self.eni(id).public_ip.get().is_some()
    }

    fn between(&self, s: &Eni, d: &Eni, proto: u8, port: u16) -> bool {
        let (ss, ds) = (self.subnet_of(&s.id), self.subnet_of(&d.id));
        let same = ss.meta.address == ds.meta.address;
        if !self.sg(&s.id, false, proto, port, d.ip) {
            return false;
        }
        if !same
            && !(self.private_hop_ok(ss, ds, d.ip)
                && self.acl(ss, true, proto, port, d.ip)
                && self.acl(ds, false, proto, port, s.ip))
        {
            return false;
        }
        if !self.sg(&d.id, true, proto, port, s.ip) {
            return false;
        }
        same || (self.private_hop_ok(ds, ss, s.ip)
            && self.replies_ok(Some(ss), Some(ds), proto, s.ip, d.ip))
    }

    fn from_internet(&self, src: Ipv4Addr, d: &Eni, proto: u8, port: u16) -> bool {
        let ds = self.subnet_of(&d.id);
        self.public(&d.id)
            && matches!(
                self.lookup(ds, src),
                Some((RouteTarget::InternetGateway, _))
            )
            && self.acl(ds, false, proto, port, src)
            && self.sg(&d.id, true, proto, port, src)
            && self.replies_ok(None, Some(ds), proto, src, d.ip)
    }

    fn to_internet(&self, s: &Eni, dst: Ipv4Addr, proto: u8, port: u16) -> bool {
        let ss = self.subnet_of(&s.id);
        self.sg(&s.id, false, proto, port, dst)
            && self.public(&s.id)
            && matches!(
                self.lookup(ss, dst),
                Some((RouteTarget::InternetGateway, _))
            )
            && self.acl(ss, true, proto, port, dst)
            && self.replies_ok(Some(ss), None, proto, s.ip, dst)
    }
}

/// Every (protocol, port) the brute force tries: all TCP/UDP ports up to 1200 plus two beyond,
/// and three ports of ICMP and of another protocol.
fn packets() -> Vec<(u8, u16)> {
    let mut v = Vec::new();
    for proto in [6u8, 17] {
        v.extend((0..=1200u16).map(|p| (proto, p)));
        v.extend([(proto, 30000), (proto, 65535)]);
    }
    for proto in [1u8, 50] {
        v.extend([(proto, 0), (proto, 700), (proto, 65535)]);
    }
    v
}

fn p4(ip: Ipv4Addr) -> u128 {
    point(std::net::IpAddr::V4(ip))
}

#[test]
fn sound_method_equals_brute_force_on_generated_networks() {
    let config = ReachConfig {
        ephemeral_ports: [EPHEMERAL.0, EPHEMERAL.1],
        ..Default::default()
    };
    let internet_sources: Vec<Ipv4Addr> = [0, 7, 8, 9]
        .iter()
        .map(|i| Ipv4Addr::new(203, 0, 113, *i))
        .chain([Ipv4Addr::new(8, 8, 8, 8)])
        .collect();
    let packets = packets();
    let mut compared = 0usize;
    let mut reachable_pairs = 0usize;
    for seed in 0..20u64 {
        let (st, enis) = generate(seed);
        let m = Model::build(&st, &config);
        let w = World {
            st: &st,
            enis: &enis,
            replies: Default::default(),
        };
        let side = |id: &str| {
            let e = m.endpoints.iter().find(|e| e.id == id).unwrap();
            endpoint_side(&m, e, 0)
        };
        for s in &enis {
            for d in &enis {
                if s.id == d.id {
                    continue;
                }
                let t = trace(&m, &side(&s.id), &side(&d.id), true);
                // Unexplained traces apply the stages in another order: same answer.
                let fast = trace(&m, &side(&s.id), &side(&d.id), false);
                for b in &t.blocks {
                    assert!(
                        b.space.intersect(&t.allowed).is_empty(),
                        "seed {seed}: a blocked packet is also allowed"
                    );
                }
                let mut any = false;
                for &(proto, port) in &packets {
                    let expected = w.between(s, d, proto, port);
                    let point = [u128::from(proto), u128::from(port), p4(s.ip), p4(d.ip)];
                    let got = t.allowed.contains(point);
                    assert_eq!(
                        got, expected,
                        "seed {seed}: {} -> {} proto {proto} port {port}",
                        s.id, d.id
                    );
                    assert_eq!(
                        fast.allowed.contains(point),
                        expected,
                        "seed {seed}: unexplained {} -> {} proto {proto} port {port}",
                        s.id,
                        d.id
                    );
                    any |= got;
                    compared += 1;
                }
                reachable_pairs += usize::from(any);
            }
        }
        for d in &enis {
            let t = trace(&m, &internet_side(), &side(&d.id), seed % 2 == 0);
            for src in &internet_sources {
                for &(proto, port) in &packets {
                    let expected = w.from_internet(*src, d, proto, port);
                    assert_eq!(
                        t.allowed.contains([
                            u128::from(proto),
                            u128::from(port),
                            p4(*src),
                            p4(d.ip)
                        ]),
                        expected,
                        "seed {seed}: internet {src} -> {} proto {proto} port {port}",
                        d.id
                    );
                    compared += 1;
                }
            }
            let t = trace(&m, &side(&d.id), &internet_side(), false);
            for dst in &internet_sources {
                for &(proto, port) in &packets {
                    let expected = w.to_internet(d, *dst, proto, port);
                    assert_eq!(
                        t.allowed.contains([
                            u128::from(proto),
                            u128::from(port),
                            p4(d.ip),
                            p4(*dst)
                        ]),
                        expected,
                        "seed {seed}: {} -> internet {dst} proto {proto} port {port}",
                        d.id
                    );
                    compared += 1;
                }
            }
        }
    }
    // The generator must produce both outcomes, or the comparison proves little.
    assert!(
        reachable_pairs > 20,
        "only {reachable_pairs} reachable pairs"
    );
    eprintln!("compared {compared} packets, {reachable_pairs} reachable endpoint pairs");
}

/// Zone flows (aggregated over subnets sharing a route table and ACL, with same-subnet pairs apart)
/// equal the union of the endpoint-pair answers, packet by packet.
#[test]
fn zone_flows_equal_the_union_of_endpoint_pairs() {
    let config = ReachConfig {
        ephemeral_ports: [EPHEMERAL.0, EPHEMERAL.1],
        ..Default::default()
    };
    let packets = packets();
    for seed in 100..112u64 {
        let (st, enis) = generate(seed);
        let m = Model::build(&st, &config);
        let flows = tightrope_reach::check::zone_flows(&m);
        let ep = |id: &str| m.endpoints.iter().find(|e| e.id == id).unwrap();
        for s in &enis {
            for d in &enis {
                let (es, ed) = (ep(&s.id), ep(&d.id));
                if s.id == d.id || es.zone == ed.zone {
                    continue;
                }
                let pair = trace(
                    &m,
                    &endpoint_side(&m, es, 0),
                    &endpoint_side(&m, ed, 0),
                    false,
                );
                let flow = flows.iter().find(|f| f.from == es.zone && f.to == ed.zone);
                for &(proto, port) in &packets {
                    let point = [u128::from(proto), u128::from(port), p4(s.ip), p4(d.ip)];
                    assert_eq!(
                        flow.is_some_and(|f| f.allowed.contains(point)),
                        pair.allowed.contains(point),
                        "seed {seed}: {} -> {} proto {proto} port {port}",
                        s.id,
                        d.id
                    );
                }
            }
        }
    }
}

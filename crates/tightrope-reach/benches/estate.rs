//! Benchmark: a generated estate of 1,000 subnets and 10,000 security groups (20 VPCs in five
//! zones, peered hub-and-spoke to the data VPCs, public and private route tables, two network ACLs
//! per VPC, 5,000 interfaces, internet-facing load balancers in serving). Times building the model
//! and answering every zone-pair question (all ordered pairs of zones and the internet).
//!
//! Run: `cargo bench -p tightrope-reach --bench estate` (release). Not part of the test suite.

use std::time::Instant;
use tightrope_core::state::aws::network::*;
use tightrope_core::state::{Link, Meta};
use tightrope_core::{Attr, CloudState, Origin};
use tightrope_reach::check::zone_flows;
use tightrope_reach::config::ReachConfig;
use tightrope_reach::model::Model;

struct Rng(u64);
impl Rng {
    fn below(&mut self, n: u64) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        (z ^ (z >> 31)) % n
    }
}

fn meta(id: &str) -> Meta {
    Meta {
        address: id.into(),
        kind: "bench".into(),
        origin: Origin::Unknown,
        ..Default::default()
    }
}
fn s(v: &str) -> Attr<String> {
    Attr::explicit(v.into(), Origin::Unknown)
}
fn l(v: &str) -> Attr<Link> {
    Attr::explicit(Link::Literal(v.into()), Origin::Unknown)
}
fn i(v: i64) -> Attr<i64> {
    Attr::explicit(v, Origin::Unknown)
}

const ZONES: [&str; 5] = ["training", "serving", "dev", "prod", "data"];
const VPCS: usize = 20;
const SUBNETS_PER_VPC: usize = 50;
const GROUPS_PER_VPC: usize = 500;
const ENIS_PER_SUBNET: usize = 5;

pub fn estate(seed: u64) -> CloudState {
    let mut rng = Rng(seed);
    let mut st = CloudState::default();
    let net = &mut st.aws.network;
    for v in 0..VPCS {
        let zone = ZONES[v % ZONES.len()];
        let vid = format!("vpc-{v}");
        let mut m = meta(&vid);
        m.tags.insert("Name".into(), format!("{zone}-{v}"));
        net.vpcs.push(Vpc {
            meta: m,
            cidr_block: s(&format!("10.{v}.0.0/16")),
            ..Default::default()
        });
        net.gateways.push(Gateway {
            meta: meta(&format!("igw-{v}")),
            kind: GatewayKind::Internet,
            vpc: l(&vid),
            ..Default::default()
        });
        net.gateways.push(Gateway {
            meta: meta(&format!("nat-{v}")),
            kind: GatewayKind::Nat,
            subnet: l(&format!("subnet-{v}-0")),
            ..Default::default()
        });
        // Data VPCs (v % 5 == 4) are hubs: every other VPC peers with the data VPC of its group of five.
        let hub = v - v % ZONES.len() + 4;
        let peer = (v != hub).then(|| format!("pcx-{v}"));
        if let Some(p) = &peer {
            net.peering_connections.push(PeeringConnection {
                meta: meta(p),
                requester_vpc: l(&vid),
                accepter_vpc: l(&format!("vpc-{hub}")),
                active: Attr::explicit(true, Origin::Unknown),
            });
        }
        let mut public_routes = vec![Route {
            destination: s("0.0.0.0/0"),
            target: RouteTarget::InternetGateway,
            target_id: l(&format!("igw-{v}")),
            ..Default::default()
        }];
        let mut private_routes = vec![Route {
            destination: s("0.0.0.0/0"),
            target: RouteTarget::NatGateway,
            target_id: l(&format!("nat-{v}")),
            ..Default::default()
        }];
        if let Some(p) = &peer {
            for routes in [&mut public_routes, &mut private_routes] {
                routes.push(Route {
                    destination: s(&format!("10.{hub}.0.0/16")),
                    target: RouteTarget::VpcPeering,
                    target_id: l(p),
                    ..Default::default()
                });
            }
        } else {
            for spoke in (hub - 4)..hub {
                private_routes.push(Route {
                    destination: s(&format!("10.{spoke}.0.0/16")),
                    target: RouteTarget::VpcPeering,
                    target_id: l(&format!("pcx-{spoke}")),
                    ..Default::default()
                });
            }
        }
        let public_subnets: Vec<Attr<Link>> =
            (0..5).map(|k| l(&format!("subnet-{v}-{k}"))).collect();
        let private_subnets: Vec<Attr<Link>> = (5..SUBNETS_PER_VPC)
            .map(|k| l(&format!("subnet-{v}-{k}")))
            .collect();
        net.route_tables.push(RouteTable {
            meta: meta(&format!("rtb-pub-{v}")),
            vpc: l(&vid),
            routes: public_routes,
            subnets: public_subnets.clone(),
            main: Attr::explicit(false, Origin::Unknown),
        });
        net.route_tables.push(RouteTable {
            meta: meta(&format!("rtb-priv-{v}")),
            vpc: l(&vid),
            routes: private_routes,
            subnets: private_subnets.clone(),
            main: Attr::explicit(true, Origin::Unknown),
        });
        // ACLs: an open one for public subnets, a stricter one for private subnets.
        let entry =
            |n: i64, egress: bool, allow: bool, proto: &str, ports: (i64, i64), cidr: &str| {
                AclEntry {
                    rule_number: i(n),
                    egress,
                    allow: Attr::explicit(allow, Origin::Unknown),
                    protocol: s(proto),
                    from_port: i(ports.0),
                    to_port: i(ports.1),
                    cidr_block: s(cidr),
                    ..Default::default()
                }
            };
        net.network_acls.push(NetworkAcl {
            meta: meta(&format!("acl-pub-{v}")),
            vpc: l(&vid),
            subnets: public_subnets,
            entries: vec![
                entry(100, false, true, "-1", (0, 0), "0.0.0.0/0"),
                entry(100, true, true, "-1", (0, 0), "0.0.0.0/0"),
            ],
            is_default: true,
        });
        net.network_acls.push(NetworkAcl {
            meta: meta(&format!("acl-priv-{v}")),
            vpc: l(&vid),
            subnets: private_subnets,
            entries: vec![
                entry(90, false, false, "tcp", (22, 22), "0.0.0.0/0"),
                entry(100, false, true, "tcp", (0, 65535), "10.0.0.0/8"),
                entry(110, false, true, "udp", (53, 53), "10.0.0.0/8"),
                entry(120, false, true, "tcp", (1024, 65535), "0.0.0.0/0"),
                entry(90, true, false, "tcp", (25, 25), "0.0.0.0/0"),
                entry(100, true, true, "-1", (0, 0), "0.0.0.0/0"),
            ],
            is_default: false,
        });
        for k in 0..SUBNETS_PER_VPC {
            net.subnets.push(Subnet {
                meta: meta(&format!("subnet-{v}-{k}")),
                vpc: l(&vid),
                cidr_block: s(&format!("10.{v}.{k}.0/24")),
                ..Default::default()
            });
        }
        // Security groups: a tier group per 10 subnets plus many app groups, rules by CIDR or group.
        for g in 0..GROUPS_PER_VPC {
            let gid = format!("sg-{v}-{g}");
            let port = [443, 8080, 5432, 6379, 22, 9200][rng.below(6) as usize];
            let mut ingress = Vec::new();
            for _ in 0..(1 + rng.below(3)) {
                let mut r = SgRule {
                    protocol: s("tcp"),
                    from_port: i(port),
                    to_port: i(port),
                    ..Default::default()
                };
                match rng.below(4) {
                    0 => r
                        .cidr_blocks
                        .push(s(&format!("10.{}.0.0/16", rng.below(VPCS as u64)))),
                    1 => r.security_groups.push(l(&format!(
                        "sg-{}-{}",
                        rng.below(VPCS as u64),
                        rng.below(GROUPS_PER_VPC as u64)
                    ))),
                    2 => r
                        .security_groups
                        .push(l(&format!("sg-{v}-{}", rng.below(GROUPS_PER_VPC as u64)))),
                    _ => r.cidr_blocks.push(s(if rng.below(10) == 0 {
                        "0.0.0.0/0"
                    } else {
                        "10.0.0.0/8"
                    })),
                }
                ingress.push(r);
            }
            let egress = vec![SgRule {
                protocol: s("-1"),
                cidr_blocks: vec![s("0.0.0.0/0")],
                ..Default::default()
            }];
            net.security_groups.push(SecurityGroup {
                meta: meta(&gid),
                vpc: l(&vid),
                ingress,
                egress,
                ..Default::default()
            });
        }
        for k in 0..SUBNETS_PER_VPC {
            for e in 0..ENIS_PER_SUBNET {
                let id = format!("eni-{v}-{k}-{e}");
                let groups = (0..(1 + rng.below(3)))
                    .map(|_| l(&format!("sg-{v}-{}", rng.below(GROUPS_PER_VPC as u64))))
                    .collect();
                let public = if k < 5 && rng.below(4) == 0 {
                    s(&format!("198.51.{v}.{}", k * 10 + e))
                } else {
                    Attr::default_value(None, Origin::Unknown)
                };
                let mut m = meta(&id);
                m.tags
                    .insert("Name".into(), format!("{zone}-host-{v}-{k}-{e}"));
                net.network_interfaces.push(NetworkInterface {
                    meta: m,
                    subnet: l(&format!("subnet-{v}-{k}")),
                    security_groups: groups,
                    private_ips: vec![s(&format!("10.{v}.{k}.{}", 10 + e))],
                    public_ip: public,
                    ..Default::default()
                });
            }
        }
        if zone == "serving" {
            net.load_balancers.push(LoadBalancer {
                meta: meta(&format!("lb-{v}")),
                name: s(&format!("serving-lb-{v}")),
                lb_type: s("application"),
                internal: Attr::explicit(false, Origin::Unknown),
                subnets: (0..2).map(|k| l(&format!("subnet-{v}-{k}"))).collect(),
                security_groups: vec![l(&format!("sg-{v}-0"))],
                ..Default::default()
            });
        }
    }
    st
}

fn main() {
    let st = estate(7);
    let net = &st.aws.network;
    println!(
        "estate: {} VPCs, {} subnets, {} security groups, {} interfaces, {} load balancers",
        net.vpcs.len(),
        net.subnets.len(),
        net.security_groups.len(),
        net.network_interfaces.len(),
        net.load_balancers.len()
    );
    let config = ReachConfig::default();
    let mut builds = Vec::new();
    let mut answers = Vec::new();
    let mut flows = Vec::new();
    for _ in 0..5 {
        let t0 = Instant::now();
        let m = Model::build(&st, &config);
        builds.push(t0.elapsed().as_secs_f64());
        let t1 = Instant::now();
        flows = zone_flows(&m);
        answers.push(t1.elapsed().as_secs_f64());
    }
    let median = |v: &mut Vec<f64>| {
        v.sort_by(f64::total_cmp);
        v[v.len() / 2]
    };
    let zones = ZONES.len() + 1;
    println!(
        "model build: median {:.3} s over 5 runs",
        median(&mut builds)
    );
    println!(
        "all {} zone-pair questions ({} zones incl. internet): median {:.3} s over 5 runs (min {:.3}, max {:.3})",
        zones * (zones - 1),
        zones,
        median(&mut answers.clone()),
        answers.iter().copied().fold(f64::MAX, f64::min),
        answers.iter().copied().fold(0.0, f64::max)
    );
    println!("{} zone pairs with traffic:", flows.len());
    for f in &flows {
        let d = f.allowed.describe_services();
        println!(
            "  {:>9} -> {:<9} {}",
            f.from,
            f.to,
            if d.len() > 90 {
                format!("{}...", &d[..90])
            } else {
                d
            }
        );
    }
}

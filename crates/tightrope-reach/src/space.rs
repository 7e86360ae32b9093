//! Sets of packets, as unions of boxes over (protocol, destination port, source address,
//! destination address).
//!
//! Every security group rule, ACL entry and route is a box (or a union of boxes) in this space, so
//! one intersection or subtraction answers a question for all ports and addresses at once. IPv4
//! addresses live in the IPv4-mapped range `::ffff:0:0/96` of one 128-bit address line, so IPv4 and
//! IPv6 share every operation; an IPv6 prefix never covers that range (an IPv6 rule does not match
//! IPv4 traffic).

use ipnet::IpNet;
use std::fmt::Write as _;
use std::net::IpAddr;

/// An inclusive interval.
pub type Interval = (u128, u128);

/// Dimension indices of a [`Cube`].
pub const PROTO: usize = 0;
pub const PORT: usize = 1;
pub const SRC: usize = 2;
pub const DST: usize = 3;

pub const TCP: u128 = 6;
pub const UDP: u128 = 17;
pub const ALL_PROTOS: Interval = (0, 255);
pub const ALL_PORTS: Interval = (0, 65535);
pub const ALL_ADDRS: Interval = (0, u128::MAX);
/// The IPv4-mapped range `::ffff:0.0.0.0` to `::ffff:255.255.255.255`.
pub const V4: Interval = (0xffff_0000_0000, 0xffff_ffff_ffff);

/// A set of values on one dimension: sorted, disjoint, non-adjacent inclusive intervals.
pub type Set = Vec<Interval>;

/// One box: a set per dimension (the product of the four sets).
pub type Cube = [Set; 4];

/// The box of every packet.
pub fn everything() -> Cube {
    [
        vec![ALL_PROTOS],
        vec![ALL_PORTS],
        vec![ALL_ADDRS],
        vec![ALL_ADDRS],
    ]
}

/// A box from a protocol interval, a port interval and source / destination address lists.
pub fn cube(proto: Interval, ports: Interval, src: &[Interval], dst: &[Interval]) -> Cube {
    [
        vec![proto],
        vec![ports],
        merge_intervals(src.to_vec()),
        merge_intervals(dst.to_vec()),
    ]
}

/// A box of one service (protocol and ports) on every address.
pub fn service_cube(proto: Interval, ports: Interval) -> Cube {
    [vec![proto], vec![ports], vec![ALL_ADDRS], vec![ALL_ADDRS]]
}

/// A union of boxes (pairwise disjoint after subtraction, not necessarily otherwise).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Space {
    pub cubes: Vec<Cube>,
}

fn meet(a: Interval, b: Interval) -> Option<Interval> {
    let lo = a.0.max(b.0);
    let hi = a.1.min(b.1);
    (lo <= hi).then_some((lo, hi))
}

/// Intersection of two sets.
pub fn set_meet(a: &[Interval], b: &[Interval]) -> Set {
    let (mut i, mut j, mut out) = (0, 0, Vec::new());
    while i < a.len() && j < b.len() {
        if let Some(m) = meet(a[i], b[j]) {
            out.push(m);
        }
        if a[i].1 < b[j].1 { i += 1 } else { j += 1 }
    }
    out
}

/// `a` minus `b`.
pub fn set_minus(a: &[Interval], b: &[Interval]) -> Set {
    let mut out = Vec::new();
    let mut j = 0;
    for &(lo, hi) in a {
        let mut lo = lo;
        let mut done = false;
        while j < b.len() && b[j].1 < lo {
            j += 1;
        }
        let mut k = j;
        while k < b.len() && b[k].0 <= hi {
            if b[k].0 > lo {
                out.push((lo, b[k].0 - 1));
            }
            if b[k].1 >= hi {
                done = true;
                break;
            }
            lo = b[k].1 + 1;
            k += 1;
        }
        if !done {
            out.push((lo, hi));
        }
    }
    out
}

fn set_contains(a: &[Interval], v: u128) -> bool {
    let i = a.partition_point(|iv| iv.1 < v);
    a.get(i).is_some_and(|iv| iv.0 <= v)
}

/// The intersection of two boxes.
pub fn cube_meet(a: &Cube, b: &Cube) -> Option<Cube> {
    let mut out: Cube = Default::default();
    for d in 0..4 {
        out[d] = set_meet(&a[d], &b[d]);
        if out[d].is_empty() {
            return None;
        }
    }
    Some(out)
}

/// `a` minus `b`, as disjoint boxes (at most one per dimension).
pub fn cube_minus(a: &Cube, b: &Cube) -> Vec<Cube> {
    let Some(cut) = cube_meet(a, b) else {
        return vec![a.clone()];
    };
    let mut out = Vec::new();
    let mut rest = a.clone();
    for d in 0..4 {
        let outside = set_minus(&rest[d], &cut[d]);
        if !outside.is_empty() {
            let mut piece = rest.clone();
            piece[d] = outside;
            out.push(piece);
        }
        rest[d] = cut[d].clone();
    }
    out
}

impl Space {
    pub fn empty() -> Self {
        Space::default()
    }

    pub fn of(cube: Cube) -> Self {
        Space { cubes: vec![cube] }
    }

    pub fn is_empty(&self) -> bool {
        self.cubes.is_empty()
    }

    pub fn contains(&self, point: [u128; 4]) -> bool {
        self.cubes
            .iter()
            .any(|c| (0..4).all(|d| set_contains(&c[d], point[d])))
    }

    pub fn union(&mut self, other: &Space) {
        for c in &other.cubes {
            self.add(c.clone());
        }
    }

    /// Adds a box, keeping the boxes disjoint.
    pub fn add(&mut self, cube: Cube) {
        let mut pieces = vec![cube];
        for have in &self.cubes {
            pieces = pieces.iter().flat_map(|p| cube_minus(p, have)).collect();
            if pieces.is_empty() {
                return;
            }
        }
        self.cubes.extend(pieces);
    }

    pub fn intersect(&self, other: &Space) -> Space {
        let mut out = Space::empty();
        for a in &self.cubes {
            for b in &other.cubes {
                if let Some(c) = cube_meet(a, b) {
                    out.cubes.push(c);
                }
            }
        }
        out
    }

    pub fn intersect_cube(&self, cube: &Cube) -> Space {
        Space {
            cubes: self
                .cubes
                .iter()
                .filter_map(|a| cube_meet(a, cube))
                .collect(),
        }
    }

    pub fn minus(&self, other: &Space) -> Space {
        let mut cubes = self.cubes.clone();
        for b in &other.cubes {
            cubes = cubes.iter().flat_map(|a| cube_minus(a, b)).collect();
            if cubes.is_empty() {
                break;
            }
        }
        Space { cubes }
    }

    /// Merges boxes that differ in one dimension only (same other three sets), so a rule applied
    /// to many endpoints stays one box.
    pub fn compact(mut self) -> Space {
        for d in [SRC, DST, PORT, PROTO] {
            let mut merged: Vec<Cube> = Vec::new();
            let mut index: std::collections::HashMap<Vec<Set>, usize> =
                std::collections::HashMap::new();
            for c in self.cubes {
                let key: Vec<Set> = (0..4).filter(|x| *x != d).map(|x| c[x].clone()).collect();
                match index.get(&key) {
                    Some(&i) => {
                        let mut v = std::mem::take(&mut merged[i][d]);
                        v.extend(c[d].iter().copied());
                        merged[i][d] = merge_intervals(v);
                    }
                    None => {
                        index.insert(key, merged.len());
                        merged.push(c);
                    }
                }
            }
            self.cubes = merged;
        }
        self
    }

    /// Every packet whose (protocol, source, destination) appears in the space, on any port.
    pub fn widen_ports(&self) -> Space {
        Space {
            cubes: self
                .cubes
                .iter()
                .map(|c| {
                    [
                        c[PROTO].clone(),
                        vec![ALL_PORTS],
                        c[SRC].clone(),
                        c[DST].clone(),
                    ]
                })
                .collect(),
        }
        .compact()
    }

    /// The same packets with source and destination swapped (the reply direction).
    pub fn swap_addresses(&self) -> Space {
        Space {
            cubes: self
                .cubes
                .iter()
                .map(|c| {
                    [
                        c[PROTO].clone(),
                        c[PORT].clone(),
                        c[DST].clone(),
                        c[SRC].clone(),
                    ]
                })
                .collect(),
        }
    }

    /// The (protocol, port) pairs of the space, on every address.
    pub fn services(&self) -> Space {
        let mut out = Space::empty();
        for c in &self.cubes {
            out.add([
                c[PROTO].clone(),
                c[PORT].clone(),
                vec![ALL_ADDRS],
                vec![ALL_ADDRS],
            ]);
        }
        out
    }

    /// Protocol and port ranges of the space, merged, as `tcp 22, 443; udp 53; icmp`, or
    /// `all traffic except ...` when that is shorter.
    pub fn describe_services(&self) -> String {
        let services = self.services();
        if services.is_empty() {
            return "nothing".into();
        }
        let everything = Space::of(everything());
        let missing = everything.minus(&services);
        if missing.is_empty() {
            return "all traffic".into();
        }
        let direct = list_services(&services);
        let inverse = list_services(&missing);
        if inverse.len() < direct.len() {
            format!("all traffic except {inverse}")
        } else {
            direct
        }
    }

    /// The addresses of dimension `dim` (SRC or DST) that appear in the space, merged.
    pub fn ranges(&self, dim: usize) -> Vec<Interval> {
        merge_intervals(self.cubes.iter().flat_map(|c| c[dim].iter().copied()).collect())
    }

    /// The addresses of dimension `dim` as ranges (`10.0.0.0-10.0.0.255, ...`).
    pub fn describe_dimension(&self, dim: usize) -> String {
        list(&self.ranges(dim), address)
    }

    /// The source addresses in words when they are the whole (untrusted) `internet`, or one address
    /// family of it; else as ranges.
    pub fn describe_internet_sources(&self, internet: &[Interval]) -> String {
        let sources = self.ranges(SRC);
        let family = |v4: bool| merge_intervals(internet.iter().copied().filter(|iv| is_v4(*iv) == v4).collect());
        let all = merge_intervals(internet.to_vec());
        if sources == all {
            "any internet address".into()
        } else if sources == family(true) {
            "any public IPv4 address".into()
        } else if sources == family(false) {
            "any public IPv6 address".into()
        } else {
            list(&sources, address)
        }
    }
}

/// A services-only space (addresses full) as text.
fn list_services(space: &Space) -> String {
    let mut protos: Vec<Interval> = Vec::new();
    for c in &space.cubes {
        protos.extend(c[PROTO].iter().flat_map(|p| split_protocols(*p)));
    }
    let mut parts = Vec::new();
    let mut others = Vec::new();
    for p in merge_intervals(protos) {
        for piece in split_protocols(p) {
            let ports: Vec<Interval> = merge_intervals(
                space
                    .cubes
                    .iter()
                    .filter(|c| c[PROTO].iter().any(|p| meet(*p, piece).is_some()))
                    .flat_map(|c| c[PORT].iter().copied())
                    .collect(),
            );
            let port_relevant = piece == (TCP, TCP) || piece == (UDP, UDP);
            if port_relevant {
                let name = protocol_name(piece);
                parts.push(if ports == [ALL_PORTS] {
                    name
                } else {
                    format!("{name} {}", list(&ports, |v| v.to_string()))
                });
            } else {
                others.push(piece);
            }
        }
    }
    let others = merge_intervals(others);
    // Every protocol but TCP and UDP reads better as one phrase.
    if others == [(0, TCP - 1), (TCP + 1, UDP - 1), (UDP + 1, 255)] {
        parts.push("all other protocols".into());
    } else {
        parts.extend(others.into_iter().map(protocol_name));
    }
    parts.join("; ")
}

/// `(lo, hi)` protocol interval split so TCP and UDP stand alone.
fn split_protocols(p: Interval) -> Vec<Interval> {
    let mut out = Vec::new();
    let mut lo = p.0;
    for special in [TCP, UDP] {
        if lo <= special && special <= p.1 {
            if lo < special {
                out.push((lo, special - 1));
            }
            out.push((special, special));
            lo = special + 1;
        }
    }
    if lo <= p.1 {
        out.push((lo, p.1));
    }
    out
}

fn protocol_name(p: Interval) -> String {
    match p {
        (0, 255) => "all protocols".into(),
        (6, 6) => "tcp".into(),
        (17, 17) => "udp".into(),
        (1, 1) => "icmp".into(),
        (58, 58) => "icmpv6".into(),
        (a, b) if a == b => format!("protocol {a}"),
        (a, b) => format!("protocols {a}-{b}"),
    }
}

/// Sorted, merged, adjacent-joined intervals.
pub fn merge_intervals(mut v: Vec<Interval>) -> Vec<Interval> {
    v.sort_unstable();
    let mut out: Vec<Interval> = Vec::new();
    for (lo, hi) in v {
        match out.last_mut() {
            Some(last) if lo <= last.1.saturating_add(1) => last.1 = last.1.max(hi),
            _ => out.push((lo, hi)),
        }
    }
    out
}

fn list(v: &[Interval], show: impl Fn(u128) -> String) -> String {
    let mut out = String::new();
    for (i, (lo, hi)) in v.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        if i == 8 {
            let _ = write!(out, "... ({} more)", v.len() - 8);
            break;
        }
        if lo == hi {
            out.push_str(&show(*lo));
        } else {
            let _ = write!(out, "{}-{}", show(*lo), show(*hi));
        }
    }
    out
}

/// An address on the 128-bit line, shown as IPv4 when it is IPv4-mapped.
pub fn address(v: u128) -> String {
    let ip = std::net::Ipv6Addr::from(v);
    match ip.to_ipv4_mapped() {
        Some(v4) => v4.to_string(),
        None => ip.to_string(),
    }
}

/// An address as a point on the 128-bit line.
pub fn point(ip: IpAddr) -> u128 {
    match ip {
        IpAddr::V4(v4) => u128::from(v4.to_ipv6_mapped()),
        IpAddr::V6(v6) => u128::from(v6),
    }
}

/// The address intervals of a CIDR (IPv6 prefixes exclude the IPv4-mapped range).
pub fn prefix(net: &IpNet) -> Vec<Interval> {
    let lo = point(net.network());
    let hi = point(net.broadcast());
    match net {
        IpNet::V4(_) => vec![(lo, hi)],
        IpNet::V6(_) => {
            let mut out = Vec::new();
            if lo < V4.0 {
                out.push((lo, hi.min(V4.0 - 1)));
            }
            if hi > V4.1 {
                out.push((lo.max(V4.1 + 1), hi));
            }
            if lo > V4.1 || hi < V4.0 {
                return vec![(lo, hi)];
            }
            out
        }
    }
}

/// Parses `a.b.c.d/n`, `x::/n` or a bare address (a host prefix).
pub fn parse_cidr(s: &str) -> Option<IpNet> {
    let s = s.trim();
    s.parse::<IpNet>()
        .ok()
        .map(|n| n.trunc())
        .or_else(|| s.parse::<IpAddr>().ok().map(IpNet::from))
}

/// Addresses that are not on the public internet: RFC 1918, shared, loopback, link-local, ULA.
pub const PRIVATE: &[&str] = &[
    "10.0.0.0/8",
    "172.16.0.0/12",
    "192.168.0.0/16",
    "100.64.0.0/10",
    "127.0.0.0/8",
    "169.254.0.0/16",
    "0.0.0.0/8",
    "fc00::/7",
    "fe80::/10",
    "::1/128",
];

/// Every address of the public internet (IPv4 and IPv6), minus `excluded`.
pub fn internet(excluded: &[IpNet]) -> Vec<Interval> {
    let cut: Vec<Interval> = PRIVATE
        .iter()
        .filter_map(|s| parse_cidr(s))
        .chain(excluded.iter().copied())
        .flat_map(|n| prefix(&n))
        .collect();
    // Kept apart at the IPv4-mapped range's edges so each interval is one family.
    let merged = set_minus(&[ALL_ADDRS], &merge_intervals(cut));
    let mut out = Vec::new();
    for (lo, hi) in merged {
        for part in [(0, V4.0 - 1), V4, (V4.1 + 1, u128::MAX)] {
            if let Some(m) = meet((lo, hi), part) {
                out.push(m);
            }
        }
    }
    out
}

/// The interval holds IPv4 (mapped) addresses.
pub fn is_v4(iv: Interval) -> bool {
    V4.0 <= iv.0 && iv.1 <= V4.1
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tcp(ports: Interval) -> Cube {
        service_cube((TCP, TCP), ports)
    }

    #[test]
    fn set_operations() {
        assert_eq!(
            set_minus(&[(0, 10)], &[(2, 3), (5, 5), (9, 20)]),
            vec![(0, 1), (4, 4), (6, 8)]
        );
        assert_eq!(
            set_minus(&[(0, 10), (20, 30)], &[(5, 25)]),
            vec![(0, 4), (26, 30)]
        );
        assert_eq!(
            set_meet(&[(0, 10), (20, 30)], &[(5, 25)]),
            vec![(5, 10), (20, 25)]
        );
        let s = Space::of(cube((TCP, TCP), (80, 80), &[(1, 1), (3, 3)], &[(0, 9)]))
            .minus(&Space::of(cube((TCP, TCP), (80, 80), &[(3, 3)], &[(5, 5)])));
        assert!(
            s.contains([TCP, 80, 1, 5])
                && !s.contains([TCP, 80, 3, 5])
                && s.contains([TCP, 80, 3, 4])
        );
    }

    #[test]
    fn subtraction_leaves_the_complement() {
        let s = Space::of(tcp(ALL_PORTS)).minus(&Space::of(tcp((443, 443))));
        assert!(!s.contains([TCP, 443, 0, 0]));
        assert!(s.contains([TCP, 442, 0, 0]) && s.contains([TCP, 444, 9, 9]));
        assert_eq!(s.describe_services(), "tcp 0-442, 444-65535");
        assert_eq!(
            Space::of(everything())
                .minus(&Space::of(tcp((443, 443))))
                .describe_services(),
            "all traffic except tcp 443"
        );
        assert_eq!(Space::of(everything()).describe_services(), "all traffic");
    }

    #[test]
    fn ipv6_prefix_skips_ipv4_range() {
        let all6 = prefix(&parse_cidr("::/0").unwrap());
        let v4 = point("10.0.0.1".parse().unwrap());
        assert!(!all6.iter().any(|(lo, hi)| *lo <= v4 && v4 <= *hi));
        let v6 = point("2001:db8::1".parse().unwrap());
        assert!(all6.iter().any(|(lo, hi)| *lo <= v6 && v6 <= *hi));
    }

    #[test]
    fn internet_excludes_private_ranges() {
        let net = internet(&[]);
        let inside = |ip: &str| {
            let p = point(ip.parse().unwrap());
            net.iter().any(|(lo, hi)| *lo <= p && p <= *hi)
        };
        assert!(inside("8.8.8.8") && inside("2001:db8::1"));
        assert!(!inside("10.1.2.3") && !inside("192.168.0.1") && !inside("fd00::1"));
    }

    #[test]
    fn internet_sources_are_named_in_words() {
        let net = internet(&[]);
        let from = |src: &[Interval]| Space::of(cube(ALL_PROTOS, ALL_PORTS, src, &[ALL_ADDRS])).describe_internet_sources(&net);
        assert_eq!(from(&net), "any internet address");
        let v4: Vec<Interval> = net.iter().copied().filter(|iv| is_v4(*iv)).collect();
        assert_eq!(from(&v4), "any public IPv4 address");
        let some = prefix(&parse_cidr("203.0.113.0/24").unwrap());
        assert_eq!(from(&some), "203.0.113.0-203.0.113.255");
    }
}

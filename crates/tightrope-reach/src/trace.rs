//! Following traffic from a source to a destination through every component on the way, as
//! packet sets: security group egress, route table, network ACL out, (peering / transit gateway /
//! internet gateway), network ACL in, security group ingress, and the stateless ACLs again for the
//! replies (security groups are stateful and let replies through).
//!
//! Each stage keeps the packets it lets through and, when explaining, records the packets it drops
//! with the component that dropped them, so one trace answers for every protocol, port and
//! address at once.

use crate::model::{AclNode, Model, Public, RouteNode};
use crate::space::{ALL_PORTS, ALL_PROTOS, DST, Interval, PROTO, SRC, Space, everything};
use serde::Serialize;
use tightrope_core::Origin;
use tightrope_core::state::aws::network::RouteTarget;

/// One side of a question: an endpoint in one subnet, a set of endpoints sharing a route table and
/// ACL, or the internet.
#[derive(Debug, Clone, Default)]
pub struct Side {
    pub label: String,
    /// Subnets of the side; all share the route table and ACL of the first.
    pub subnets: Vec<usize>,
    pub addrs: Vec<Interval>,
    /// Security group ids, for messages.
    pub groups: Vec<String>,
    /// `false` when the side has no security group to apply (an address or subnet question).
    pub has_groups: bool,
    /// Egress rules (rule index, packets it lets out of this side).
    pub egress: Vec<(usize, Space)>,
    /// Ingress rules (rule index, packets it lets into this side).
    pub ingress: Vec<(usize, Space)>,
    pub public: Option<Public>,
    pub internet: bool,
    /// The side's address is not known; its subnet's addresses stand for it.
    pub assumed: bool,
    /// Union of the egress / ingress rule spaces (see [`Side::seal`]).
    pub egress_all: Space,
    pub ingress_all: Space,
}

impl Side {
    /// Merges the rule spaces per rule and caches their unions; call once the rules are in.
    pub fn seal(mut self) -> Side {
        self.egress = merge_rules(std::mem::take(&mut self.egress));
        self.ingress = merge_rules(std::mem::take(&mut self.ingress));
        let union = |rules: &[(usize, Space)]| {
            Space {
                cubes: rules
                    .iter()
                    .flat_map(|(_, s)| s.cubes.iter().cloned())
                    .collect(),
            }
            .compact()
        };
        self.egress_all = union(&self.egress);
        self.ingress_all = union(&self.ingress);
        self
    }

    /// Where the side is, for the first and last hop.
    fn whereabouts(&self, m: &Model) -> String {
        let subnet = self
            .subnets
            .first()
            .and_then(|s| m.subnets.get(*s))
            .map_or("?", |s| s.id.as_str());
        if self.assumed {
            format!("subnet {subnet}; address unknown, any address of the subnet assumed")
        } else {
            format!("subnet {subnet}")
        }
    }
}

/// A component a flow passes.
#[derive(Debug, Clone, Serialize)]
pub struct Hop {
    pub step: String,
    pub component: String,
    pub detail: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub origin: Option<Origin>,
}

/// Packets a component drops.
#[derive(Debug, Clone)]
pub struct Block {
    pub step: String,
    pub component: String,
    pub reason: String,
    pub space: Space,
    pub origin: Option<Origin>,
}

/// The answer to one question.
#[derive(Debug, Clone, Default)]
pub struct Trace {
    pub allowed: Space,
    pub hops: Vec<Hop>,
    pub blocks: Vec<Block>,
}

struct Tracer<'m> {
    m: &'m Model,
    cur: Space,
    explain: bool,
    out: Trace,
}

impl Tracer<'_> {
    fn hop(&mut self, step: &str, component: &str, detail: String, origin: Option<Origin>) {
        if self.explain {
            self.out.hops.push(Hop {
                step: step.into(),
                component: component.into(),
                detail,
                origin,
            });
        }
    }

    fn block(
        &mut self,
        step: &str,
        component: &str,
        reason: String,
        space: Space,
        origin: Option<Origin>,
    ) {
        if self.explain && !space.is_empty() {
            self.out.blocks.push(Block {
                step: step.into(),
                component: component.into(),
                reason,
                space,
                origin,
            });
        }
    }

    /// Keeps the packets of `allowed`; the rest is blocked by `component`.
    fn keep(
        &mut self,
        allowed: &Space,
        step: &str,
        component: &str,
        reason: String,
        origin: Option<Origin>,
    ) {
        let passed = self.cur.intersect(allowed).compact();
        if self.explain {
            let blocked = self.cur.minus(&passed);
            self.block(step, component, reason, blocked, origin);
        }
        self.cur = passed;
    }

    /// A side's security groups in one direction.
    fn groups(&mut self, side: &Side, egress: bool) {
        let step = if egress {
            "security group egress"
        } else {
            "security group ingress"
        };
        if !side.has_groups {
            self.hop(step, &side.label, "no security group applies".into(), None);
            return;
        }
        if self.cur.is_empty() {
            return;
        }
        let rules = if egress { &side.egress } else { &side.ingress };
        let sealed = if egress {
            &side.egress_all
        } else {
            &side.ingress_all
        };
        let unsealed;
        let allowed = if sealed.is_empty() && !rules.is_empty() {
            unsealed = Space {
                cubes: rules
                    .iter()
                    .flat_map(|(_, s)| s.cubes.iter().cloned())
                    .collect(),
            }
            .compact();
            &unsealed
        } else {
            sealed
        };
        let names = side.groups.join(", ");
        self.keep(
            allowed,
            step,
            &names,
            format!(
                "no {} rule of {names} matches",
                if egress { "egress" } else { "ingress" }
            ),
            None,
        );
        if self.explain && !self.cur.is_empty() {
            let used: Vec<String> = rules
                .iter()
                .filter(|(_, s)| !s.intersect(&self.cur).is_empty())
                .filter_map(|(r, _)| self.m.rules.get(*r).map(|r| r.text.clone()))
                .take(4)
                .collect();
            let origin = rules
                .iter()
                .find(|(_, s)| !s.intersect(&self.cur).is_empty())
                .and_then(|(r, _)| self.m.rules.get(*r))
                .map(|r| r.origin.clone());
            self.hop(step, &names, used.join("; "), origin);
        }
    }

    /// Longest-prefix match of the packets' `dim` addresses in `table`; `accept` says whether a
    /// route carries the traffic (or why not).
    fn route(
        &mut self,
        subnet: usize,
        dim: usize,
        step: &str,
        accept: &dyn Fn(&RouteNode) -> Result<(), String>,
    ) {
        let m = self.m;
        if self.cur.is_empty() {
            return;
        }
        let Some(sub) = m.subnets.get(subnet) else {
            return;
        };
        let Some(table) = sub.route_table.and_then(|t| m.route_tables.get(t)) else {
            let known = sub
                .vpc
                .and_then(|v| m.vpcs.get(v))
                .is_some_and(|v| v.routes_known);
            if known {
                let all = std::mem::take(&mut self.cur);
                self.block(
                    step,
                    &sub.id,
                    format!("subnet {} has no route table", sub.id),
                    all,
                    None,
                );
            } else {
                self.hop(
                    step,
                    &sub.id,
                    "route tables not in the input: routes assumed to exist".into(),
                    None,
                );
            }
            return;
        };
        let mut rest = std::mem::take(&mut self.cur);
        let mut kept = Space::empty();
        let mut used = Vec::new();
        for r in &table.routes {
            if rest.is_empty() {
                break;
            }
            let mut cube = everything();
            cube[dim] = r.destination.clone();
            let part = rest.intersect_cube(&cube);
            if part.is_empty() {
                continue;
            }
            rest = rest.minus(&part);
            match accept(r) {
                Ok(()) => {
                    used.push((r.text.clone(), r.origin.clone()));
                    kept.union(&part);
                }
                Err(why) => self.block(
                    step,
                    &table.id,
                    format!("route {}: {why}", r.text),
                    part,
                    Some(r.origin.clone()),
                ),
            }
        }
        self.block(
            step,
            &table.id,
            format!("no route in {} matches", table.id),
            rest,
            None,
        );
        self.cur = kept;
        if !used.is_empty() {
            let origin = used.first().map(|(_, o)| o.clone());
            let text: Vec<String> = used.into_iter().map(|(t, _)| t).collect();
            self.hop(step, &table.id, text.join("; "), origin);
        }
    }

    /// A subnet's network ACL in one direction; `dim` is the peer address the entries match.
    fn acl(&mut self, subnet: usize, outbound: bool, dim: usize, step: &str) {
        let m = self.m;
        if self.cur.is_empty() {
            return;
        }
        let Some(acl) = m
            .subnets
            .get(subnet)
            .and_then(|s| s.acl)
            .and_then(|a| m.acls.get(a))
        else {
            self.hop(
                step,
                "default",
                "no network ACL in the input: the default ACL allows everything".into(),
                None,
            );
            return;
        };
        let (passed, denied) = acl_filter(acl, outbound, dim, &self.cur, self.explain);
        for (text, origin, space) in denied {
            self.block(step, &acl.id, format!("{} denies it", text), space, origin);
        }
        self.cur = passed;
        if !self.cur.is_empty() {
            self.hop(step, &acl.id, "allowed".into(), None);
        }
    }

    /// Stateless replies: packets back from the destination to the source's ephemeral ports must
    /// pass the destination subnet's outbound ACL and the source subnet's inbound ACL.
    fn replies(&mut self, src_subnet: Option<usize>, dst_subnet: Option<usize>) {
        let m = self.m;
        if self.cur.is_empty() {
            return;
        }
        let eph = m.ephemeral;
        let replies = Space {
            cubes: self
                .cur
                .cubes
                .iter()
                .map(|c| [c[PROTO].clone(), vec![eph], c[DST].clone(), c[SRC].clone()])
                .collect(),
        }
        .compact();
        let mut ok = replies.clone();
        let mut blame: Vec<(String, Space)> = Vec::new();
        for (subnet, outbound, dim, label) in [
            (dst_subnet, true, DST, "out of the destination subnet"),
            (src_subnet, false, SRC, "into the source subnet"),
        ] {
            let Some(acl) = subnet
                .and_then(|s| m.subnets.get(s))
                .and_then(|s| s.acl)
                .and_then(|a| m.acls.get(a))
            else {
                continue;
            };
            let (passed, _) = acl_filter(acl, outbound, dim, &ok, false);
            if self.explain {
                let dropped = ok.minus(&passed);
                if !dropped.is_empty() {
                    blame.push((format!("{} ({label})", acl.id), dropped));
                }
            }
            ok = passed;
        }
        let denied = replies.minus(&ok);
        if denied.is_empty() {
            return;
        }
        // Forward packets whose (protocol, addresses) have a denied reply on some ephemeral port.
        let lost = self
            .cur
            .intersect(&denied.widen_ports().swap_addresses())
            .compact();
        let keep = self.cur.minus(&lost);
        for (component, dropped) in blame {
            let fwd = self
                .cur
                .intersect(&dropped.widen_ports().swap_addresses())
                .compact();
            self.block(
                "network ACL (replies)",
                &component,
                format!(
                    "{component} drops the replies to ephemeral ports {}-{}",
                    eph.0, eph.1
                ),
                fwd,
                None,
            );
        }
        self.cur = keep;
    }
}

/// Packets that pass an ACL (first matching rule wins; no match is denied), and when `explain`
/// the denied packets with the rule that denied them.
#[allow(clippy::type_complexity)]
fn acl_filter(
    acl: &AclNode,
    outbound: bool,
    dim: usize,
    space: &Space,
    explain: bool,
) -> (Space, Vec<(String, Option<Origin>, Space)>) {
    let rules = if outbound {
        &acl.outbound
    } else {
        &acl.inbound
    };
    let mut rest = space.clone();
    let mut passed = Space::empty();
    let mut denied = Vec::new();
    for r in rules {
        if rest.is_empty() {
            break;
        }
        let mut cube = crate::space::service_cube(r.protocol, r.ports);
        cube[dim] = r.addrs.clone();
        let hit = rest.intersect_cube(&cube);
        if hit.is_empty() {
            continue;
        }
        rest = rest.minus(&hit);
        if r.allow {
            passed.cubes.extend(hit.cubes);
        } else if explain {
            denied.push((
                format!("{} {}", acl.id, r.text),
                Some(r.origin.clone()),
                hit,
            ));
        }
    }
    if explain && !rest.is_empty() {
        denied.push((format!("{} default rule (*)", acl.id), None, rest));
    }
    (passed, denied)
}

/// Rule spaces of many endpoints merged per rule, so a rule shared by a whole tier is one box.
pub fn merge_rules(list: Vec<(usize, Space)>) -> Vec<(usize, Space)> {
    let mut by_rule: std::collections::BTreeMap<usize, Space> = std::collections::BTreeMap::new();
    for (r, s) in list {
        by_rule.entry(r).or_default().cubes.extend(s.cubes);
    }
    by_rule.into_iter().map(|(r, s)| (r, s.compact())).collect()
}

fn start(src: &[Interval], dst: &[Interval]) -> Space {
    if src.is_empty() || dst.is_empty() {
        return Space::empty();
    }
    Space::of(crate::space::cube(ALL_PROTOS, ALL_PORTS, src, dst))
}

/// Follows all traffic from `src` to `dst`.
pub fn trace(m: &Model, src: &Side, dst: &Side, explain: bool) -> Trace {
    // Internet addresses of the families the other side has (no NAT64 is modelled).
    let internet_for = |other: &Side| -> Vec<Interval> {
        let v4 = other.addrs.iter().any(|iv| crate::space::is_v4(*iv));
        let v6 = other.addrs.iter().any(|iv| !crate::space::is_v4(*iv));
        m.internet
            .iter()
            .copied()
            .filter(|iv| if crate::space::is_v4(*iv) { v4 } else { v6 })
            .collect()
    };
    let src_addrs = if src.internet {
        internet_for(dst)
    } else {
        src.addrs.clone()
    };
    let dst_addrs = if dst.internet {
        internet_for(src)
    } else {
        dst.addrs.clone()
    };
    let mut t = Tracer {
        m,
        cur: start(&src_addrs, &dst_addrs),
        explain,
        out: Trace::default(),
    };
    if src.internet && dst.internet {
        t.cur = Space::empty();
    } else if src.internet {
        from_internet(&mut t, dst);
    } else if dst.internet {
        to_internet(&mut t, src);
    } else {
        between(&mut t, src, dst);
    }
    t.out.allowed = t.cur;
    t.out
}

fn between(t: &mut Tracer, src: &Side, dst: &Side) {
    let m = t.m;
    let (Some(&s), Some(&d)) = (src.subnets.first(), dst.subnets.first()) else {
        return;
    };
    let same_subnet = src.subnets.len() == 1 && src.subnets == dst.subnets;
    let (sv, dv) = (m.vpc_of(s), m.vpc_of(d));
    t.hop("source", &src.label, src.whereabouts(m), None);
    t.groups(src, true);
    if !same_subnet {
        let via = |r: &RouteNode, a: Option<usize>, b: Option<usize>| -> Result<(), String> {
            match r.target {
                RouteTarget::Local if a.is_some() && a == b => Ok(()),
                RouteTarget::VpcPeering
                    if a.zip(b)
                        .is_some_and(|(a, b)| m.peering_between(a, b, &r.target_id)) =>
                {
                    Ok(())
                }
                RouteTarget::TransitGateway
                    if m.transits.get(&r.target_id).is_some_and(|v| {
                        a.is_some_and(|a| v.contains(&a)) && b.is_some_and(|b| v.contains(&b))
                    }) =>
                {
                    Ok(())
                }
                RouteTarget::Blackhole => Err("blackhole (its target is gone)".into()),
                RouteTarget::Local => Err("local route, but the address is in another VPC".into()),
                _ => Err(format!(
                    "sends it to {} ({:?}), which does not lead to the destination VPC",
                    r.target_id, r.target
                )),
            }
        };
        t.route(s, DST, "route", &|r| via(r, sv, dv));
        t.acl(s, true, DST, "network ACL out");
        t.acl(d, false, SRC, "network ACL in");
    }
    // Every stage keeps a set of packets independent of the others, so the order changes the
    // explanation, not the answer: explained traces follow the packet, the others apply the
    // destination's (large) ingress rules last, on what is left.
    if t.explain {
        t.groups(dst, false);
    }
    if !same_subnet {
        t.route(d, SRC, "return route", &|r| match r.target {
            RouteTarget::Local if sv.is_some() && sv == dv => Ok(()),
            RouteTarget::VpcPeering
                if sv
                    .zip(dv)
                    .is_some_and(|(a, b)| m.peering_between(a, b, &r.target_id)) =>
            {
                Ok(())
            }
            RouteTarget::TransitGateway
                if m.transits.get(&r.target_id).is_some_and(|v| {
                    sv.is_some_and(|a| v.contains(&a)) && dv.is_some_and(|b| v.contains(&b))
                }) =>
            {
                Ok(())
            }
            _ => Err(format!(
                "replies go to {} ({:?}), not back to the source",
                r.target_id, r.target
            )),
        });
        t.replies(Some(s), Some(d));
    }
    if !t.explain {
        t.groups(dst, false);
    }
    if !t.cur.is_empty() {
        t.hop("destination", &dst.label, dst.whereabouts(m), None);
    }
}

fn from_internet(t: &mut Tracer, dst: &Side) {
    let Some(&d) = dst.subnets.first() else {
        return;
    };
    if matches!(dst.public, None | Some(Public::No)) {
        let all = std::mem::take(&mut t.cur);
        t.block(
            "internet gateway",
            &dst.label,
            format!(
                "{} has no public address and is not internet-facing",
                dst.label
            ),
            all,
            None,
        );
        return;
    }
    t.hop("source", "internet", String::new(), None);
    // Replies leave through the destination subnet's route to an internet gateway.
    t.route(
        d,
        SRC,
        "route (replies to the internet)",
        &|r| match r.target {
            RouteTarget::InternetGateway => Ok(()),
            RouteTarget::EgressOnlyInternetGateway => {
                Err("an egress-only gateway does not admit inbound connections".into())
            }
            _ => Err(format!(
                "replies go to {} ({:?}), not an internet gateway",
                r.target_id, r.target
            )),
        },
    );
    t.acl(d, false, SRC, "network ACL in");
    if t.explain {
        t.groups(dst, false);
    }
    t.replies(None, Some(d));
    if !t.explain {
        t.groups(dst, false);
    }
    if !t.cur.is_empty() {
        t.hop("destination", &dst.label, dst.whereabouts(t.m), None);
    }
}

fn to_internet(t: &mut Tracer, src: &Side) {
    let m = t.m;
    let Some(&s) = src.subnets.first() else {
        return;
    };
    let public = !matches!(src.public, None | Some(Public::No));
    t.hop("source", &src.label, src.whereabouts(m), None);
    t.groups(src, true);
    t.route(s, DST, "route", &|r| match r.target {
        RouteTarget::InternetGateway if public => Ok(()),
        RouteTarget::InternetGateway => Err("the source has no public address, so the internet gateway drops it".into()),
        RouteTarget::EgressOnlyInternetGateway => Ok(()),
        RouteTarget::NatGateway => {
            let nat_ok = m.nats.get(&r.target_id).and_then(|ns| m.subnets.get(*ns)).and_then(|ns| ns.route_table).and_then(|rt| m.route_tables.get(rt)).is_some_and(|rt| {
                rt.routes.iter().any(|x| x.target == RouteTarget::InternetGateway)
            });
            if nat_ok { Ok(()) } else { Err("the NAT gateway is unknown, private or in a subnet without an internet gateway route".into()) }
        }
        RouteTarget::Blackhole => Err("blackhole (its target is gone)".into()),
        _ => Err(format!("sends it to {} ({:?}), not to the internet", r.target_id, r.target)),
    });
    t.acl(s, true, DST, "network ACL out");
    t.replies(Some(s), None);
    if !t.cur.is_empty() {
        t.hop("destination", "internet", String::new(), None);
    }
}

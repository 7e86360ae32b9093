//! Segmentation checks: zone-to-zone flows (aggregated, exact), internet exposure of every public
//! endpoint, and policy violations with the path of each violating flow, as [`Finding`]s.

use crate::model::{Endpoint, Kind, Model, Public};
use crate::policy::PolicyRule;
use crate::query::{endpoint_side, internet_side};
use crate::space::{ALL_ADDRS, ALL_PORTS, ALL_PROTOS, Interval, Space, service_cube};
use crate::trace::{Side, Trace, trace};
use crate::zones::INTERNET;
use std::collections::{BTreeMap, BTreeSet};
use tightrope_core::{Finding, Reference, ResourceRef, Severity, Step};

/// Rule ids of this step.
pub const VIOLATION: &str = "TR-REACH-001";
pub const AI_EXPOSED: &str = "TR-REACH-002";
pub const EXPOSED: &str = "TR-REACH-003";

/// Violating flows reported per policy rule (each with its path).
const MAX_FLOWS_PER_RULE: usize = 25;

/// The traffic one zone can send another.
#[derive(Debug, Clone)]
pub struct ZoneFlow {
    pub from: String,
    pub to: String,
    pub allowed: Space,
}

/// Every zone with at least one endpoint, sorted.
pub fn zones(m: &Model) -> Vec<String> {
    let set: BTreeSet<String> = m.endpoints.iter().map(|e| e.zone.clone()).collect();
    set.into_iter().collect()
}

/// Endpoints of one zone in one subnet with the same public-ness: they share every stage but
/// their security groups, which are kept per endpoint address.
fn cells(m: &Model) -> BTreeMap<(String, usize, bool), Side> {
    let mut out: BTreeMap<(String, usize, bool), Side> = BTreeMap::new();
    for e in &m.endpoints {
        for p in 0..e.placements.len() {
            let side = endpoint_side(m, e, p);
            let Some(&subnet) = side.subnets.first() else {
                continue;
            };
            let public = !matches!(e.public, Public::No);
            let cell = out
                .entry((e.zone.clone(), subnet, public))
                .or_insert_with(|| Side {
                    label: format!(
                        "{} in {}",
                        e.zone,
                        m.subnets.get(subnet).map_or("?", |s| s.id.as_str())
                    ),
                    subnets: vec![subnet],
                    has_groups: true,
                    public: Some(if public { Public::Unknown } else { Public::No }),
                    ..Default::default()
                });
            cell.addrs.extend(side.addrs);
            cell.egress.extend(side.egress);
            cell.ingress.extend(side.ingress);
            cell.groups.extend(side.groups);
        }
    }
    for c in out.values_mut() {
        // Cells are traced only for pairs inside one subnet (rare); the trace unions their rules then.
        c.addrs = crate::space::merge_intervals(std::mem::take(&mut c.addrs));
        c.groups.sort();
        c.groups.dedup();
    }
    out
}

/// Cells merged over subnets sharing a VPC, route table and ACL.
fn groups(
    m: &Model,
    cells: &BTreeMap<(String, usize, bool), Side>,
) -> BTreeMap<(String, Option<usize>, Option<usize>, Option<usize>, bool), Side> {
    let mut out: BTreeMap<_, Side> = BTreeMap::new();
    for ((zone, subnet, public), c) in cells {
        let s = m.subnets.get(*subnet);
        let key = (
            zone.clone(),
            s.and_then(|s| s.vpc),
            s.and_then(|s| s.route_table),
            s.and_then(|s| s.acl),
            *public,
        );
        let g = out.entry(key).or_insert_with(|| Side {
            label: zone.clone(),
            has_groups: true,
            public: c.public,
            ..Default::default()
        });
        g.subnets.push(*subnet);
        g.addrs.extend(c.addrs.iter().copied());
        g.egress.extend(c.egress.iter().cloned());
        g.ingress.extend(c.ingress.iter().cloned());
    }
    for g in out.values_mut() {
        *g = std::mem::take(g).seal();
        g.addrs = crate::space::merge_intervals(std::mem::take(&mut g.addrs));
        // Two subnets make the trace apply ACLs even when only one is listed twice.
        g.subnets.sort_unstable();
        g.subnets.dedup();
        if g.subnets.len() == 1 {
            g.subnets.push(g.subnets[0]);
        }
    }
    out
}

/// All traffic between every ordered pair of zones (the internet included), exactly: subnets that
/// share a route table and ACL are traced together, and pairs inside one subnet (where ACLs do
/// not apply) are traced apart.
pub fn zone_flows(m: &Model) -> Vec<ZoneFlow> {
    let cells = cells(m);
    let groups = groups(m, &cells);
    let mut zone_list = zones(m);
    zone_list.push(INTERNET.into());
    let internet = internet_side();
    let mut by_subnet: std::collections::HashMap<usize, Vec<(&String, &Side)>> =
        std::collections::HashMap::new();
    for ((zone, subnet, _), c) in &cells {
        by_subnet.entry(*subnet).or_default().push((zone, c));
    }
    let pairs: Vec<(&String, &String)> = zone_list
        .iter()
        .flat_map(|a| {
            zone_list
                .iter()
                .filter(move |b| *b != a)
                .map(move |b| (a, b))
        })
        .collect();
    let flow = |(a, b): (&String, &String)| -> Option<ZoneFlow> {
        let mut allowed = Space::empty();
        let src: Vec<&Side> = if a == INTERNET {
            vec![&internet]
        } else {
            groups
                .iter()
                .filter(|(k, _)| &k.0 == a)
                .map(|(_, s)| s)
                .collect()
        };
        let dst: Vec<&Side> = if b == INTERNET {
            vec![&internet]
        } else {
            groups
                .iter()
                .filter(|(k, _)| &k.0 == b)
                .map(|(_, s)| s)
                .collect()
        };
        for s in &src {
            for d in &dst {
                allowed.cubes.extend(trace(m, s, d, false).allowed.cubes);
            }
        }
        if a != INTERNET && b != INTERNET {
            for ((_, subnet, _), ca) in cells.iter().filter(|(k, _)| &k.0 == a) {
                for cb in by_subnet
                    .get(subnet)
                    .into_iter()
                    .flatten()
                    .filter(|(zone, _)| *zone == b)
                    .map(|(_, c)| c)
                {
                    allowed.cubes.extend(trace(m, ca, cb, false).allowed.cubes);
                }
            }
        }
        (!allowed.is_empty()).then(|| ZoneFlow {
            from: a.clone(),
            to: b.clone(),
            allowed,
        })
    };
    // Zone pairs are independent: answer them on every core.
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .clamp(1, pairs.len().max(1));
    let chunk = pairs.len().div_ceil(threads).max(1);
    let mut out: Vec<ZoneFlow> = std::thread::scope(|scope| {
        let handles: Vec<_> = pairs
            .chunks(chunk)
            .map(|part| scope.spawn(|| part.iter().filter_map(|p| flow(*p)).collect::<Vec<_>>()))
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap_or_default())
            .collect()
    });
    let rank = |z: &str| zone_list.iter().position(|x| x == z).unwrap_or(usize::MAX);
    out.sort_by_key(|f| (rank(&f.from), rank(&f.to)));
    out
}

/// Internet traffic from outside the trusted networks that reaches `e`.
pub fn exposure(m: &Model, e: &Endpoint) -> Option<(Trace, Space)> {
    if matches!(e.public, Public::No) {
        return None;
    }
    let mut best: Option<(Trace, Space)> = None;
    for p in 0..e.placements.len() {
        let t = trace(m, &internet_side(), &endpoint_side(m, e, p), true);
        let untrusted = without_sources(&t.allowed, &m.trusted);
        if !untrusted.is_empty()
            && best
                .as_ref()
                .is_none_or(|(_, s)| s.cubes.len() < untrusted.cubes.len())
        {
            best = Some((t, untrusted));
        }
    }
    best
}

fn without_sources(s: &Space, trusted: &[Interval]) -> Space {
    let mut cut = Space::empty();
    for iv in trusted {
        cut.cubes.push(crate::space::cube(
            ALL_PROTOS,
            ALL_PORTS,
            &[*iv],
            &[ALL_ADDRS],
        ));
    }
    s.minus(&cut)
}

/// The path of a trace as one line per hop.
pub fn path_text(t: &Trace) -> String {
    t.hops
        .iter()
        .map(|h| {
            if h.detail.is_empty() {
                format!("{}: {}", h.step, h.component)
            } else {
                format!("{}: {} ({})", h.step, h.component, h.detail)
            }
        })
        .collect::<Vec<_>>()
        .join(" -> ")
}

fn finding(
    rule_id: &str,
    title: String,
    severity: Severity,
    ai: bool,
    resource: ResourceRef,
    location: tightrope_core::Origin,
    message: String,
    evidence: String,
    remediation: &str,
) -> Finding {
    Finding {
        rule_id: rule_id.into(),
        title,
        severity,
        step: Step::Reach,
        ai,
        resource,
        location,
        attribute: None,
        message,
        evidence: Some(evidence),
        remediation: remediation.into(),
        references: vec![Reference { name: "NIST SP 800-53 SC-7 Boundary Protection".into(), url: Some("https://csrc.nist.gov/projects/cprt/catalog#/cprt/framework/version/SP_800_53_5_1_0/home?element=SC-7".into()) }],
        suppressed: None,
    }
}

/// Findings: every internet-exposed endpoint (AI workloads first) and every flow that breaks a
/// policy rule, each with its path.
pub fn check(m: &Model, rules: &[PolicyRule]) -> Vec<Finding> {
    let mut out = Vec::new();
    for e in &m.endpoints {
        let Some((t, exposed)) = exposure(m, e) else {
            continue;
        };
        let services = exposed.describe_services();
        let ai = e.ai
            || matches!(e.kind, Kind::Notebook)
            || matches!(e.zone.as_str(), "training" | "serving");
        let (id, severity, what) = if ai {
            (AI_EXPOSED, Severity::High, "AI workload")
        } else {
            (EXPOSED, Severity::Medium, "resource")
        };
        let location = t
            .hops
            .iter()
            .rev()
            .find(|h| h.step == "security group ingress")
            .and_then(|h| h.origin.clone())
            .unwrap_or_else(|| e.origin.clone());
        out.push(finding(
            id,
            format!("Internet-exposed {what}"),
            severity,
            ai,
            e.resource.clone(),
            location,
            format!("{} ({}, zone {}) is reachable from the internet on {} from {}", e.name, e.kind.as_str(), e.zone, services, exposed.describe_internet_sources(&crate::space::set_minus(&m.internet, &m.trusted))),
            path_text(&t),
            "Remove the public address or make the load balancer internal, and narrow the security group ingress to the networks that need it (or put the workload behind an internal load balancer or PrivateLink).",
        ));
    }
    if rules.is_empty() {
        return out;
    }
    let flows = zone_flows(m);
    let flow = |a: &str, b: &str| {
        flows
            .iter()
            .find(|f| f.from == a && f.to == b)
            .map(|f| f.allowed.clone())
    };
    for rule in rules {
        let mut pairs: Vec<(String, String, Space)> = Vec::new();
        match rule {
            PolicyRule::Deny { from, to } => {
                pairs.extend(flow(from, to).map(|s| (from.clone(), to.clone(), s)))
            }
            PolicyRule::Only { from, to } => {
                for f in flows
                    .iter()
                    .filter(|f| &f.from == from && !to.contains(&f.to))
                {
                    pairs.push((f.from.clone(), f.to.clone(), f.allowed.clone()));
                }
            }
            PolicyRule::Restrict {
                from, to, services, ..
            } => {
                if let Some(s) = flow(from, to) {
                    let ok = Space {
                        cubes: services
                            .iter()
                            .map(|(p, ports)| service_cube(*p, *ports))
                            .collect(),
                    };
                    let bad = s.minus(&ok);
                    if !bad.is_empty() {
                        pairs.push((from.clone(), to.clone(), bad));
                    }
                }
            }
        }
        let via_lb = matches!(rule, PolicyRule::Restrict { via_lb: true, .. });
        let mut reported = 0;
        for (a, b, _) in &pairs {
            reported += violations(
                m,
                rule,
                a,
                b,
                false,
                &mut out,
                MAX_FLOWS_PER_RULE - reported.min(MAX_FLOWS_PER_RULE),
            );
        }
        if let (true, PolicyRule::Restrict { from, to, .. }) = (via_lb, rule) {
            violations(
                m,
                rule,
                from,
                to,
                true,
                &mut out,
                MAX_FLOWS_PER_RULE - reported.min(MAX_FLOWS_PER_RULE),
            );
        }
    }
    out
}

/// Endpoint-level violating flows from zone `a` to zone `b` under `rule`; with `direct_only`, only
/// flows to endpoints that are not load balancers. Returns how many were reported.
fn violations(
    m: &Model,
    rule: &PolicyRule,
    a: &str,
    b: &str,
    direct_only: bool,
    out: &mut Vec<Finding>,
    limit: usize,
) -> usize {
    let sides_of = |zone: &str| -> Vec<(Option<&Endpoint>, Side)> {
        if zone == INTERNET {
            return vec![(None, internet_side())];
        }
        m.endpoints
            .iter()
            .filter(|e| e.zone == zone)
            .flat_map(|e| (0..e.placements.len()).map(move |p| (Some(e), endpoint_side(m, e, p))))
            .collect()
    };
    let srcs = sides_of(a);
    let dsts: Vec<_> = sides_of(b)
        .into_iter()
        .filter(|(e, _)| !direct_only || e.is_some_and(|e| e.kind != Kind::LoadBalancer))
        .collect();
    let allowed_services = match rule {
        PolicyRule::Restrict { services, .. } if !direct_only => Some(Space {
            cubes: services
                .iter()
                .map(|(p, ports)| service_cube(*p, *ports))
                .collect(),
        }),
        _ => None,
    };
    let mut n = 0;
    for (se, s) in &srcs {
        for (de, d) in &dsts {
            if n >= limit {
                return n;
            }
            let t = trace(m, s, d, true);
            let bad = match &allowed_services {
                Some(ok) => t.allowed.minus(ok),
                None => t.allowed.clone(),
            };
            if bad.is_empty() {
                continue;
            }
            n += 1;
            let Some(dst) = de else { continue };
            let what = if direct_only {
                " directly, not through a load balancer,"
            } else {
                ""
            };
            let location = t
                .hops
                .iter()
                .rev()
                .find(|h| h.step.starts_with("security group"))
                .and_then(|h| h.origin.clone())
                .unwrap_or_else(|| dst.origin.clone());
            out.push(finding(
                VIOLATION,
                format!("Segmentation policy violated: {rule}"),
                Severity::High,
                dst.ai || se.is_some_and(|e| e.ai),
                dst.resource.clone(),
                location,
                format!("{} (zone {a}) reaches {} (zone {b}){what} on {}, against `{rule}`", s.label, d.label, bad.describe_services()),
                path_text(&t),
                "Remove the route, peering or security group rule that joins the two zones (the path shows each component), or amend the policy if the flow is intended.",
            ));
        }
    }
    n
}

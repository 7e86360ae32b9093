//! Questions: resolving `FROM` / `TO` names (an endpoint id or name, a zone, `internet`, an IP
//! address or CIDR) into sides, and answering them endpoint pair by endpoint pair.

use crate::model::{Endpoint, Model, Public};
use crate::space::{Interval, Space, parse_cidr, prefix};
use crate::trace::{Side, Trace, trace};
use crate::zones::INTERNET;

/// The answer for one source / destination pair.
#[derive(Debug, Clone)]
pub struct PairAnswer {
    pub from: String,
    pub to: String,
    pub trace: Trace,
}

/// The answer to `reach FROM TO`.
#[derive(Debug, Clone)]
pub struct Answer {
    pub from: String,
    pub to: String,
    /// Every pair, reachable ones first.
    pub pairs: Vec<PairAnswer>,
}

impl Answer {
    /// Some traffic flows for at least one pair.
    pub fn reachable(&self) -> bool {
        self.pairs.iter().any(|p| !p.trace.allowed.is_empty())
    }
}

/// The side of one endpoint in one of its subnets.
pub fn endpoint_side(m: &Model, e: &Endpoint, placement: usize) -> Side {
    let Some(p) = e.placements.get(placement) else {
        return Side::default();
    };
    let mut egress = Vec::new();
    let mut ingress = Vec::new();
    for g in &e.groups {
        let Some(node) = m.groups.get(*g) else {
            continue;
        };
        egress.extend(node.egress.iter().map(|r| (*r, m.rule_space(*r, &p.addrs))));
        ingress.extend(
            node.ingress
                .iter()
                .map(|r| (*r, m.rule_space(*r, &p.addrs))),
        );
    }
    let base = if e.name == e.id {
        e.id.clone()
    } else {
        format!("{} ({})", e.name, e.id)
    };
    let label = if e.placements.len() > 1 {
        format!(
            "{base} in {}",
            m.subnets.get(p.subnet).map_or("?", |s| s.id.as_str())
        )
    } else {
        base
    };
    Side {
        label,
        subnets: vec![p.subnet],
        addrs: p.addrs.clone(),
        groups: e
            .groups
            .iter()
            .filter_map(|g| m.groups.get(*g))
            .map(|g| g.id.clone())
            .collect(),
        has_groups: true,
        egress,
        ingress,
        public: Some(e.public),
        internet: false,
        assumed: p.assumed,
        ..Default::default()
    }
    .seal()
}

/// The internet as a side (sources outside every private range).
pub fn internet_side() -> Side {
    Side {
        label: INTERNET.into(),
        internet: true,
        ..Default::default()
    }
}

/// An address or CIDR inside a known subnet, without security groups.
fn address_side(m: &Model, cidr: &str) -> Option<Side> {
    let net = parse_cidr(cidr)?;
    let addrs: Vec<Interval> = prefix(&net);
    let subnet = m.subnet_of_address(addrs.first()?.0)?;
    Some(Side {
        label: cidr.to_string(),
        subnets: vec![subnet],
        addrs,
        has_groups: false,
        public: Some(Public::No),
        ..Default::default()
    })
}

/// Resolves a name to its sides: `internet`, a zone, an endpoint (id, name, resource address or
/// the ID at the end of an ARN address, ignoring case), or an address inside a known subnet.
pub fn resolve(m: &Model, name: &str) -> Result<Vec<Side>, String> {
    if name.eq_ignore_ascii_case(INTERNET) {
        return Ok(vec![internet_side()]);
    }
    let of = |e: &Endpoint| {
        (0..e.placements.len())
            .map(|p| endpoint_side(m, e, p))
            .collect::<Vec<_>>()
    };
    let exact: Vec<&Endpoint> = m
        .endpoints
        .iter()
        .filter(|e| {
            e.id.eq_ignore_ascii_case(name)
                || e.name.eq_ignore_ascii_case(name)
                || e.resource.address.eq_ignore_ascii_case(name)
                || crate::model::arn_id(&e.id).is_some_and(|id| id.eq_ignore_ascii_case(name))
        })
        .collect();
    if !exact.is_empty() {
        return Ok(exact.into_iter().flat_map(of).collect());
    }
    let zone: Vec<&Endpoint> = m
        .endpoints
        .iter()
        .filter(|e| e.zone.eq_ignore_ascii_case(name))
        .collect();
    if !zone.is_empty() {
        return Ok(zone.into_iter().flat_map(of).collect());
    }
    if let Some(side) = address_side(m, name) {
        return Ok(vec![side]);
    }
    let partial: Vec<&Endpoint> = m
        .endpoints
        .iter()
        .filter(|e| {
            e.name
                .to_ascii_lowercase()
                .contains(&name.to_ascii_lowercase())
        })
        .collect();
    if partial.len() == 1 {
        return Ok(partial.into_iter().flat_map(of).collect());
    }
    let mut hint: Vec<String> = m
        .endpoints
        .iter()
        .map(|e| format!("{} ({})", e.id, e.name))
        .take(8)
        .collect();
    if partial.len() > 1 {
        hint = partial
            .iter()
            .map(|e| format!("{} ({})", e.id, e.name))
            .take(8)
            .collect();
        return Err(format!(
            "`{name}` matches several endpoints: {}; give an id",
            hint.join(", ")
        ));
    }
    hint.sort();
    Err(format!(
        "`{name}` is not `internet`, a zone, an endpoint or an address in a known subnet (endpoints include: {})",
        if hint.is_empty() {
            "none".into()
        } else {
            hint.join(", ")
        }
    ))
}

/// Answers `FROM -> TO`, optionally narrowed to a protocol and port.
pub fn ask(
    m: &Model,
    from: &str,
    to: &str,
    service: Option<(Interval, Interval)>,
) -> Result<Answer, String> {
    let srcs = resolve(m, from)?;
    let dsts = resolve(m, to)?;
    let mut pairs = Vec::new();
    for s in &srcs {
        for d in &dsts {
            if s.label == d.label && s.subnets == d.subnets && !s.internet {
                continue;
            }
            let mut t = trace(m, s, d, true);
            if let Some((proto, ports)) = service {
                let narrow =
                    |sp: &Space| sp.intersect_cube(&crate::space::service_cube(proto, ports));
                t.allowed = narrow(&t.allowed);
                for b in &mut t.blocks {
                    b.space = narrow(&b.space);
                }
                t.blocks.retain(|b| !b.space.is_empty());
            }
            pairs.push(PairAnswer {
                from: s.label.clone(),
                to: d.label.clone(),
                trace: t,
            });
        }
    }
    pairs.sort_by_key(|p| p.trace.allowed.is_empty());
    Ok(Answer {
        from: from.to_string(),
        to: to.to_string(),
        pairs,
    })
}

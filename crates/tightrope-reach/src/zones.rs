//! Zones: which part of the estate each endpoint belongs to (`training`, `serving`, `dev`,
//! `prod`, `data`, any zone the configuration names), plus the special zone `internet`.
//!
//! Tried in order, first match wins:
//! 1. a `tightrope:zone` (or `zone`) tag on the resource;
//! 2. the configured `[[reach.zones]]` rules, in order (tags, names, VPCs, subnets, CIDRs);
//! 3. built-in heuristics (unless `builtin_zones = false`): words in the resource's own name and
//!    tags (`prod`, `train`, `inference`, `dev`, `db`, ...), then the kind (databases and search
//!    domains are `data`, notebooks `dev`), then the subnet's and the VPC's names and tags;
//! 4. otherwise `unzoned`.

use crate::config::{ReachConfig, ZoneRule, glob};
use crate::model::{Endpoint, Kind, Model};
use crate::space::{parse_cidr, prefix};

/// The zone of internet sources and destinations.
pub const INTERNET: &str = "internet";
/// The zone of endpoints nothing assigns.
pub const UNZONED: &str = "unzoned";

/// Built-in zones and the words that suggest them.
const HEURISTICS: &[(&str, &[&str])] = &[
    (
        "training",
        &["train", "training", "trainer", "finetune", "fine-tuning"],
    ),
    (
        "serving",
        &[
            "serving",
            "serve",
            "inference",
            "endpoint",
            "predict",
            "prediction",
        ],
    ),
    (
        "data",
        &[
            "data",
            "db",
            "database",
            "rds",
            "redshift",
            "warehouse",
            "lake",
            "datalake",
            "etl",
            "vector",
            "opensearch",
            "elasticsearch",
        ],
    ),
    (
        "dev",
        &[
            "dev",
            "development",
            "sandbox",
            "test",
            "staging",
            "notebook",
        ],
    ),
    ("prod", &["prod", "production", "prd"]),
];

pub fn assign(m: &mut Model, config: &ReachConfig) {
    for i in 0..m.endpoints.len() {
        let zone = zone_of(m, &m.endpoints[i], config);
        m.endpoints[i].zone = zone;
    }
}

fn zone_of(m: &Model, e: &Endpoint, config: &ReachConfig) -> String {
    if let Some((_, z)) = e
        .tags
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case("tightrope:zone") || k.eq_ignore_ascii_case("zone"))
    {
        return z.to_ascii_lowercase();
    }
    if let Some(rule) = config.zones.iter().find(|r| matches_rule(m, e, r)) {
        return rule.name.to_ascii_lowercase();
    }
    if config.builtin_zones {
        let own = std::iter::once(e.name.as_str()).chain(e.tags.iter().map(|(_, v)| v.as_str()));
        if let Some(z) = heuristic(own) {
            return z.into();
        }
        match e.kind {
            Kind::Database | Kind::Search => return "data".into(),
            Kind::Notebook => return "dev".into(),
            _ => {}
        }
        for p in &e.placements {
            let Some(s) = m.subnets.get(p.subnet) else {
                continue;
            };
            let subnet_words =
                std::iter::once(s.name.as_str()).chain(s.tags.iter().map(|(_, v)| v.as_str()));
            if let Some(z) = heuristic(subnet_words) {
                return z.into();
            }
            if let Some(v) = s.vpc.and_then(|v| m.vpcs.get(v))
                && let Some(z) = heuristic(std::iter::once(v.name.as_str()))
            {
                return z.into();
            }
        }
    }
    UNZONED.into()
}

/// The first built-in zone whose words appear (as whole words) in any of the texts.
fn heuristic<'a>(texts: impl Iterator<Item = &'a str>) -> Option<&'static str> {
    let words: Vec<String> = texts
        .flat_map(|t| {
            t.split(|c: char| !c.is_ascii_alphanumeric())
                .map(str::to_ascii_lowercase)
                .collect::<Vec<_>>()
        })
        .collect();
    HEURISTICS
        .iter()
        .find(|(_, hints)| hints.iter().any(|h| words.iter().any(|w| w == h)))
        .map(|(z, _)| *z)
}

fn matches_rule(m: &Model, e: &Endpoint, r: &ZoneRule) -> bool {
    let tag = r.tags.iter().any(|(k, pat)| {
        e.tags
            .iter()
            .any(|(tk, tv)| tk.eq_ignore_ascii_case(k) && glob(pat, tv))
    });
    let subnets: Vec<_> = e
        .placements
        .iter()
        .filter_map(|p| m.subnets.get(p.subnet))
        .collect();
    let vpcs: Vec<_> = subnets
        .iter()
        .filter_map(|s| s.vpc.and_then(|v| m.vpcs.get(v)))
        .collect();
    let name = r.names.iter().any(|pat| {
        glob(pat, &e.name)
            || glob(pat, &e.id)
            || subnets.iter().any(|s| glob(pat, &s.name))
            || vpcs.iter().any(|v| glob(pat, &v.name))
    });
    let vpc = r
        .vpcs
        .iter()
        .any(|pat| vpcs.iter().any(|v| glob(pat, &v.id) || glob(pat, &v.name)));
    let subnet = r.subnets.iter().any(|pat| {
        subnets
            .iter()
            .any(|s| glob(pat, &s.id) || glob(pat, &s.name))
    });
    let cidr = r
        .cidrs
        .iter()
        .filter_map(|c| parse_cidr(c))
        .flat_map(|n| prefix(&n))
        .any(|(lo, hi)| {
            e.placements
                .iter()
                .flat_map(|p| &p.addrs)
                .any(|(a, b)| lo <= *a && *b <= hi)
        });
    tag || name || vpc || subnet || cidr
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_not_substrings() {
        assert_eq!(heuristic(["ml-training-gpu"].into_iter()), Some("training"));
        assert_eq!(heuristic(["Prod"].into_iter()), Some("prod"));
        assert_eq!(heuristic(["product-catalog"].into_iter()), None);
        assert_eq!(heuristic(["orders-db"].into_iter()), Some("data"));
    }
}

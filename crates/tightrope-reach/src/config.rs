//! The `[reach]` section of the project configuration (TOML): zone rules, the segmentation
//! policy, trusted networks and the ephemeral port range.
//!
//! ```toml
//! [reach]
//! trusted_cidrs = ["1.1.1.1/32"]      # internet sources that do not count as exposure
//! ephemeral_ports = [1024, 65535]     # reply ports stateless ACLs must allow
//! policy = [
//!   "training -/-> prod",
//!   "serving <- internet only tcp/443 via load_balancer",
//!   "data-pipeline -> only data",
//! ]
//!
//! [[reach.zones]]
//! name = "training"
//! tags = { team = "ml-*" }            # tag key = value glob
//! names = ["*train*"]                 # resource, subnet or VPC name or id globs
//! vpcs = ["vpc-0abc"]                 # VPC ids or names
//! subnets = ["subnet-0def"]           # subnet ids or names
//! cidrs = ["10.20.0.0/16"]            # resources with an address inside
//! ```

use crate::policy::PolicyRule;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::Path;

/// The whole configuration file; only `[reach]` is read here.
#[derive(Debug, Default, Deserialize)]
struct File {
    #[serde(default)]
    reach: ReachConfig,
}

/// Settings of the reach step.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReachConfig {
    /// Zone rules, tried in order before the built-in naming heuristics.
    #[serde(default)]
    pub zones: Vec<ZoneRule>,
    /// Use the built-in heuristics (names and tags such as `prod`, `train`, `inference`, `db`).
    #[serde(default = "yes")]
    pub builtin_zones: bool,
    /// Segmentation policy rules, one per string (see [`PolicyRule`]).
    #[serde(default)]
    pub policy: Vec<String>,
    /// Internet networks (offices, VPNs) whose access does not count as internet exposure.
    #[serde(default)]
    pub trusted_cidrs: Vec<String>,
    /// Ports clients pick for replies; stateless network ACLs must allow them back.
    #[serde(default = "default_ephemeral")]
    pub ephemeral_ports: [u16; 2],
}

fn yes() -> bool {
    true
}

fn default_ephemeral() -> [u16; 2] {
    [1024, 65535]
}

impl Default for ReachConfig {
    fn default() -> Self {
        ReachConfig {
            zones: Vec::new(),
            builtin_zones: true,
            policy: Vec::new(),
            trusted_cidrs: Vec::new(),
            ephemeral_ports: default_ephemeral(),
        }
    }
}

/// Resources matching any of the criteria belong to zone `name`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ZoneRule {
    pub name: String,
    #[serde(default)]
    pub tags: BTreeMap<String, String>,
    #[serde(default)]
    pub names: Vec<String>,
    #[serde(default)]
    pub vpcs: Vec<String>,
    #[serde(default)]
    pub subnets: Vec<String>,
    #[serde(default)]
    pub cidrs: Vec<String>,
}

impl ReachConfig {
    /// Reads `[reach]` from a TOML file; a missing section gives the defaults.
    pub fn load(path: &Path) -> anyhow::Result<Self> {
        let text = std::fs::read_to_string(path)
            .map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?;
        Self::parse(&text).map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))
    }

    pub fn parse(text: &str) -> anyhow::Result<Self> {
        let file: File = toml::from_str(text)
            .map_err(|e| anyhow::anyhow!("expected a TOML file with a [reach] section: {e}"))?;
        let cfg = file.reach;
        for c in &cfg.trusted_cidrs {
            anyhow::ensure!(
                crate::space::parse_cidr(c).is_some(),
                "reach.trusted_cidrs: `{c}` is not a CIDR"
            );
        }
        for z in &cfg.zones {
            for c in &z.cidrs {
                anyhow::ensure!(
                    crate::space::parse_cidr(c).is_some(),
                    "reach.zones `{}`: `{c}` is not a CIDR",
                    z.name
                );
            }
        }
        anyhow::ensure!(
            cfg.ephemeral_ports[0] <= cfg.ephemeral_ports[1],
            "reach.ephemeral_ports: the first port must not exceed the second"
        );
        cfg.policy_rules()?;
        Ok(cfg)
    }

    /// The policy strings, parsed.
    pub fn policy_rules(&self) -> anyhow::Result<Vec<PolicyRule>> {
        self.policy
            .iter()
            .map(|s| {
                s.parse::<PolicyRule>()
                    .map_err(|e| anyhow::anyhow!("reach.policy `{s}`: {e}"))
            })
            .collect()
    }
}

/// `*` matches any run of characters; matching ignores ASCII case.
pub fn glob(pattern: &str, text: &str) -> bool {
    let (p, t) = (pattern.to_ascii_lowercase(), text.to_ascii_lowercase());
    let parts: Vec<&str> = p.split('*').collect();
    if parts.len() == 1 {
        return p == t;
    }
    let (first, last) = (parts[0], parts[parts.len() - 1]);
    if !t.starts_with(first) || t.len() < first.len() + last.len() || !t.ends_with(last) {
        return false;
    }
    let mut rest = &t[first.len()..t.len() - last.len()];
    for mid in &parts[1..parts.len() - 1] {
        match rest.find(mid) {
            Some(i) => rest = &rest[i + mid.len()..],
            None => return false,
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn globs() {
        assert!(glob("*train*", "ml-Training-1"));
        assert!(glob("vpc-1", "VPC-1"));
        assert!(!glob("prod*", "preprod"));
        assert!(glob("a*b*c", "axxbyyc"));
        assert!(!glob("a*b*c", "acb"));
    }

    #[test]
    fn parses_a_full_section() {
        let cfg = ReachConfig::parse(
            r#"
            [reach]
            trusted_cidrs = ["1.1.1.1/32"]
            policy = ["training -/-> prod", "serving <- internet only tcp/443 via load_balancer"]
            [[reach.zones]]
            name = "training"
            names = ["*train*"]
            "#,
        )
        .unwrap();
        assert_eq!(cfg.zones[0].name, "training");
        assert_eq!(cfg.policy_rules().unwrap().len(), 2);
    }

    #[test]
    fn rejects_bad_cidr_and_unknown_keys() {
        assert!(ReachConfig::parse("[reach]\ntrusted_cidrs = [\"nope\"]").is_err());
        assert!(ReachConfig::parse("[reach]\nzonez = []").is_err());
    }
}

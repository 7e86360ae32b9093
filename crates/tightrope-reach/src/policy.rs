//! Segmentation policy rules, written one per string:
//!
//! * `training -/-> prod`: no flow at all from zone `training` to zone `prod`;
//! * `data-pipeline -> only data, internet`: `data-pipeline` reaches no zone other than these
//!   (and itself);
//! * `serving <- internet only tcp/443 via load_balancer` (or `internet -> serving only tcp/443
//!   via load_balancer`): flows from `internet` to `serving` only on these services, and only to
//!   load balancers when `via load_balancer` is written.
//!
//! Services are `tcp/443`, `tcp/8000-8080`, `udp/53`, `icmp`, `all`, separated by commas or
//! spaces.

use crate::space::{ALL_PORTS, ALL_PROTOS, Interval, TCP, UDP};
use std::fmt;
use std::str::FromStr;

/// One parsed policy rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PolicyRule {
    /// No flow from `from` to `to`.
    Deny { from: String, to: String },
    /// `from` reaches only these zones (and itself).
    Only { from: String, to: Vec<String> },
    /// Flows from `from` to `to` only on `services`, and only to load balancers if `via_lb`.
    Restrict {
        from: String,
        to: String,
        services: Vec<(Interval, Interval)>,
        via_lb: bool,
    },
}

impl PolicyRule {
    /// The rule as written, normalised.
    pub fn text(&self) -> String {
        self.to_string()
    }
}

impl fmt::Display for PolicyRule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PolicyRule::Deny { from, to } => write!(f, "{from} -/-> {to}"),
            PolicyRule::Only { from, to } => write!(f, "{from} -> only {}", to.join(", ")),
            PolicyRule::Restrict {
                from,
                to,
                services,
                via_lb,
            } => {
                let s: Vec<String> = services
                    .iter()
                    .map(|(p, ports)| service_name(*p, *ports))
                    .collect();
                write!(
                    f,
                    "{from} -> {to} only {}{}",
                    s.join(", "),
                    if *via_lb { " via load_balancer" } else { "" }
                )
            }
        }
    }
}

fn service_name(p: Interval, ports: Interval) -> String {
    let proto = match p {
        (6, 6) => "tcp".to_string(),
        (17, 17) => "udp".to_string(),
        (1, 1) => "icmp".to_string(),
        (0, 255) => return "all".to_string(),
        (a, _) => a.to_string(),
    };
    match ports {
        (0, 65535) => proto,
        (a, b) if a == b => format!("{proto}/{a}"),
        (a, b) => format!("{proto}/{a}-{b}"),
    }
}

impl FromStr for PolicyRule {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, String> {
        let s = s.trim();
        if let Some((from, to)) = s.split_once("-/->") {
            return Ok(PolicyRule::Deny {
                from: zone(from)?,
                to: zone(to)?,
            });
        }
        let (from, rest) = if let Some((to, rest)) = s.split_once("<-") {
            // `to <- from only ...`
            let (from, tail) = split_word(rest.trim());
            return restrict(from, to.trim(), tail);
        } else if let Some((from, rest)) = s.split_once("->") {
            (from.trim(), rest.trim())
        } else {
            return Err("expected `A -/-> B`, `A -> only B, C`, `A -> B only tcp/443` or `B <- A only tcp/443 via load_balancer`".into());
        };
        if let Some(list) = rest.strip_prefix("only ") {
            let to: Vec<String> = list
                .split([',', ' '])
                .filter(|z| !z.is_empty())
                .map(zone)
                .collect::<Result<_, _>>()?;
            if to.is_empty() {
                return Err("`only` needs at least one zone".into());
            }
            return Ok(PolicyRule::Only {
                from: zone(from)?,
                to,
            });
        }
        let (to, tail) = split_word(rest);
        restrict(from, to, tail)
    }
}

fn split_word(s: &str) -> (&str, &str) {
    s.split_once(char::is_whitespace)
        .map_or((s, ""), |(a, b)| (a, b.trim()))
}

fn zone(s: &str) -> Result<String, String> {
    let z = s.trim();
    if z.is_empty() || z.contains(char::is_whitespace) {
        return Err(format!("`{z}` is not a zone name"));
    }
    Ok(z.to_ascii_lowercase())
}

fn restrict(from: &str, to: &str, tail: &str) -> Result<PolicyRule, String> {
    let Some(list) = tail.strip_prefix("only") else {
        return Err(format!("expected `only <services>` after `{to}`"));
    };
    let (list, via_lb) = match list.split_once("via") {
        Some((l, via)) if matches!(via.trim(), "load_balancer" | "load-balancer" | "lb") => {
            (l, true)
        }
        Some((_, via)) => {
            return Err(format!(
                "`via {}`: only `via load_balancer` is known",
                via.trim()
            ));
        }
        None => (list, false),
    };
    let services: Vec<(Interval, Interval)> = list
        .split([',', ' '])
        .filter(|x| !x.is_empty())
        .map(service)
        .collect::<Result<_, _>>()?;
    if services.is_empty() {
        return Err("`only` needs at least one service such as tcp/443".into());
    }
    Ok(PolicyRule::Restrict {
        from: zone(from)?,
        to: zone(to)?,
        services,
        via_lb,
    })
}

/// `tcp/443`, `tcp/8000-8080`, `udp/53`, `icmp`, `all`.
pub fn service(s: &str) -> Result<(Interval, Interval), String> {
    let (proto, ports) = s.split_once('/').map_or((s, None), |(a, b)| (a, Some(b)));
    let p = match proto.to_ascii_lowercase().as_str() {
        "tcp" => (TCP, TCP),
        "udp" => (UDP, UDP),
        "icmp" => (1, 1),
        "all" | "-1" => ALL_PROTOS,
        other => return Err(format!("`{other}`: expected tcp, udp, icmp or all")),
    };
    let range = match ports {
        None => ALL_PORTS,
        Some(r) => {
            let (a, b) = r.split_once('-').unwrap_or((r, r));
            let a: u16 = a
                .parse()
                .map_err(|_| format!("`{r}`: expected a port or a port range"))?;
            let b: u16 = b
                .parse()
                .map_err(|_| format!("`{r}`: expected a port or a port range"))?;
            if a > b {
                return Err(format!("`{r}`: the range is empty"));
            }
            (u128::from(a), u128::from(b))
        }
    };
    Ok((p, range))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_three_forms() {
        assert_eq!(
            "training -/-> prod".parse::<PolicyRule>().unwrap(),
            PolicyRule::Deny {
                from: "training".into(),
                to: "prod".into()
            }
        );
        assert_eq!(
            "data-pipeline -> only data".parse::<PolicyRule>().unwrap(),
            PolicyRule::Only {
                from: "data-pipeline".into(),
                to: vec!["data".into()]
            }
        );
        let r: PolicyRule = "serving <- internet only tcp/443 via load_balancer"
            .parse()
            .unwrap();
        assert_eq!(
            r,
            PolicyRule::Restrict {
                from: "internet".into(),
                to: "serving".into(),
                services: vec![((6, 6), (443, 443))],
                via_lb: true
            }
        );
        assert_eq!(
            r.to_string(),
            "internet -> serving only tcp/443 via load_balancer"
        );
    }

    #[test]
    fn rejects_nonsense() {
        assert!("training prod".parse::<PolicyRule>().is_err());
        assert!("a -> b only tcp/99999".parse::<PolicyRule>().is_err());
        assert!(
            "a -> b only tcp/443 via magic"
                .parse::<PolicyRule>()
                .is_err()
        );
    }
}

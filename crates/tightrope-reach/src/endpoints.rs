//! Endpoints of the compiled model: network interfaces (with the instance or managed service that
//! owns them), instances known without interfaces, load balancers, and SageMaker notebooks.

use crate::model::{Endpoint, Kind, Model, Placement, Public};
use crate::space::{Interval, parse_cidr, point, prefix};
use std::collections::{HashMap, HashSet};
use tightrope_core::state::{Link, LinkAttr, Meta};
use tightrope_core::{Attr, CloudState};

fn lookup(ix: &HashMap<String, usize>, link: &LinkAttr) -> Option<usize> {
    match link.get()? {
        Link::Literal(s) | Link::Resource(s) => ix.get(s.as_str()).copied(),
    }
}

fn name_of(meta: &Meta) -> String {
    meta.tags
        .get("Name")
        .cloned()
        .unwrap_or_else(|| meta.address.clone())
}

fn tags(meta: &Meta) -> Vec<(String, String)> {
    meta.tags
        .iter()
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect()
}

/// The public address an attribute gives: a literal IP, or `Unknown` for any other set value.
fn public_of(attr: &Attr<String>) -> Public {
    match attr.get() {
        None => Public::No,
        Some(s) => s
            .parse()
            .map_or(Public::Unknown, |ip| Public::Address(point(ip))),
    }
}

/// Words in names and instance types that mark an AI workload.
fn looks_ai(text: &str) -> bool {
    let t = text.to_ascii_lowercase();
    [
        "sagemaker",
        "bedrock",
        "inference",
        "training",
        "train",
        "model",
        "llm",
        "gpu",
        "notebook",
        "ml-",
        "-ml",
        "vector",
        "embedding",
    ]
    .iter()
    .any(|w| t.contains(w))
}

/// GPU / accelerator instance families.
fn ai_instance_type(t: &str) -> bool {
    let f = t.split('.').next().unwrap_or_default().to_ascii_lowercase();
    [
        "p2", "p3", "p4d", "p4de", "p5", "p5e", "g4dn", "g5", "g6", "g6e", "trn1", "trn2", "inf1",
        "inf2", "dl1",
    ]
    .contains(&f.as_str())
}

pub fn collect(
    state: &CloudState,
    m: &mut Model,
    subnets: &HashMap<String, usize>,
    groups: &HashMap<String, usize>,
) {
    let net = &state.aws.network;
    let groups_of = |links: &[LinkAttr]| -> Vec<usize> {
        links.iter().filter_map(|l| lookup(groups, l)).collect()
    };
    // By address, and by ID for live instances addressed by ARN (an interface's attachment names
    // the instance ID).
    let instances: HashMap<&str, &tightrope_core::state::aws::compute::Instance> = state
        .aws
        .compute
        .instances
        .iter()
        .flat_map(|i| {
            std::iter::once((i.meta.address.as_str(), i))
                .chain(crate::model::arn_id(&i.meta.address).map(|id| (id, i)))
        })
        .collect();
    let mut covered: HashSet<&str> = HashSet::new();

    for eni in &net.network_interfaces {
        let addrs: Vec<Interval> = eni
            .private_ips
            .iter()
            .filter_map(|a| a.get())
            .filter_map(|s| parse_cidr(s))
            .flat_map(|n| prefix(&n))
            .collect();
        let subnet = lookup(subnets, &eni.subnet)
            .or_else(|| addrs.first().and_then(|a| m.subnet_of_address(a.0)));
        let Some(subnet) = subnet else {
            m.notes
                .push(format!("{}: no known subnet; left out", eni.meta.address));
            continue;
        };
        let owner =
            eni.attached_to
                .get()
                .and_then(Link::as_literal)
                .or(match eni.attached_to.get() {
                    Some(Link::Resource(a)) => Some(a.as_str()),
                    _ => None,
                });
        let instance = owner.and_then(|o| instances.get(o));
        if let Some(i) = instance {
            covered.insert(i.meta.address.as_str());
        }
        let kind = match eni.interface_type.get().map(String::as_str) {
            _ if instance.is_some() => Kind::Instance,
            Some("rds" | "redshift") => Kind::Database,
            Some("opensearch") => Kind::Search,
            Some("lambda") => Kind::Function,
            Some("vpc_endpoint") => Kind::VpcEndpoint,
            _ => Kind::Interface,
        };
        let (name, meta_tags) = match instance {
            Some(i) => (name_of(&i.meta), tags(&i.meta)),
            None => (name_of(&eni.meta), tags(&eni.meta)),
        };
        let assumed = addrs.is_empty();
        let addrs = if assumed {
            m.subnets
                .get(subnet)
                .map(|s| s.cidrs.clone())
                .unwrap_or_default()
        } else {
            addrs
        };
        let ai = looks_ai(&name)
            || instance.is_some_and(|i| i.instance_type.get().is_some_and(|t| ai_instance_type(t)))
            || eni.description.get().is_some_and(|d| looks_ai(d));
        m.endpoints.push(Endpoint {
            id: eni.meta.address.clone(),
            name,
            kind,
            zone: String::new(),
            ai,
            placements: vec![Placement {
                subnet,
                addrs,
                assumed,
            }],
            groups: groups_of(&eni.security_groups),
            public: public_of(&eni.public_ip),
            listeners: Vec::new(),
            tags: meta_tags,
            resource: instance.map_or_else(|| eni.meta.resource_ref(), |i| i.meta.resource_ref()),
            origin: eni.meta.origin.clone(),
        });
    }

    for i in &state.aws.compute.instances {
        if covered.contains(i.meta.address.as_str()) {
            continue;
        }
        let Some(subnet) = lookup(subnets, &i.subnet) else {
            m.notes
                .push(format!("{}: no known subnet; left out", i.meta.address));
            continue;
        };
        let map_public = net
            .subnets
            .get(subnet)
            .is_some_and(|s| s.map_public_ip_on_launch.is(&true));
        let public = match i.associate_public_ip.get() {
            Some(true) => Public::Unknown,
            Some(false) => Public::No,
            None if map_public => Public::Unknown,
            None => Public::No,
        };
        let name = name_of(&i.meta);
        m.endpoints.push(Endpoint {
            id: i.meta.address.clone(),
            ai: looks_ai(&name) || i.instance_type.get().is_some_and(|t| ai_instance_type(t)),
            name,
            kind: Kind::Instance,
            zone: String::new(),
            placements: vec![Placement {
                subnet,
                addrs: m
                    .subnets
                    .get(subnet)
                    .map(|s| s.cidrs.clone())
                    .unwrap_or_default(),
                assumed: true,
            }],
            groups: groups_of(&i.security_groups),
            public,
            listeners: Vec::new(),
            tags: tags(&i.meta),
            resource: i.meta.resource_ref(),
            origin: i.meta.origin.clone(),
        });
    }

    for lb in &net.load_balancers {
        let placements: Vec<Placement> = lb
            .subnets
            .iter()
            .filter_map(|s| lookup(subnets, s))
            .map(|s| Placement {
                subnet: s,
                addrs: m
                    .subnets
                    .get(s)
                    .map(|n| n.cidrs.clone())
                    .unwrap_or_default(),
                assumed: true,
            })
            .collect();
        if placements.is_empty() {
            m.notes
                .push(format!("{}: no known subnet; left out", lb.meta.address));
            continue;
        }
        let listeners = lb
            .listeners
            .iter()
            .filter_map(|l| {
                let udp = l
                    .protocol
                    .get()
                    .is_some_and(|p| p.eq_ignore_ascii_case("udp"));
                Some((
                    if udp {
                        crate::space::UDP
                    } else {
                        crate::space::TCP
                    },
                    u128::try_from(*l.port.get()?).ok()?,
                ))
            })
            .collect();
        let name = lb.name.get().cloned().unwrap_or_else(|| name_of(&lb.meta));
        m.endpoints.push(Endpoint {
            id: lb.meta.address.clone(),
            ai: looks_ai(&name),
            name,
            kind: Kind::LoadBalancer,
            zone: String::new(),
            placements,
            groups: groups_of(&lb.security_groups),
            public: if lb.internal.is(&true) {
                Public::No
            } else {
                Public::Unknown
            },
            listeners,
            tags: tags(&lb.meta),
            resource: lb.meta.resource_ref(),
            origin: lb.meta.origin.clone(),
        });
    }

    for nb in &state.aws.sagemaker.notebook_instances {
        let Some(subnet) = lookup(subnets, &nb.subnet) else {
            continue;
        };
        m.endpoints.push(Endpoint {
            id: nb.meta.address.clone(),
            name: nb.name.get().cloned().unwrap_or_else(|| name_of(&nb.meta)),
            kind: Kind::Notebook,
            zone: String::new(),
            ai: true,
            placements: vec![Placement {
                subnet,
                addrs: m
                    .subnets
                    .get(subnet)
                    .map(|s| s.cidrs.clone())
                    .unwrap_or_default(),
                assumed: true,
            }],
            groups: groups_of(&nb.security_groups),
            public: Public::No,
            listeners: Vec::new(),
            tags: tags(&nb.meta),
            resource: nb.meta.resource_ref(),
            origin: nb.meta.origin.clone(),
        });
    }
}

//! Reads raw AWS API outputs (`aws ec2 describe-*`, `elb`/`elbv2 describe-load-balancers`,
//! `rds describe-db-instances`, `redshift describe-clusters`, `es describe-elasticsearch-domain(s)`,
//! `lambda list-functions`) into the typed [`CloudState`].
//!
//! Files are recognised by their top-level key (`Vpcs`, `Subnets`, `RouteTables`, ...), not by
//! name, so both `ec2-describe-vpcs.json` and `Vpcs.json` work, as do files without an extension.
//! Every value's [`Origin`] is `Api { arn: <resource id>, field: <API field> }`. Managed services
//! that place interfaces in a VPC (RDS, Redshift, OpenSearch, Lambda) become
//! [`NetworkInterface`]s attached to the service resource, in the subnet of their availability
//! zone when the output says which.

use serde_json::Value;
use std::path::{Path, PathBuf};
use tightrope_core::state::aws::compute::Instance;
use tightrope_core::state::aws::network::{
    AclEntry, Gateway, GatewayKind, Listener, LoadBalancer, NetworkAcl, NetworkInterface,
    PeeringConnection, PrefixList, Route, RouteTable, RouteTarget, SecurityGroup, SgRule, Subnet,
    Vpc, VpcEndpoint,
};
use tightrope_core::state::{Link, LinkAttr, Meta};
use tightrope_core::{Attr, CloudState, InputError, Origin};

/// Largest file read (bytes).
const MAX_FILE: u64 = 32 * 1024 * 1024;

/// What reading a set of API output files produced.
#[derive(Debug, Default)]
pub struct ApiScan {
    pub state: CloudState,
    pub errors: Vec<InputError>,
    /// Files whose content was recognised and read.
    pub files: usize,
}

/// Reads every API output file under `paths` (files or directories, recursively).
pub fn read_paths(paths: &[PathBuf]) -> ApiScan {
    let mut scan = ApiScan::default();
    for root in paths {
        for entry in walkdir::WalkDir::new(root)
            .follow_links(false)
            .sort_by_file_name()
        {
            match entry {
                Ok(e) if e.file_type().is_file() => read_file(e.path(), &mut scan),
                Ok(_) => {}
                Err(err) => scan.errors.push(InputError {
                    path: root.display().to_string(),
                    line: None,
                    message: err.to_string(),
                }),
            }
        }
    }
    scan
}

fn read_file(path: &Path, scan: &mut ApiScan) {
    let shown = path.display().to_string();
    let is_json = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("json"));
    let error = |message: String| InputError {
        path: shown.clone(),
        line: None,
        message,
    };
    match std::fs::metadata(path) {
        Ok(m) if m.len() > MAX_FILE => {
            return scan
                .errors
                .push(error(format!("file is larger than {MAX_FILE} bytes")));
        }
        Err(e) => return scan.errors.push(error(e.to_string())),
        Ok(_) => {}
    }
    let text = match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) if is_json => return scan.errors.push(error(e.to_string())),
        Err(_) => return,
    };
    let value: Value = match serde_json::from_str(&text) {
        Ok(v) => v,
        Err(e) if is_json => {
            return scan.errors.push(InputError {
                path: shown.clone(),
                line: u32::try_from(e.line()).ok(),
                message: format!("expected an AWS API JSON output: {e}"),
            });
        }
        Err(_) => return,
    };
    if read_value(&value, &mut scan.state) {
        scan.files += 1;
    } else {
        tracing::debug!(file = %shown, "not a network API output; skipped");
    }
}

/// Adds what `value` (one API response) describes to `state`; `false` when it is not one this
/// reader knows.
pub fn read_value(value: &Value, state: &mut CloudState) -> bool {
    let mut known = false;
    let mut each = |key: &str, read: &mut dyn FnMut(&Value, &mut CloudState)| {
        if let Some(items) = value.get(key).and_then(Value::as_array) {
            known = true;
            for item in items {
                read(item, state);
            }
        }
    };
    each("Vpcs", &mut vpc);
    each("Subnets", &mut subnet);
    each("SecurityGroups", &mut security_group);
    each("RouteTables", &mut route_table);
    each("NetworkAcls", &mut network_acl);
    each("InternetGateways", &mut |v, s| {
        gateway(v, s, GatewayKind::Internet, "InternetGatewayId")
    });
    each("EgressOnlyInternetGateways", &mut |v, s| {
        gateway(
            v,
            s,
            GatewayKind::EgressOnlyInternet,
            "EgressOnlyInternetGatewayId",
        )
    });
    each("VpnGateways", &mut |v, s| {
        gateway(v, s, GatewayKind::Vpn, "VpnGatewayId")
    });
    each("NatGateways", &mut nat_gateway);
    each("VpcPeeringConnections", &mut peering);
    each("PrefixLists", &mut prefix_list);
    each("VpcEndpoints", &mut vpc_endpoint);
    each("NetworkInterfaces", &mut |v, s| {
        if let Some(eni) = network_interface(v, None) {
            s.aws.network.network_interfaces.push(eni);
        }
    });
    each("Reservations", &mut |r, s| {
        for i in arr(r, "Instances") {
            instance(i, s);
        }
    });
    each("LoadBalancerDescriptions", &mut classic_lb);
    each("LoadBalancers", &mut lb_v2);
    each("DBInstances", &mut rds);
    each("Clusters", &mut redshift);
    each("DomainStatusList", &mut opensearch);
    each("Functions", &mut lambda);
    if let Some(d) = value.get("DomainStatus") {
        known = true;
        opensearch(d, state);
    }
    known
}

// ---- JSON helpers ----

fn arr<'a>(v: &'a Value, key: &str) -> &'a [Value] {
    v.get(key)
        .and_then(Value::as_array)
        .map_or(&[], Vec::as_slice)
}

fn text<'a>(v: &'a Value, key: &str) -> Option<&'a str> {
    v.get(key).and_then(Value::as_str)
}

fn origin(id: &str, field: &str) -> Origin {
    Origin::Api {
        arn: id.to_string(),
        field: field.to_string(),
    }
}

fn string(v: &Value, id: &str, key: &str) -> Attr<String> {
    let o = origin(id, key);
    match v.get(key) {
        Some(Value::String(s)) => Attr::explicit(s.clone(), o),
        Some(Value::Number(n)) => Attr::explicit(n.to_string(), o),
        _ => Attr::default_value(None, o),
    }
}

fn int(v: &Value, id: &str, key: &str) -> Attr<i64> {
    let o = origin(id, key);
    match v.get(key).and_then(Value::as_i64) {
        Some(n) => Attr::explicit(n, o),
        None => Attr::default_value(None, o),
    }
}

fn boolean(v: &Value, id: &str, key: &str) -> Attr<bool> {
    let o = origin(id, key);
    match v.get(key).and_then(Value::as_bool) {
        Some(b) => Attr::explicit(b, o),
        None => Attr::default_value(None, o),
    }
}

fn link(v: &Value, id: &str, key: &str) -> LinkAttr {
    literal(text(v, key), id, key)
}

fn literal(s: Option<&str>, id: &str, field: &str) -> LinkAttr {
    match s {
        Some(s) => Attr::explicit(Link::Literal(s.to_string()), origin(id, field)),
        None => Attr::default_value(None, origin(id, field)),
    }
}

fn meta(v: &Value, id: &str, kind: &str) -> Meta {
    let tags = ["Tags", "TagSet", "TagList"]
        .iter()
        .flat_map(|k| arr(v, k))
        .filter_map(|t| Some((text(t, "Key")?.to_string(), text(t, "Value")?.to_string())))
        .collect();
    Meta {
        address: id.to_string(),
        kind: kind.to_string(),
        origin: origin(id, ""),
        tags,
        suppressions: Vec::new(),
    }
}

// ---- EC2 network ----

fn vpc(v: &Value, state: &mut CloudState) {
    let Some(id) = text(v, "VpcId") else { return };
    let primary = text(v, "CidrBlock");
    let mut additional: Vec<Attr<String>> = arr(v, "CidrBlockAssociationSet")
        .iter()
        .filter_map(|a| text(a, "CidrBlock"))
        .filter(|c| Some(*c) != primary)
        .map(|c| Attr::explicit(c.to_string(), origin(id, "CidrBlockAssociationSet")))
        .collect();
    additional.extend(
        arr(v, "Ipv6CidrBlockAssociationSet")
            .iter()
            .filter_map(|a| text(a, "Ipv6CidrBlock"))
            .map(|c| Attr::explicit(c.to_string(), origin(id, "Ipv6CidrBlockAssociationSet"))),
    );
    state.aws.network.vpcs.push(Vpc {
        meta: meta(v, id, "ec2:vpc"),
        cidr_block: string(v, id, "CidrBlock"),
        additional_cidr_blocks: additional,
        flow_logs: Vec::new(),
        is_default: v.get("IsDefault").and_then(Value::as_bool).unwrap_or(false),
    });
}

fn subnet(v: &Value, state: &mut CloudState) {
    let Some(id) = text(v, "SubnetId") else {
        return;
    };
    let ipv6 = arr(v, "Ipv6CidrBlockAssociationSet")
        .iter()
        .find_map(|a| text(a, "Ipv6CidrBlock"));
    let mut m = meta(v, id, "ec2:subnet");
    if let Some(az) = text(v, "AvailabilityZone") {
        m.tags
            .entry("aws:availability-zone".into())
            .or_insert_with(|| az.to_string());
    }
    state.aws.network.subnets.push(Subnet {
        meta: m,
        vpc: link(v, id, "VpcId"),
        cidr_block: string(v, id, "CidrBlock"),
        ipv6_cidr_block: ipv6.map_or_else(
            || Attr::default_value(None, origin(id, "Ipv6CidrBlockAssociationSet")),
            |c| Attr::explicit(c.to_string(), origin(id, "Ipv6CidrBlockAssociationSet")),
        ),
        map_public_ip_on_launch: boolean(v, id, "MapPublicIpOnLaunch"),
    });
}

fn security_group(v: &Value, state: &mut CloudState) {
    let Some(id) = text(v, "GroupId") else { return };
    let rules =
        |key: &str| -> Vec<SgRule> { arr(v, key).iter().map(|p| sg_rule(p, id, key)).collect() };
    state.aws.network.security_groups.push(SecurityGroup {
        meta: meta(v, id, "ec2:security-group"),
        name: string(v, id, "GroupName"),
        description: string(v, id, "Description"),
        vpc: link(v, id, "VpcId"),
        ingress: rules("IpPermissions"),
        egress: rules("IpPermissionsEgress"),
    });
}

fn sg_rule(p: &Value, id: &str, field: &str) -> SgRule {
    let o = origin(id, field);
    let strings = |list: &str, key: &str| -> Vec<Attr<String>> {
        arr(p, list)
            .iter()
            .filter_map(|r| text(r, key))
            .map(|c| Attr::explicit(c.to_string(), o.clone()))
            .collect()
    };
    let links = |list: &str, key: &str| -> Vec<LinkAttr> {
        arr(p, list)
            .iter()
            .filter_map(|r| text(r, key))
            .map(|g| Attr::explicit(Link::Literal(g.to_string()), o.clone()))
            .collect()
    };
    let description = arr(p, "IpRanges")
        .iter()
        .find_map(|r| text(r, "Description"));
    SgRule {
        origin: o.clone(),
        protocol: string(p, id, "IpProtocol"),
        from_port: int(p, id, "FromPort"),
        to_port: int(p, id, "ToPort"),
        cidr_blocks: strings("IpRanges", "CidrIp"),
        ipv6_cidr_blocks: strings("Ipv6Ranges", "CidrIpv6"),
        security_groups: links("UserIdGroupPairs", "GroupId"),
        prefix_lists: links("PrefixListIds", "PrefixListId"),
        description: description.map_or_else(
            || Attr::default_value(None, o.clone()),
            |d| Attr::explicit(d.to_string(), o.clone()),
        ),
    }
}

fn route_table(v: &Value, state: &mut CloudState) {
    const TARGETS: &[(&str, RouteTarget)] = &[
        ("GatewayId", RouteTarget::InternetGateway),
        (
            "EgressOnlyInternetGatewayId",
            RouteTarget::EgressOnlyInternetGateway,
        ),
        ("NatGatewayId", RouteTarget::NatGateway),
        ("VpcPeeringConnectionId", RouteTarget::VpcPeering),
        ("TransitGatewayId", RouteTarget::TransitGateway),
        ("NetworkInterfaceId", RouteTarget::NetworkInterface),
        ("InstanceId", RouteTarget::Instance),
    ];
    let Some(id) = text(v, "RouteTableId") else {
        return;
    };
    let routes = arr(v, "Routes")
        .iter()
        .map(|r| {
            let destination = ["DestinationCidrBlock", "DestinationIpv6CidrBlock"]
                .iter()
                .map(|k| string(r, id, k))
                .find(|a| a.value.is_some())
                .unwrap_or_else(|| Attr::default_value(None, origin(id, "Routes")));
            let (mut target, target_id) = TARGETS
                .iter()
                .find_map(|(k, t)| text(r, k).map(|s| (*t, literal(Some(s), id, k))))
                .unwrap_or((
                    RouteTarget::Unknown,
                    Attr::default_value(None, origin(id, "Routes")),
                ));
            if let Some(Link::Literal(s)) = target_id.get() {
                target = match s.as_str() {
                    "local" => RouteTarget::Local,
                    s if s.starts_with("vgw-") => RouteTarget::VpnGateway,
                    s if s.starts_with("vpce-") => RouteTarget::VpcEndpoint,
                    _ => target,
                };
            }
            if text(r, "State") == Some("blackhole") {
                target = RouteTarget::Blackhole;
            }
            Route {
                origin: origin(id, "Routes"),
                destination,
                destination_prefix_list: link(r, id, "DestinationPrefixListId"),
                target,
                target_id,
            }
        })
        .collect();
    let assoc = arr(v, "Associations");
    state.aws.network.route_tables.push(RouteTable {
        meta: meta(v, id, "ec2:route-table"),
        vpc: link(v, id, "VpcId"),
        routes,
        subnets: assoc
            .iter()
            .filter_map(|a| text(a, "SubnetId"))
            .map(|s| literal(Some(s), id, "Associations"))
            .collect(),
        main: Attr::explicit(
            assoc
                .iter()
                .any(|a| a.get("Main").and_then(Value::as_bool) == Some(true)),
            origin(id, "Associations"),
        ),
    });
}

fn network_acl(v: &Value, state: &mut CloudState) {
    let Some(id) = text(v, "NetworkAclId") else {
        return;
    };
    let entries = arr(v, "Entries")
        .iter()
        .map(|e| {
            let cidr = string(e, id, "CidrBlock");
            let range = e.get("PortRange").cloned().unwrap_or(Value::Null);
            AclEntry {
                origin: origin(id, "Entries"),
                rule_number: int(e, id, "RuleNumber"),
                egress: e.get("Egress").and_then(Value::as_bool).unwrap_or(false),
                allow: string(e, id, "RuleAction").map(|a| a.eq_ignore_ascii_case("allow")),
                protocol: string(e, id, "Protocol"),
                from_port: int(&range, id, "From"),
                to_port: int(&range, id, "To"),
                cidr_block: if cidr.value.is_some() {
                    cidr
                } else {
                    string(e, id, "Ipv6CidrBlock")
                },
            }
        })
        .collect();
    state.aws.network.network_acls.push(NetworkAcl {
        meta: meta(v, id, "ec2:network-acl"),
        vpc: link(v, id, "VpcId"),
        is_default: v.get("IsDefault").and_then(Value::as_bool).unwrap_or(false),
        subnets: arr(v, "Associations")
            .iter()
            .filter_map(|a| text(a, "SubnetId"))
            .map(|s| literal(Some(s), id, "Associations"))
            .collect(),
        entries,
    });
}

fn gateway(v: &Value, state: &mut CloudState, kind: GatewayKind, id_key: &str) {
    let Some(id) = text(v, id_key) else { return };
    let attachments: Vec<&Value> = arr(v, "Attachments")
        .iter()
        .chain(arr(v, "VpcAttachments"))
        .collect();
    let vpc = attachments.first().map_or_else(
        || Attr::default_value(None, origin(id, "Attachments")),
        |a| link(a, id, "VpcId"),
    );
    state.aws.network.gateways.push(Gateway {
        meta: meta(v, id, "ec2:gateway"),
        kind,
        vpc,
        ..Default::default()
    });
}

fn nat_gateway(v: &Value, state: &mut CloudState) {
    let Some(id) = text(v, "NatGatewayId") else {
        return;
    };
    let private = text(v, "ConnectivityType") == Some("private");
    state.aws.network.gateways.push(Gateway {
        meta: meta(v, id, "ec2:nat-gateway"),
        kind: if private {
            GatewayKind::PrivateNat
        } else {
            GatewayKind::Nat
        },
        vpc: link(v, id, "VpcId"),
        subnet: link(v, id, "SubnetId"),
        attached_vpcs: Vec::new(),
    });
}

fn peering(v: &Value, state: &mut CloudState) {
    let Some(id) = text(v, "VpcPeeringConnectionId") else {
        return;
    };
    let active = v
        .get("Status")
        .and_then(|s| text(s, "Code"))
        .map(|c| c == "active");
    state
        .aws
        .network
        .peering_connections
        .push(PeeringConnection {
            meta: meta(v, id, "ec2:vpc-peering-connection"),
            requester_vpc: v
                .get("RequesterVpcInfo")
                .map_or_else(LinkAttr::default, |i| link(i, id, "VpcId")),
            accepter_vpc: v
                .get("AccepterVpcInfo")
                .map_or_else(LinkAttr::default, |i| link(i, id, "VpcId")),
            active: active.map_or_else(
                || Attr::default_value(Some(true), origin(id, "Status")),
                |a| Attr::explicit(a, origin(id, "Status")),
            ),
        });
}

fn prefix_list(v: &Value, state: &mut CloudState) {
    let Some(id) = text(v, "PrefixListId") else {
        return;
    };
    state.aws.network.prefix_lists.push(PrefixList {
        meta: meta(v, id, "ec2:prefix-list"),
        name: string(v, id, "PrefixListName"),
        cidrs: arr(v, "Cidrs")
            .iter()
            .filter_map(Value::as_str)
            .map(|c| Attr::explicit(c.to_string(), origin(id, "Cidrs")))
            .collect(),
    });
}

fn vpc_endpoint(v: &Value, state: &mut CloudState) {
    let Some(id) = text(v, "VpcEndpointId") else {
        return;
    };
    state.aws.network.vpc_endpoints.push(VpcEndpoint {
        meta: meta(v, id, "ec2:vpc-endpoint"),
        vpc: link(v, id, "VpcId"),
        service_name: string(v, id, "ServiceName"),
        endpoint_type: string(v, id, "VpcEndpointType"),
        private_dns_enabled: boolean(v, id, "PrivateDnsEnabled"),
    });
    if text(v, "VpcEndpointType") == Some("Interface") {
        let groups: Vec<String> = arr(v, "Groups")
            .iter()
            .filter_map(|g| text(g, "GroupId"))
            .map(str::to_string)
            .collect();
        for (i, s) in arr(v, "SubnetIds")
            .iter()
            .filter_map(Value::as_str)
            .enumerate()
        {
            let eni_id = arr(v, "NetworkInterfaceIds")
                .get(i)
                .and_then(Value::as_str)
                .map_or_else(|| format!("{id}/{s}"), str::to_string);
            state.aws.network.network_interfaces.push(service_interface(
                &eni_id,
                id,
                "vpc_endpoint",
                Some(s),
                &groups,
                None,
                None,
            ));
        }
    }
}

/// An ENI from `describe-network-interfaces` or an instance's `NetworkInterfaces`.
fn network_interface(v: &Value, instance: Option<&str>) -> Option<NetworkInterface> {
    let id = text(v, "NetworkInterfaceId")?;
    let mut private_ips: Vec<Attr<String>> = arr(v, "PrivateIpAddresses")
        .iter()
        .filter_map(|p| text(p, "PrivateIpAddress"))
        .map(|ip| Attr::explicit(ip.to_string(), origin(id, "PrivateIpAddresses")))
        .collect();
    if private_ips.is_empty() {
        private_ips.extend(
            text(v, "PrivateIpAddress")
                .map(|ip| Attr::explicit(ip.to_string(), origin(id, "PrivateIpAddress"))),
        );
    }
    private_ips.extend(
        arr(v, "Ipv6Addresses")
            .iter()
            .filter_map(|a| text(a, "Ipv6Address"))
            .map(|ip| Attr::explicit(ip.to_string(), origin(id, "Ipv6Addresses"))),
    );
    let public = v.get("Association").and_then(|a| text(a, "PublicIp"));
    let attached = instance.or_else(|| v.get("Attachment").and_then(|a| text(a, "InstanceId")));
    Some(NetworkInterface {
        meta: meta(v, id, "ec2:network-interface"),
        subnet: link(v, id, "SubnetId"),
        security_groups: arr(v, "Groups")
            .iter()
            .filter_map(|g| text(g, "GroupId"))
            .map(|g| literal(Some(g), id, "Groups"))
            .collect(),
        private_ips,
        public_ip: public.map_or_else(
            || Attr::default_value(None, origin(id, "Association")),
            |p| Attr::explicit(p.to_string(), origin(id, "Association.PublicIp")),
        ),
        attached_to: literal(attached, id, "Attachment.InstanceId"),
        interface_type: string(v, id, "InterfaceType"),
        description: string(v, id, "Description"),
    })
}

fn instance(v: &Value, state: &mut CloudState) {
    let Some(id) = text(v, "InstanceId") else {
        return;
    };
    if v.get("State")
        .and_then(|s| text(s, "Name"))
        .is_some_and(|s| s == "terminated")
    {
        return;
    }
    let groups: Vec<LinkAttr> = arr(v, "SecurityGroups")
        .iter()
        .filter_map(|g| text(g, "GroupId"))
        .map(|g| literal(Some(g), id, "SecurityGroups"))
        .collect();
    state.aws.compute.instances.push(Instance {
        meta: meta(v, id, "ec2:instance"),
        instance_type: string(v, id, "InstanceType"),
        ami: string(v, id, "ImageId"),
        associate_public_ip: Attr::explicit(
            v.get("PublicIpAddress").is_some(),
            origin(id, "PublicIpAddress"),
        ),
        subnet: link(v, id, "SubnetId"),
        security_groups: groups.clone(),
        ..Default::default()
    });
    let enis = arr(v, "NetworkInterfaces");
    let net = &mut state.aws.network.network_interfaces;
    for eni in enis {
        let Some(mut e) = network_interface(eni, Some(id)) else {
            continue;
        };
        if e.subnet.value.is_none() {
            e.subnet = link(v, id, "SubnetId");
        }
        // `describe-network-interfaces` may list the same ENI: keep one.
        if !net.iter().any(|n| n.meta.address == e.meta.address) {
            net.push(e);
        }
    }
    if enis.is_empty() && text(v, "PrivateIpAddress").is_some() {
        let ips: Vec<String> = text(v, "PrivateIpAddress")
            .into_iter()
            .map(str::to_string)
            .collect();
        let names: Vec<String> = groups
            .iter()
            .filter_map(|g| g.get().and_then(Link::as_literal))
            .map(str::to_string)
            .collect();
        let mut e = service_interface(
            &format!("{id}/eth0"),
            id,
            "interface",
            text(v, "SubnetId"),
            &names,
            ips.first().map(String::as_str),
            text(v, "PublicIpAddress"),
        );
        e.meta.tags = meta(v, id, "").tags;
        net.push(e);
    }
}

/// The interface a managed service (or an instance without listed ENIs) has in a subnet.
fn service_interface(
    eni_id: &str,
    owner: &str,
    interface_type: &str,
    subnet: Option<&str>,
    groups: &[String],
    private_ip: Option<&str>,
    public_ip: Option<&str>,
) -> NetworkInterface {
    let o = |f: &str| origin(owner, f);
    NetworkInterface {
        meta: Meta {
            address: eni_id.to_string(),
            kind: format!("{interface_type}:interface"),
            origin: o(""),
            ..Default::default()
        },
        subnet: literal(subnet, owner, "SubnetId"),
        security_groups: groups
            .iter()
            .map(|g| Attr::explicit(Link::Literal(g.clone()), o("SecurityGroups")))
            .collect(),
        private_ips: private_ip
            .map(|ip| Attr::explicit(ip.to_string(), o("PrivateIpAddress")))
            .into_iter()
            .collect(),
        public_ip: public_ip.map_or_else(
            || Attr::default_value(None, o("PublicIpAddress")),
            |p| Attr::explicit(p.to_string(), o("PublicIpAddress")),
        ),
        attached_to: Attr::explicit(Link::Literal(owner.to_string()), o("")),
        interface_type: Attr::explicit(interface_type.to_string(), o("")),
        description: Attr::default_value(None, o("")),
    }
}

// ---- Load balancers ----

fn classic_lb(v: &Value, state: &mut CloudState) {
    let Some(id) = text(v, "LoadBalancerName") else {
        return;
    };
    let listeners = arr(v, "ListenerDescriptions")
        .iter()
        .filter_map(|l| l.get("Listener"))
        .map(|l| Listener {
            origin: origin(id, "ListenerDescriptions"),
            protocol: string(l, id, "Protocol"),
            port: int(l, id, "LoadBalancerPort"),
        })
        .collect();
    state.aws.network.load_balancers.push(LoadBalancer {
        meta: meta(v, id, "elb:load-balancer"),
        name: string(v, id, "LoadBalancerName"),
        lb_type: Attr::explicit("classic".into(), origin(id, "")),
        internal: string(v, id, "Scheme").map(|s| s == "internal"),
        subnets: arr(v, "Subnets")
            .iter()
            .filter_map(Value::as_str)
            .map(|s| literal(Some(s), id, "Subnets"))
            .collect(),
        security_groups: arr(v, "SecurityGroups")
            .iter()
            .filter_map(Value::as_str)
            .map(|s| literal(Some(s), id, "SecurityGroups"))
            .collect(),
        listeners,
        targets: arr(v, "Instances")
            .iter()
            .filter_map(|i| text(i, "InstanceId"))
            .map(|s| literal(Some(s), id, "Instances"))
            .collect(),
    });
}

fn lb_v2(v: &Value, state: &mut CloudState) {
    let Some(id) = text(v, "LoadBalancerArn").or_else(|| text(v, "LoadBalancerName")) else {
        return;
    };
    state.aws.network.load_balancers.push(LoadBalancer {
        meta: meta(v, id, "elbv2:load-balancer"),
        name: string(v, id, "LoadBalancerName"),
        lb_type: string(v, id, "Type"),
        internal: string(v, id, "Scheme").map(|s| s == "internal"),
        subnets: arr(v, "AvailabilityZones")
            .iter()
            .filter_map(|z| text(z, "SubnetId"))
            .map(|s| literal(Some(s), id, "AvailabilityZones"))
            .collect(),
        security_groups: arr(v, "SecurityGroups")
            .iter()
            .filter_map(Value::as_str)
            .map(|s| literal(Some(s), id, "SecurityGroups"))
            .collect(),
        listeners: Vec::new(),
        targets: Vec::new(),
    });
}

// ---- Managed services with interfaces in a VPC ----

/// The subnet of `az` among `(subnet, az)` pairs, or the first.
fn subnet_in_az<'a>(subnets: &[(&'a str, Option<&'a str>)], az: Option<&str>) -> Option<&'a str> {
    subnets
        .iter()
        .find(|(_, a)| az.is_some() && *a == az)
        .or(subnets.first())
        .map(|(s, _)| *s)
}

fn rds(v: &Value, state: &mut CloudState) {
    let Some(id) = text(v, "DBInstanceArn").or_else(|| text(v, "DBInstanceIdentifier")) else {
        return;
    };
    let group = v.get("DBSubnetGroup").cloned().unwrap_or(Value::Null);
    let subnets: Vec<(&str, Option<&str>)> = arr(&group, "Subnets")
        .iter()
        .filter_map(|s| {
            Some((
                text(s, "SubnetIdentifier")?,
                s.get("SubnetAvailabilityZone")
                    .and_then(|z| text(z, "Name")),
            ))
        })
        .collect();
    let groups: Vec<String> = arr(v, "VpcSecurityGroups")
        .iter()
        .filter_map(|g| text(g, "VpcSecurityGroupId"))
        .map(str::to_string)
        .collect();
    let mut eni = service_interface(
        &format!("rds:{}", text(v, "DBInstanceIdentifier").unwrap_or(id)),
        id,
        "rds",
        subnet_in_az(&subnets, text(v, "AvailabilityZone")),
        &groups,
        None,
        None,
    );
    if v.get("PubliclyAccessible").and_then(Value::as_bool) == Some(true) {
        // The address is not in the output; the interface has one.
        eni.public_ip = Attr::explicit("unknown".into(), origin(id, "PubliclyAccessible"));
    }
    eni.meta.tags.insert(
        "Name".into(),
        text(v, "DBInstanceIdentifier").unwrap_or(id).to_string(),
    );
    state.aws.network.network_interfaces.push(eni);
}

fn redshift(v: &Value, state: &mut CloudState) {
    let Some(name) = text(v, "ClusterIdentifier") else {
        return;
    };
    let groups: Vec<String> = arr(v, "VpcSecurityGroups")
        .iter()
        .filter_map(|g| text(g, "VpcSecurityGroupId"))
        .map(str::to_string)
        .collect();
    for (i, node) in arr(v, "ClusterNodes").iter().enumerate() {
        let mut eni = service_interface(
            &format!("redshift:{name}/{i}"),
            name,
            "redshift",
            None,
            &groups,
            text(node, "PrivateIPAddress"),
            text(node, "PublicIPAddress"),
        );
        eni.meta.tags.insert("Name".into(), name.to_string());
        state.aws.network.network_interfaces.push(eni);
    }
}

fn opensearch(v: &Value, state: &mut CloudState) {
    let Some(name) = text(v, "DomainName") else {
        return;
    };
    let Some(opts) = v.get("VPCOptions") else {
        return;
    };
    let groups: Vec<String> = arr(opts, "SecurityGroupIds")
        .iter()
        .filter_map(Value::as_str)
        .map(str::to_string)
        .collect();
    for s in arr(opts, "SubnetIds").iter().filter_map(Value::as_str) {
        let mut eni = service_interface(
            &format!("opensearch:{name}/{s}"),
            text(v, "ARN").unwrap_or(name),
            "opensearch",
            Some(s),
            &groups,
            None,
            None,
        );
        eni.meta.tags.insert("Name".into(), name.to_string());
        state.aws.network.network_interfaces.push(eni);
    }
}

fn lambda(v: &Value, state: &mut CloudState) {
    let Some(name) = text(v, "FunctionName") else {
        return;
    };
    let Some(cfg) = v.get("VpcConfig") else {
        return;
    };
    let groups: Vec<String> = arr(cfg, "SecurityGroupIds")
        .iter()
        .filter_map(Value::as_str)
        .map(str::to_string)
        .collect();
    for s in arr(cfg, "SubnetIds").iter().filter_map(Value::as_str) {
        let mut eni = service_interface(
            &format!("lambda:{name}/{s}"),
            text(v, "FunctionArn").unwrap_or(name),
            "lambda",
            Some(s),
            &groups,
            None,
            None,
        );
        eni.meta.tags.insert("Name".into(), name.to_string());
        state.aws.network.network_interfaces.push(eni);
    }
}

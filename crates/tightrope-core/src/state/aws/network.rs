//! VPCs, subnets, security groups, and the rest of the network a packet crosses: route tables,
//! network ACLs, gateways (internet, NAT, transit, VPN), peering connections, network interfaces
//! and load balancers.

use crate::attr::Attr;
use crate::origin::Origin;
use crate::state::{LinkAttr, Meta};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Network {
    pub vpcs: Vec<Vpc>,
    pub subnets: Vec<Subnet>,
    pub security_groups: Vec<SecurityGroup>,
    /// VPC endpoints (interface or gateway), e.g. for `bedrock-runtime` or `sagemaker.api`.
    pub vpc_endpoints: Vec<VpcEndpoint>,
    #[serde(default)]
    pub route_tables: Vec<RouteTable>,
    #[serde(default)]
    pub network_acls: Vec<NetworkAcl>,
    /// Internet, egress-only internet, NAT, transit and VPN gateways.
    #[serde(default)]
    pub gateways: Vec<Gateway>,
    #[serde(default)]
    pub peering_connections: Vec<PeeringConnection>,
    /// Managed prefix lists (`pl-...`) that routes and security group rules may name.
    #[serde(default)]
    pub prefix_lists: Vec<PrefixList>,
    /// Elastic network interfaces (ENIs), including the ones instances and managed services own.
    #[serde(default)]
    pub network_interfaces: Vec<NetworkInterface>,
    /// Application, network, gateway and classic load balancers.
    #[serde(default)]
    pub load_balancers: Vec<LoadBalancer>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Vpc {
    pub meta: Meta,
    pub cidr_block: Attr<String>,
    /// Secondary IPv4 and IPv6 CIDR blocks.
    #[serde(default)]
    pub additional_cidr_blocks: Vec<Attr<String>>,
    /// Flow logs declared for this VPC.
    pub flow_logs: Vec<Meta>,
    pub is_default: bool,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Subnet {
    pub meta: Meta,
    pub vpc: LinkAttr,
    pub cidr_block: Attr<String>,
    #[serde(default)]
    pub ipv6_cidr_block: Attr<String>,
    pub map_public_ip_on_launch: Attr<bool>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct SecurityGroup {
    pub meta: Meta,
    pub name: Attr<String>,
    pub description: Attr<String>,
    pub vpc: LinkAttr,
    pub ingress: Vec<SgRule>,
    pub egress: Vec<SgRule>,
}

/// One ingress or egress rule (inline, or a separate `aws_security_group_rule` /
/// `aws_vpc_security_group_ingress_rule` merged into its group).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct SgRule {
    pub origin: Origin,
    /// `tcp`, `udp`, `icmp`, `-1` (all) or a protocol number.
    pub protocol: Attr<String>,
    pub from_port: Attr<i64>,
    pub to_port: Attr<i64>,
    pub cidr_blocks: Vec<Attr<String>>,
    pub ipv6_cidr_blocks: Vec<Attr<String>>,
    /// Source or destination security groups.
    pub security_groups: Vec<LinkAttr>,
    /// Source or destination managed prefix lists (`pl-...`).
    #[serde(default)]
    pub prefix_lists: Vec<LinkAttr>,
    pub description: Attr<String>,
}

impl SgRule {
    /// The rule admits traffic from (or to) anywhere on the internet.
    pub fn open_to_world(&self) -> bool {
        self.cidr_blocks
            .iter()
            .any(|c| c.is(&"0.0.0.0/0".to_string()))
            || self
                .ipv6_cidr_blocks
                .iter()
                .any(|c| c.is(&"::/0".to_string()))
    }

    /// All protocols (`-1` / `all`).
    pub fn all_protocols(&self) -> bool {
        self.protocol
            .get()
            .is_some_and(|p| p == "-1" || p.eq_ignore_ascii_case("all"))
    }

    /// The rule's port range covers `port`; all-protocol rules cover every port. `None` when the
    /// ports are not known.
    pub fn covers_port(&self, port: i64) -> Option<bool> {
        if self.all_protocols() {
            return Some(true);
        }
        let (from, to) = (self.from_port.get()?, self.to_port.get()?);
        // `-1`/`-1` is "every port" (ICMP-style rules).
        Some((*from <= port && port <= *to) || (*from == -1 && *to == -1))
    }
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct VpcEndpoint {
    pub meta: Meta,
    pub vpc: LinkAttr,
    /// e.g. `com.amazonaws.us-east-1.bedrock-runtime`.
    pub service_name: Attr<String>,
    /// `Interface` or `Gateway`.
    pub endpoint_type: Attr<String>,
    pub private_dns_enabled: Attr<bool>,
}

/// A route table, its routes and the subnets it is associated with.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct RouteTable {
    pub meta: Meta,
    pub vpc: LinkAttr,
    pub routes: Vec<Route>,
    /// Subnets explicitly associated with this table.
    pub subnets: Vec<LinkAttr>,
    /// The VPC's main route table, used by subnets without an explicit association.
    pub main: Attr<bool>,
}

/// One route: a destination (CIDR or prefix list) and where matching packets go.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Route {
    pub origin: Origin,
    /// IPv4 or IPv6 destination CIDR.
    pub destination: Attr<String>,
    /// Destination managed prefix list, instead of a CIDR.
    pub destination_prefix_list: LinkAttr,
    pub target: RouteTarget,
    /// The gateway, peering connection, interface, ... the route sends to (absent for `local`).
    pub target_id: LinkAttr,
}

/// The kind of next hop of a route.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RouteTarget {
    /// Inside the VPC.
    Local,
    InternetGateway,
    EgressOnlyInternetGateway,
    NatGateway,
    VpcPeering,
    TransitGateway,
    /// A gateway VPC endpoint (S3, DynamoDB).
    VpcEndpoint,
    VpnGateway,
    NetworkInterface,
    Instance,
    /// The route's target was deleted: packets are dropped.
    Blackhole,
    /// Not known (unresolved expression or an unmodelled target).
    #[default]
    Unknown,
}

/// A network ACL: numbered, stateless allow/deny rules for the subnets it is associated with.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct NetworkAcl {
    pub meta: Meta,
    pub vpc: LinkAttr,
    /// The VPC's default ACL, used by subnets without an explicit association.
    pub is_default: bool,
    pub subnets: Vec<LinkAttr>,
    pub entries: Vec<AclEntry>,
}

/// One numbered network ACL rule.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct AclEntry {
    pub origin: Origin,
    pub rule_number: Attr<i64>,
    /// Outbound (`true`) or inbound rule.
    pub egress: bool,
    /// `allow` (`true`) or `deny`.
    pub allow: Attr<bool>,
    /// `tcp`, `udp`, `icmp`, `-1` (all) or a protocol number.
    pub protocol: Attr<String>,
    pub from_port: Attr<i64>,
    pub to_port: Attr<i64>,
    /// IPv4 or IPv6 CIDR.
    pub cidr_block: Attr<String>,
}

/// A gateway a route can send to.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Gateway {
    pub meta: Meta,
    pub kind: GatewayKind,
    /// The VPC it is attached to (internet, egress-only and VPN gateways).
    pub vpc: LinkAttr,
    /// The subnet it lives in (NAT gateways).
    pub subnet: LinkAttr,
    /// VPCs attached to a transit gateway.
    #[serde(default)]
    pub attached_vpcs: Vec<LinkAttr>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum GatewayKind {
    #[default]
    Internet,
    EgressOnlyInternet,
    /// A public NAT gateway (private NAT gateways do not reach the internet).
    Nat,
    PrivateNat,
    Transit,
    Vpn,
}

/// A VPC peering connection.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct PeeringConnection {
    pub meta: Meta,
    pub requester_vpc: LinkAttr,
    pub accepter_vpc: LinkAttr,
    /// Accepted and active; `false` while pending or after deletion.
    pub active: Attr<bool>,
}

/// A managed prefix list.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct PrefixList {
    pub meta: Meta,
    pub name: Attr<String>,
    pub cidrs: Vec<Attr<String>>,
}

/// An elastic network interface.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct NetworkInterface {
    pub meta: Meta,
    pub subnet: LinkAttr,
    pub security_groups: Vec<LinkAttr>,
    /// Private IPv4 and IPv6 addresses.
    pub private_ips: Vec<Attr<String>>,
    /// Associated public (or Elastic) IPv4 address.
    pub public_ip: Attr<String>,
    /// The instance (or other resource) it is attached to.
    pub attached_to: LinkAttr,
    /// `interface`, `nat_gateway`, `network_load_balancer`, `lambda`, ...
    pub interface_type: Attr<String>,
    pub description: Attr<String>,
}

/// A load balancer (`aws_lb`/`aws_alb`/`aws_elb`, ELBv2 or classic ELB).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct LoadBalancer {
    pub meta: Meta,
    pub name: Attr<String>,
    /// `application`, `network`, `gateway` or `classic`.
    pub lb_type: Attr<String>,
    /// `true` for internal, `false` for internet-facing.
    pub internal: Attr<bool>,
    pub subnets: Vec<LinkAttr>,
    pub security_groups: Vec<LinkAttr>,
    pub listeners: Vec<Listener>,
    /// Instances (or IPs) registered behind it.
    pub targets: Vec<LinkAttr>,
}

/// A load balancer listener.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Listener {
    pub origin: Origin,
    /// `HTTP`, `HTTPS`, `TCP`, `TLS`, `UDP`, ...
    pub protocol: Attr<String>,
    pub port: Attr<i64>,
}

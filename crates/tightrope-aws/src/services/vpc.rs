//! The rest of a VPC's network, the part a packet crosses: route tables, network ACLs, gateways
//! (internet, egress-only, NAT, transit, VPN), peering connections, the account's own managed
//! prefix lists and elastic network interfaces. Links name other resources by their IDs, as the
//! API does.

use crate::services::{each, Fragment};
use crate::session::Ctx;
use crate::values::{api, attr, link, links, meta, opt, tags, text, texts};
use aws_sdk_ec2::types::{Route as ApiRoute, Tag};
use aws_sdk_ec2::Client;
use tightrope_core::state::aws::network::{AclEntry, Gateway, GatewayKind, NetworkAcl, NetworkInterface, PeeringConnection, PrefixList, Route, RouteTable, RouteTarget};
use tightrope_core::state::Meta;
use tightrope_core::Attr;

pub(crate) async fn collect(ctx: &Ctx, ec2: &Client, f: &mut Fragment) {
    route_tables(ctx, ec2, f).await;
    network_acls(ctx, ec2, f).await;
    internet_gateways(ctx, ec2, f).await;
    nat_gateways(ctx, ec2, f).await;
    transit_gateways(ctx, ec2, f).await;
    vpn_gateways(ctx, ec2, f).await;
    peering(ctx, ec2, f).await;
    prefix_lists(ctx, ec2, f).await;
    network_interfaces(ctx, ec2, f).await;
}

/// Metadata of an EC2 resource `{kind}/{id}` with its tags.
fn resource(ctx: &Ctx, kind: &str, id: Option<&str>, cfn_type: &str, list_field: &str, t: &[Tag]) -> (String, Meta) {
    let arn = ctx.arn("ec2", &format!("{kind}/{}", id.unwrap_or_default()));
    let mut m = meta(&arn, cfn_type, list_field);
    m.tags = tags(t.iter().map(|t| (t.key(), t.value())));
    (arn, m)
}

async fn route_tables(ctx: &Ctx, ec2: &Client, f: &mut Fragment) {
    let Some(list) = pages!(f.gaps, "DescribeRouteTables", ec2.describe_route_tables(), route_tables) else { return };
    for t in list {
        let (arn, m) = resource(ctx, "route-table", t.route_table_id(), "AWS::EC2::RouteTable", "RouteTables", t.tags());
        let assoc = t.associations();
        f.aws.network.route_tables.push(RouteTable {
            meta: m,
            vpc: link(t.vpc_id(), &arn, "VpcId"),
            routes: t.routes().iter().map(|r| route(r, &arn)).collect(),
            subnets: links(assoc.iter().filter_map(|a| a.subnet_id()), &arn, "Associations.SubnetId"),
            main: Attr::explicit(assoc.iter().any(|a| a.main() == Some(true)), api(&arn, "Associations.Main")),
        });
    }
}

fn route(r: &ApiRoute, arn: &str) -> Route {
    let targets: [(Option<&str>, RouteTarget, &str); 8] = [
        (r.gateway_id(), RouteTarget::InternetGateway, "GatewayId"),
        (r.egress_only_internet_gateway_id(), RouteTarget::EgressOnlyInternetGateway, "EgressOnlyInternetGatewayId"),
        (r.nat_gateway_id(), RouteTarget::NatGateway, "NatGatewayId"),
        (r.vpc_peering_connection_id(), RouteTarget::VpcPeering, "VpcPeeringConnectionId"),
        (r.transit_gateway_id(), RouteTarget::TransitGateway, "TransitGatewayId"),
        (r.network_interface_id(), RouteTarget::NetworkInterface, "NetworkInterfaceId"),
        (r.instance_id(), RouteTarget::Instance, "InstanceId"),
        (r.local_gateway_id().or(r.carrier_gateway_id()), RouteTarget::Unknown, "LocalGatewayId"),
    ];
    let (target, target_id) = targets
        .into_iter()
        .find_map(|(id, kind, field)| id.map(|id| (gateway_kind(kind, id), link(Some(id), arn, &format!("Routes.{field}")))))
        .unwrap_or((RouteTarget::Unknown, opt(None, arn, "Routes")));
    let blackhole = r.state().is_some_and(|s| s.as_str() == "blackhole");
    Route {
        origin: api(arn, "Routes"),
        destination: text(r.destination_cidr_block().or(r.destination_ipv6_cidr_block()), arn, "Routes.DestinationCidrBlock"),
        destination_prefix_list: link(r.destination_prefix_list_id(), arn, "Routes.DestinationPrefixListId"),
        target: if blackhole { RouteTarget::Blackhole } else { target },
        target_id,
    }
}

/// `GatewayId` holds internet gateways, but also `local`, virtual private gateways and gateway
/// endpoints: the ID's prefix tells which.
fn gateway_kind(written: RouteTarget, id: &str) -> RouteTarget {
    match (written, id) {
        (RouteTarget::InternetGateway, "local") => RouteTarget::Local,
        (RouteTarget::InternetGateway, id) if id.starts_with("vgw-") => RouteTarget::VpnGateway,
        (RouteTarget::InternetGateway, id) if id.starts_with("vpce-") => RouteTarget::VpcEndpoint,
        (kind, _) => kind,
    }
}

async fn network_acls(ctx: &Ctx, ec2: &Client, f: &mut Fragment) {
    let Some(list) = pages!(f.gaps, "DescribeNetworkAcls", ec2.describe_network_acls(), network_acls) else { return };
    for a in list {
        let (arn, m) = resource(ctx, "network-acl", a.network_acl_id(), "AWS::EC2::NetworkAcl", "NetworkAcls", a.tags());
        let arn = arn.as_str();
        let entries = a
            .entries()
            .iter()
            .map(|e| {
                let ports = e.port_range();
                AclEntry {
                    origin: api(arn, "Entries"),
                    rule_number: opt(e.rule_number().map(i64::from), arn, "Entries.RuleNumber"),
                    egress: e.egress().unwrap_or(false),
                    allow: opt(e.rule_action().map(|r| r.as_str() == "allow"), arn, "Entries.RuleAction"),
                    protocol: text(e.protocol(), arn, "Entries.Protocol"),
                    from_port: opt(ports.and_then(|p| p.from()).map(i64::from), arn, "Entries.PortRange.From"),
                    to_port: opt(ports.and_then(|p| p.to()).map(i64::from), arn, "Entries.PortRange.To"),
                    cidr_block: text(e.cidr_block().or(e.ipv6_cidr_block()), arn, "Entries.CidrBlock"),
                }
            })
            .collect();
        f.aws.network.network_acls.push(NetworkAcl {
            meta: m,
            vpc: link(a.vpc_id(), arn, "VpcId"),
            is_default: a.is_default().unwrap_or(false),
            subnets: links(a.associations().iter().filter_map(|s| s.subnet_id()), arn, "Associations.SubnetId"),
            entries,
        });
    }
}

fn gateway(m: Meta, kind: GatewayKind, vpc: Attr<tightrope_core::state::Link>, subnet: Attr<tightrope_core::state::Link>) -> Gateway {
    Gateway { meta: m, kind, vpc, subnet, attached_vpcs: Vec::new() }
}

async fn internet_gateways(ctx: &Ctx, ec2: &Client, f: &mut Fragment) {
    if let Some(list) = pages!(f.gaps, "DescribeInternetGateways", ec2.describe_internet_gateways(), internet_gateways) {
        for g in list {
            let (arn, m) = resource(ctx, "internet-gateway", g.internet_gateway_id(), "AWS::EC2::InternetGateway", "InternetGateways", g.tags());
            let vpc = link(g.attachments().iter().find_map(|a| a.vpc_id()), &arn, "Attachments.VpcId");
            f.aws.network.gateways.push(gateway(m, GatewayKind::Internet, vpc, opt(None, &arn, "SubnetId")));
        }
    }
    if let Some(list) = pages!(f.gaps, "DescribeEgressOnlyInternetGateways", ec2.describe_egress_only_internet_gateways(), egress_only_internet_gateways) {
        for g in list {
            let (arn, m) = resource(ctx, "egress-only-internet-gateway", g.egress_only_internet_gateway_id(), "AWS::EC2::EgressOnlyInternetGateway", "EgressOnlyInternetGateways", g.tags());
            let vpc = link(g.attachments().iter().find_map(|a| a.vpc_id()), &arn, "Attachments.VpcId");
            f.aws.network.gateways.push(gateway(m, GatewayKind::EgressOnlyInternet, vpc, opt(None, &arn, "SubnetId")));
        }
    }
}

async fn nat_gateways(ctx: &Ctx, ec2: &Client, f: &mut Fragment) {
    let Some(list) = pages!(f.gaps, "DescribeNatGateways", ec2.describe_nat_gateways(), nat_gateways) else { return };
    for g in list.iter().filter(|g| !g.state().is_some_and(|s| matches!(s.as_str(), "deleted" | "deleting" | "failed"))) {
        let (arn, m) = resource(ctx, "natgateway", g.nat_gateway_id(), "AWS::EC2::NatGateway", "NatGateways", g.tags());
        let kind = if g.connectivity_type().is_some_and(|c| c.as_str() == "private") { GatewayKind::PrivateNat } else { GatewayKind::Nat };
        f.aws.network.gateways.push(gateway(m, kind, link(g.vpc_id(), &arn, "VpcId"), link(g.subnet_id(), &arn, "SubnetId")));
    }
}

/// Transit gateways with the VPCs attached to them.
async fn transit_gateways(ctx: &Ctx, ec2: &Client, f: &mut Fragment) {
    let Some(list) = pages!(f.gaps, "DescribeTransitGateways", ec2.describe_transit_gateways(), transit_gateways) else { return };
    if list.is_empty() {
        return;
    }
    let attachments = pages!(f.gaps, "DescribeTransitGatewayAttachments", ec2.describe_transit_gateway_attachments(), transit_gateway_attachments);
    for t in list {
        let id = t.transit_gateway_id();
        let arn = t.transit_gateway_arn().map(str::to_string).unwrap_or_else(|| ctx.arn("ec2", &format!("transit-gateway/{}", id.unwrap_or_default())));
        let mut m = meta(&arn, "AWS::EC2::TransitGateway", "TransitGateways");
        m.tags = tags(t.tags().iter().map(|t| (t.key(), t.value())));
        let vpcs = attachments
            .iter()
            .flatten()
            .filter(|a| a.transit_gateway_id() == id && a.resource_type().is_some_and(|r| r.as_str() == "vpc"))
            .filter(|a| !a.state().is_some_and(|s| matches!(s.as_str(), "deleted" | "deleting" | "rejected" | "failed")))
            .filter_map(|a| a.resource_id());
        let mut g = gateway(m, GatewayKind::Transit, opt(None, &arn, "VpcId"), opt(None, &arn, "SubnetId"));
        g.attached_vpcs = links(vpcs, &arn, "TransitGatewayAttachments.ResourceId");
        f.aws.network.gateways.push(g);
    }
}

async fn vpn_gateways(ctx: &Ctx, ec2: &Client, f: &mut Fragment) {
    let Ok(Some(out)) = f.gaps.sub("DescribeVpnGateways", ec2.describe_vpn_gateways().send().await, &[]) else { return };
    for g in out.vpn_gateways().iter().filter(|g| !g.state().is_some_and(|s| s.as_str() == "deleted")) {
        let (arn, m) = resource(ctx, "vpn-gateway", g.vpn_gateway_id(), "AWS::EC2::VPNGateway", "VpnGateways", g.tags());
        let attached = g.vpc_attachments().iter().filter(|a| a.state().is_some_and(|s| s.as_str() == "attached")).find_map(|a| a.vpc_id());
        f.aws.network.gateways.push(gateway(m, GatewayKind::Vpn, link(attached, &arn, "VpcAttachments.VpcId"), opt(None, &arn, "SubnetId")));
    }
}

async fn peering(ctx: &Ctx, ec2: &Client, f: &mut Fragment) {
    let Some(list) = pages!(f.gaps, "DescribeVpcPeeringConnections", ec2.describe_vpc_peering_connections(), vpc_peering_connections) else { return };
    for p in list {
        let (arn, m) = resource(ctx, "vpc-peering-connection", p.vpc_peering_connection_id(), "AWS::EC2::VPCPeeringConnection", "VpcPeeringConnections", p.tags());
        let status = p.status().and_then(|s| s.code()).map(|c| c.as_str() == "active");
        f.aws.network.peering_connections.push(PeeringConnection {
            meta: m,
            requester_vpc: link(p.requester_vpc_info().and_then(|v| v.vpc_id()), &arn, "RequesterVpcInfo.VpcId"),
            accepter_vpc: link(p.accepter_vpc_info().and_then(|v| v.vpc_id()), &arn, "AccepterVpcInfo.VpcId"),
            active: attr(status, Some(false), &arn, "Status.Code"),
        });
    }
}

/// The account's own managed prefix lists with their entries (AWS-managed lists, for S3 and the
/// like, are left out: their CIDRs are AWS's address space).
async fn prefix_lists(ctx: &Ctx, ec2: &Client, f: &mut Fragment) {
    let Some(list) = pages!(f.gaps, "DescribeManagedPrefixLists", ec2.describe_managed_prefix_lists(), prefix_lists) else { return };
    let own: Vec<_> = list.into_iter().filter(|p| p.owner_id() == Some(ctx.account.as_str())).collect();
    let lists = each(&mut f.gaps, own, |p, mut g| async move {
        let call = ec2.get_managed_prefix_list_entries().set_prefix_list_id(p.prefix_list_id().map(str::to_string)).send().await;
        let Ok(Some(entries)) = g.sub("GetManagedPrefixListEntries", call, &[]) else { return (None, g) };
        let arn = p.prefix_list_arn().map(str::to_string).unwrap_or_else(|| ctx.arn("ec2", &format!("prefix-list/{}", p.prefix_list_id().unwrap_or_default())));
        let mut m = meta(&arn, "AWS::EC2::PrefixList", "PrefixLists");
        m.tags = tags(p.tags().iter().map(|t| (t.key(), t.value())));
        let list = PrefixList { meta: m, name: text(p.prefix_list_name(), &arn, "PrefixListName"), cidrs: texts(entries.entries().iter().filter_map(|e| e.cidr()), &arn, "Entries.Cidr") };
        (Some(list), g)
    })
    .await;
    f.aws.network.prefix_lists.extend(lists);
}

async fn network_interfaces(ctx: &Ctx, ec2: &Client, f: &mut Fragment) {
    let Some(list) = pages!(f.gaps, "DescribeNetworkInterfaces", ec2.describe_network_interfaces(), network_interfaces) else { return };
    for n in list {
        let (arn, m) = resource(ctx, "network-interface", n.network_interface_id(), "AWS::EC2::NetworkInterface", "NetworkInterfaces", n.tag_set());
        let arn = arn.as_str();
        let private = n.private_ip_addresses().iter().filter_map(|p| p.private_ip_address()).chain(n.ipv6_addresses().iter().filter_map(|a| a.ipv6_address()));
        f.aws.network.network_interfaces.push(NetworkInterface {
            meta: m,
            subnet: link(n.subnet_id(), arn, "SubnetId"),
            security_groups: links(n.groups().iter().filter_map(|g| g.group_id()), arn, "Groups"),
            private_ips: texts(private, arn, "PrivateIpAddresses"),
            public_ip: text(n.association().and_then(|a| a.public_ip()), arn, "Association.PublicIp"),
            attached_to: link(n.attachment().and_then(|a| a.instance_id()), arn, "Attachment.InstanceId"),
            interface_type: text(n.interface_type().map(|t| t.as_str()), arn, "InterfaceType"),
            description: text(n.description(), arn, "Description"),
        });
    }
}

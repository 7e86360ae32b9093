//! EC2 and VPC: VPCs (with flow logs), subnets, security groups, VPC endpoints, instances and EBS
//! volumes (attached volumes feed their instance's encryption settings; unattached ones are
//! standalone volumes); routing and the rest of the network in [`crate::services::vpc`].

use crate::services::Fragment;
use crate::session::{client, Ctx};
use crate::values::{api, attr, link, links, meta, opt, tags, text, texts, unknown};
use aws_sdk_ec2::types::{IpPermission, Tag};
use std::collections::HashMap;
use tightrope_core::state::aws::compute::Instance;
use tightrope_core::state::aws::ebs::Volume;
use tightrope_core::state::aws::network::{SecurityGroup, SgRule, Subnet, Vpc, VpcEndpoint};
use tightrope_core::state::Meta;
use tightrope_core::Attr;

pub(crate) async fn collect(ctx: &Ctx, f: &mut Fragment) {
    let ec2 = client!(aws_sdk_ec2, ctx);
    vpcs(ctx, &ec2, f).await;
    subnets(ctx, &ec2, f).await;
    security_groups(ctx, &ec2, f).await;
    endpoints(ctx, &ec2, f).await;
    let volumes = volumes(ctx, &ec2, f).await;
    instances(ctx, &ec2, &volumes, f).await;
    crate::services::vpc::collect(ctx, &ec2, f).await;
}


fn with_tags(mut m: Meta, t: &[Tag]) -> Meta {
    m.tags = tags(t.iter().map(|t| (t.key(), t.value())));
    m
}

async fn vpcs(ctx: &Ctx, ec2: &aws_sdk_ec2::Client, f: &mut Fragment) {
    let Some(list) = pages!(f.gaps, "DescribeVpcs", ec2.describe_vpcs(), vpcs) else { return };
    let flow_logs = pages!(f.gaps, "DescribeFlowLogs", ec2.describe_flow_logs(), flow_logs);
    for v in list {
        let id = v.vpc_id().unwrap_or_default();
        let arn = ctx.arn("ec2", &format!("vpc/{id}"));
        let logs = flow_logs
            .iter()
            .flatten()
            .filter(|l| l.resource_id() == Some(id))
            .map(|l| meta(&ctx.arn("ec2", &format!("vpc-flow-log/{}", l.flow_log_id().unwrap_or_default())), "AWS::EC2::FlowLog", "FlowLogs"))
            .collect();
        f.aws.network.vpcs.push(Vpc {
            meta: with_tags(meta(&arn, "AWS::EC2::VPC", "Vpcs"), v.tags()),
            cidr_block: text(v.cidr_block(), &arn, "CidrBlock"),
            additional_cidr_blocks: texts(
                v.cidr_block_association_set().iter().filter_map(|c| c.cidr_block()).filter(|c| Some(*c) != v.cidr_block()),
                &arn,
                "CidrBlockAssociationSet",
            ),
            flow_logs: logs,
            is_default: v.is_default().unwrap_or(false),
        });
    }
}

async fn subnets(ctx: &Ctx, ec2: &aws_sdk_ec2::Client, f: &mut Fragment) {
    let Some(list) = pages!(f.gaps, "DescribeSubnets", ec2.describe_subnets(), subnets) else { return };
    for s in list {
        let arn = s.subnet_arn().map(str::to_string).unwrap_or_else(|| ctx.arn("ec2", &format!("subnet/{}", s.subnet_id().unwrap_or_default())));
        f.aws.network.subnets.push(Subnet {
            meta: with_tags(meta(&arn, "AWS::EC2::Subnet", "Subnets"), s.tags()),
            vpc: link(s.vpc_id(), &arn, "VpcId"),
            cidr_block: text(s.cidr_block(), &arn, "CidrBlock"),
            ipv6_cidr_block: text(s.ipv6_cidr_block_association_set().first().and_then(|c| c.ipv6_cidr_block()), &arn, "Ipv6CidrBlockAssociationSet"),
            map_public_ip_on_launch: attr(s.map_public_ip_on_launch(), Some(false), &arn, "MapPublicIpOnLaunch"),
        });
    }
}

async fn security_groups(ctx: &Ctx, ec2: &aws_sdk_ec2::Client, f: &mut Fragment) {
    let Some(list) = pages!(f.gaps, "DescribeSecurityGroups", ec2.describe_security_groups(), security_groups) else { return };
    for g in list {
        let arn = g.security_group_arn().map(str::to_string).unwrap_or_else(|| ctx.arn("ec2", &format!("security-group/{}", g.group_id().unwrap_or_default())));
        f.aws.network.security_groups.push(SecurityGroup {
            meta: with_tags(meta(&arn, "AWS::EC2::SecurityGroup", "SecurityGroups"), g.tags()),
            name: text(g.group_name(), &arn, "GroupName"),
            description: text(g.description(), &arn, "Description"),
            vpc: link(g.vpc_id(), &arn, "VpcId"),
            ingress: g.ip_permissions().iter().map(|p| rule(p, &arn, "IpPermissions")).collect(),
            egress: g.ip_permissions_egress().iter().map(|p| rule(p, &arn, "IpPermissionsEgress")).collect(),
        });
    }
}

fn rule(p: &IpPermission, arn: &str, field: &str) -> SgRule {
    SgRule {
        origin: api(arn, field),
        protocol: text(p.ip_protocol(), arn, &format!("{field}.IpProtocol")),
        from_port: opt(p.from_port().map(i64::from), arn, &format!("{field}.FromPort")),
        to_port: opt(p.to_port().map(i64::from), arn, &format!("{field}.ToPort")),
        cidr_blocks: texts(p.ip_ranges().iter().filter_map(|r| r.cidr_ip()), arn, &format!("{field}.IpRanges")),
        ipv6_cidr_blocks: texts(p.ipv6_ranges().iter().filter_map(|r| r.cidr_ipv6()), arn, &format!("{field}.Ipv6Ranges")),
        security_groups: links(p.user_id_group_pairs().iter().filter_map(|u| u.group_id()), arn, &format!("{field}.UserIdGroupPairs")),
        prefix_lists: links(p.prefix_list_ids().iter().filter_map(|u| u.prefix_list_id()), arn, &format!("{field}.PrefixListIds")),
        description: text(
            p.ip_ranges().iter().find_map(|r| r.description()).or_else(|| p.user_id_group_pairs().iter().find_map(|u| u.description())),
            arn,
            &format!("{field}.Description"),
        ),
    }
}

async fn endpoints(ctx: &Ctx, ec2: &aws_sdk_ec2::Client, f: &mut Fragment) {
    let Some(list) = pages!(f.gaps, "DescribeVpcEndpoints", ec2.describe_vpc_endpoints(), vpc_endpoints) else { return };
    for e in list {
        let arn = ctx.arn("ec2", &format!("vpc-endpoint/{}", e.vpc_endpoint_id().unwrap_or_default()));
        f.aws.network.vpc_endpoints.push(VpcEndpoint {
            meta: with_tags(meta(&arn, "AWS::EC2::VPCEndpoint", "VpcEndpoints"), e.tags()),
            vpc: link(e.vpc_id(), &arn, "VpcId"),
            service_name: text(e.service_name(), &arn, "ServiceName"),
            endpoint_type: text(e.vpc_endpoint_type().map(|t| t.as_str()), &arn, "VpcEndpointType"),
            private_dns_enabled: attr(e.private_dns_enabled(), Some(false), &arn, "PrivateDnsEnabled"),
        });
    }
}

/// Every volume by ID with its encryption flag; unattached volumes become standalone volumes.
async fn volumes(ctx: &Ctx, ec2: &aws_sdk_ec2::Client, f: &mut Fragment) -> Option<HashMap<String, (bool, String)>> {
    let list = pages!(f.gaps, "DescribeVolumes", ec2.describe_volumes(), volumes)?;
    let mut by_id = HashMap::new();
    for v in list {
        let id = v.volume_id().unwrap_or_default().to_string();
        let arn = v.volume_arn().map(str::to_string).unwrap_or_else(|| ctx.arn("ec2", &format!("volume/{id}")));
        if v.attachments().is_empty() {
            f.aws.ebs.volumes.push(Volume {
                meta: with_tags(meta(&arn, "AWS::EC2::Volume", "Volumes"), v.tags()),
                encrypted: attr(v.encrypted(), Some(false), &arn, "Encrypted"),
                kms_key: link(v.kms_key_id(), &arn, "KmsKeyId"),
                size_gib: opt(v.size().map(i64::from), &arn, "Size"),
            });
        }
        by_id.insert(id, (v.encrypted().unwrap_or(false), arn));
    }
    Some(by_id)
}

async fn instances(ctx: &Ctx, ec2: &aws_sdk_ec2::Client, volumes: &Option<HashMap<String, (bool, String)>>, f: &mut Fragment) {
    let Some(reservations) = pages!(f.gaps, "DescribeInstances", ec2.describe_instances(), reservations) else { return };
    for i in reservations.iter().flat_map(|r| r.instances()) {
        let arn = ctx.arn("ec2", &format!("instance/{}", i.instance_id().unwrap_or_default()));
        let md = i.metadata_options();
        let mut inst = Instance {
            meta: with_tags(meta(&arn, "AWS::EC2::Instance", "Reservations.Instances"), i.tags()),
            instance_type: text(i.instance_type().map(|t| t.as_str()), &arn, "InstanceType"),
            ami: text(i.image_id(), &arn, "ImageId"),
            associate_public_ip: Attr::explicit(i.public_ip_address().is_some(), api(&arn, "PublicIpAddress")),
            subnet: link(i.subnet_id(), &arn, "SubnetId"),
            security_groups: links(i.security_groups().iter().filter_map(|g| g.group_id()), &arn, "SecurityGroups"),
            iam_instance_profile: link(i.iam_instance_profile().and_then(|p| p.arn()), &arn, "IamInstanceProfile.Arn"),
            metadata_http_tokens: text(md.and_then(|m| m.http_tokens()).map(|t| t.as_str()), &arn, "MetadataOptions.HttpTokens"),
            metadata_http_endpoint: text(md.and_then(|m| m.http_endpoint()).map(|t| t.as_str()), &arn, "MetadataOptions.HttpEndpoint"),
            // User data needs one more call per instance and holds secrets; not collected.
            user_data: unknown(&arn, "UserData"),
            monitoring: Attr::explicit(i.monitoring().and_then(|m| m.state()).is_some_and(|s| s.as_str() == "enabled"), api(&arn, "Monitoring.State")),
            root_volume_encrypted: unknown(&arn, "BlockDeviceMappings"),
            ebs_volumes_encrypted: Vec::new(),
        };
        block_devices(i, &arn, volumes, &mut inst);
        f.aws.compute.instances.push(inst);
    }
}

/// The root and other EBS volumes of an instance, encrypted or not (from DescribeVolumes).
fn block_devices(i: &aws_sdk_ec2::types::Instance, arn: &str, volumes: &Option<HashMap<String, (bool, String)>>, inst: &mut Instance) {
    let Some(volumes) = volumes else { return };
    for m in i.block_device_mappings() {
        let Some((encrypted, _)) = m.ebs().and_then(|e| e.volume_id()).and_then(|id| volumes.get(id)) else { continue };
        let value = Attr::explicit(*encrypted, api(arn, "BlockDeviceMappings.Ebs"));
        if m.device_name().is_some() && m.device_name() == i.root_device_name() {
            inst.root_volume_encrypted = value;
        } else {
            inst.ebs_volumes_encrypted.push(value);
        }
    }
}

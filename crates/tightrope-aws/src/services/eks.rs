//! EKS: clusters (endpoint access, secrets encryption, control-plane logs) and their node groups.

use crate::services::Fragment;
use crate::session::{client, Ctx};
use crate::values::{api, link, links, meta, text, texts};
use tightrope_core::state::aws::containers::{EksCluster, EksNodeGroup};
use tightrope_core::Attr;

pub(crate) async fn collect(ctx: &Ctx, f: &mut Fragment) {
    let eks = client!(aws_sdk_eks, ctx);
    let Some(names) = pages!(f.gaps, "ListClusters", eks.list_clusters(), clusters) else { return };
    for name in names {
        let Ok(Some(out)) = f.gaps.sub("DescribeCluster", eks.describe_cluster().name(&name).send().await, &[]) else { continue };
        let Some(c) = out.cluster() else { continue };
        let arn = c.arn().map(str::to_string).unwrap_or_else(|| ctx.arn("eks", &format!("cluster/{name}")));
        let arn = arn.as_str();
        let vpc = c.resources_vpc_config();
        let logs = c
            .logging()
            .map(|l| l.cluster_logging())
            .unwrap_or_default()
            .iter()
            .filter(|s| s.enabled() == Some(true))
            .flat_map(|s| s.types().iter().map(|t| t.as_str()));
        f.aws.containers.eks_clusters.push(EksCluster {
            meta: meta(arn, "AWS::EKS::Cluster", "clusters"),
            name: text(c.name(), arn, "name"),
            version: text(c.version(), arn, "version"),
            role: link(c.role_arn(), arn, "roleArn"),
            endpoint_public_access: Attr::explicit(vpc.is_none_or(|v| v.endpoint_public_access()), api(arn, "resourcesVpcConfig.endpointPublicAccess")),
            endpoint_private_access: Attr::explicit(vpc.is_some_and(|v| v.endpoint_private_access()), api(arn, "resourcesVpcConfig.endpointPrivateAccess")),
            public_access_cidrs: texts(vpc.map(|v| v.public_access_cidrs()).unwrap_or_default().iter().map(String::as_str), arn, "resourcesVpcConfig.publicAccessCidrs"),
            secrets_kms_key: link(
                c.encryption_config().iter().find_map(|e| e.provider().and_then(|p| p.key_arn())),
                arn,
                "encryptionConfig.provider.keyArn",
            ),
            enabled_log_types: texts(logs, arn, "logging.clusterLogging.types"),
        });
        nodegroups(ctx, &eks, &name, arn, f).await;
    }
}

async fn nodegroups(ctx: &Ctx, eks: &aws_sdk_eks::Client, cluster: &str, cluster_arn: &str, f: &mut Fragment) {
    let Some(names) = pages!(f.gaps, "ListNodegroups", eks.list_nodegroups().cluster_name(cluster), nodegroups) else { return };
    for name in names {
        let Ok(Some(out)) = f.gaps.sub("DescribeNodegroup", eks.describe_nodegroup().cluster_name(cluster).nodegroup_name(&name).send().await, &[]) else {
            continue;
        };
        let Some(n) = out.nodegroup() else { continue };
        let arn = n.nodegroup_arn().map(str::to_string).unwrap_or_else(|| ctx.arn("eks", &format!("nodegroup/{cluster}/{name}")));
        let arn = arn.as_str();
        let remote = n.remote_access();
        f.aws.containers.eks_node_groups.push(EksNodeGroup {
            meta: meta(arn, "AWS::EKS::Nodegroup", "nodegroups"),
            cluster: link(Some(cluster_arn), arn, "clusterName"),
            node_role: link(n.node_role(), arn, "nodeRole"),
            instance_types: texts(n.instance_types().iter().map(String::as_str), arn, "instanceTypes"),
            ami_type: text(n.ami_type().map(|a| a.as_str()), arn, "amiType"),
            ssh_key: text(remote.and_then(|r| r.ec2_ssh_key()), arn, "remoteAccess.ec2SshKey"),
            ssh_source_security_groups: links(remote.map(|r| r.source_security_groups()).unwrap_or_default().iter().map(String::as_str), arn, "remoteAccess.sourceSecurityGroups"),
            launch_template: link(n.launch_template().and_then(|l| l.id().or(l.name())), arn, "launchTemplate"),
        });
    }
}

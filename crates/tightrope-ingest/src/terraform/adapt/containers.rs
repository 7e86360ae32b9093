//! EKS clusters and node groups, ECR repositories with `aws_ecr_repository_policy` merged in by
//! `repository`.

use super::ByKind;
use super::target::{Target, merge_each};
use crate::fields::Fields;
use tightrope_core::state::aws::containers::{EcrRepository, EksCluster, EksNodeGroup};
use tightrope_core::{Attr, CloudState};

pub const KINDS: &[&str] = &["aws_eks_cluster", "aws_eks_node_group", "aws_ecr_repository", "aws_ecr_repository_policy"];

impl Target for EcrRepository {
    fn address(&self) -> &str {
        &self.meta.address
    }
    fn literal_name(&self) -> Option<&str> {
        self.name.get().map(String::as_str)
    }
}

pub fn adapt(by: &ByKind, state: &mut CloudState) {
    let c = &mut state.aws.containers;
    c.eks_clusters.extend(by.of("aws_eks_cluster").iter().map(|r| eks_cluster(&Fields::new(r))));
    c.eks_node_groups.extend(by.of("aws_eks_node_group").iter().map(|r| {
        let f = Fields::new(r);
        EksNodeGroup {
            meta: f.meta("tags"),
            cluster: f.link("cluster_name"),
            node_role: f.link("node_role_arn"),
            instance_types: f.strings("instance_types"),
            ami_type: f.string("ami_type", None),
            ssh_key: f.string("remote_access.ec2_ssh_key", None),
            ssh_source_security_groups: f.links("remote_access.source_security_group_ids"),
            launch_template: if f.has("launch_template.id") { f.link("launch_template.id") } else { f.link("launch_template.name") },
        }
    }));
    c.ecr_repositories.extend(by.of("aws_ecr_repository").iter().map(|r| {
        let f = Fields::new(r);
        EcrRepository {
            meta: f.meta("tags"),
            name: f.string("name", None),
            image_tag_mutability: f.string("image_tag_mutability", Some("MUTABLE")),
            scan_on_push: f.bool("image_scanning_configuration.scan_on_push", Some(false)),
            encryption_type: f.string("encryption_configuration.encryption_type", Some("AES256")),
            kms_key: f.link("encryption_configuration.kms_key"),
            policy: Attr::default_value(None, f.block_origin()),
        }
    }));
    merge_each(
        by,
        "aws_ecr_repository_policy",
        "repository",
        &mut c.ecr_repositories,
        &mut state.unmodelled,
        |f| f.policy("policy"),
        |repo, p| repo.policy = p,
    );
}

fn eks_cluster(f: &Fields) -> EksCluster {
    // Left out or empty, the public endpoint is open to 0.0.0.0/0.
    let mut public_access_cidrs = f.strings("vpc_config.public_access_cidrs");
    if public_access_cidrs.is_empty() && !f.node("vpc_config.public_access_cidrs").is_some_and(|n| n.is_unknown()) {
        public_access_cidrs.push(Attr::default_value(Some("0.0.0.0/0".to_string()), f.block_origin()));
    }
    EksCluster {
        meta: f.meta("tags"),
        name: f.string("name", None),
        version: f.string("version", None),
        role: f.link("role_arn"),
        endpoint_public_access: f.bool("vpc_config.endpoint_public_access", Some(true)),
        endpoint_private_access: f.bool("vpc_config.endpoint_private_access", Some(false)),
        public_access_cidrs,
        secrets_kms_key: f.link("encryption_config.provider.key_arn"),
        enabled_log_types: f.strings("enabled_cluster_log_types"),
    }
}

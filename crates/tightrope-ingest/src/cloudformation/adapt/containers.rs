//! EKS clusters and node groups, ECR repositories.

use crate::fields::Fields;
use tightrope_core::state::aws::containers::{EcrRepository, EksCluster, EksNodeGroup};
use tightrope_core::{Attr, CloudState};

pub fn eks_cluster(f: &Fields, state: &mut CloudState) {
    let vpc = "ResourcesVpcConfig";
    let mut public_access_cidrs = f.strings(&format!("{vpc}.PublicAccessCidrs"));
    if public_access_cidrs.is_empty() {
        // A public endpoint is open to every address unless CIDRs are given.
        public_access_cidrs.push(Attr::default_value(Some("0.0.0.0/0".into()), f.block_origin()));
    }
    state.aws.containers.eks_clusters.push(EksCluster {
        meta: f.meta("Tags"),
        name: f.string("Name", None),
        version: f.string("Version", None),
        role: f.link("RoleArn"),
        endpoint_public_access: f.bool(&format!("{vpc}.EndpointPublicAccess"), Some(true)),
        endpoint_private_access: f.bool(&format!("{vpc}.EndpointPrivateAccess"), Some(false)),
        public_access_cidrs,
        secrets_kms_key: f.link("EncryptionConfig.Provider.KeyArn"),
        enabled_log_types: f.strings("Logging.ClusterLogging.EnabledTypes.Type"),
    });
}

pub fn eks_node_group(f: &Fields, state: &mut CloudState) {
    state.aws.containers.eks_node_groups.push(EksNodeGroup {
        meta: f.meta("Tags"),
        cluster: f.link("ClusterName"),
        node_role: f.link("NodeRole"),
        instance_types: f.strings("InstanceTypes"),
        ami_type: f.string("AmiType", None),
        ssh_key: f.string("RemoteAccess.Ec2SshKey", None),
        ssh_source_security_groups: f.links("RemoteAccess.SourceSecurityGroups"),
        launch_template: if f.has("LaunchTemplate.Id") { f.link("LaunchTemplate.Id") } else { f.link("LaunchTemplate.Name") },
    });
}

pub fn ecr_repository(f: &Fields, state: &mut CloudState) {
    state.aws.containers.ecr_repositories.push(EcrRepository {
        meta: f.meta("Tags"),
        name: f.string("RepositoryName", None),
        image_tag_mutability: f.string("ImageTagMutability", Some("MUTABLE")),
        scan_on_push: f.bool("ImageScanningConfiguration.ScanOnPush", Some(false)),
        encryption_type: f.string("EncryptionConfiguration.EncryptionType", Some("AES256")),
        kms_key: f.link("EncryptionConfiguration.KmsKey"),
        policy: f.policy("RepositoryPolicyText"),
    });
}

//! Merging the fragments of many service × region collections into one state.

use tightrope_core::state::aws::Aws;

/// Move every resource of `from` into `into`.
pub(crate) fn merge(into: &mut Aws, mut from: Aws) {
    into.s3.buckets.append(&mut from.s3.buckets);
    into.kms.keys.append(&mut from.kms.keys);
    let (iam, f) = (&mut into.iam, &mut from.iam);
    iam.roles.append(&mut f.roles);
    iam.users.append(&mut f.users);
    iam.groups.append(&mut f.groups);
    iam.policies.append(&mut f.policies);
    let (net, f) = (&mut into.network, &mut from.network);
    net.vpcs.append(&mut f.vpcs);
    net.subnets.append(&mut f.subnets);
    net.security_groups.append(&mut f.security_groups);
    net.vpc_endpoints.append(&mut f.vpc_endpoints);
    net.route_tables.append(&mut f.route_tables);
    net.network_acls.append(&mut f.network_acls);
    net.gateways.append(&mut f.gateways);
    net.peering_connections.append(&mut f.peering_connections);
    into.compute.instances.append(&mut from.compute.instances);
    into.compute.lambda_functions.append(&mut from.compute.lambda_functions);
    into.ebs.volumes.append(&mut from.ebs.volumes);
    let (sm, f) = (&mut into.sagemaker, &mut from.sagemaker);
    sm.notebook_instances.append(&mut f.notebook_instances);
    sm.domains.append(&mut f.domains);
    sm.models.append(&mut f.models);
    sm.endpoint_configs.append(&mut f.endpoint_configs);
    sm.training_jobs.append(&mut f.training_jobs);
    into.cloudtrail.trails.append(&mut from.cloudtrail.trails);
    let (c, f) = (&mut into.containers, &mut from.containers);
    c.eks_clusters.append(&mut f.eks_clusters);
    c.eks_node_groups.append(&mut f.eks_node_groups);
    c.ecr_repositories.append(&mut f.ecr_repositories);
    into.secretsmanager.secrets.append(&mut from.secretsmanager.secrets);
    into.guardduty.detectors.append(&mut from.guardduty.detectors);
}

/// Number of resources in `aws` (top-level resources, not rules or attachments).
pub(crate) fn count(aws: &Aws) -> usize {
    aws.s3.buckets.len()
        + aws.kms.keys.len()
        + aws.iam.roles.len()
        + aws.iam.users.len()
        + aws.iam.groups.len()
        + aws.iam.policies.len()
        + aws.network.vpcs.len()
        + aws.network.subnets.len()
        + aws.network.security_groups.len()
        + aws.network.vpc_endpoints.len()
        + aws.network.route_tables.len()
        + aws.network.network_acls.len()
        + aws.network.gateways.len()
        + aws.network.peering_connections.len()
        + aws.compute.instances.len()
        + aws.compute.lambda_functions.len()
        + aws.ebs.volumes.len()
        + aws.sagemaker.notebook_instances.len()
        + aws.sagemaker.domains.len()
        + aws.sagemaker.models.len()
        + aws.sagemaker.endpoint_configs.len()
        + aws.sagemaker.training_jobs.len()
        + aws.cloudtrail.trails.len()
        + aws.containers.eks_clusters.len()
        + aws.containers.eks_node_groups.len()
        + aws.containers.ecr_repositories.len()
        + aws.secretsmanager.secrets.len()
        + aws.guardduty.detectors.len()
}

//! Merging the fragments of many service × region collections into one state, counting and
//! ordering its resources. [`resource_lists!`] names every list the collector fills, once.

use tightrope_core::state::aws::Aws;

/// Calls `$m!` with every resource list of [`Aws`] the collector fills, as `group.list` paths.
macro_rules! resource_lists {
    ($m:ident) => {
        $m!(
            s3.buckets, kms.keys, iam.roles, iam.users, iam.groups, iam.policies,
            network.vpcs, network.subnets, network.security_groups, network.vpc_endpoints,
            network.route_tables, network.network_acls, network.gateways, network.peering_connections,
            network.prefix_lists, network.network_interfaces, network.load_balancers,
            compute.instances, compute.lambda_functions, ebs.volumes,
            sagemaker.notebook_instances, sagemaker.domains, sagemaker.models, sagemaker.endpoint_configs,
            sagemaker.training_jobs, cloudtrail.trails,
            containers.eks_clusters, containers.eks_node_groups, containers.ecr_repositories,
            secretsmanager.secrets, guardduty.detectors,
            bedrock.guardrails, bedrock.agents, bedrock.knowledge_bases, bedrock.invocation_logging, bedrock.custom_models,
            opensearch.domains, rds.instances, rds.clusters, dynamodb.tables
        )
    };
}

/// Move every resource of `from` into `into`.
pub(crate) fn merge(into: &mut Aws, mut from: Aws) {
    macro_rules! append {
        ($($group:ident . $list:ident),* $(,)?) => { $( into.$group.$list.append(&mut from.$group.$list); )* };
    }
    resource_lists!(append);
    // Monitoring schedules are bare metadata, not a resource list with its own `meta`.
    into.sagemaker.monitoring_schedules.append(&mut from.sagemaker.monitoring_schedules);
}

/// Number of resources in `aws` (top-level resources, not rules or attachments).
pub(crate) fn count(aws: &Aws) -> usize {
    macro_rules! sum {
        ($($group:ident . $list:ident),* $(,)?) => { 0 $( + aws.$group.$list.len() )* };
    }
    resource_lists!(sum) + aws.sagemaker.monitoring_schedules.len()
}

/// Order every list by address: the same account gives the same state, whichever task finished
/// first.
pub(crate) fn sort(aws: &mut Aws) {
    macro_rules! by_address {
        ($($group:ident . $list:ident),* $(,)?) => { $( aws.$group.$list.sort_by(|a, b| a.meta.address.cmp(&b.meta.address)); )* };
    }
    resource_lists!(by_address);
    aws.sagemaker.monitoring_schedules.sort_by(|a, b| a.address.cmp(&b.address));
}

//! CloudFormation vocabulary → typed [`CloudState`], one module per AWS service.
//!
//! [`RESOURCES`] maps each modelled resource type to the function that builds its typed struct;
//! [`ATTACHMENTS`] lists the types that configure another resource (a bucket policy, a standalone
//! security group rule, an IAM policy attached to roles) and are merged into it once every
//! resource exists. Omitted properties take AWS's documented defaults. Any other type, and an
//! attachment whose target is not in the scanned set, is counted under `state.unmodelled`.

mod bedrock;
mod cloudtrail;
mod compute;
mod containers;
mod dynamodb;
mod ebs;
mod guardduty;
mod iam;
mod kms;
mod network;
mod opensearch;
mod rds;
mod s3;
mod sagemaker;
mod sagemaker_ops;
mod secretsmanager;
mod target;

use crate::fields::Fields;
use crate::raw::RawResource;
use tightrope_core::{Attr, CloudState};

type Adapter = fn(&Fields, &mut CloudState);
/// Merges into the resource(s) it configures; `false` when none is in the scanned set.
type Attachment = fn(&Fields, &mut CloudState) -> bool;

const RESOURCES: &[(&str, Adapter)] = &[
    ("AWS::S3::Bucket", s3::bucket),
    ("AWS::KMS::Key", kms::key),
    ("AWS::IAM::Role", iam::role),
    ("AWS::IAM::User", iam::user),
    ("AWS::IAM::Group", iam::group),
    ("AWS::IAM::ManagedPolicy", iam::managed_policy),
    ("AWS::EC2::VPC", network::vpc),
    ("AWS::EC2::Subnet", network::subnet),
    ("AWS::EC2::SecurityGroup", network::security_group),
    ("AWS::EC2::VPCEndpoint", network::vpc_endpoint),
    ("AWS::EC2::RouteTable", network::route_table),
    ("AWS::EC2::NetworkAcl", network::network_acl),
    ("AWS::EC2::InternetGateway", network::internet_gateway),
    ("AWS::EC2::EgressOnlyInternetGateway", network::egress_only_internet_gateway),
    ("AWS::EC2::VPNGateway", network::vpn_gateway),
    ("AWS::EC2::TransitGateway", network::transit_gateway),
    ("AWS::EC2::NatGateway", network::nat_gateway),
    ("AWS::EC2::VPCPeeringConnection", network::peering_connection),
    ("AWS::EC2::NetworkInterface", network::network_interface),
    ("AWS::ElasticLoadBalancingV2::LoadBalancer", network::load_balancer_v2),
    ("AWS::ElasticLoadBalancing::LoadBalancer", network::load_balancer_classic),
    ("AWS::EC2::Instance", compute::instance),
    ("AWS::EC2::LaunchTemplate", compute::launch_template),
    ("AWS::Lambda::Function", compute::lambda_function),
    ("AWS::SageMaker::NotebookInstance", sagemaker::notebook_instance),
    ("AWS::SageMaker::Domain", sagemaker::domain),
    ("AWS::SageMaker::Model", sagemaker::model),
    ("AWS::SageMaker::EndpointConfig", sagemaker::endpoint_config),
    ("AWS::Bedrock::Guardrail", bedrock::guardrail),
    ("AWS::Bedrock::Agent", bedrock::agent),
    ("AWS::Bedrock::KnowledgeBase", bedrock::knowledge_base),
    ("AWS::EKS::Cluster", containers::eks_cluster),
    ("AWS::EKS::Nodegroup", containers::eks_node_group),
    ("AWS::ECR::Repository", containers::ecr_repository),
    ("AWS::CloudTrail::Trail", cloudtrail::trail),
    ("AWS::OpenSearchService::Domain", opensearch::domain),
    ("AWS::Elasticsearch::Domain", opensearch::domain),
    ("AWS::SecretsManager::Secret", secretsmanager::secret),
    ("AWS::RDS::DBInstance", rds::db_instance),
    ("AWS::RDS::DBCluster", rds::db_cluster),
    ("AWS::DynamoDB::Table", dynamodb::table),
    ("AWS::EC2::Volume", ebs::volume),
    ("AWS::GuardDuty::Detector", guardduty::detector),
    ("AWS::SageMaker::DataQualityJobDefinition", sagemaker_ops::job_definition),
    ("AWS::SageMaker::ModelQualityJobDefinition", sagemaker_ops::job_definition),
    ("AWS::SageMaker::ModelBiasJobDefinition", sagemaker_ops::job_definition),
    ("AWS::SageMaker::ModelExplainabilityJobDefinition", sagemaker_ops::job_definition),
    ("AWS::SageMaker::NotebookInstanceLifecycleConfig", sagemaker_ops::lifecycle_config),
    ("AWS::SageMaker::MonitoringSchedule", sagemaker_ops::monitoring_schedule),
    ("AWS::SageMaker::ModelPackageGroup", sagemaker_ops::model_package_group),
];

const ATTACHMENTS: &[(&str, Attachment)] = &[
    ("AWS::S3::BucketPolicy", s3::bucket_policy),
    ("AWS::IAM::ManagedPolicy", iam::attach_managed_policy),
    ("AWS::IAM::Policy", iam::attach_policy),
    ("AWS::IAM::AccessKey", iam::access_key),
    ("AWS::EC2::SecurityGroupIngress", network::ingress_rule),
    ("AWS::EC2::SecurityGroupEgress", network::egress_rule),
    ("AWS::EC2::FlowLog", network::flow_log),
    ("AWS::EC2::Route", network::route),
    ("AWS::EC2::SubnetRouteTableAssociation", network::route_table_association),
    ("AWS::EC2::NetworkAclEntry", network::network_acl_entry),
    ("AWS::EC2::SubnetNetworkAclAssociation", network::network_acl_association),
    ("AWS::EC2::VPCGatewayAttachment", network::gateway_attachment),
    ("AWS::EC2::TransitGatewayAttachment", network::transit_gateway_attachment),
    ("AWS::EC2::TransitGatewayVpcAttachment", network::transit_gateway_attachment),
    ("AWS::ElasticLoadBalancingV2::Listener", network::listener),
    ("AWS::Lambda::Url", compute::lambda_url),
    ("AWS::SecretsManager::RotationSchedule", secretsmanager::rotation_schedule),
];

/// Adapt CloudFormation resources into `state`.
pub fn adapt(raw: &[&RawResource], state: &mut CloudState) {
    for r in raw {
        match lookup(RESOURCES, &r.kind) {
            Some(build) => build(&Fields::new(r), state),
            None if lookup(ATTACHMENTS, &r.kind).is_none() => *state.unmodelled.entry(r.kind.clone()).or_default() += 1,
            None => {}
        }
    }
    for r in raw {
        if let Some(attach) = lookup(ATTACHMENTS, &r.kind) {
            // A managed policy is modelled on its own; only its attachments may find no target.
            if !attach(&Fields::new(r), state) && lookup(RESOURCES, &r.kind).is_none() {
                *state.unmodelled.entry(r.kind.clone()).or_default() += 1;
            }
        }
    }
}

fn lookup<F: Copy>(table: &[(&str, F)], kind: &str) -> Option<F> {
    table.iter().find(|(k, _)| *k == kind).map(|(_, f)| *f)
}

/// `true` (explicitly, at the property) when a property block is written; `false` by default.
fn declared(f: &Fields, path: &str) -> Attr<bool> {
    match f.node(path) {
        None => Attr::default_value(Some(false), f.block_origin()),
        Some(n) if n.is_unknown() => Attr::unknown(f.origin_of(n.span)),
        Some(n) => Attr::explicit(true, f.origin_of(n.span)),
    }
}

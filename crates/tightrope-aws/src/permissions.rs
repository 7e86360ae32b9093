//! Every API operation the collector may call, with the IAM action that authorises it.
//!
//! `docs/permissions.json` is [`policy_json`]: the minimal identity policy for the collector. A unit
//! test keeps the file equal to it; the emulator test records every call the collector makes
//! ([`crate::calls::CallLog`]) and fails on one that is not listed here or is not a read.

use serde_json::json;
use std::collections::BTreeSet;

/// One operation: the SDK's service name (as in its operation metadata), the operation, the action.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Permission {
    pub service: &'static str,
    pub operation: &'static str,
    pub action: &'static str,
}

const fn p(service: &'static str, operation: &'static str, action: &'static str) -> Permission {
    Permission { service, operation, action }
}

/// Every operation the collector calls.
pub const PERMISSIONS: &[Permission] = &[
    p("STS", "GetCallerIdentity", "sts:GetCallerIdentity"),
    p("EC2", "DescribeRegions", "ec2:DescribeRegions"),
    p("IAM", "GetAccountAuthorizationDetails", "iam:GetAccountAuthorizationDetails"),
    p("IAM", "ListAccessKeys", "iam:ListAccessKeys"),
    p("IAM", "GetLoginProfile", "iam:GetLoginProfile"),
    p("S3", "ListBuckets", "s3:ListAllMyBuckets"),
    p("S3", "GetBucketLocation", "s3:GetBucketLocation"),
    p("S3", "GetBucketAcl", "s3:GetBucketAcl"),
    p("S3", "GetBucketPolicy", "s3:GetBucketPolicy"),
    p("S3", "GetPublicAccessBlock", "s3:GetBucketPublicAccessBlock"),
    p("S3", "GetBucketEncryption", "s3:GetEncryptionConfiguration"),
    p("S3", "GetBucketVersioning", "s3:GetBucketVersioning"),
    p("S3", "GetBucketLogging", "s3:GetBucketLogging"),
    p("EC2", "DescribeVpcs", "ec2:DescribeVpcs"),
    p("EC2", "DescribeFlowLogs", "ec2:DescribeFlowLogs"),
    p("EC2", "DescribeSubnets", "ec2:DescribeSubnets"),
    p("EC2", "DescribeSecurityGroups", "ec2:DescribeSecurityGroups"),
    p("EC2", "DescribeVpcEndpoints", "ec2:DescribeVpcEndpoints"),
    p("EC2", "DescribeVolumes", "ec2:DescribeVolumes"),
    p("EC2", "DescribeInstances", "ec2:DescribeInstances"),
    p("EC2", "DescribeRouteTables", "ec2:DescribeRouteTables"),
    p("EC2", "DescribeNetworkAcls", "ec2:DescribeNetworkAcls"),
    p("EC2", "DescribeInternetGateways", "ec2:DescribeInternetGateways"),
    p("EC2", "DescribeEgressOnlyInternetGateways", "ec2:DescribeEgressOnlyInternetGateways"),
    p("EC2", "DescribeNatGateways", "ec2:DescribeNatGateways"),
    p("EC2", "DescribeTransitGateways", "ec2:DescribeTransitGateways"),
    p("EC2", "DescribeTransitGatewayAttachments", "ec2:DescribeTransitGatewayAttachments"),
    p("EC2", "DescribeVpnGateways", "ec2:DescribeVpnGateways"),
    p("EC2", "DescribeVpcPeeringConnections", "ec2:DescribeVpcPeeringConnections"),
    p("EC2", "DescribeManagedPrefixLists", "ec2:DescribeManagedPrefixLists"),
    p("EC2", "GetManagedPrefixListEntries", "ec2:GetManagedPrefixListEntries"),
    p("EC2", "DescribeNetworkInterfaces", "ec2:DescribeNetworkInterfaces"),
    p("KMS", "ListKeys", "kms:ListKeys"),
    p("KMS", "DescribeKey", "kms:DescribeKey"),
    p("KMS", "GetKeyRotationStatus", "kms:GetKeyRotationStatus"),
    p("KMS", "GetKeyPolicy", "kms:GetKeyPolicy"),
    p("CloudTrail", "DescribeTrails", "cloudtrail:DescribeTrails"),
    p("CloudTrail", "GetTrailStatus", "cloudtrail:GetTrailStatus"),
    p("CloudTrail", "GetEventSelectors", "cloudtrail:GetEventSelectors"),
    p("SageMaker", "ListNotebookInstances", "sagemaker:ListNotebookInstances"),
    p("SageMaker", "DescribeNotebookInstance", "sagemaker:DescribeNotebookInstance"),
    p("SageMaker", "ListEndpointConfigs", "sagemaker:ListEndpointConfigs"),
    p("SageMaker", "DescribeEndpointConfig", "sagemaker:DescribeEndpointConfig"),
    p("SageMaker", "ListModels", "sagemaker:ListModels"),
    p("SageMaker", "DescribeModel", "sagemaker:DescribeModel"),
    p("SageMaker", "ListTrainingJobs", "sagemaker:ListTrainingJobs"),
    p("SageMaker", "ListMonitoringSchedules", "sagemaker:ListMonitoringSchedules"),
    p("SageMaker", "DescribeTrainingJob", "sagemaker:DescribeTrainingJob"),
    p("SageMaker", "ListDomains", "sagemaker:ListDomains"),
    p("SageMaker", "DescribeDomain", "sagemaker:DescribeDomain"),
    p("Lambda", "ListFunctions", "lambda:ListFunctions"),
    p("ECR", "DescribeRepositories", "ecr:DescribeRepositories"),
    p("ECR", "GetRepositoryPolicy", "ecr:GetRepositoryPolicy"),
    p("EKS", "ListClusters", "eks:ListClusters"),
    p("EKS", "DescribeCluster", "eks:DescribeCluster"),
    p("EKS", "ListNodegroups", "eks:ListNodegroups"),
    p("EKS", "DescribeNodegroup", "eks:DescribeNodegroup"),
    p("Secrets Manager", "ListSecrets", "secretsmanager:ListSecrets"),
    p("GuardDuty", "ListDetectors", "guardduty:ListDetectors"),
    p("GuardDuty", "GetDetector", "guardduty:GetDetector"),
    p("Bedrock", "GetModelInvocationLoggingConfiguration", "bedrock:GetModelInvocationLoggingConfiguration"),
    p("Bedrock", "ListGuardrails", "bedrock:ListGuardrails"),
    p("Bedrock", "GetGuardrail", "bedrock:GetGuardrail"),
    p("Bedrock", "ListCustomModels", "bedrock:ListCustomModels"),
    p("Bedrock", "GetCustomModel", "bedrock:GetCustomModel"),
    p("Bedrock", "GetModelCustomizationJob", "bedrock:GetModelCustomizationJob"),
    p("Bedrock Agent", "ListAgents", "bedrock:ListAgents"),
    p("Bedrock Agent", "GetAgent", "bedrock:GetAgent"),
    p("Bedrock Agent", "ListKnowledgeBases", "bedrock:ListKnowledgeBases"),
    p("Bedrock Agent", "GetKnowledgeBase", "bedrock:GetKnowledgeBase"),
    p("OpenSearch", "ListDomainNames", "es:ListDomainNames"),
    p("OpenSearch", "DescribeDomains", "es:DescribeDomains"),
    p("RDS", "DescribeDBInstances", "rds:DescribeDBInstances"),
    p("RDS", "DescribeDBClusters", "rds:DescribeDBClusters"),
    p("DynamoDB", "ListTables", "dynamodb:ListTables"),
    p("DynamoDB", "DescribeTable", "dynamodb:DescribeTable"),
    p("DynamoDB", "DescribeContinuousBackups", "dynamodb:DescribeContinuousBackups"),
    p("Elastic Load Balancing v2", "DescribeLoadBalancers", "elasticloadbalancing:DescribeLoadBalancers"),
    p("Elastic Load Balancing v2", "DescribeListeners", "elasticloadbalancing:DescribeListeners"),
    p("Elastic Load Balancing v2", "DescribeTargetGroups", "elasticloadbalancing:DescribeTargetGroups"),
    p("Elastic Load Balancing v2", "DescribeTargetHealth", "elasticloadbalancing:DescribeTargetHealth"),
];

/// Verbs of read-only operations and actions.
const READ_VERBS: &[&str] = &["Describe", "Get", "List"];

/// The operation (or the action after its `service:` prefix) only reads.
pub fn is_read(name: &str) -> bool {
    let verb = name.rsplit(':').next().unwrap_or(name);
    READ_VERBS.iter().any(|v| verb.strip_prefix(v).is_some_and(|rest| rest.starts_with(|c: char| c.is_ascii_uppercase())))
}

/// The IAM action of an operation the collector may call.
pub fn action_for(service: &str, operation: &str) -> Option<&'static str> {
    PERMISSIONS.iter().find(|p| p.service == service && p.operation == operation).map(|p| p.action)
}

/// The minimal IAM policy of the collector (`docs/permissions.json`), pretty-printed.
pub fn policy_json() -> String {
    let actions: BTreeSet<&str> = PERMISSIONS.iter().map(|p| p.action).collect();
    let doc = json!({
        "Version": "2012-10-17",
        "Statement": [{
            "Sid": "TightropeReadOnlyCollector",
            "Effect": "Allow",
            "Action": actions,
            "Resource": "*",
        }],
    });
    serde_json::to_string_pretty(&doc).unwrap_or_default() + "\n"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_operation_and_action_is_a_read() {
        for p in PERMISSIONS {
            assert!(is_read(p.operation), "{} is not a read operation", p.operation);
            assert!(is_read(p.action), "{} is not a read action", p.action);
        }
        assert!(!is_read("PutBucketPolicy") && !is_read("s3:DeleteBucket") && !is_read("Getaway"));
    }

    #[test]
    fn published_policy_matches_the_operation_list() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../docs/permissions.json");
        let published = std::fs::read_to_string(path).unwrap_or_default();
        assert_eq!(published, policy_json(), "docs/permissions.json is stale: regenerate it with `tightrope collect aws --print-policy > docs/permissions.json`");
    }
}

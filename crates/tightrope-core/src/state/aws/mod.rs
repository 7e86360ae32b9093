//! AWS resources, one module per service.

pub mod bedrock;
pub mod cloudtrail;
pub mod compute;
pub mod containers;
pub mod dynamodb;
pub mod ebs;
pub mod guardduty;
pub mod iam;
pub mod kms;
pub mod network;
pub mod opensearch;
pub mod rds;
pub mod s3;
pub mod sagemaker;
pub mod secretsmanager;

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Aws {
    pub s3: s3::S3,
    pub kms: kms::Kms,
    pub iam: iam::Iam,
    pub network: network::Network,
    pub compute: compute::Compute,
    pub sagemaker: sagemaker::SageMaker,
    pub bedrock: bedrock::Bedrock,
    pub containers: containers::Containers,
    pub cloudtrail: cloudtrail::CloudTrail,
    pub opensearch: opensearch::OpenSearch,
    pub secretsmanager: secretsmanager::SecretsManager,
    pub rds: rds::Rds,
    pub dynamodb: dynamodb::DynamoDb,
    pub ebs: ebs::Ebs,
    pub guardduty: guardduty::GuardDuty,
}

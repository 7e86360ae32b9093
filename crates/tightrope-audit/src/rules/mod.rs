//! Every built-in rule, one per file. Add a rule: create its file with `declare_rule!`, list it
//! below, add `fixtures/<RULE-ID>/fire.*` and `pass.*`, then regenerate `docs/rules.md` with
//! `tightrope rules --markdown > docs/rules.md`.

use crate::rule::Rule;

pub mod support;

macro_rules! rules {
    ($($module:ident :: $rule:ident),* $(,)?) => {
        $(pub mod $module;)*

        /// All built-in rules, in id order.
        pub fn all() -> &'static [&'static dyn Rule] {
            &[$(&$module::$rule),*]
        }
    };
}

rules! {
    bedrock_agent_no_guardrail::BedrockAgentNoGuardrail,
    bedrock_guardrail_prompt_attack::BedrockGuardrailPromptAttack,
    bedrock_guardrail_no_sensitive_info::BedrockGuardrailNoSensitiveInfo,
    bedrock_no_cmk::BedrockNoCmk,
    bedrock_invocation_logging::BedrockInvocationLogging,
    bedrock_guardrail_no_grounding::BedrockGuardrailNoGrounding,
    bedrock_guardrail_no_cmk::BedrockGuardrailNoCmk,
    bedrock_custom_model_no_vpc::BedrockCustomModelNoVpc,
    cloudtrail_not_multi_region::CloudTrailNotMultiRegion,
    cloudtrail_no_log_validation::CloudTrailNoLogValidation,
    cloudtrail_no_kms::CloudTrailNoKms,
    cloudtrail_no_bedrock_data_events::CloudTrailNoBedrockDataEvents,
    ec2_sg_open_admin_ports::Ec2SgOpenAdminPorts,
    ec2_imdsv1::Ec2ImdsV1,
    ec2_unencrypted_volume::Ec2UnencryptedVolume,
    ec2_user_data_secrets::Ec2UserDataSecrets,
    ec2_ai_ports_open::Ec2AiPortsOpen,
    ecr_mutable_tags::EcrMutableTags,
    ecr_no_scan_on_push::EcrNoScanOnPush,
    eks_public_endpoint::EksPublicEndpoint,
    eks_no_secrets_encryption::EksNoSecretsEncryption,
    eks_no_audit_logging::EksNoAuditLogging,
    eks_gpu_nodegroup_ssh_open::EksGpuNodeGroupSshOpen,
    iam_admin_policy::IamAdminPolicy,
    iam_user_direct_permissions::IamUserDirectPermissions,
    iam_role_trust_any_principal::IamRoleTrustAnyPrincipal,
    kms_rotation_disabled::KmsRotationDisabled,
    lambda_env_secrets::LambdaEnvSecrets,
    opensearch_no_encryption_at_rest::OpenSearchNoEncryptionAtRest,
    opensearch_no_https::OpenSearchNoHttps,
    opensearch_public::OpenSearchPublic,
    opensearch_no_node_to_node::OpenSearchNoNodeToNode,
    opensearch_no_fgac::OpenSearchNoFgac,
    opensearch_no_audit_logs::OpenSearchNoAuditLogs,
    s3_public_access_block::S3PublicAccessBlock,
    s3_public_acl::S3PublicAcl,
    s3_policy_any_principal::S3PolicyAnyPrincipal,
    s3_no_default_encryption::S3NoDefaultEncryption,
    s3_versioning_disabled::S3VersioningDisabled,
    sagemaker_notebook_direct_internet::SageMakerNotebookDirectInternet,
    sagemaker_notebook_root_access::SageMakerNotebookRootAccess,
    sagemaker_notebook_no_vpc::SageMakerNotebookNoVpc,
    sagemaker_notebook_no_cmk::SageMakerNotebookNoCmk,
    sagemaker_notebook_imdsv1::SageMakerNotebookImdsV1,
    sagemaker_model_network_isolation::SageMakerModelNetworkIsolation,
    sagemaker_endpoint_config_no_kms::SageMakerEndpointConfigNoKms,
    sagemaker_domain_public_internet::SageMakerDomainPublicInternet,
    sagemaker_endpoint_no_data_capture::SageMakerEndpointNoDataCapture,
    sagemaker_data_capture_no_cmk::SageMakerDataCaptureNoCmk,
    sagemaker_domain_no_cmk::SageMakerDomainNoCmk,
    sagemaker_model_no_vpc::SageMakerModelNoVpc,
    secretsmanager_no_rotation::SecretsManagerNoRotation,
    k8s_privileged_container::K8sPrivilegedContainer,
    k8s_host_path_socket::K8sHostPathSocket,
    k8s_host_namespaces::K8sHostNamespaces,
    k8s_run_as_root::K8sRunAsRoot,
    k8s_env_secrets::K8sEnvSecrets,
    k8s_gpu_workload_privileged::K8sGpuWorkloadPrivileged,
    // audit-aws (issue 3, part A)
    sagemaker_job_no_network_isolation::SageMakerJobNoNetworkIsolation,
    sagemaker_job_no_traffic_encryption::SageMakerJobNoTrafficEncryption,
    sagemaker_job_volume_no_cmk::SageMakerJobVolumeNoCmk,
    sagemaker_job_output_no_cmk::SageMakerJobOutputNoCmk,
    sagemaker_job_no_vpc::SageMakerJobNoVpc,
    sagemaker_lifecycle_secrets::SageMakerLifecycleSecrets,
    sagemaker_domain_iam_auth::SageMakerDomainIamAuth,
    sagemaker_endpoint_no_monitoring::SageMakerEndpointNoMonitoring,
    sagemaker_model_no_registry::SageMakerModelNoRegistry,
    bedrock_logging_bucket_no_kms::BedrockLoggingBucketNoKms,
    bedrock_agent_role_broad::BedrockAgentRoleBroad,
    bedrock_no_vpc_endpoint::BedrockNoVpcEndpoint,
    iam_ai_service_wildcard::IamAiServiceWildcard,
    iam_passrole_any::IamPassRoleAny,
    iam_ai_role_broad_trust::IamAiRoleBroadTrust,
    s3_no_tls_only_policy::S3NoTlsOnlyPolicy,
    s3_training_bucket_no_logging::S3TrainingBucketNoLogging,
    s3_training_bucket_no_kms::S3TrainingBucketNoKms,
    rds_not_encrypted::RdsNotEncrypted,
    rds_public::RdsPublic,
    dynamodb_no_pitr::DynamoDbNoPitr,
    dynamodb_no_cmk::DynamoDbNoCmk,
    ebs_volume_unencrypted::EbsVolumeUnencrypted,
    ecr_no_cmk::EcrNoCmk,
    guardduty_disabled::GuardDutyDisabled,
    cloudtrail_no_training_data_events::CloudTrailNoTrainingDataEvents,
    lambda_data_access_no_vpc::LambdaDataAccessNoVpc,
    eks_gpu_nodegroup_imdsv1::EksGpuNodeGroupImdsV1,
    ec2_training_host_public_ip::Ec2TrainingHostPublicIp,
    k8s_ai_image_not_pinned::K8sAiImageNotPinned,
    k8s_ai_token_automount::K8sAiTokenAutomount,
    k8s_gpu_runs_as_root::K8sGpuRunsAsRoot,
}

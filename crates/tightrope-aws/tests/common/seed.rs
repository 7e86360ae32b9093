//! Seeding an emulated account through the SDK: a small AI account with known good and bad
//! resources (for the tests), and a bulk account of many resources (for the benchmark).

use aws_config::SdkConfig;
use aws_sdk_ec2::types::{IpPermission, IpRange};
use aws_sdk_s3::types::{
    BucketLoggingStatus, BucketVersioningStatus, LoggingEnabled, PublicAccessBlockConfiguration, ServerSideEncryption,
    ServerSideEncryptionByDefault, ServerSideEncryptionConfiguration, ServerSideEncryptionRule, VersioningConfiguration,
};
use aws_sdk_sagemaker::types::{DataCaptureConfig, DirectInternetAccess, RootAccess, CaptureOption, CaptureMode, ProductionVariant, ProductionVariantInstanceType, InstanceType, ContainerDefinition};

/// SDK configuration for seeding: static test credentials, the emulator's endpoint, `region`.
pub async fn config(endpoint: &str, region: &str) -> SdkConfig {
    aws_config::defaults(aws_config::BehaviorVersion::latest())
        .region(aws_config::Region::new(region.to_string()))
        .credentials_provider(aws_credential_types::Credentials::new("testing", "testing", None, None, "static"))
        .endpoint_url(endpoint)
        .load()
        .await
}

type Res = Result<(), Box<dyn std::error::Error + Send + Sync>>;

pub const GOOD_BUCKET: &str = "acme-training-data-good";
pub const BAD_BUCKET: &str = "acme-training-data-public";
pub const LOG_BUCKET: &str = "acme-access-logs";
pub const TRAIL_BUCKET: &str = "acme-cloudtrail";
pub const GOOD_ROLE: &str = "sagemaker-execution-good";
pub const BAD_ROLE: &str = "anyone-can-assume";
pub const ADMIN_POLICY: &str = "ml-admin-everything";
pub const GOOD_NOTEBOOK: &str = "research-notebook-locked";
pub const BAD_NOTEBOOK: &str = "research-notebook-open";
pub const GOOD_ENDPOINT_CONFIG: &str = "llm-serving-encrypted";
pub const BAD_ENDPOINT_CONFIG: &str = "llm-serving-plain";
pub const GOOD_SG: &str = "inference-internal";
pub const BAD_SG: &str = "jupyter-open-ssh";
pub const TRAIL: &str = "single-region-trail";

fn s3(c: &SdkConfig) -> aws_sdk_s3::Client {
    aws_sdk_s3::Client::from_conf(aws_sdk_s3::config::Builder::from(c).force_path_style(true).build())
}

const TRUST_SAGEMAKER: &str = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"sagemaker.amazonaws.com"},"Action":"sts:AssumeRole"}]}"#;
const TRUST_ANYONE: &str = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"sts:AssumeRole"}]}"#;
const SCOPED_POLICY: &str = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:GetObject"],"Resource":"arn:aws:s3:::acme-training-data-good/*"}]}"#;
const ADMIN: &str = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}"#;

fn tls_only(bucket: &str) -> String {
    format!(
        r#"{{"Version":"2012-10-17","Statement":[{{"Sid":"DenyPlainHttp","Effect":"Deny","Principal":"*","Action":"s3:*","Resource":["arn:aws:s3:::{bucket}","arn:aws:s3:::{bucket}/*"],"Condition":{{"Bool":{{"aws:SecureTransport":"false"}}}}}}]}}"#
    )
}

fn public_read(bucket: &str) -> String {
    format!(
        r#"{{"Version":"2012-10-17","Statement":[{{"Sid":"PublicRead","Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::{bucket}/*"}}]}}"#
    )
}

/// The small AI account: returns the ARN of the customer-managed KMS key it created.
pub async fn ai_account(c: &SdkConfig) -> Result<String, Box<dyn std::error::Error + Send + Sync>> {
    let kms = aws_sdk_kms::Client::new(c);
    let key = kms.create_key().description("training data key").send().await?;
    let key_arn = key.key_metadata().and_then(|m| m.arn()).unwrap_or_default().to_string();
    let key_id = key.key_metadata().map(|m| m.key_id().to_string()).unwrap_or_default();
    kms.enable_key_rotation().key_id(&key_id).send().await?;
    // A second key left without rotation (a finding).
    kms.create_key().description("forgotten key").send().await?;

    buckets(c, &key_arn).await?;
    iam(c).await?;
    let (vpc, subnet, sg_good, sg_bad) = network(c).await?;
    routing(c, &vpc, &subnet, &sg_bad).await.map_err(|e| format!("seed routing: {e:?}"))?;
    sagemaker(c, &key_arn, &subnet, &sg_good).await?;
    ai_data(c, &key_arn).await?;
    let ct = aws_sdk_cloudtrail::Client::new(c);
    ct.create_trail().name(TRAIL).s3_bucket_name(TRAIL_BUCKET).send().await?;
    // The trail logs object reads and writes of the training data (so the good bucket is clean);
    // it is still single-region and without log file validation.
    use aws_sdk_cloudtrail::types::{DataResource, EventSelector};
    let training = DataResource::builder().r#type("AWS::S3::Object").values(format!("arn:aws:s3:::{GOOD_BUCKET}/")).build();
    ct.put_event_selectors().trail_name(TRAIL).event_selectors(EventSelector::builder().data_resources(training).build()).send().await?;
    Ok(key_arn)
}

async fn buckets(c: &SdkConfig, key_arn: &str) -> Res {
    let s3 = s3(c);
    for b in [GOOD_BUCKET, BAD_BUCKET, LOG_BUCKET, TRAIL_BUCKET] {
        s3.create_bucket().bucket(b).send().await?;
    }
    // Good: every guard on.
    s3.put_public_access_block()
        .bucket(GOOD_BUCKET)
        .public_access_block_configuration(
            PublicAccessBlockConfiguration::builder()
                .block_public_acls(true)
                .block_public_policy(true)
                .ignore_public_acls(true)
                .restrict_public_buckets(true)
                .build(),
        )
        .send()
        .await?;
    let by_default = ServerSideEncryptionByDefault::builder().sse_algorithm(ServerSideEncryption::AwsKms).kms_master_key_id(key_arn).build()?;
    s3.put_bucket_encryption()
        .bucket(GOOD_BUCKET)
        .server_side_encryption_configuration(
            ServerSideEncryptionConfiguration::builder().rules(ServerSideEncryptionRule::builder().apply_server_side_encryption_by_default(by_default).build()).build()?,
        )
        .send()
        .await?;
    s3.put_bucket_versioning()
        .bucket(GOOD_BUCKET)
        .versioning_configuration(VersioningConfiguration::builder().status(BucketVersioningStatus::Enabled).build())
        .send()
        .await?;
    // The log bucket lets S3 log delivery write (moto, like S3, refuses a target without it).
    s3.put_bucket_acl().bucket(LOG_BUCKET).acl(aws_sdk_s3::types::BucketCannedAcl::from("log-delivery-write")).send().await?;
    s3.put_bucket_logging()
        .bucket(GOOD_BUCKET)
        .bucket_logging_status(
            BucketLoggingStatus::builder().logging_enabled(LoggingEnabled::builder().target_bucket(LOG_BUCKET).target_prefix("good/").build()?).build(),
        )
        .send()
        .await?;
    s3.put_bucket_policy().bucket(GOOD_BUCKET).policy(tls_only(GOOD_BUCKET)).send().await?;
    // Bad: public ACL and a policy open to anyone, nothing else.
    s3.put_bucket_acl().bucket(BAD_BUCKET).acl(aws_sdk_s3::types::BucketCannedAcl::PublicRead).send().await?;
    s3.put_bucket_policy().bucket(BAD_BUCKET).policy(public_read(BAD_BUCKET)).send().await?;
    Ok(())
}

async fn iam(c: &SdkConfig) -> Res {
    let iam = aws_sdk_iam::Client::new(c);
    iam.create_role().role_name(GOOD_ROLE).assume_role_policy_document(TRUST_SAGEMAKER).send().await?;
    iam.put_role_policy().role_name(GOOD_ROLE).policy_name("read-training-data").policy_document(SCOPED_POLICY).send().await?;
    iam.create_role().role_name(BAD_ROLE).assume_role_policy_document(TRUST_ANYONE).send().await?;
    let p = iam.create_policy().policy_name(ADMIN_POLICY).policy_document(ADMIN).send().await?;
    let arn = p.policy().and_then(|p| p.arn()).unwrap_or_default();
    iam.attach_role_policy().role_name(BAD_ROLE).policy_arn(arn).send().await?;
    Ok(())
}

/// A VPC, a subnet, a good and a bad security group; returns (VPC id, subnet id, good group id,
/// bad group id).
async fn network(c: &SdkConfig) -> Result<(String, String, String, String), Box<dyn std::error::Error + Send + Sync>> {
    let ec2 = aws_sdk_ec2::Client::new(c);
    let vpc = ec2.create_vpc().cidr_block("10.20.0.0/16").send().await?;
    let vpc_id = vpc.vpc().and_then(|v| v.vpc_id()).unwrap_or_default().to_string();
    let subnet = ec2.create_subnet().vpc_id(&vpc_id).cidr_block("10.20.1.0/24").send().await?;
    let subnet_id = subnet.subnet().and_then(|s| s.subnet_id()).unwrap_or_default().to_string();
    let good = ec2.create_security_group().group_name(GOOD_SG).description("https from the VPC").vpc_id(&vpc_id).send().await?;
    let good_id = good.group_id().unwrap_or_default().to_string();
    ec2.authorize_security_group_ingress()
        .group_id(&good_id)
        .ip_permissions(IpPermission::builder().ip_protocol("tcp").from_port(443).to_port(443).ip_ranges(IpRange::builder().cidr_ip("10.20.0.0/16").build()).build())
        .send()
        .await?;
    let bad = ec2.create_security_group().group_name(BAD_SG).description("ssh and jupyter from anywhere").vpc_id(&vpc_id).send().await?;
    let bad_id = bad.group_id().unwrap_or_default().to_string();
    for port in [22, 8888] {
        ec2.authorize_security_group_ingress()
            .group_id(&bad_id)
            .ip_permissions(IpPermission::builder().ip_protocol("tcp").from_port(port).to_port(port).ip_ranges(IpRange::builder().cidr_ip("0.0.0.0/0").build()).build())
            .send()
            .await?;
    }
    Ok((vpc_id, subnet_id, good_id, bad_id))
}

async fn sagemaker(c: &SdkConfig, key_arn: &str, subnet: &str, sg: &str) -> Res {
    let sm = aws_sdk_sagemaker::Client::new(c);
    let role = format!("arn:aws:iam::123456789012:role/{GOOD_ROLE}");
    sm.create_notebook_instance()
        .notebook_instance_name(GOOD_NOTEBOOK)
        .instance_type(InstanceType::MlT3Medium)
        .role_arn(&role)
        .direct_internet_access(DirectInternetAccess::Disabled)
        .root_access(RootAccess::Disabled)
        .instance_metadata_service_configuration(
            aws_sdk_sagemaker::types::InstanceMetadataServiceConfiguration::builder().minimum_instance_metadata_service_version("2").build(),
        )
        .kms_key_id(key_arn)
        .subnet_id(subnet)
        .security_group_ids(sg)
        .send()
        .await?;
    sm.create_notebook_instance().notebook_instance_name(BAD_NOTEBOOK).instance_type(InstanceType::MlT3Medium).role_arn(&role).send().await?;
    sm.create_model()
        .model_name("llm")
        .execution_role_arn(&role)
        .primary_container(ContainerDefinition::builder().image("123456789012.dkr.ecr.us-east-1.amazonaws.com/llm:1").build())
        .send()
        .await?;
    let variant = |model: &str| {
        ProductionVariant::builder().variant_name("main").model_name(model).initial_instance_count(1).instance_type(ProductionVariantInstanceType::MlM5Large).build()
    };
    let capture = DataCaptureConfig::builder()
        .enable_capture(true)
        .initial_sampling_percentage(100)
        .destination_s3_uri(format!("s3://{GOOD_BUCKET}/capture"))
        .kms_key_id(key_arn)
        .capture_options(CaptureOption::builder().capture_mode(CaptureMode::Input).build())
        .build();
    sm.create_endpoint_config()
        .endpoint_config_name(GOOD_ENDPOINT_CONFIG)
        .production_variants(variant("llm"))
        .kms_key_id(key_arn)
        .data_capture_config(capture)
        .send()
        .await?;
    sm.create_endpoint_config().endpoint_config_name(BAD_ENDPOINT_CONFIG).production_variants(variant("llm")).send().await?;
    Ok(())
}

/// A bulk account for the benchmark: `n` of each of buckets, roles, security groups and
/// SageMaker notebooks (so 4·n resources plus the defaults moto creates).
pub async fn bulk(c: &SdkConfig, n: usize) -> Res {
    let s3 = s3(c);
    let iam = aws_sdk_iam::Client::new(c);
    let ec2 = aws_sdk_ec2::Client::new(c);
    let sm = aws_sdk_sagemaker::Client::new(c);
    for i in 0..n {
        let b = format!("bench-bucket-{i:05}");
        s3.create_bucket().bucket(&b).send().await?;
        let status = if i % 3 == 0 { BucketVersioningStatus::Enabled } else { BucketVersioningStatus::Suspended };
        s3.put_bucket_versioning().bucket(&b).versioning_configuration(VersioningConfiguration::builder().status(status).build()).send().await?;
        if i % 2 == 0 {
            s3.put_bucket_policy().bucket(&b).policy(tls_only(&b)).send().await?;
        }
        iam.create_role().role_name(format!("bench-role-{i:05}")).assume_role_policy_document(if i % 10 == 0 { TRUST_ANYONE } else { TRUST_SAGEMAKER }).send().await?;
        let g = ec2.create_security_group().group_name(format!("bench-sg-{i:05}")).description("bench").send().await?;
        if i % 5 == 0 {
            ec2.authorize_security_group_ingress()
                .group_id(g.group_id().unwrap_or_default())
                .ip_permissions(IpPermission::builder().ip_protocol("tcp").from_port(22).to_port(22).ip_ranges(IpRange::builder().cidr_ip("0.0.0.0/0").build()).build())
                .send()
                .await?;
        }
        sm.create_notebook_instance()
            .notebook_instance_name(format!("bench-notebook-{i:05}"))
            .instance_type(InstanceType::MlT3Medium)
            .role_arn(format!("arn:aws:iam::123456789012:role/bench-role-{i:05}"))
            .send()
            .await?;
    }
    Ok(())
}

pub const GOOD_DB: &str = "features-db-private";
pub const BAD_DB: &str = "features-db-public";
pub const GOOD_TABLE: &str = "embeddings-cache-good";
pub const BAD_TABLE: &str = "embeddings-cache-plain";
pub const GOOD_DOMAIN: &str = "vectors-locked";
pub const BAD_DOMAIN: &str = "vectors-open";
pub const CUSTOM_MODEL: &str = "claims-classifier";
pub const PUBLIC_ROUTE_TABLE: &str = "public-routes";
pub const PUBLIC_HOST: &str = "gpu-trainer-public";
pub const INFERENCE_LB: &str = "inference-alb";

/// Data stores, vector stores and Bedrock resources of the AI account, each good and bad where the
/// emulator keeps the settings that make the difference.
pub async fn ai_data(c: &SdkConfig, key_arn: &str) -> Res {
    let role = format!("arn:aws:iam::123456789012:role/{GOOD_ROLE}");
    databases(c, key_arn).await.map_err(|e| format!("seed RDS: {e:?}"))?;
    tables(c, key_arn).await.map_err(|e| format!("seed DynamoDB: {e:?}"))?;
    domains(c, key_arn).await.map_err(|e| format!("seed OpenSearch: {e:?}"))?;
    bedrock(c, &role).await.map_err(|e| format!("seed Bedrock: {e:?}"))?;
    Ok(())
}

async fn databases(c: &SdkConfig, key_arn: &str) -> Res {
    let rds = aws_sdk_rds::Client::new(c);
    for (name, public, encrypted) in [(GOOD_DB, false, true), (BAD_DB, true, false)] {
        let mut db = rds
            .create_db_instance()
            .db_instance_identifier(name)
            .engine("postgres")
            .db_instance_class("db.t3.micro")
            .allocated_storage(20)
            .master_username("postgres")
            .master_user_password("not-a-real-password-1")
            .publicly_accessible(public)
            .storage_encrypted(encrypted)
            .deletion_protection(encrypted)
            .backup_retention_period(7);
        if encrypted {
            db = db.kms_key_id(key_arn);
        }
        db.send().await?;
    }
    Ok(())
}

async fn tables(c: &SdkConfig, key_arn: &str) -> Res {
    use aws_sdk_dynamodb::types::{AttributeDefinition, BillingMode, KeySchemaElement, KeyType, PointInTimeRecoverySpecification, ScalarAttributeType, SseSpecification, SseType};
    let ddb = aws_sdk_dynamodb::Client::new(c);
    for name in [GOOD_TABLE, BAD_TABLE] {
        let mut t = ddb
            .create_table()
            .table_name(name)
            .billing_mode(BillingMode::PayPerRequest)
            .attribute_definitions(AttributeDefinition::builder().attribute_name("id").attribute_type(ScalarAttributeType::S).build()?)
            .key_schema(KeySchemaElement::builder().attribute_name("id").key_type(KeyType::Hash).build()?);
        if name == GOOD_TABLE {
            t = t.sse_specification(SseSpecification::builder().enabled(true).sse_type(SseType::Kms).kms_master_key_id(key_arn).build());
        }
        t.send().await?;
    }
    ddb.update_continuous_backups()
        .table_name(GOOD_TABLE)
        .point_in_time_recovery_specification(PointInTimeRecoverySpecification::builder().point_in_time_recovery_enabled(true).build()?)
        .send()
        .await?;
    Ok(())
}

async fn domains(c: &SdkConfig, key_arn: &str) -> Res {
    use aws_sdk_opensearch::types::{AdvancedSecurityOptionsInput, DomainEndpointOptions, EncryptionAtRestOptions, LogPublishingOption, LogType, MasterUserOptions, NodeToNodeEncryptionOptions};
    let os = aws_sdk_opensearch::Client::new(c);
    let open = format!(r#"{{"Version":"2012-10-17","Statement":[{{"Effect":"Allow","Principal":{{"AWS":"*"}},"Action":"es:*","Resource":"arn:aws:es:us-east-1:123456789012:domain/{BAD_DOMAIN}/*"}}]}}"#);
    os.create_domain().domain_name(BAD_DOMAIN).engine_version("OpenSearch_2.11").access_policies(open).send().await?;
    os.create_domain()
        .domain_name(GOOD_DOMAIN)
        .engine_version("OpenSearch_2.11")
        .encryption_at_rest_options(EncryptionAtRestOptions::builder().enabled(true).kms_key_id(key_arn).build())
        .node_to_node_encryption_options(NodeToNodeEncryptionOptions::builder().enabled(true).build())
        .domain_endpoint_options(DomainEndpointOptions::builder().enforce_https(true).tls_security_policy(aws_sdk_opensearch::types::TlsSecurityPolicy::from("Policy-Min-TLS-1-2-PFS-2023-10")).build())
        .advanced_security_options(
            AdvancedSecurityOptionsInput::builder()
                .enabled(true)
                .internal_user_database_enabled(true)
                .master_user_options(MasterUserOptions::builder().master_user_name("admin").master_user_password("Not-a-real-passw0rd!").build())
                .build(),
        )
        .log_publishing_options(
            LogType::AuditLogs,
            LogPublishingOption::builder().enabled(true).cloud_watch_logs_log_group_arn("arn:aws:logs:us-east-1:123456789012:log-group:os-audit").build(),
        )
        .send()
        .await?;
    Ok(())
}

async fn bedrock(c: &SdkConfig, role: &str) -> Res {
    // No agent: moto 5.1 routes `/agents/` but not the `/agents` the SDK now calls, so agents
    // cannot be created here, and the collector records their listing as not collected.
    use aws_sdk_bedrock::types::{OutputDataConfig, TrainingDataConfig};
    let bedrock = aws_sdk_bedrock::Client::new(c);
    bedrock
        .create_model_customization_job()
        .job_name("claims-finetune")
        .custom_model_name(CUSTOM_MODEL)
        .role_arn(role)
        .base_model_identifier("amazon.titan-text-express-v1")
        .training_data_config(TrainingDataConfig::builder().s3_uri(format!("s3://{GOOD_BUCKET}/train.jsonl")).build())
        .output_data_config(OutputDataConfig::builder().s3_uri(format!("s3://{GOOD_BUCKET}/out/")).build()?)
        .hyper_parameters("epochCount", "1")
        .send()
        .await?;
    Ok(())
}

/// Routing of the AI VPC: an internet gateway and a route table sending the subnet's default
/// route to it (a public subnet), a network ACL, and a training host with a public address in the
/// subnet, behind the bad security group.
pub async fn routing(c: &SdkConfig, vpc_id: &str, subnet_id: &str, open_sg: &str) -> Res {
    use aws_sdk_ec2::types::{ResourceType, Tag, TagSpecification};
    let ec2 = aws_sdk_ec2::Client::new(c);
    let igw = ec2.create_internet_gateway().send().await?;
    let igw_id = igw.internet_gateway().and_then(|g| g.internet_gateway_id()).unwrap_or_default().to_string();
    ec2.attach_internet_gateway().internet_gateway_id(&igw_id).vpc_id(vpc_id).send().await?;
    let name = TagSpecification::builder().resource_type(ResourceType::RouteTable).tags(Tag::builder().key("Name").value(PUBLIC_ROUTE_TABLE).build()).build();
    let rt = ec2.create_route_table().vpc_id(vpc_id).tag_specifications(name).send().await?;
    let rt_id = rt.route_table().and_then(|t| t.route_table_id()).unwrap_or_default().to_string();
    ec2.create_route().route_table_id(&rt_id).destination_cidr_block("0.0.0.0/0").gateway_id(&igw_id).send().await?;
    ec2.associate_route_table().route_table_id(&rt_id).subnet_id(subnet_id).send().await?;
    let acl = ec2.create_network_acl().vpc_id(vpc_id).send().await?;
    let acl_id = acl.network_acl().and_then(|a| a.network_acl_id()).unwrap_or_default().to_string();
    ec2.create_network_acl_entry()
        .network_acl_id(&acl_id)
        .rule_number(100)
        .protocol("6")
        .rule_action(aws_sdk_ec2::types::RuleAction::Allow)
        .egress(false)
        .cidr_block("10.0.0.0/8")
        .port_range(aws_sdk_ec2::types::PortRange::builder().from(443).to(443).build())
        .send()
        .await?;
    let host = TagSpecification::builder().resource_type(ResourceType::Instance).tags(Tag::builder().key("Name").value(PUBLIC_HOST).build()).build();
    let eni = aws_sdk_ec2::types::InstanceNetworkInterfaceSpecification::builder()
        .device_index(0)
        .subnet_id(subnet_id)
        .groups(open_sg)
        .associate_public_ip_address(true)
        .build();
    let run = ec2.run_instances().image_id("ami-12c6146b").instance_type(aws_sdk_ec2::types::InstanceType::T3Micro).min_count(1).max_count(1).network_interfaces(eni).tag_specifications(host).send().await?;
    let instance = run.instances().first().and_then(|i| i.instance_id()).unwrap_or_default().to_string();
    load_balancer(c, vpc_id, subnet_id, open_sg, &instance).await
}

/// An internet-facing load balancer forwarding port 80 to the host.
async fn load_balancer(c: &SdkConfig, vpc_id: &str, subnet_id: &str, sg: &str, instance: &str) -> Res {
    use aws_sdk_elasticloadbalancingv2::types::{Action, ActionTypeEnum, LoadBalancerSchemeEnum, ProtocolEnum, TargetDescription};
    let elb = aws_sdk_elasticloadbalancingv2::Client::new(c);
    let lb = elb.create_load_balancer().name(INFERENCE_LB).subnets(subnet_id).security_groups(sg).scheme(LoadBalancerSchemeEnum::InternetFacing).send().await?;
    let lb_arn = lb.load_balancers().first().and_then(|l| l.load_balancer_arn()).unwrap_or_default().to_string();
    let tg = elb.create_target_group().name("inference").protocol(ProtocolEnum::Http).port(8888).vpc_id(vpc_id).send().await?;
    let tg_arn = tg.target_groups().first().and_then(|t| t.target_group_arn()).unwrap_or_default().to_string();
    elb.register_targets().target_group_arn(&tg_arn).targets(TargetDescription::builder().id(instance).build()).send().await?;
    let forward = Action::builder().r#type(ActionTypeEnum::Forward).target_group_arn(&tg_arn).build();
    elb.create_listener().load_balancer_arn(&lb_arn).protocol(ProtocolEnum::Http).port(80).default_actions(forward).send().await?;
    Ok(())
}

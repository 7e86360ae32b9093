//! EC2 instances and launch templates (both into `Instance`), Lambda functions with
//! `AWS::Lambda::Url` merged in by `TargetFunctionArn`.

use super::target;
use crate::fields::{scalar_string, Fields};
use crate::node::Value;
use std::collections::BTreeMap;
use tightrope_core::state::aws::compute::{Instance, LambdaFunction};
use tightrope_core::{Attr, CloudState};

/// Instance settings, read relative to the instance's properties or a `LaunchTemplateData`.
fn instance_settings(f: &Fields, meta: tightrope_core::state::Meta) -> Instance {
    let mut volumes = f.all("BlockDeviceMappings").into_iter().filter(|n| n.get("Ebs").is_some()).map(|n| f.at(n).bool("Ebs.Encrypted", Some(false)));
    let root_volume_encrypted = volumes.next().unwrap_or_else(|| Attr::default_value(Some(false), f.block_origin()));
    let ebs_volumes_encrypted = volumes.collect();
    let mut security_groups = f.links("SecurityGroupIds");
    security_groups.extend(f.links("SecurityGroups"));
    security_groups.extend(f.links("NetworkInterfaces.Groups"));
    security_groups.extend(f.links("NetworkInterfaces.GroupSet"));
    // An instance names its profile; a launch template has `{Arn}` or `{Name}`.
    let iam_instance_profile = match f.node("IamInstanceProfile").map(|n| &n.value) {
        Some(Value::Map(_)) if f.has("IamInstanceProfile.Arn") => f.link("IamInstanceProfile.Arn"),
        Some(Value::Map(_)) => f.link("IamInstanceProfile.Name"),
        _ => f.link("IamInstanceProfile"),
    };
    let monitoring = match f.node("Monitoring").map(|n| &n.value) {
        Some(Value::Map(_)) => f.bool("Monitoring.Enabled", Some(false)),
        _ => f.bool("Monitoring", Some(false)),
    };
    let subnet = if f.has("SubnetId") { f.link("SubnetId") } else { f.link("NetworkInterfaces.SubnetId") };
    Instance {
        meta,
        instance_type: f.string("InstanceType", None),
        ami: f.string("ImageId", None),
        associate_public_ip: f.bool("NetworkInterfaces.AssociatePublicIpAddress", None),
        subnet,
        security_groups,
        iam_instance_profile,
        metadata_http_tokens: f.string("MetadataOptions.HttpTokens", Some("optional")),
        metadata_http_endpoint: f.string("MetadataOptions.HttpEndpoint", Some("enabled")),
        root_volume_encrypted,
        ebs_volumes_encrypted,
        user_data: f.string("UserData", None),
        monitoring,
    }
}

pub fn instance(f: &Fields, state: &mut CloudState) {
    let meta = f.meta("Tags");
    state.aws.compute.instances.push(instance_settings(f, meta));
}

pub fn launch_template(f: &Fields, state: &mut CloudState) {
    let meta = f.meta("TagSpecifications.Tags");
    let data = f.node("LaunchTemplateData").map_or_else(|| Fields::new(f.res), |n| f.at(n));
    state.aws.compute.instances.push(instance_settings(&data, meta));
}

pub fn lambda_function(f: &Fields, state: &mut CloudState) {
    let environment: BTreeMap<String, Attr<String>> = f
        .node("Environment.Variables")
        .and_then(|n| n.as_map())
        .unwrap_or_default()
        .iter()
        .map(|(k, v)| {
            let origin = f.origin_of(v.span);
            (k.clone(), scalar_string(v).map_or_else(|| Attr::unknown(origin.clone()), |s| Attr::explicit(s, origin.clone())))
        })
        .collect();
    state.aws.compute.lambda_functions.push(LambdaFunction {
        meta: f.meta("Tags"),
        name: f.string("FunctionName", None),
        role: f.link("Role"),
        runtime: f.string("Runtime", None),
        environment,
        kms_key: f.link("KmsKeyArn"),
        in_vpc: if f.has("VpcConfig.SubnetIds") { super::declared(f, "VpcConfig.SubnetIds") } else { Attr::default_value(Some(false), f.block_origin()) },
        tracing_mode: f.string("TracingConfig.Mode", Some("PassThrough")),
        reserved_concurrency: f.int("ReservedConcurrentExecutions", None),
        url_auth_type: Attr::default_value(None, f.block_origin()),
    });
}

pub fn lambda_url(f: &Fields, state: &mut CloudState) -> bool {
    let auth = f.string("AuthType", None);
    target::each(f, "TargetFunctionArn", &mut state.aws.compute.lambda_functions, |l| (&l.meta, l.name.value.as_deref()), |l| l.url_auth_type = auth.clone())
}

//! EC2 instances, launch templates and launch configurations (all as [`Instance`], keeping their
//! own source type), and Lambda functions with `aws_lambda_function_url` merged in by
//! `function_name`.

use super::ByKind;
use super::block::{present, string_map, within};
use super::target::{Target, merge_each};
use crate::fields::Fields;
use tightrope_core::state::LinkAttr;
use tightrope_core::state::aws::compute::{Instance, LambdaFunction};
use tightrope_core::{Attr, CloudState};

pub const KINDS: &[&str] =
    &["aws_instance", "aws_launch_template", "aws_launch_configuration", "aws_lambda_function", "aws_lambda_function_url"];

impl Target for LambdaFunction {
    fn address(&self) -> &str {
        &self.meta.address
    }
    fn literal_name(&self) -> Option<&str> {
        self.name.get().map(String::as_str)
    }
}

pub fn adapt(by: &ByKind, state: &mut CloudState) {
    let compute = &mut state.aws.compute;
    compute.instances.extend(by.of("aws_instance").iter().map(|r| instance(&Fields::new(r))));
    compute.instances.extend(by.of("aws_launch_template").iter().map(|r| launch_template(&Fields::new(r))));
    compute.instances.extend(by.of("aws_launch_configuration").iter().map(|r| launch_configuration(&Fields::new(r))));
    compute.lambda_functions.extend(by.of("aws_lambda_function").iter().map(|r| lambda(&Fields::new(r))));
    merge_each(
        by,
        "aws_lambda_function_url",
        "function_name",
        &mut compute.lambda_functions,
        &mut state.unmodelled,
        |f| f.string("authorization_type", None),
        |l, auth| l.url_auth_type = auth,
    );
}

/// IMDS settings shared by instances, launch templates and launch configurations.
fn metadata(f: &Fields) -> (Attr<String>, Attr<String>) {
    (f.string("metadata_options.http_tokens", Some("optional")), f.string("metadata_options.http_endpoint", Some("enabled")))
}

/// Inline `ebs_block_device` blocks (instances, launch configurations): unencrypted unless set.
fn ebs_volumes(f: &Fields) -> Vec<Attr<bool>> {
    f.all("ebs_block_device").into_iter().map(|b| within(f, b, |g| g.bool("encrypted", Some(false)))).collect()
}

fn links_of(f: &Fields, paths: &[&str]) -> Vec<LinkAttr> {
    paths.iter().flat_map(|p| f.links(p)).collect()
}

fn instance(f: &Fields) -> Instance {
    let (metadata_http_tokens, metadata_http_endpoint) = metadata(f);
    Instance {
        meta: f.meta("tags"),
        instance_type: f.string("instance_type", None),
        ami: f.string("ami", None),
        // Left out, the subnet's `map_public_ip_on_launch` decides.
        associate_public_ip: f.bool("associate_public_ip_address", None),
        subnet: f.link("subnet_id"),
        security_groups: links_of(f, &["vpc_security_group_ids", "security_groups"]),
        iam_instance_profile: f.link("iam_instance_profile"),
        metadata_http_tokens,
        metadata_http_endpoint,
        root_volume_encrypted: f.bool("root_block_device.encrypted", Some(false)),
        ebs_volumes_encrypted: ebs_volumes(f),
        user_data: user_data(f),
        monitoring: f.bool("monitoring", Some(false)),
    }
}

/// A launch template's instance settings. Volumes come from `block_device_mappings[*].ebs`, whose
/// `encrypted` left out follows the snapshot / account default, so it is not guessed.
fn launch_template(f: &Fields) -> Instance {
    let (metadata_http_tokens, metadata_http_endpoint) = metadata(f);
    Instance {
        meta: f.meta("tags"),
        instance_type: f.string("instance_type", None),
        ami: f.string("image_id", None),
        associate_public_ip: f.bool("network_interfaces.associate_public_ip_address", None),
        subnet: f.link("network_interfaces.subnet_id"),
        security_groups: links_of(f, &["vpc_security_group_ids", "security_group_names", "network_interfaces.security_groups"]),
        iam_instance_profile: if f.has("iam_instance_profile.arn") {
            f.link("iam_instance_profile.arn")
        } else {
            f.link("iam_instance_profile.name")
        },
        metadata_http_tokens,
        metadata_http_endpoint,
        root_volume_encrypted: Attr::default_value(None, f.block_origin()),
        ebs_volumes_encrypted: f
            .all("block_device_mappings")
            .into_iter()
            .map(|b| within(f, b, |g| g.bool("ebs.encrypted", None)))
            .collect(),
        user_data: user_data(f),
        monitoring: f.bool("monitoring.enabled", Some(false)),
    }
}

fn launch_configuration(f: &Fields) -> Instance {
    let (metadata_http_tokens, metadata_http_endpoint) = metadata(f);
    Instance {
        meta: f.meta("tags"),
        instance_type: f.string("instance_type", None),
        ami: f.string("image_id", None),
        associate_public_ip: f.bool("associate_public_ip_address", None),
        subnet: Attr::default_value(None, f.block_origin()),
        security_groups: f.links("security_groups"),
        iam_instance_profile: f.link("iam_instance_profile"),
        metadata_http_tokens,
        metadata_http_endpoint,
        root_volume_encrypted: f.bool("root_block_device.encrypted", Some(false)),
        ebs_volumes_encrypted: ebs_volumes(f),
        user_data: user_data(f),
        monitoring: f.bool("enable_monitoring", Some(true)),
    }
}

/// `user_data`, or `user_data_base64` when that is what is written.
fn user_data(f: &Fields) -> Attr<String> {
    let path = if !f.has("user_data") && f.has("user_data_base64") { "user_data_base64" } else { "user_data" };
    f.string(path, None)
}

fn lambda(f: &Fields) -> LambdaFunction {
    LambdaFunction {
        meta: f.meta("tags"),
        name: f.string("function_name", None),
        role: f.link("role"),
        runtime: f.string("runtime", None),
        environment: string_map(f, "environment.variables"),
        kms_key: f.link("kms_key_arn"),
        in_vpc: present(f, "vpc_config.subnet_ids"),
        tracing_mode: f.string("tracing_config.mode", Some("PassThrough")),
        reserved_concurrency: f.int("reserved_concurrent_executions", Some(-1)),
        url_auth_type: Attr::default_value(None, f.block_origin()),
    }
}

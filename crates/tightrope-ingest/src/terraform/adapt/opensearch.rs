//! OpenSearch and Elasticsearch domains, with `aws_{opensearch,elasticsearch}_domain_policy`
//! merged in by `domain_name`.

use super::ByKind;
use super::block::present;
use super::target::{Target, merge_each};
use crate::fields::{Fields, scalar_bool};
use tightrope_core::state::aws::opensearch::Domain;
use tightrope_core::{Attr, CloudState};

pub const KINDS: &[&str] =
    &["aws_opensearch_domain", "aws_elasticsearch_domain", "aws_opensearch_domain_policy", "aws_elasticsearch_domain_policy"];

impl Target for Domain {
    fn address(&self) -> &str {
        &self.meta.address
    }
    fn literal_name(&self) -> Option<&str> {
        self.name.get().map(String::as_str)
    }
}

pub fn adapt(by: &ByKind, state: &mut CloudState) {
    let domains = &mut state.aws.opensearch.domains;
    domains.extend(by.of("aws_opensearch_domain").iter().map(|r| domain(&Fields::new(r), "engine_version")));
    domains.extend(by.of("aws_elasticsearch_domain").iter().map(|r| domain(&Fields::new(r), "elasticsearch_version")));
    for kind in ["aws_opensearch_domain_policy", "aws_elasticsearch_domain_policy"] {
        merge_each(by, kind, "domain_name", domains, &mut state.unmodelled, |f| f.policy("access_policies"), |d, p| d.access_policy = p);
    }
}

fn domain(f: &Fields, version_attr: &str) -> Domain {
    Domain {
        meta: f.meta("tags"),
        name: f.string("domain_name", None),
        engine_version: f.string(version_attr, None),
        encrypt_at_rest: f.bool("encrypt_at_rest.enabled", Some(false)),
        kms_key: f.link("encrypt_at_rest.kms_key_id"),
        node_to_node_encryption: f.bool("node_to_node_encryption.enabled", Some(false)),
        // The provider defaults `enforce_https` to true inside a `domain_endpoint_options` block;
        // without the block the domain keeps the AWS API default, HTTPS not enforced.
        enforce_https: f.bool("domain_endpoint_options.enforce_https", Some(f.has("domain_endpoint_options"))),
        tls_security_policy: f.string("domain_endpoint_options.tls_security_policy", None),
        in_vpc: present(f, "vpc_options"),
        fine_grained_access_control: f.bool("advanced_security_options.enabled", Some(false)),
        access_policy: f.policy("access_policies"),
        log_types: published_logs(f),
    }
}

/// `log_publishing_options[*].log_type`, leaving out blocks with `enabled = false`.
fn published_logs(f: &Fields) -> Vec<Attr<String>> {
    f.all("log_publishing_options")
        .into_iter()
        .filter(|b| b.get("enabled").and_then(scalar_bool) != Some(false))
        .flat_map(|b| f.at(b).strings("log_type"))
        .collect()
}

//! `AWS::OpenSearchService::Domain` and `AWS::Elasticsearch::Domain` (same property names, except
//! the engine version).

use super::declared;
use crate::fields::{scalar_bool, Fields};
use tightrope_core::state::aws::opensearch::Domain;
use tightrope_core::{Attr, CloudState};

pub fn domain(f: &Fields, state: &mut CloudState) {
    let version = if f.has("ElasticsearchVersion") { "ElasticsearchVersion" } else { "EngineVersion" };
    // `LogPublishingOptions: {AUDIT_LOGS: {Enabled: true, ...}}`: a written entry is on unless disabled.
    let log_types = f
        .node("LogPublishingOptions")
        .and_then(|n| n.as_map())
        .unwrap_or_default()
        .iter()
        .filter(|(_, v)| v.get("Enabled").and_then(scalar_bool) != Some(false))
        .map(|(k, v)| Attr::explicit(k.clone(), f.origin_of(v.span)))
        .collect();
    state.aws.opensearch.domains.push(Domain {
        meta: f.meta("Tags"),
        name: f.string("DomainName", None),
        engine_version: f.string(version, None),
        encrypt_at_rest: f.bool("EncryptionAtRestOptions.Enabled", Some(false)),
        kms_key: f.link("EncryptionAtRestOptions.KmsKeyId"),
        node_to_node_encryption: f.bool("NodeToNodeEncryptionOptions.Enabled", Some(false)),
        enforce_https: f.bool("DomainEndpointOptions.EnforceHTTPS", Some(false)),
        tls_security_policy: f.string("DomainEndpointOptions.TLSSecurityPolicy", Some("Policy-Min-TLS-1-0-2019-07")),
        in_vpc: declared(f, "VPCOptions"),
        fine_grained_access_control: f.bool("AdvancedSecurityOptions.Enabled", Some(false)),
        access_policy: f.policy("AccessPolicies"),
        log_types,
    });
}

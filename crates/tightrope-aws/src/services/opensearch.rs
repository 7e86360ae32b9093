//! OpenSearch Service domains (vector stores for RAG): listed by name, then described five at a
//! time (the most `DescribeDomains` accepts).

use crate::services::{describe_each, Fragment};
use crate::session::{client, Ctx};
use crate::values::{api, attr, link, meta, policy, text, texts};
use aws_sdk_opensearch::types::DomainStatus;
use tightrope_core::state::aws::opensearch::Domain;
use tightrope_core::Attr;

/// Domains per `DescribeDomains` call.
const PER_CALL: usize = 5;

pub(crate) async fn collect(ctx: &Ctx, f: &mut Fragment) {
    let os = client!(aws_sdk_opensearch, ctx);
    let Ok(Some(out)) = f.gaps.sub("ListDomainNames", os.list_domain_names().send().await, &[]) else { return };
    let names: Vec<String> = out.domain_names().iter().filter_map(|d| d.domain_name().map(str::to_string)).collect();
    let batches: Vec<Vec<String>> = names.chunks(PER_CALL).map(<[String]>::to_vec).collect();
    let described = describe_each(&mut f.gaps, "DescribeDomains", batches, |batch| os.describe_domains().set_domain_names(Some(batch)).send()).await;
    for d in described.iter().flat_map(|out| out.domain_status_list()) {
        f.aws.opensearch.domains.push(domain(d));
    }
}

fn domain(d: &DomainStatus) -> Domain {
    let arn = d.arn();
    let rest = d.encryption_at_rest_options();
    let endpoint = d.domain_endpoint_options();
    let logs = d.log_publishing_options().into_iter().flatten().filter(|(_, o)| o.enabled() == Some(true)).map(|(t, _)| t.as_str());
    let mut logs: Vec<&str> = logs.collect();
    logs.sort_unstable();
    Domain {
        meta: meta(arn, "AWS::OpenSearchService::Domain", "DomainStatusList"),
        name: text(Some(d.domain_name()), arn, "DomainName"),
        engine_version: text(d.engine_version(), arn, "EngineVersion"),
        encrypt_at_rest: attr(rest.and_then(|r| r.enabled()), Some(false), arn, "EncryptionAtRestOptions.Enabled"),
        kms_key: link(rest.and_then(|r| r.kms_key_id()), arn, "EncryptionAtRestOptions.KmsKeyId"),
        node_to_node_encryption: attr(d.node_to_node_encryption_options().and_then(|n| n.enabled()), Some(false), arn, "NodeToNodeEncryptionOptions.Enabled"),
        enforce_https: attr(endpoint.and_then(|e| e.enforce_https()), Some(false), arn, "DomainEndpointOptions.EnforceHTTPS"),
        tls_security_policy: text(endpoint.and_then(|e| e.tls_security_policy()).map(|t| t.as_str()), arn, "DomainEndpointOptions.TLSSecurityPolicy"),
        in_vpc: Attr::explicit(d.vpc_options().is_some_and(|v| v.vpc_id().is_some()), api(arn, "VPCOptions")),
        fine_grained_access_control: attr(d.advanced_security_options().and_then(|a| a.enabled()), Some(false), arn, "AdvancedSecurityOptions.Enabled"),
        access_policy: policy(d.access_policies(), arn, "AccessPolicies"),
        log_types: texts(logs, arn, "LogPublishingOptions"),
    }
}

//! Terraform vocabulary -> typed [`CloudState`], one module per AWS service.
//!
//! Each service module names the resource types it reads (`KINDS`) and adapts them, merging the
//! split resources Terraform spreads a setting over (bucket policies, role attachments, security
//! group rules) into the resource they configure. Every other resource type is counted under
//! `state.unmodelled`, as is a split resource whose target is not in the scanned set.

mod azure;
mod bedrock;
mod block;
mod cloudtrail;
mod compute;
mod containers;
mod gcp;
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

use crate::node::Node;
use crate::raw::RawResource;
use std::collections::BTreeMap;
use tightrope_core::CloudState;

/// The resources of one scan, grouped by Terraform resource type.
pub(crate) struct ByKind<'a> {
    map: BTreeMap<&'a str, Vec<&'a RawResource>>,
    /// The `id` and `arn` each resource has in plan or state JSON, by address.
    ids: BTreeMap<&'a str, Vec<&'a str>>,
}

impl<'a> ByKind<'a> {
    fn new(raw: &[&'a RawResource]) -> Self {
        let mut map: BTreeMap<&str, Vec<&RawResource>> = BTreeMap::new();
        let mut ids: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
        for r in raw {
            map.entry(r.kind.as_str()).or_default().push(r);
            let known = ["id", "arn"].into_iter().filter_map(|k| r.body.get(k).and_then(Node::as_str));
            ids.entry(r.address.as_str()).or_default().extend(known);
        }
        ByKind { map, ids }
    }

    /// The IDs / ARNs the resource at `address` is known by (plan and state JSON only).
    pub fn ids(&self, address: &str) -> &[&'a str] {
        self.ids.get(address).map_or(&[], Vec::as_slice)
    }

    /// Every resource of this type, in input order.
    pub fn of(&self, kind: &str) -> &[&'a RawResource] {
        self.map.get(kind).map_or(&[], Vec::as_slice)
    }
}

type Adapter = fn(&ByKind, &mut CloudState);

/// Service adapters and the resource types each one models.
const SERVICES: &[(&[&str], Adapter)] = &[
    (s3::KINDS, s3::adapt),
    (kms::KINDS, kms::adapt),
    (iam::KINDS, iam::adapt),
    (network::KINDS, network::adapt),
    (compute::KINDS, compute::adapt),
    (sagemaker::KINDS, sagemaker::adapt),
    (bedrock::KINDS, bedrock::adapt),
    (containers::KINDS, containers::adapt),
    (cloudtrail::KINDS, cloudtrail::adapt),
    (opensearch::KINDS, opensearch::adapt),
    (secretsmanager::KINDS, secretsmanager::adapt),
    (rds::KINDS, rds::adapt),
    (dynamodb::KINDS, dynamodb::adapt),
    (ebs::KINDS, ebs::adapt),
    (guardduty::KINDS, guardduty::adapt),
    (sagemaker_ops::KINDS, sagemaker_ops::adapt),
    (azure::cognitive::KINDS, azure::cognitive::adapt),
    (azure::machine_learning::KINDS, azure::machine_learning::adapt),
    (azure::storage::KINDS, azure::storage::adapt),
    (gcp::vertex::KINDS, gcp::vertex::adapt),
    (gcp::storage::KINDS, gcp::storage::adapt),
];

/// Adapt Terraform-vocabulary resources (from HCL, plan or state JSON) into `state`.
pub fn adapt(raw: &[&RawResource], state: &mut CloudState) {
    let by = ByKind::new(raw);
    for (_, adapt_service) in SERVICES {
        adapt_service(&by, state);
    }
    for (kind, list) in &by.map {
        if !SERVICES.iter().any(|(kinds, _)| kinds.contains(kind)) {
            *state.unmodelled.entry((*kind).to_string()).or_default() += list.len();
        }
    }
}

//! `google_storage_bucket`, with the members of `google_storage_bucket_iam_binding` and
//! `google_storage_bucket_iam_member` merged in.

use super::super::ByKind;
use super::super::target::{Target, merge_each};
use crate::fields::Fields;
use tightrope_core::CloudState;
use tightrope_core::state::gcp::storage::{Bucket, BucketMember};

pub const KINDS: &[&str] = &[
    "google_storage_bucket",
    "google_storage_bucket_iam_binding",
    "google_storage_bucket_iam_member",
];

impl Target for Bucket {
    fn address(&self) -> &str {
        &self.meta.address
    }
    fn literal_name(&self) -> Option<&str> {
        self.name.get().map(String::as_str)
    }
}

pub fn adapt(by: &ByKind, state: &mut CloudState) {
    let buckets = &mut state.gcp.storage.buckets;
    buckets.extend(
        by.of("google_storage_bucket")
            .iter()
            .map(|r| bucket(&Fields::new(r))),
    );
    for (kind, members) in [
        ("google_storage_bucket_iam_binding", "members"),
        ("google_storage_bucket_iam_member", "member"),
    ] {
        let read = |f: &Fields| -> Vec<BucketMember> {
            let (meta, role) = (f.meta("labels"), f.string("role", None));
            f.strings(members)
                .into_iter()
                .map(|member| BucketMember {
                    meta: meta.clone(),
                    role: role.clone(),
                    member,
                })
                .collect()
        };
        merge_each(
            by,
            kind,
            "bucket",
            buckets,
            &mut state.unmodelled,
            read,
            |b, granted| b.iam_members.extend(granted),
        );
    }
}

fn bucket(f: &Fields) -> Bucket {
    Bucket {
        meta: f.meta("labels"),
        name: f.string("name", None),
        uniform_access: f.bool("uniform_bucket_level_access", Some(false)),
        public_access_prevention: f.string("public_access_prevention", Some("inherited")),
        iam_members: Vec::new(),
        kms_key: f.link("encryption.default_kms_key_name"),
    }
}

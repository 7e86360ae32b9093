//! IAM roles, users, groups and managed policies, with inline policies (blocks and
//! `aws_iam_*_policy`), policy attachments, access keys and login profiles merged into the
//! principal they name (by reference or by literal name).

use super::ByKind;
use super::target::{Target, count_unmodelled, find, merge};
use crate::fields::Fields;
use crate::raw::RawResource;
use tightrope_core::Attr;
use tightrope_core::CloudState;
use tightrope_core::state::LinkAttr;
use tightrope_core::state::aws::iam::{Group, InlinePolicy, ManagedPolicy, Role, User};

pub const KINDS: &[&str] = &[
    "aws_iam_role",
    "aws_iam_role_policy",
    "aws_iam_role_policy_attachment",
    "aws_iam_policy",
    "aws_iam_policy_attachment",
    "aws_iam_user",
    "aws_iam_user_policy",
    "aws_iam_user_policy_attachment",
    "aws_iam_access_key",
    "aws_iam_user_login_profile",
    "aws_iam_group",
    "aws_iam_group_policy",
    "aws_iam_group_policy_attachment",
];

macro_rules! principal_target {
    ($($t:ty),*) => {$(
        impl Target for $t {
            fn address(&self) -> &str {
                &self.meta.address
            }
            fn literal_name(&self) -> Option<&str> {
                self.name.get().map(String::as_str)
            }
        }
    )*};
}
principal_target!(Role, User, Group);

pub fn adapt(by: &ByKind, state: &mut CloudState) {
    let iam = &mut state.aws.iam;
    let unmodelled = &mut state.unmodelled;
    iam.roles.extend(by.of("aws_iam_role").iter().map(|r| role(&Fields::new(r))));
    iam.users.extend(by.of("aws_iam_user").iter().map(|r| user(&Fields::new(r))));
    iam.groups.extend(by.of("aws_iam_group").iter().map(|r| group(&Fields::new(r))));
    iam.policies.extend(by.of("aws_iam_policy").iter().map(|r| {
        let f = Fields::new(r);
        ManagedPolicy { meta: f.meta("tags"), name: f.string("name", None), document: f.policy("policy") }
    }));

    for r in by.of("aws_iam_role_policy") {
        let p = inline_policy(&Fields::new(r));
        merge(r, "role", &mut iam.roles, unmodelled, |t| t.inline_policies.push(p.clone()));
    }
    for r in by.of("aws_iam_user_policy") {
        let p = inline_policy(&Fields::new(r));
        merge(r, "user", &mut iam.users, unmodelled, |t| t.inline_policies.push(p.clone()));
    }
    for r in by.of("aws_iam_group_policy") {
        let p = inline_policy(&Fields::new(r));
        merge(r, "group", &mut iam.groups, unmodelled, |t| t.inline_policies.push(p.clone()));
    }

    for r in by.of("aws_iam_role_policy_attachment") {
        let arn = Fields::new(r).link("policy_arn");
        merge(r, "role", &mut iam.roles, unmodelled, |t| t.managed_policies.push(arn.clone()));
    }
    for r in by.of("aws_iam_user_policy_attachment") {
        let arn = Fields::new(r).link("policy_arn");
        merge(r, "user", &mut iam.users, unmodelled, |t| t.managed_policies.push(arn.clone()));
    }
    for r in by.of("aws_iam_group_policy_attachment") {
        let arn = Fields::new(r).link("policy_arn");
        merge(r, "group", &mut iam.groups, unmodelled, |t| t.managed_policies.push(arn.clone()));
    }
    for r in by.of("aws_iam_policy_attachment") {
        attach_everywhere(r, state);
    }

    let (users, unmodelled) = (&mut state.aws.iam.users, &mut state.unmodelled);
    for r in by.of("aws_iam_access_key") {
        let meta = Fields::new(r).meta("tags");
        merge(r, "user", users, unmodelled, |u| u.access_keys.push(meta.clone()));
    }
    for r in by.of("aws_iam_user_login_profile") {
        let origin = Fields::new(r).block_origin();
        merge(r, "user", users, unmodelled, |u| u.has_login_profile = Attr::explicit(true, origin.clone()));
    }
}

/// `aws_iam_policy_attachment` attaches one policy to lists of roles, users and groups at once.
fn attach_everywhere(r: &RawResource, state: &mut CloudState) {
    let arn = Fields::new(r).link("policy_arn");
    let iam = &mut state.aws.iam;
    let mut attached = 0;
    attached += attach(r, "roles", &mut iam.roles, &arn, |t| &mut t.managed_policies);
    attached += attach(r, "users", &mut iam.users, &arn, |t| &mut t.managed_policies);
    attached += attach(r, "groups", &mut iam.groups, &arn, |t| &mut t.managed_policies);
    if attached == 0 {
        count_unmodelled(r, &mut state.unmodelled);
    }
}

fn attach<T: Target>(r: &RawResource, attr: &str, targets: &mut [T], arn: &LinkAttr, list: impl Fn(&mut T) -> &mut Vec<LinkAttr>) -> usize {
    let hits = find(r, attr, targets);
    for &i in &hits {
        if let Some(t) = targets.get_mut(i) {
            list(t).push(arn.clone());
        }
    }
    hits.len()
}

fn role(f: &Fields) -> Role {
    let meta = f.meta("tags");
    // An empty `inline_policy {}` block means "no inline policies"; only blocks with a policy count.
    let inline_policies = f
        .all("inline_policy")
        .into_iter()
        .filter(|b| b.get("policy").is_some_and(|p| !p.is_null()))
        .map(|b| {
            let g = f.at(b);
            let mut block_meta = meta.clone();
            block_meta.origin = f.origin_of(b.span);
            InlinePolicy { meta: block_meta, name: g.string("name", None), document: g.policy("policy") }
        })
        .collect();
    Role {
        name: f.string("name", None),
        trust_policy: f.policy("assume_role_policy"),
        inline_policies,
        managed_policies: f.links("managed_policy_arns"),
        permissions_boundary: f.link("permissions_boundary"),
        max_session_seconds: f.int("max_session_duration", Some(3600)),
        meta,
    }
}

fn user(f: &Fields) -> User {
    User {
        meta: f.meta("tags"),
        name: f.string("name", None),
        inline_policies: Vec::new(),
        managed_policies: Vec::new(),
        access_keys: Vec::new(),
        has_login_profile: Attr::default_value(Some(false), f.block_origin()),
    }
}

fn group(f: &Fields) -> Group {
    Group { meta: f.meta("tags"), name: f.string("name", None), inline_policies: Vec::new(), managed_policies: Vec::new() }
}

/// An `aws_iam_{role,user,group}_policy` resource.
fn inline_policy(f: &Fields) -> InlinePolicy {
    InlinePolicy { meta: f.meta("tags"), name: f.string("name", None), document: f.policy("policy") }
}

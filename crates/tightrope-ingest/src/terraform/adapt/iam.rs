//! IAM roles, users, groups and managed policies, with inline policies (blocks and
//! `aws_iam_*_policy`), policy attachments, access keys and login profiles merged into the
//! principal they name (by reference or by literal name).

use super::ByKind;
use super::target::{Target, count_unmodelled, find, merge, merge_each};
use crate::fields::Fields;
use crate::node::Value;
use crate::raw::RawResource;
use std::collections::BTreeMap;
use tightrope_core::state::{LinkAttr, Meta};
use tightrope_core::state::aws::iam::{Group, InlinePolicy, ManagedPolicy, Role, User};
use tightrope_core::{Attr, CloudState};

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

/// A role, user or group: what policies attach to.
trait Principal: Target + Default {
    fn inline_policies(&mut self) -> &mut Vec<InlinePolicy>;
    fn managed_policies(&mut self) -> &mut Vec<LinkAttr>;
    fn set_identity(&mut self, meta: Meta, name: Attr<String>);
}

macro_rules! principal {
    ($($t:ty),*) => {$(
        impl Target for $t {
            fn address(&self) -> &str {
                &self.meta.address
            }
            fn literal_name(&self) -> Option<&str> {
                self.name.get().map(String::as_str)
            }
        }
        impl Principal for $t {
            fn inline_policies(&mut self) -> &mut Vec<InlinePolicy> {
                &mut self.inline_policies
            }
            fn managed_policies(&mut self) -> &mut Vec<LinkAttr> {
                &mut self.managed_policies
            }
            fn set_identity(&mut self, meta: Meta, name: Attr<String>) {
                self.meta = meta;
                self.name = name;
            }
        }
    )*};
}
principal!(Role, User, Group);

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

    merge_policies(by, "role", &mut iam.roles, unmodelled);
    merge_policies(by, "user", &mut iam.users, unmodelled);
    merge_policies(by, "group", &mut iam.groups, unmodelled);
    for r in by.of("aws_iam_policy_attachment") {
        attach_everywhere(by, r, state);
    }

    let (users, unmodelled) = (&mut state.aws.iam.users, &mut state.unmodelled);
    merge_each(by, "aws_iam_access_key", "user", users, unmodelled, |f| f.meta("tags"), |u, key| u.access_keys.push(key));
    merge_each(
        by,
        "aws_iam_user_login_profile",
        "user",
        users,
        unmodelled,
        |f| f.block_origin(),
        |u, origin| u.has_login_profile = Attr::explicit(true, origin),
    );
}

/// `aws_iam_<principal>_policy` (inline) and `aws_iam_<principal>_policy_attachment` (managed),
/// merged by the `<principal>` attribute.
///
/// A principal named by a literal name that the scan does not declare (a user or group managed in
/// the console, by SSO or in another repository) still gets the policy: it becomes a principal
/// *declared elsewhere* located at the first resource that names it, so a rule on what it may do
/// points at the line that grants it. A reference to a resource outside the scan stays unmodelled.
fn merge_policies<T: Principal>(by: &ByKind, principal: &str, targets: &mut Vec<T>, unmodelled: &mut BTreeMap<String, usize>) {
    merge_or_declare(by, &format!("aws_iam_{principal}_policy"), principal, targets, unmodelled, inline_policy, |t, p| {
        t.inline_policies().push(p)
    });
    merge_or_declare(by, &format!("aws_iam_{principal}_policy_attachment"), principal, targets, unmodelled, policy_arn, |t, arn| {
        t.managed_policies().push(arn)
    });
}

fn merge_or_declare<T: Principal, V: Clone>(
    by: &ByKind,
    kind: &str,
    principal: &str,
    targets: &mut Vec<T>,
    unmodelled: &mut BTreeMap<String, usize>,
    read: impl Fn(&Fields) -> V,
    apply: impl Fn(&mut T, V),
) {
    for r in by.of(kind) {
        let f = Fields::new(r);
        let literal = matches!(r.body.get(principal).map(|n| &n.value), Some(Value::String(_)));
        if literal && find(by, r, principal, targets).is_empty() {
            let mut declared = T::default();
            declared.set_identity(f.meta("tags"), f.string(principal, None));
            targets.push(declared);
        }
        let value = read(&f);
        merge(by, r, principal, targets, unmodelled, |t| apply(t, value.clone()));
    }
}

/// `aws_iam_policy_attachment` attaches one policy to lists of roles, users and groups at once.
fn attach_everywhere(by: &ByKind, r: &RawResource, state: &mut CloudState) {
    let arn = policy_arn(&Fields::new(r));
    let iam = &mut state.aws.iam;
    let attached = attach(by, r, "roles", &mut iam.roles, &arn)
        + attach(by, r, "users", &mut iam.users, &arn)
        + attach(by, r, "groups", &mut iam.groups, &arn);
    if attached == 0 {
        count_unmodelled(r, &mut state.unmodelled);
    }
}

fn attach<T: Principal>(by: &ByKind, r: &RawResource, attr: &str, targets: &mut [T], arn: &LinkAttr) -> usize {
    let hits = find(by, r, attr, targets);
    for &i in &hits {
        if let Some(t) = targets.get_mut(i) {
            t.managed_policies().push(arn.clone());
        }
    }
    hits.len()
}

fn policy_arn(f: &Fields) -> LinkAttr {
    f.link("policy_arn")
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

//! IAM roles, users, groups and managed policies; `AWS::IAM::Policy`, managed-policy attachments
//! and `AWS::IAM::AccessKey` merged into the principals they name.

use super::target;
use crate::fields::Fields;
use tightrope_core::state::aws::iam::{Group, InlinePolicy, ManagedPolicy, Role, User};
use tightrope_core::state::{Link, LinkAttr};
use tightrope_core::{Attr, CloudState};

/// `Policies: [{PolicyName, PolicyDocument}]`.
fn inline_policies(f: &Fields) -> Vec<InlinePolicy> {
    f.all("Policies")
        .into_iter()
        .map(|n| {
            let p = f.at(n);
            let mut meta = f.meta("Tags");
            meta.origin = f.origin_of(n.span);
            InlinePolicy { meta, name: p.string("PolicyName", None), document: p.policy("PolicyDocument") }
        })
        .collect()
}

pub fn role(f: &Fields, state: &mut CloudState) {
    state.aws.iam.roles.push(Role {
        meta: f.meta("Tags"),
        name: f.string("RoleName", None),
        trust_policy: f.policy("AssumeRolePolicyDocument"),
        inline_policies: inline_policies(f),
        managed_policies: f.links("ManagedPolicyArns"),
        permissions_boundary: f.link("PermissionsBoundary"),
        max_session_seconds: f.int("MaxSessionDuration", Some(3600)),
    });
}

pub fn user(f: &Fields, state: &mut CloudState) {
    let has_login_profile = super::declared(f, "LoginProfile");
    state.aws.iam.users.push(User {
        meta: f.meta("Tags"),
        name: f.string("UserName", None),
        inline_policies: inline_policies(f),
        managed_policies: f.links("ManagedPolicyArns"),
        access_keys: Vec::new(),
        has_login_profile,
    });
}

pub fn group(f: &Fields, state: &mut CloudState) {
    state.aws.iam.groups.push(Group {
        meta: f.meta("Tags"),
        name: f.string("GroupName", None),
        inline_policies: inline_policies(f),
        managed_policies: f.links("ManagedPolicyArns"),
    });
}

pub fn managed_policy(f: &Fields, state: &mut CloudState) {
    state.aws.iam.policies.push(ManagedPolicy { meta: f.meta("Tags"), name: f.string("ManagedPolicyName", None), document: f.policy("PolicyDocument") });
}

/// Apply to every role, user and group named in `Roles` / `Users` / `Groups`.
fn each_principal(f: &Fields, state: &mut CloudState, add: impl Fn(&mut Vec<InlinePolicy>, &mut Vec<LinkAttr>)) -> bool {
    let iam = &mut state.aws.iam;
    let roles = target::each(f, "Roles", &mut iam.roles, |r| (&r.meta, r.name.value.as_deref()), |r| add(&mut r.inline_policies, &mut r.managed_policies));
    let users = target::each(f, "Users", &mut iam.users, |u| (&u.meta, u.name.value.as_deref()), |u| add(&mut u.inline_policies, &mut u.managed_policies));
    let groups = target::each(f, "Groups", &mut iam.groups, |g| (&g.meta, g.name.value.as_deref()), |g| add(&mut g.inline_policies, &mut g.managed_policies));
    roles | users | groups
}

/// `AWS::IAM::ManagedPolicy` with `Roles`/`Users`/`Groups`: attached to each.
pub fn attach_managed_policy(f: &Fields, state: &mut CloudState) -> bool {
    let link = Attr::explicit(Link::Resource(f.res.address.clone()), f.block_origin());
    each_principal(f, state, |_, managed| managed.push(link.clone()))
}

/// `AWS::IAM::Policy`: an inline policy of each role, user and group it names.
pub fn attach_policy(f: &Fields, state: &mut CloudState) -> bool {
    let policy = InlinePolicy { meta: f.meta("Tags"), name: f.string("PolicyName", None), document: f.policy("PolicyDocument") };
    each_principal(f, state, |inline, _| inline.push(policy.clone()))
}

pub fn access_key(f: &Fields, state: &mut CloudState) -> bool {
    let meta = f.meta("Tags");
    target::each(f, "UserName", &mut state.aws.iam.users, |u| (&u.meta, u.name.value.as_deref()), |u| u.access_keys.push(meta.clone()))
}

//! IAM: users, groups, roles and customer-managed policies from GetAccountAuthorizationDetails
//! (inline and attached policies, trust policies, boundaries), plus each user's access keys and
//! console login profile.

use crate::services::{each, Fragment};
use crate::session::{client, Ctx};
use crate::values::{api, link, meta, policy, tags, text, unknown};
use aws_sdk_iam::types::{AttachedPolicy, EntityType, PolicyDetail};
use tightrope_core::state::aws::iam::{Group, InlinePolicy, ManagedPolicy, Role, User};
use tightrope_core::state::LinkAttr;
use tightrope_core::Attr;

pub(crate) async fn collect(ctx: &Ctx, f: &mut Fragment) {
    let iam = client!(aws_sdk_iam, ctx);
    let mut pages = iam
        .get_account_authorization_details()
        .filter(EntityType::User)
        .filter(EntityType::Group)
        .filter(EntityType::Role)
        .filter(EntityType::LocalManagedPolicy)
        .into_paginator()
        .send();
    while let Some(page) = pages.next().await {
        let page = match page {
            Ok(p) => p,
            Err(e) => return f.gaps.failed("GetAccountAuthorizationDetails", &e),
        };
        for r in page.role_detail_list() {
            let arn = r.arn().unwrap_or_default();
            f.aws.iam.roles.push(Role {
                meta: with_tags(meta(arn, "AWS::IAM::Role", "RoleDetailList"), r.tags().iter().map(|t| (Some(t.key()), Some(t.value())))),
                name: text(r.role_name(), arn, "RoleName"),
                trust_policy: policy(r.assume_role_policy_document(), arn, "AssumeRolePolicyDocument"),
                inline_policies: inline(r.role_policy_list(), arn, "RolePolicyList"),
                managed_policies: attached(r.attached_managed_policies(), arn),
                permissions_boundary: link(r.permissions_boundary().and_then(|b| b.permissions_boundary_arn()), arn, "PermissionsBoundary"),
                max_session_seconds: Attr::default_value(Some(3600), api(arn, "MaxSessionDuration")),
            });
        }
        for u in page.user_detail_list() {
            let arn = u.arn().unwrap_or_default();
            f.aws.iam.users.push(User {
                meta: with_tags(meta(arn, "AWS::IAM::User", "UserDetailList"), u.tags().iter().map(|t| (Some(t.key()), Some(t.value())))),
                name: text(u.user_name(), arn, "UserName"),
                inline_policies: inline(u.user_policy_list(), arn, "UserPolicyList"),
                managed_policies: attached(u.attached_managed_policies(), arn),
                access_keys: Vec::new(),
                has_login_profile: unknown(arn, "LoginProfile"),
            });
        }
        for g in page.group_detail_list() {
            let arn = g.arn().unwrap_or_default();
            f.aws.iam.groups.push(Group {
                meta: meta(arn, "AWS::IAM::Group", "GroupDetailList"),
                name: text(g.group_name(), arn, "GroupName"),
                inline_policies: inline(g.group_policy_list(), arn, "GroupPolicyList"),
                managed_policies: attached(g.attached_managed_policies(), arn),
            });
        }
        for p in page.policies() {
            let arn = p.arn().unwrap_or_default();
            let default = p.policy_version_list().iter().find(|v| v.is_default_version());
            f.aws.iam.policies.push(ManagedPolicy {
                meta: meta(arn, "AWS::IAM::ManagedPolicy", "Policies"),
                name: text(p.policy_name(), arn, "PolicyName"),
                document: policy(default.and_then(|v| v.document()), arn, "PolicyVersionList.Document"),
            });
        }
    }
    let users = std::mem::take(&mut f.aws.iam.users);
    let iam = &iam;
    f.aws.iam.users = each(&mut f.gaps, users, |mut user, mut g| async move {
        let name = user.name.get().cloned().unwrap_or_default();
        user_credentials(iam, &name, &mut user, &mut g).await;
        (Some(user), g)
    })
    .await;
}

/// Access keys (as resources, never their secret) and whether the user can sign in to the console.
async fn user_credentials(iam: &aws_sdk_iam::Client, name: &str, user: &mut User, g: &mut crate::gaps::Gaps) {
    let arn = user.meta.address.clone();
    let mut pages = iam.list_access_keys().user_name(name).into_paginator().send();
    while let Some(page) = pages.next().await {
        match g.sub("ListAccessKeys", page, &[]) {
            Ok(Some(p)) => user.access_keys.extend(p.access_key_metadata().iter().map(|k| {
                let id = k.access_key_id().unwrap_or_default();
                meta(&format!("{arn}/access-key/{id}"), "AWS::IAM::AccessKey", "AccessKeyMetadata")
            })),
            _ => break,
        }
    }
    user.has_login_profile = match g.sub("GetLoginProfile", iam.get_login_profile().user_name(name).send().await, &["NoSuchEntity"]) {
        Ok(found) => Attr::explicit(found.is_some(), api(&arn, "LoginProfile")),
        Err(()) => unknown(&arn, "LoginProfile"),
    };
}

fn inline(list: &[PolicyDetail], arn: &str, field: &str) -> Vec<InlinePolicy> {
    list.iter()
        .map(|p| {
            let name = p.policy_name().unwrap_or_default();
            let at = format!("{arn}/policy/{name}");
            InlinePolicy {
                meta: meta(&at, "AWS::IAM::Policy", field),
                name: text(p.policy_name(), &at, "PolicyName"),
                document: policy(p.policy_document(), &at, "PolicyDocument"),
            }
        })
        .collect()
}

fn attached(list: &[AttachedPolicy], arn: &str) -> Vec<LinkAttr> {
    crate::values::links(list.iter().filter_map(|p| p.policy_arn()), arn, "AttachedManagedPolicies")
}

fn with_tags<'a>(mut m: tightrope_core::state::Meta, pairs: impl IntoIterator<Item = (Option<&'a str>, Option<&'a str>)>) -> tightrope_core::state::Meta {
    m.tags = tags(pairs);
    m
}

//! IAM roles, users, groups and managed policies, with their attachments merged in.

use crate::attr::Attr;
use crate::policy::PolicyDocument;
use crate::state::{LinkAttr, Meta};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Iam {
    pub roles: Vec<Role>,
    pub users: Vec<User>,
    pub groups: Vec<Group>,
    pub policies: Vec<ManagedPolicy>,
}

/// An inline policy, or an attachment of a managed policy.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct InlinePolicy {
    pub meta: Meta,
    pub name: Attr<String>,
    pub document: Attr<PolicyDocument>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Role {
    pub meta: Meta,
    pub name: Attr<String>,
    pub trust_policy: Attr<PolicyDocument>,
    pub inline_policies: Vec<InlinePolicy>,
    /// Managed policies attached (ARNs, or links to `aws_iam_policy` resources).
    pub managed_policies: Vec<LinkAttr>,
    pub permissions_boundary: LinkAttr,
    pub max_session_seconds: Attr<i64>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct User {
    pub meta: Meta,
    pub name: Attr<String>,
    pub inline_policies: Vec<InlinePolicy>,
    pub managed_policies: Vec<LinkAttr>,
    /// Long-lived access keys declared for the user.
    pub access_keys: Vec<Meta>,
    pub has_login_profile: Attr<bool>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Group {
    pub meta: Meta,
    pub name: Attr<String>,
    pub inline_policies: Vec<InlinePolicy>,
    pub managed_policies: Vec<LinkAttr>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ManagedPolicy {
    pub meta: Meta,
    pub name: Attr<String>,
    pub document: Attr<PolicyDocument>,
}

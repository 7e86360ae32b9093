//! The account model the analyses run on: users, roles and groups with their compiled policies,
//! built from the cloud state (IaC or snapshot) or from `aws iam get-account-authorization-details`.

use crate::engine::{Policy, PolicySet, RequestPrincipal};
use serde::Serialize;
use std::collections::BTreeMap;
use tightrope_core::state::Link;
use tightrope_core::{CloudState, InputError, Origin, PolicyDocument, ResourceRef};

/// Placeholder account id for IaC, where the real one is known only at apply time.
pub const PLACEHOLDER_ACCOUNT: &str = "123456789012";

/// User, role or group.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    User,
    Role,
    Group,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::User => "user",
            Kind::Role => "role",
            Kind::Group => "group",
        }
    }
}

/// One IAM principal (or group) with everything that decides its permissions.
#[derive(Debug, Clone)]
pub struct Principal {
    pub kind: Kind,
    pub name: String,
    pub arn: String,
    /// Where it is defined: IaC address or ARN, and the source's resource type.
    pub resource: ResourceRef,
    pub origin: Origin,
    /// Own inline and attached policies; for users also those of their groups.
    pub policies: Vec<Policy>,
    pub boundary: Option<Policy>,
    /// Role trust policy; `None` with `trust_unknown` when it could not be resolved offline.
    pub trust: Option<Policy>,
    pub trust_unknown: bool,
    /// Group names (users only).
    pub groups: Vec<String>,
    /// Policies that could not be resolved (unknown documents, AWS managed policies not in the input).
    pub unresolved: Vec<String>,
    /// Service control policies that apply to the account (one level: each must allow).
    pub scps: Vec<Policy>,
}

impl Principal {
    pub fn request_principal(&self) -> RequestPrincipal {
        RequestPrincipal::from_arn(&self.arn)
    }

    /// The policies that apply to requests this principal makes.
    pub fn policy_set(&self) -> PolicySet<'_> {
        PolicySet {
            identity: self.policies.iter().collect(),
            boundary: self.boundary.as_ref(),
            scps: if self.scps.is_empty() {
                Vec::new()
            } else {
                vec![self.scps.iter().collect()]
            },
            ..Default::default()
        }
    }
}

/// All principals of one account.
#[derive(Debug, Default)]
pub struct Account {
    pub id: String,
    pub principals: Vec<Principal>,
    /// Problems met while building the model (bad policy documents, ...).
    pub errors: Vec<InputError>,
    /// AI assets named by the input: (action that reaches it, resource ARN), e.g. reading a
    /// SageMaker model's artifacts in S3. Escalation paths into AI assets probe these too.
    pub ai_assets: Vec<(String, String)>,
}

impl Account {
    /// Apply service control policies (one organization level) to every principal.
    pub fn apply_scps(&mut self, scps: &[Policy]) {
        for p in &mut self.principals {
            p.scps.extend(scps.iter().cloned());
        }
    }

    pub fn find(&self, arn: &str) -> Option<&Principal> {
        self.principals.iter().find(|p| p.arn == arn)
    }

    pub fn arn(&self, kind: Kind, name: &str) -> String {
        format!("arn:aws:iam::{}:{}/{name}", self.id, kind.as_str())
    }
}

/// A few AWS managed policies resolved without input, so common attachments are not lost.
fn builtin_managed(arn: &str) -> Option<&'static str> {
    Some(match arn.rsplit('/').next()? {
        "AdministratorAccess" => {
            r#"{"Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}"#
        }
        "PowerUserAccess" => {
            r#"{"Statement":[{"Effect":"Allow","NotAction":["iam:*","organizations:*","account:*"],"Resource":"*"},{"Effect":"Allow","Action":["iam:CreateServiceLinkedRole","iam:DeleteServiceLinkedRole","iam:ListRoles","organizations:DescribeOrganization","account:ListRegions"],"Resource":"*"}]}"#
        }
        "IAMFullAccess" => {
            r#"{"Statement":[{"Effect":"Allow","Action":["iam:*","organizations:DescribeAccount","organizations:DescribeOrganization","organizations:DescribeOrganizationalUnit","organizations:DescribePolicy","organizations:ListChildren","organizations:ListParents","organizations:ListPoliciesForTarget","organizations:ListRoots","organizations:ListPolicies","organizations:ListTargetsForPolicy"],"Resource":"*"}]}"#
        }
        _ => return None,
    })
}

struct Builder<'a> {
    account: Account,
    managed: BTreeMap<String, (String, Option<&'a PolicyDocument>)>,
}

impl<'a> Builder<'a> {
    fn compile(&mut self, name: &str, doc: &PolicyDocument, origin: &Origin) -> Option<Policy> {
        match Policy::compile(name, doc) {
            Ok(p) => Some(p),
            Err(e) => {
                self.account.errors.push(InputError {
                    path: origin.path().unwrap_or("(input)").to_string(),
                    line: origin.lines().map(|l| l.0),
                    message: format!("policy `{name}`: {e}"),
                });
                None
            }
        }
    }

    fn managed(
        &mut self,
        link: &Link,
        origin: &Origin,
        out: &mut Vec<Policy>,
        unresolved: &mut Vec<String>,
    ) {
        let key = match link {
            Link::Resource(a) => a.clone(),
            Link::Literal(arn) => arn.clone(),
        };
        let found = self.managed.get(&key).cloned().or_else(|| {
            // a literal ARN of a policy defined in the same input
            let name = key.rsplit('/').next()?;
            self.managed.values().find(|(n, _)| n == name).cloned()
        });
        match found {
            Some((name, Some(doc))) => out.extend(self.compile(&name, doc, origin)),
            _ => match builtin_managed(&key).and_then(|t| Policy::parse(&key, t).ok()) {
                Some(p) => out.push(p),
                None => unresolved.push(key),
            },
        }
    }
}

/// Build the account model from a cloud state (IaC or snapshot).
pub fn from_state(state: &CloudState, account_id: &str) -> Account {
    let iam = &state.aws.iam;
    let mut b = Builder {
        account: Account {
            id: account_id.to_string(),
            ..Default::default()
        },
        managed: BTreeMap::new(),
    };
    for p in &iam.policies {
        let name = p
            .name
            .get()
            .cloned()
            .unwrap_or_else(|| p.meta.address.clone());
        b.managed
            .insert(p.meta.address.clone(), (name, p.document.get()));
    }
    let resolve_all = |b: &mut Builder,
                       inline: &[tightrope_core::state::aws::iam::InlinePolicy],
                       managed: &[tightrope_core::state::LinkAttr],
                       owner: &str| {
        let mut policies = Vec::new();
        let mut unresolved = Vec::new();
        for ip in inline {
            let name = format!("{owner}/{}", ip.name.get().map_or("inline", |s| s.as_str()));
            match ip.document.get() {
                Some(doc) => policies.extend(b.compile(&name, doc, &ip.document.origin)),
                None => unresolved.push(name),
            }
        }
        for m in managed {
            match m.get() {
                Some(link) => b.managed(link, &m.origin, &mut policies, &mut unresolved),
                None => unresolved.push(format!("{owner}: attachment with an unknown policy")),
            }
        }
        (policies, unresolved)
    };
    for g in &iam.groups {
        let name = g
            .name
            .get()
            .cloned()
            .unwrap_or_else(|| g.meta.address.clone());
        let (policies, unresolved) =
            resolve_all(&mut b, &g.inline_policies, &g.managed_policies, &name);
        let arn = b.account.arn(Kind::Group, &name);
        b.account.principals.push(Principal {
            kind: Kind::Group,
            name,
            arn,
            resource: g.meta.resource_ref(),
            origin: g.meta.origin.clone(),
            policies,
            boundary: None,
            trust: None,
            trust_unknown: false,
            groups: Vec::new(),
            unresolved,
            scps: Vec::new(),
        });
    }
    for u in &iam.users {
        let name = u
            .name
            .get()
            .cloned()
            .unwrap_or_else(|| u.meta.address.clone());
        let (policies, unresolved) =
            resolve_all(&mut b, &u.inline_policies, &u.managed_policies, &name);
        let arn = b.account.arn(Kind::User, &name);
        b.account.principals.push(Principal {
            kind: Kind::User,
            name,
            arn,
            resource: u.meta.resource_ref(),
            origin: u.meta.origin.clone(),
            policies,
            boundary: None,
            trust: None,
            trust_unknown: false,
            groups: Vec::new(),
            unresolved,
            scps: Vec::new(),
        });
    }
    for r in &iam.roles {
        let name = r
            .name
            .get()
            .cloned()
            .unwrap_or_else(|| r.meta.address.clone());
        let (policies, mut unresolved) =
            resolve_all(&mut b, &r.inline_policies, &r.managed_policies, &name);
        let mut boundary_policies = Vec::new();
        if let Some(link) = r.permissions_boundary.get() {
            b.managed(
                link,
                &r.permissions_boundary.origin,
                &mut boundary_policies,
                &mut unresolved,
            );
        }
        let trust = r
            .trust_policy
            .get()
            .and_then(|d| b.compile(&format!("{name} trust policy"), d, &r.trust_policy.origin));
        let arn = b.account.arn(Kind::Role, &name);
        b.account.principals.push(Principal {
            kind: Kind::Role,
            name,
            arn,
            resource: r.meta.resource_ref(),
            origin: r.meta.origin.clone(),
            policies,
            boundary: boundary_policies.into_iter().next(),
            trust_unknown: trust.is_none(),
            trust,
            groups: Vec::new(),
            unresolved,
            scps: Vec::new(),
        });
    }
    b.account.ai_assets = ai_assets(state, account_id);
    b.account
}

/// AI assets of the state: model artifacts (`s3://bucket/key` → object ARN), SageMaker models and
/// notebook instances by name.
fn ai_assets(state: &CloudState, account_id: &str) -> Vec<(String, String)> {
    let sm = &state.aws.sagemaker;
    let mut out = Vec::new();
    for m in &sm.models {
        for c in &m.containers {
            if let Some(url) = c.model_data_url.get().and_then(|u| u.strip_prefix("s3://")) {
                out.push(("s3:GetObject".to_string(), format!("arn:aws:s3:::{url}")));
            }
        }
        if let Some(name) = m.name.get() {
            out.push((
                "sagemaker:DescribeModel".to_string(),
                format!("arn:aws:sagemaker:*:{account_id}:model/{name}"),
            ));
        }
    }
    for n in &sm.notebook_instances {
        if let Some(name) = n.name.get() {
            out.push((
                "sagemaker:CreatePresignedNotebookInstanceUrl".to_string(),
                format!("arn:aws:sagemaker:us-east-1:{account_id}:notebook-instance/{name}"),
            ));
        }
    }
    out
}

/// Add each user's group policies to the user (after groups are known).
pub fn inherit_group_policies(account: &mut Account) {
    let groups: BTreeMap<String, Vec<Policy>> = account
        .principals
        .iter()
        .filter(|p| p.kind == Kind::Group)
        .map(|g| (g.name.clone(), g.policies.clone()))
        .collect();
    for p in account
        .principals
        .iter_mut()
        .filter(|p| p.kind == Kind::User)
    {
        for g in p.groups.clone() {
            if let Some(pols) = groups.get(&g) {
                p.policies.extend(pols.iter().cloned());
            }
        }
    }
}

//! A request to authorize: who (the principal), what (the action), on what (the resource ARN), and
//! the request context (condition keys and their values).

use std::collections::BTreeMap;

/// Condition keys and their values. Keys are case-insensitive (stored lowercased); a key may hold
/// several values (multivalued keys such as `aws:TagKeys`).
#[derive(Debug, Clone, Default)]
pub struct Context {
    values: BTreeMap<String, Vec<String>>,
    /// Keys the requester chooses freely (request parameters): when such a key is absent the
    /// analysis assumes the requester would send a value that satisfies the condition.
    /// Used by what-if analyses (escalation, who-can), never for a logged request.
    pub requester_controls: Option<fn(&str) -> bool>,
}

impl Context {
    /// Set a single-valued key.
    pub fn set(&mut self, key: &str, value: impl Into<String>) -> &mut Self {
        self.values
            .insert(key.to_ascii_lowercase(), vec![value.into()]);
        self
    }

    /// Set a multivalued key.
    pub fn set_many(&mut self, key: &str, values: Vec<String>) -> &mut Self {
        self.values.insert(key.to_ascii_lowercase(), values);
        self
    }

    /// The values of `key` (lowercased), `None` when absent.
    pub fn get(&self, key_lower: &str) -> Option<&[String]> {
        self.values.get(key_lower).map(Vec::as_slice)
    }

    /// The first value of `key` (lowercased) — what a policy variable resolves to.
    pub fn single(&self, key_lower: &str) -> Option<&str> {
        self.values
            .get(key_lower)
            .and_then(|v| v.first())
            .map(String::as_str)
    }

    /// The requester can choose this absent key's value.
    pub fn controlled(&self, key_lower: &str) -> bool {
        self.requester_controls.is_some_and(|f| f(key_lower))
    }
}

/// What kind of principal makes the request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PrincipalKind {
    /// An IAM user (`arn:aws:iam::111122223333:user/alice`).
    User,
    /// An IAM role acting through a session (`arn` is the role ARN; sessions match role principals).
    Role,
    /// The account root user.
    Root,
    /// An AWS service (`sagemaker.amazonaws.com`) acting on its own behalf.
    Service,
    /// A federated identity provider (`cognito-identity.amazonaws.com`, a SAML/OIDC provider ARN).
    Federated,
    /// An unauthenticated caller.
    Anonymous,
}

/// The principal making a request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequestPrincipal {
    pub kind: PrincipalKind,
    /// User/role/root ARN, service name or provider.
    pub id: String,
    /// The principal's account (for users, roles and root).
    pub account: Option<String>,
}

impl RequestPrincipal {
    /// A principal identified by its IAM ARN (user, role, assumed-role session or root).
    pub fn from_arn(arn: &str) -> RequestPrincipal {
        let parts: Vec<&str> = arn.splitn(6, ':').collect();
        let account = parts
            .get(4)
            .filter(|a| !a.is_empty())
            .map(|a| a.to_string());
        let resource = parts.get(5).copied().unwrap_or("");
        let (kind, id) = if resource == "root" {
            (PrincipalKind::Root, arn.to_string())
        } else if resource.starts_with("user/") {
            (PrincipalKind::User, arn.to_string())
        } else if let Some(rest) = resource.strip_prefix("assumed-role/") {
            // arn:aws:sts::ACCT:assumed-role/NAME/SESSION → the role ARN
            let name = rest.split('/').next().unwrap_or(rest);
            let partition = parts.get(1).copied().unwrap_or("aws");
            let acct = account.clone().unwrap_or_default();
            (
                PrincipalKind::Role,
                format!("arn:{partition}:iam::{acct}:role/{name}"),
            )
        } else {
            (PrincipalKind::Role, arn.to_string())
        };
        RequestPrincipal { kind, id, account }
    }

    pub fn service(name: &str) -> RequestPrincipal {
        RequestPrincipal {
            kind: PrincipalKind::Service,
            id: name.to_string(),
            account: None,
        }
    }
}

/// One request to authorize.
#[derive(Debug, Clone)]
pub struct Request {
    pub principal: RequestPrincipal,
    /// `service:Action` (case-insensitive).
    pub action: String,
    /// The resource ARN (`*` for actions without a resource type).
    pub resource: String,
    pub context: Context,
}

impl Request {
    /// A request with the global keys AWS always sets for the principal
    /// (`aws:PrincipalArn`, `aws:PrincipalAccount`, `aws:username` for users, `aws:PrincipalType`).
    pub fn new(principal: RequestPrincipal, action: &str, resource: &str) -> Request {
        let mut context = Context::default();
        match principal.kind {
            PrincipalKind::User | PrincipalKind::Role | PrincipalKind::Root => {
                context.set("aws:PrincipalArn", principal.id.clone());
                if let Some(a) = &principal.account {
                    context.set("aws:PrincipalAccount", a.clone());
                }
                let kind = match principal.kind {
                    PrincipalKind::User => "User",
                    PrincipalKind::Root => "Account",
                    _ => "AssumedRole",
                };
                context.set("aws:PrincipalType", kind);
                if principal.kind == PrincipalKind::User
                    && let Some(name) = principal.id.rsplit('/').next()
                {
                    context.set("aws:username", name);
                }
            }
            PrincipalKind::Service => {
                context.set("aws:PrincipalServiceName", principal.id.clone());
            }
            _ => {}
        }
        Request {
            principal,
            action: action.to_string(),
            resource: resource.to_string(),
            context,
        }
    }

    /// The service prefix of the action (`s3` for `s3:GetObject`), lowercased.
    pub fn service(&self) -> String {
        self.action
            .split(':')
            .next()
            .unwrap_or("")
            .to_ascii_lowercase()
    }

    /// The account that owns the resource, from its ARN (S3 bucket ARNs have none).
    pub fn resource_account(&self) -> Option<&str> {
        self.resource.split(':').nth(4).filter(|a| !a.is_empty())
    }
}

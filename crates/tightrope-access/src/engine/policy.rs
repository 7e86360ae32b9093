//! A policy compiled for evaluation: action, resource and principal patterns and conditions are
//! parsed once, so evaluating many requests against many policies stays cheap.

use super::condition::Condition;
use super::pattern::{ArnPattern, Pattern};
use super::request::{PrincipalKind, Request};
use tightrope_core::policy::{Effect, PolicyDocument, Statement as RawStatement};

/// A statement ready for evaluation.
#[derive(Debug, Clone)]
pub struct Statement {
    /// Position in the policy (0-based) and `Sid`, for explanations.
    pub index: usize,
    pub sid: Option<String>,
    pub effect: Effect,
    /// `Action` patterns, or `NotAction` ones when `not_action` is set.
    pub actions: Vec<Pattern>,
    pub not_action: bool,
    pub resources: Vec<ArnPattern>,
    pub not_resource: bool,
    /// `Principal` (or `NotPrincipal` when `not_principal`); empty for identity policies.
    pub principals: Vec<(String, Vec<String>)>,
    pub not_principal: bool,
    pub condition: Option<Condition>,
    /// The statement as written, for explanations and the analyses that read it.
    pub raw: RawStatement,
}

/// A named, compiled policy.
#[derive(Debug, Clone)]
pub struct Policy {
    /// Name or ARN of the policy (inline policies: `principal/name`).
    pub name: String,
    pub statements: Vec<Statement>,
}

impl Policy {
    /// Compile a parsed document; an invalid `Condition` is an error naming the statement.
    pub fn compile(name: &str, doc: &PolicyDocument) -> Result<Policy, String> {
        let statements = doc
            .statements
            .iter()
            .enumerate()
            .map(|(index, s)| Statement::compile(index, s))
            .collect::<Result<_, _>>()?;
        Ok(Policy {
            name: name.to_string(),
            statements,
        })
    }

    /// Parse and compile JSON text.
    pub fn parse(name: &str, text: &str) -> Result<Policy, String> {
        Policy::compile(name, &PolicyDocument::parse(text)?)
    }
}

impl Statement {
    fn compile(index: usize, s: &RawStatement) -> Result<Statement, String> {
        let label = || {
            s.sid.clone().map_or_else(
                || format!("statement {index}"),
                |sid| format!("statement `{sid}`"),
            )
        };
        let not_action = s.actions.is_empty() && !s.not_actions.is_empty();
        let actions = if not_action {
            &s.not_actions
        } else {
            &s.actions
        };
        let not_resource = s.resources.is_empty() && !s.not_resources.is_empty();
        let resources = if not_resource {
            &s.not_resources
        } else {
            &s.resources
        };
        let not_principal = s.principals.is_empty() && !s.not_principals.is_empty();
        let principals = if not_principal {
            s.not_principals.clone()
        } else {
            s.principals.clone()
        };
        let condition = match &s.condition {
            Some(c) => Some(Condition::parse(c).map_err(|e| format!("{}: {e}", label()))?),
            None => None,
        };
        Ok(Statement {
            index,
            sid: s.sid.clone(),
            effect: s.effect,
            actions: actions.iter().map(|a| Pattern::new(a, false)).collect(),
            not_action,
            resources: resources.iter().map(|r| ArnPattern::new(r)).collect(),
            not_resource,
            principals,
            not_principal,
            condition,
            raw: s.clone(),
        })
    }

    /// A readable name: `Sid` or `statement #n`.
    pub fn label(&self) -> String {
        match &self.sid {
            Some(sid) if !sid.is_empty() => format!("statement `{sid}`"),
            _ => format!("statement #{}", self.index + 1),
        }
    }

    /// Does the `Action`/`NotAction` element cover this action?
    pub fn covers_action(&self, action: &str) -> bool {
        let hit = self
            .actions
            .iter()
            .any(|p| p.matches(action, &Default::default(), true));
        hit != self.not_action
    }

    /// Does the `Resource`/`NotResource` element cover this request's resource? A statement
    /// without either element (trust policies) covers every resource.
    pub fn covers_resource(&self, req: &Request) -> bool {
        if self.resources.is_empty() {
            return !self.not_resource;
        }
        let hit = self
            .resources
            .iter()
            .any(|p| p.matches(&req.resource, &req.context));
        hit != self.not_resource
    }

    /// Does the `Principal`/`NotPrincipal` element name the request's principal?
    /// Statements without either element (identity policies) name every principal.
    pub fn covers_principal(&self, req: &Request) -> bool {
        if self.principals.is_empty() {
            return true;
        }
        let hit = self
            .principals
            .iter()
            .any(|(kind, values)| principal_matches(kind, values, req));
        hit != self.not_principal
    }

    /// Action, resource, principal and condition all apply.
    pub fn applies(&self, req: &Request) -> bool {
        self.covers_action(&req.action)
            && self.covers_resource(req)
            && self.covers_principal(req)
            && self
                .condition
                .as_ref()
                .is_none_or(|c| c.holds(&req.context))
    }
}

/// One `Principal` entry against the request's principal.
fn principal_matches(kind: &str, values: &[String], req: &Request) -> bool {
    let p = &req.principal;
    if kind == "*" {
        return true;
    }
    values.iter().any(|v| match kind {
        "AWS" => {
            if v == "*" {
                return true;
            }
            let account_of = |s: &str| -> Option<String> {
                if s.len() == 12 && s.bytes().all(|b| b.is_ascii_digit()) {
                    return Some(s.to_string());
                }
                s.strip_suffix(":root")
                    .and_then(|a| a.rsplit(':').next())
                    .map(str::to_string)
            };
            match account_of(v) {
                // an account principal stands for every principal of that account
                Some(acct) => p.account.as_deref() == Some(acct.as_str()),
                None => matches!(p.kind, PrincipalKind::User | PrincipalKind::Role) && *v == p.id,
            }
        }
        "Service" => p.kind == PrincipalKind::Service && v.eq_ignore_ascii_case(&p.id),
        "Federated" => p.kind == PrincipalKind::Federated && *v == p.id,
        "CanonicalUser" => false,
        _ => false,
    })
}

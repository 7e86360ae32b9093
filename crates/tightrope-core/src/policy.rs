//! A typed IAM policy document (identity, resource or trust policy).
//!
//! Parsing is lenient about shape (a single string or a list, a statement object or a list of them)
//! as AWS is. Evaluation semantics live in the access step; this type only carries the grammar.

use serde::{Deserialize, Serialize};
use serde_json::Value;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct PolicyDocument {
    pub version: Option<String>,
    pub statements: Vec<Statement>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Effect {
    Allow,
    Deny,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Statement {
    pub sid: Option<String>,
    pub effect: Effect,
    pub actions: Vec<String>,
    pub not_actions: Vec<String>,
    pub resources: Vec<String>,
    pub not_resources: Vec<String>,
    /// `Principal` as written: `"*"` is `[("*", ["*"])]`, otherwise (type, values).
    pub principals: Vec<(String, Vec<String>)>,
    pub not_principals: Vec<(String, Vec<String>)>,
    /// The `Condition` block, kept as JSON: operator -> key -> values.
    pub condition: Option<Value>,
}

impl PolicyDocument {
    /// Parse a policy from its JSON text. Percent-encoded documents (as IAM APIs return them) are
    /// not decoded here.
    pub fn parse(text: &str) -> Result<Self, String> {
        let v: Value = serde_json::from_str(text).map_err(|e| format!("policy is not valid JSON: {e}"))?;
        Self::from_value(&v)
    }

    pub fn from_value(v: &Value) -> Result<Self, String> {
        let obj = v.as_object().ok_or("policy document must be a JSON object")?;
        let version = obj.get("Version").and_then(Value::as_str).map(str::to_string);
        let statements = match obj.get("Statement") {
            Some(Value::Array(items)) => items.iter().map(Statement::from_value).collect::<Result<_, _>>()?,
            Some(s @ Value::Object(_)) => vec![Statement::from_value(s)?],
            Some(_) => return Err("`Statement` must be an object or a list of objects".into()),
            None => Vec::new(),
        };
        Ok(PolicyDocument { version, statements })
    }

    pub fn allows(&self) -> impl Iterator<Item = &Statement> {
        self.statements.iter().filter(|s| s.effect == Effect::Allow)
    }
}

fn strings(v: Option<&Value>) -> Vec<String> {
    match v {
        Some(Value::String(s)) => vec![s.clone()],
        Some(Value::Array(a)) => a.iter().filter_map(|x| x.as_str().map(str::to_string)).collect(),
        _ => Vec::new(),
    }
}

fn principals(v: Option<&Value>) -> Vec<(String, Vec<String>)> {
    match v {
        Some(Value::String(s)) => vec![(s.clone(), vec![s.clone()])],
        Some(Value::Object(m)) => m.iter().map(|(k, v)| (k.clone(), strings(Some(v)))).collect(),
        _ => Vec::new(),
    }
}

impl Statement {
    fn from_value(v: &Value) -> Result<Self, String> {
        let o = v.as_object().ok_or("each statement must be a JSON object")?;
        let effect = match o.get("Effect").and_then(Value::as_str) {
            Some("Allow") => Effect::Allow,
            Some("Deny") => Effect::Deny,
            Some(other) => return Err(format!("`Effect` must be Allow or Deny, found `{other}`")),
            None => return Err("statement has no `Effect`".into()),
        };
        Ok(Statement {
            sid: o.get("Sid").and_then(Value::as_str).map(str::to_string),
            effect,
            actions: strings(o.get("Action")),
            not_actions: strings(o.get("NotAction")),
            resources: strings(o.get("Resource")),
            not_resources: strings(o.get("NotResource")),
            principals: principals(o.get("Principal")),
            not_principals: principals(o.get("NotPrincipal")),
            condition: o.get("Condition").cloned(),
        })
    }

    /// Grants every action (`*`), or everything but a few (`NotAction` with Allow).
    pub fn grants_all_actions(&self) -> bool {
        self.effect == Effect::Allow && (self.actions.iter().any(|a| a == "*") || !self.not_actions.is_empty())
    }

    /// Applies to every resource.
    pub fn on_all_resources(&self) -> bool {
        self.resources.iter().any(|r| r == "*") || !self.not_resources.is_empty()
    }

    /// Any principal at all (`"*"` or `{"AWS": "*"}`), ignoring conditions.
    pub fn any_principal(&self) -> bool {
        self.principals.iter().any(|(kind, vals)| (kind == "*" || kind == "AWS") && vals.iter().any(|v| v == "*"))
    }

    /// Any action matching `service:*` or `*`, or `service:prefix*` covering `action` (case-insensitive).
    pub fn grants_action(&self, action: &str) -> bool {
        self.effect == Effect::Allow && self.actions.iter().any(|a| action_matches(a, action))
    }
}

/// IAM action wildcard match: case-insensitive, `*` and `?` wildcards.
pub fn action_matches(pattern: &str, action: &str) -> bool {
    fn rec(p: &[u8], a: &[u8]) -> bool {
        match (p.first(), a.first()) {
            (None, None) => true,
            (Some(b'*'), _) => rec(&p[1..], a) || (!a.is_empty() && rec(p, &a[1..])),
            (Some(b'?'), Some(_)) => rec(&p[1..], &a[1..]),
            (Some(x), Some(y)) if x.eq_ignore_ascii_case(y) => rec(&p[1..], &a[1..]),
            _ => false,
        }
    }
    rec(pattern.as_bytes(), action.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_single_statement_and_string_action() {
        let p = PolicyDocument::parse(r#"{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"*","Resource":"*"}}"#).unwrap();
        assert!(p.statements[0].grants_all_actions());
        assert!(p.statements[0].on_all_resources());
    }

    #[test]
    fn principal_star_forms() {
        let p = PolicyDocument::parse(r#"{"Statement":[{"Effect":"Allow","Principal":{"AWS":["*"]},"Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"}]}"#).unwrap();
        assert!(p.statements[0].any_principal());
        let p = PolicyDocument::parse(r#"{"Statement":[{"Effect":"Allow","Principal":{"Service":"sagemaker.amazonaws.com"},"Action":"sts:AssumeRole"}]}"#).unwrap();
        assert!(!p.statements[0].any_principal());
    }

    #[test]
    fn wildcard_actions() {
        assert!(action_matches("s3:*", "s3:GetObject"));
        assert!(action_matches("S3:get*", "s3:GetObject"));
        assert!(!action_matches("s3:Put*", "s3:GetObject"));
        assert!(action_matches("iam:Pass?ole", "iam:PassRole"));
    }

    #[test]
    fn bad_effect_is_an_error() {
        assert!(PolicyDocument::parse(r#"{"Statement":[{"Effect":"Permit"}]}"#).is_err());
    }
}

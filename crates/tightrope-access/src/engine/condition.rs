//! The `Condition` element: every operator family (String*, Numeric*, Date*, Bool, BinaryEquals,
//! IpAddress/NotIpAddress, Arn*, Null), the `...IfExists` suffix and the `ForAllValues:` /
//! `ForAnyValue:` set qualifiers, with the documented semantics for absent keys:
//!
//! * a positive operator on an absent key is false; a negated one (`StringNotEquals`, `ArnNotLike`,
//!   `NotIpAddress`, ...) is true;
//! * `...IfExists` on an absent key is true;
//! * `ForAllValues:` on an absent key or an empty set is true, `ForAnyValue:` is false;
//! * `Null: true` holds when the key is absent.
//!
//! Operators in a block are ANDed, keys under an operator are ANDed, values of one key are ORed.
//! Key names are case-insensitive; string values are case-sensitive except with `...IgnoreCase`.

use super::pattern::{ArnPattern, Pattern};
use super::request::Context;
use chrono::{DateTime, NaiveDate, Utc};
use ipnet::IpNet;
use serde_json::Value;
use std::net::IpAddr;

/// A comparison of ordered values.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Cmp {
    Eq,
    Lt,
    Le,
    Gt,
    Ge,
}

impl Cmp {
    fn holds<T: PartialOrd>(self, a: T, b: T) -> bool {
        match self {
            Cmp::Eq => a == b,
            Cmp::Lt => a < b,
            Cmp::Le => a <= b,
            Cmp::Gt => a > b,
            Cmp::Ge => a >= b,
        }
    }
}

/// The positive form of an operator.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Base {
    StringEquals,
    StringEqualsIgnoreCase,
    StringLike,
    Numeric(Cmp),
    Date(Cmp),
    Bool,
    Binary,
    Ip,
    ArnEquals,
    ArnLike,
    Null,
}

/// How a multivalued request key is compared.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SetQualifier {
    None,
    ForAllValues,
    ForAnyValue,
}

/// One policy value, prepared for its operator.
#[derive(Debug, Clone, PartialEq)]
enum Operand {
    Text(String),
    Like(Pattern),
    Arn(ArnPattern),
    Number(f64),
    Date(i64),
    Net(IpNet),
    Bool(bool),
}

/// One `operator: { key: values }` entry.
#[derive(Debug, Clone, PartialEq)]
pub struct Clause {
    /// The operator as written (`ForAnyValue:StringLikeIfExists`).
    pub operator: String,
    base: Base,
    negated: bool,
    pub if_exists: bool,
    pub qualifier: SetQualifier,
    /// The condition key, lowercased.
    pub key: String,
    /// The key as written.
    pub key_as_written: String,
    operands: Vec<Operand>,
    /// The values as written (for explanations and linting).
    pub values: Vec<String>,
}

/// A parsed `Condition` block.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Condition {
    pub clauses: Vec<Clause>,
}

fn parse_operator(op: &str) -> Result<(Base, bool, bool, SetQualifier), String> {
    let (qualifier, rest) = if let Some(r) = strip_prefix_ci(op, "ForAllValues:") {
        (SetQualifier::ForAllValues, r)
    } else if let Some(r) = strip_prefix_ci(op, "ForAnyValue:") {
        (SetQualifier::ForAnyValue, r)
    } else {
        (SetQualifier::None, op)
    };
    let (if_exists, name) = match rest
        .len()
        .checked_sub(8)
        .filter(|&i| rest.is_char_boundary(i))
    {
        Some(i) if rest[i..].eq_ignore_ascii_case("IfExists") => (true, &rest[..i]),
        _ => (false, rest),
    };
    use Base::*;
    let (base, negated) = match name.to_ascii_lowercase().as_str() {
        "stringequals" => (StringEquals, false),
        "stringnotequals" => (StringEquals, true),
        "stringequalsignorecase" => (StringEqualsIgnoreCase, false),
        "stringnotequalsignorecase" => (StringEqualsIgnoreCase, true),
        "stringlike" => (StringLike, false),
        "stringnotlike" => (StringLike, true),
        "numericequals" => (Numeric(Cmp::Eq), false),
        "numericnotequals" => (Numeric(Cmp::Eq), true),
        "numericlessthan" => (Numeric(Cmp::Lt), false),
        "numericlessthanequals" => (Numeric(Cmp::Le), false),
        "numericgreaterthan" => (Numeric(Cmp::Gt), false),
        "numericgreaterthanequals" => (Numeric(Cmp::Ge), false),
        "dateequals" => (Date(Cmp::Eq), false),
        "datenotequals" => (Date(Cmp::Eq), true),
        "datelessthan" => (Date(Cmp::Lt), false),
        "datelessthanequals" => (Date(Cmp::Le), false),
        "dategreaterthan" => (Date(Cmp::Gt), false),
        "dategreaterthanequals" => (Date(Cmp::Ge), false),
        "bool" => (Bool, false),
        "binaryequals" => (Binary, false),
        "ipaddress" => (Ip, false),
        "notipaddress" => (Ip, true),
        "arnequals" => (ArnEquals, false),
        "arnnotequals" => (ArnEquals, true),
        "arnlike" => (ArnLike, false),
        "arnnotlike" => (ArnLike, true),
        "null" if !if_exists && qualifier == SetQualifier::None => (Null, false),
        _ => return Err(format!("unknown condition operator `{op}`")),
    };
    Ok((base, negated, if_exists, qualifier))
}

fn strip_prefix_ci<'a>(s: &'a str, prefix: &str) -> Option<&'a str> {
    let head = s.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix)
        .then(|| &s[prefix.len()..])
}

/// A timestamp in epoch seconds: ISO 8601 / RFC 3339, a plain date, or epoch seconds.
pub fn parse_date(s: &str) -> Option<i64> {
    if let Ok(t) = DateTime::parse_from_rfc3339(s) {
        return Some(t.timestamp());
    }
    if let Ok(t) = s.parse::<DateTime<Utc>>() {
        return Some(t.timestamp());
    }
    if let Ok(d) = NaiveDate::parse_from_str(s, "%Y-%m-%d") {
        return d.and_hms_opt(0, 0, 0).map(|t| t.and_utc().timestamp());
    }
    s.parse::<i64>().ok()
}

fn parse_net(s: &str) -> Option<IpNet> {
    s.parse::<IpNet>()
        .ok()
        .or_else(|| s.parse::<IpAddr>().ok().map(IpNet::from))
}

fn value_strings(v: &Value) -> Result<Vec<String>, String> {
    let one = |x: &Value| match x {
        Value::String(s) => Ok(s.clone()),
        Value::Bool(b) => Ok(b.to_string()),
        Value::Number(n) => Ok(n.to_string()),
        _ => Err("condition values must be strings, numbers or booleans".to_string()),
    };
    match v {
        Value::Array(a) => a.iter().map(one).collect(),
        x => Ok(vec![one(x)?]),
    }
}

impl Condition {
    /// Parse a `Condition` block (operator → key → value or values).
    pub fn parse(v: &Value) -> Result<Condition, String> {
        let ops = v.as_object().ok_or("`Condition` must be an object")?;
        let mut clauses = Vec::new();
        for (op, keys) in ops {
            let (base, negated, if_exists, qualifier) = parse_operator(op)?;
            let keys = keys
                .as_object()
                .ok_or_else(|| format!("`{op}` must map condition keys to values"))?;
            for (key, vals) in keys {
                let values = value_strings(vals).map_err(|e| format!("`{op}` `{key}`: {e}"))?;
                let operands = values
                    .iter()
                    .map(|s| {
                        operand(base, s)
                            .ok_or_else(|| format!("`{op}` `{key}`: `{s}` is not a valid value"))
                    })
                    .collect::<Result<_, _>>()?;
                clauses.push(Clause {
                    operator: op.clone(),
                    base,
                    negated,
                    if_exists,
                    qualifier,
                    key: key.to_ascii_lowercase(),
                    key_as_written: key.clone(),
                    operands,
                    values,
                });
            }
        }
        Ok(Condition { clauses })
    }

    /// Does the whole block hold for this context?
    pub fn holds(&self, ctx: &Context) -> bool {
        self.clauses.iter().all(|c| c.holds(ctx))
    }
}

fn operand(base: Base, s: &str) -> Option<Operand> {
    Some(match base {
        Base::StringEquals | Base::StringEqualsIgnoreCase | Base::Binary | Base::Null => {
            Operand::Text(s.to_string())
        }
        Base::StringLike => Operand::Like(Pattern::new(s, true)),
        Base::ArnEquals | Base::ArnLike => Operand::Arn(ArnPattern::new(s)),
        Base::Numeric(_) => Operand::Number(s.parse().ok()?),
        Base::Date(_) => Operand::Date(parse_date(s)?),
        Base::Ip => Operand::Net(parse_net(s)?),
        Base::Bool => Operand::Bool(s.eq_ignore_ascii_case("true")),
    })
}

/// Resolve policy variables in a value compared literally (`StringEquals`, `ArnEquals` without
/// wildcards keep `*` literal only through the pattern path).
fn resolve(text: &str, ctx: &Context) -> Option<String> {
    if !text.contains("${") {
        return Some(text.to_string());
    }
    let mut out = String::new();
    let mut rest = text;
    while let Some(start) = rest.find("${") {
        out.push_str(&rest[..start]);
        let after = &rest[start + 2..];
        let Some(end) = after.find('}') else {
            out.push_str(&rest[start..]);
            return Some(out);
        };
        let inner = &after[..end];
        match inner {
            "*" | "?" | "$" => out.push_str(inner),
            _ => {
                let (key, default) = match inner.split_once(',') {
                    Some((k, d)) => (k.trim(), Some(d.trim().trim_matches('\''))),
                    None => (inner.trim(), None),
                };
                out.push_str(ctx.single(&key.to_ascii_lowercase()).or(default)?);
            }
        }
        rest = &after[end + 1..];
    }
    out.push_str(rest);
    Some(out)
}

impl Clause {
    /// The positive comparison of one request value with one policy value.
    fn compare(&self, req: &str, pol: &Operand, ctx: &Context) -> bool {
        match (self.base, pol) {
            (Base::StringEquals, Operand::Text(p)) => resolve(p, ctx).is_some_and(|p| p == req),
            (Base::StringEqualsIgnoreCase, Operand::Text(p)) => {
                resolve(p, ctx).is_some_and(|p| p.eq_ignore_ascii_case(req))
            }
            (Base::Binary, Operand::Text(p)) => p == req,
            (Base::StringLike, Operand::Like(p)) => p.matches(req, ctx, false),
            (Base::ArnEquals | Base::ArnLike, Operand::Arn(p)) => p.matches(req, ctx),
            (Base::Numeric(c), Operand::Number(p)) => {
                req.parse::<f64>().is_ok_and(|r| c.holds(r, *p))
            }
            (Base::Date(c), Operand::Date(p)) => parse_date(req).is_some_and(|r| c.holds(r, *p)),
            (Base::Ip, Operand::Net(n)) => req
                .parse::<IpAddr>()
                .ok()
                .map(IpNet::from)
                .or_else(|| req.parse::<IpNet>().ok())
                .is_some_and(|r| n.contains(&r)),
            (Base::Bool, Operand::Bool(b)) => {
                req.eq_ignore_ascii_case(if *b { "true" } else { "false" })
            }
            _ => false,
        }
    }

    fn any_operand(&self, req: &str, ctx: &Context) -> bool {
        self.operands.iter().any(|p| self.compare(req, p, ctx))
    }

    /// Does this clause hold for this context?
    pub fn holds(&self, ctx: &Context) -> bool {
        let present = ctx.get(&self.key);
        if self.base == Base::Null {
            let absent = present.is_none_or(|v| v.is_empty());
            return self.operands.iter().any(
                |p| matches!(p, Operand::Text(t) if t.eq_ignore_ascii_case("true") == absent),
            );
        }
        let Some(values) = present else {
            if ctx.controlled(&self.key) {
                return true;
            }
            return match self.qualifier {
                SetQualifier::ForAllValues => true,
                SetQualifier::ForAnyValue => false,
                SetQualifier::None => self.if_exists || self.negated,
            };
        };
        match self.qualifier {
            SetQualifier::ForAllValues => values
                .iter()
                .all(|v| self.any_operand(v, ctx) != self.negated),
            SetQualifier::ForAnyValue => values
                .iter()
                .any(|v| self.any_operand(v, ctx) != self.negated),
            SetQualifier::None => values.iter().any(|v| self.any_operand(v, ctx)) != self.negated,
        }
    }

    /// The operator family matches strings (for linting ARN keys used with string operators).
    pub fn is_string_operator(&self) -> bool {
        matches!(
            self.base,
            Base::StringEquals | Base::StringEqualsIgnoreCase | Base::StringLike
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn holds(cond: Value, ctx: &Context) -> bool {
        Condition::parse(&cond).unwrap().holds(ctx)
    }

    fn ctx(pairs: &[(&str, &str)]) -> Context {
        let mut c = Context::default();
        for (k, v) in pairs {
            c.set(k, *v);
        }
        c
    }

    #[test]
    fn string_operators_and_case() {
        let c = ctx(&[("aws:PrincipalTag/team", "ML")]);
        assert!(
            holds(json!({"StringEquals": {"aws:principaltag/TEAM": "ML"}}), &c),
            "keys are case-insensitive"
        );
        assert!(
            !holds(json!({"StringEquals": {"aws:PrincipalTag/team": "ml"}}), &c),
            "values are case-sensitive"
        );
        assert!(holds(
            json!({"StringEqualsIgnoreCase": {"aws:PrincipalTag/team": "ml"}}),
            &c
        ));
        assert!(holds(
            json!({"StringLike": {"aws:PrincipalTag/team": ["x", "M?"]}}),
            &c
        ));
        assert!(holds(
            json!({"StringNotLike": {"aws:PrincipalTag/team": "x*"}}),
            &c
        ));
    }

    #[test]
    fn absent_keys() {
        let c = Context::default();
        assert!(!holds(
            json!({"StringEquals": {"aws:SourceVpc": "vpc-1"}}),
            &c
        ));
        assert!(holds(
            json!({"StringNotEquals": {"aws:SourceVpc": "vpc-1"}}),
            &c
        ));
        assert!(holds(
            json!({"StringEqualsIfExists": {"aws:SourceVpc": "vpc-1"}}),
            &c
        ));
        assert!(holds(
            json!({"ForAllValues:StringEquals": {"aws:TagKeys": ["a"]}}),
            &c
        ));
        assert!(!holds(
            json!({"ForAnyValue:StringEquals": {"aws:TagKeys": ["a"]}}),
            &c
        ));
        assert!(holds(json!({"Null": {"aws:TokenIssueTime": "true"}}), &c));
        assert!(!holds(json!({"Null": {"aws:TokenIssueTime": "false"}}), &c));
        assert!(!holds(
            json!({"Bool": {"aws:MultiFactorAuthPresent": "true"}}),
            &c
        ));
        assert!(holds(
            json!({"BoolIfExists": {"aws:MultiFactorAuthPresent": "false"}}),
            &c
        ));
    }

    #[test]
    fn set_qualifiers() {
        let mut c = Context::default();
        c.set_many("aws:TagKeys", vec!["env".into(), "team".into()]);
        assert!(holds(
            json!({"ForAllValues:StringEquals": {"aws:TagKeys": ["env", "team", "x"]}}),
            &c
        ));
        assert!(!holds(
            json!({"ForAllValues:StringEquals": {"aws:TagKeys": ["env"]}}),
            &c
        ));
        assert!(holds(
            json!({"ForAnyValue:StringEquals": {"aws:TagKeys": ["env"]}}),
            &c
        ));
        assert!(holds(
            json!({"ForAnyValue:StringNotEquals": {"aws:TagKeys": ["env"]}}),
            &c
        ));
        assert!(!holds(
            json!({"ForAllValues:StringNotEquals": {"aws:TagKeys": ["env"]}}),
            &c
        ));
        c.set_many("aws:TagKeys", vec![]);
        assert!(
            holds(
                json!({"ForAllValues:StringEquals": {"aws:TagKeys": ["x"]}}),
                &c
            ),
            "empty set"
        );
    }

    #[test]
    fn numeric_date_bool_ip_arn() {
        let c = ctx(&[
            ("s3:max-keys", "10"),
            ("aws:CurrentTime", "2024-06-01T00:00:00Z"),
            ("aws:SecureTransport", "true"),
            ("aws:SourceIp", "203.0.113.7"),
            ("aws:SourceArn", "arn:aws:sns:us-east-1:111122223333:topic"),
        ]);
        assert!(holds(
            json!({"NumericLessThanEquals": {"s3:max-keys": "10"}}),
            &c
        ));
        assert!(!holds(json!({"NumericLessThan": {"s3:max-keys": 10}}), &c));
        assert!(holds(
            json!({"DateGreaterThan": {"aws:CurrentTime": "2020-01-01T00:00:01Z"}}),
            &c
        ));
        assert!(!holds(
            json!({"DateLessThan": {"aws:CurrentTime": "2020-01-01"}}),
            &c
        ));
        assert!(holds(json!({"Bool": {"aws:SecureTransport": true}}), &c));
        assert!(holds(
            json!({"IpAddress": {"aws:SourceIp": "203.0.113.0/24"}}),
            &c
        ));
        assert!(!holds(
            json!({"NotIpAddress": {"aws:SourceIp": ["203.0.113.0/24", "10.0.0.0/8"]}}),
            &c
        ));
        assert!(holds(
            json!({"ArnLike": {"aws:SourceArn": "arn:aws:sns:*:111122223333:*"}}),
            &c
        ));
        assert!(
            holds(
                json!({"ArnEquals": {"aws:SourceArn": "arn:aws:sns:*:111122223333:*"}}),
                &c
            ),
            "ArnEquals takes wildcards too"
        );
        assert!(holds(
            json!({"ArnNotLike": {"aws:SourceArn": "arn:aws:sqs:*"}}),
            &c
        ));
    }

    #[test]
    fn variables_in_values() {
        let c = ctx(&[("aws:username", "alice"), ("s3:prefix", "home/alice/")]);
        assert!(holds(
            json!({"StringLike": {"s3:prefix": "home/${aws:username}/*"}}),
            &c
        ));
        assert!(!holds(
            json!({"StringEquals": {"s3:prefix": "home/${aws:userid}/"}}),
            &c
        ));
    }

    #[test]
    fn bad_operator_or_value_is_an_error() {
        assert!(Condition::parse(&json!({"StringEqualz": {"a": "b"}})).is_err());
        assert!(Condition::parse(&json!({"IpAddress": {"aws:SourceIp": "nope"}})).is_err());
        assert!(Condition::parse(&json!({"NullIfExists": {"a": "true"}})).is_err());
    }
}

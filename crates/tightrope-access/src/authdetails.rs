//! Reader of `aws iam get-account-authorization-details` output (detected by content: a JSON
//! object with `UserDetailList`, `RoleDetailList`, `GroupDetailList` or `Policies`).

use crate::engine::Policy;
use crate::model::{Account, Kind, Principal, inherit_group_policies};
use serde_json::Value;
use std::collections::BTreeMap;
use tightrope_core::{InputError, Origin, PolicyDocument, ResourceRef};

/// Is this JSON text an authorization-details export?
pub fn looks_like(v: &Value) -> bool {
    v.as_object().is_some_and(|o| {
        ["UserDetailList", "RoleDetailList", "GroupDetailList"]
            .iter()
            .any(|k| o.contains_key(*k))
    })
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && let Some(h) = s
                .get(i + 1..i + 3)
                .and_then(|h| u8::from_str_radix(h, 16).ok())
        {
            out.push(h);
            i += 3;
            continue;
        }
        out.push(if bytes[i] == b'+' { b' ' } else { bytes[i] });
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// A policy document as the API returns it: a JSON object, or URL-encoded JSON text.
fn document(v: &Value) -> Result<PolicyDocument, String> {
    match v {
        Value::String(s) => PolicyDocument::parse(&percent_decode(s)),
        other => PolicyDocument::from_value(other),
    }
}

fn str_of<'a>(v: &'a Value, k: &str) -> &'a str {
    v.get(k).and_then(Value::as_str).unwrap_or("")
}

fn list<'a>(v: &'a Value, k: &str) -> &'a [Value] {
    v.get(k)
        .and_then(Value::as_array)
        .map_or(&[], Vec::as_slice)
}

/// Build the account model from the export at `path` (already parsed).
pub fn read(v: &Value, path: &str) -> Account {
    let mut account = Account::default();
    let err = |message: String| InputError {
        path: path.to_string(),
        line: None,
        message,
    };
    let mut errors = Vec::new();
    let compile = |name: &str, doc: &Value, errors: &mut Vec<InputError>| -> Option<Policy> {
        match document(doc).and_then(|d| Policy::compile(name, &d)) {
            Ok(p) => Some(p),
            Err(e) => {
                errors.push(err(format!("policy `{name}`: {e}")));
                None
            }
        }
    };
    // managed policies: the default version
    let mut managed: BTreeMap<String, Policy> = BTreeMap::new();
    for p in list(v, "Policies") {
        let arn = str_of(p, "Arn");
        let default = str_of(p, "DefaultVersionId");
        let version = list(p, "PolicyVersionList").iter().find(|pv| {
            pv.get("IsDefaultVersion").and_then(Value::as_bool) == Some(true)
                || str_of(pv, "VersionId") == default
        });
        if let Some(doc) = version.and_then(|pv| pv.get("Document"))
            && let Some(pol) = compile(arn, doc, &mut errors)
        {
            managed.insert(arn.to_string(), pol);
        }
    }
    let attached = |item: &Value, policies: &mut Vec<Policy>, unresolved: &mut Vec<String>| {
        for a in list(item, "AttachedManagedPolicies") {
            let arn = str_of(a, "PolicyArn");
            match managed.get(arn) {
                Some(p) => policies.push(p.clone()),
                None => unresolved.push(arn.to_string()),
            }
        }
    };
    let specs = [
        (
            "GroupDetailList",
            Kind::Group,
            "GroupName",
            "GroupPolicyList",
            "AWS::IAM::Group",
        ),
        (
            "UserDetailList",
            Kind::User,
            "UserName",
            "UserPolicyList",
            "AWS::IAM::User",
        ),
        (
            "RoleDetailList",
            Kind::Role,
            "RoleName",
            "RolePolicyList",
            "AWS::IAM::Role",
        ),
    ];
    for (list_key, kind, name_key, inline_key, type_name) in specs {
        for item in list(v, list_key) {
            let name = str_of(item, name_key).to_string();
            let arn = str_of(item, "Arn").to_string();
            if account.id.is_empty() {
                account.id = arn.split(':').nth(4).unwrap_or("").to_string();
            }
            let mut policies = Vec::new();
            let mut unresolved = Vec::new();
            for ip in list(item, inline_key) {
                let pname = format!("{name}/{}", str_of(ip, "PolicyName"));
                if let Some(doc) = ip.get("PolicyDocument") {
                    policies.extend(compile(&pname, doc, &mut errors));
                }
            }
            attached(item, &mut policies, &mut unresolved);
            let boundary = item
                .get("PermissionsBoundary")
                .map(|b| str_of(b, "PermissionsBoundaryArn"))
                .and_then(|arn| managed.get(arn).cloned());
            let trust = item
                .get("AssumeRolePolicyDocument")
                .and_then(|d| compile(&format!("{name} trust policy"), d, &mut errors));
            let groups = list(item, "GroupList")
                .iter()
                .filter_map(Value::as_str)
                .map(str::to_string)
                .collect();
            account.principals.push(Principal {
                kind,
                resource: ResourceRef {
                    address: arn.clone(),
                    kind: type_name.to_string(),
                },
                origin: Origin::Api {
                    arn: arn.clone(),
                    field: list_key.to_string(),
                },
                name,
                arn,
                policies,
                boundary,
                trust_unknown: kind == Kind::Role && trust.is_none(),
                trust,
                groups,
                unresolved,
                scps: Vec::new(),
            });
        }
    }
    account.errors = errors;
    inherit_group_policies(&mut account);
    account
}

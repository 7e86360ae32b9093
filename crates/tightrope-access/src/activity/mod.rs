//! Activity-based least privilege: which actions each principal actually used on which resources
//! (from CloudTrail, read by `tightrope-cloudtrail`), a generated least-privilege policy with the
//! real resource ARNs, the permissions granted but never used, and identities never seen.

pub mod generate;
pub mod report;

use crate::actiondb::ActionDb;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::sync::OnceLock;
use tightrope_cloudtrail::{Event, ReadStats};

/// One successful call: the IAM action and the resource ARN it touched (`*` when unknown).
pub type Call = (String, String);

/// What one principal did over the window.
#[derive(Debug, Clone, Default)]
pub struct PrincipalUsage {
    pub calls: BTreeSet<Call>,
    /// Calls that failed (access denied or other errors); not counted as use.
    pub failed: u64,
    pub first: Option<i64>,
    pub last: Option<i64>,
}

/// Activity per principal (role ARN for role sessions, user ARN, root ARN).
#[derive(Debug, Default)]
pub struct Usage {
    pub principals: BTreeMap<String, PrincipalUsage>,
    pub first: Option<i64>,
    pub last: Option<i64>,
    /// Events not authorized by IAM policies (console sign-ins, service events) or without identity.
    pub skipped: u64,
}

static RENAMES: OnceLock<BTreeMap<String, String>> = OnceLock::new();

fn renames() -> &'static BTreeMap<String, String> {
    RENAMES.get_or_init(|| {
        include_str!("../../data/cloudtrail-actions.txt")
            .lines()
            .map(|l| l.split('#').next().unwrap_or("").trim())
            .filter_map(|l| {
                let mut it = l.split_whitespace();
                Some((it.next()?.to_ascii_lowercase(), it.next()?.to_string()))
            })
            .collect()
    })
}

/// The IAM action that authorizes an event.
pub fn iam_action(event: &Event) -> String {
    let service = event.service();
    let mut name: &str = &event.name;
    if service == "lambda" {
        // `UpdateFunctionConfiguration20150331v2` → `UpdateFunctionConfiguration`
        let trimmed = name.trim_end_matches(|c: char| c.is_ascii_digit() || c == 'v');
        if trimmed.len() + 8 <= name.len() {
            name = trimmed;
        }
    }
    let action = format!("{service}:{name}");
    renames()
        .get(&action.to_ascii_lowercase())
        .cloned()
        .unwrap_or(action)
}

/// `$`, `*` and `?` in a concrete ARN, escaped so a policy matches them literally.
pub fn escape_arn(arn: &str) -> String {
    let mut out = String::with_capacity(arn.len());
    for c in arn.chars() {
        match c {
            '$' => out.push_str("${$}"),
            '*' => out.push_str("${*}"),
            '?' => out.push_str("${?}"),
            c => out.push(c),
        }
    }
    out
}

/// The resource ARN an event acted on: the `resources` ARNs, else one built from the request
/// parameters CloudTrail records (S3 bucket/key, IAM role/user/policy, Lambda function, Bedrock
/// model), else `*`.
pub fn resources_of(event: &Event) -> Vec<String> {
    let arns: Vec<String> = event
        .resources
        .iter()
        .filter(|r| r.starts_with("arn:"))
        .map(|r| r.to_string())
        .collect();
    if !arns.is_empty() {
        return arns;
    }
    let p = &event.params;
    let acct = event
        .account
        .as_deref()
        .or(event.principal.account.as_deref())
        .unwrap_or("*");
    let region = event.region.as_deref().unwrap_or("*");
    let built = match event.service() {
        "s3" => p.bucket_name.as_deref().map(|b| match p.key.as_deref() {
            Some(k) => format!("arn:aws:s3:::{b}/{k}"),
            None => format!("arn:aws:s3:::{b}"),
        }),
        "iam" => p
            .policy_arn
            .as_deref()
            .map(str::to_string)
            .or_else(|| p.role_arn.as_deref().map(str::to_string))
            .or_else(|| {
                p.role_name
                    .as_deref()
                    .map(|n| format!("arn:aws:iam::{acct}:role/{n}"))
            })
            .or_else(|| {
                p.user_name
                    .as_deref()
                    .map(|n| format!("arn:aws:iam::{acct}:user/{n}"))
            }),
        "sts" => p.role_arn.as_deref().map(str::to_string),
        "lambda" => p.function_name.as_deref().map(|f| {
            if f.starts_with("arn:") {
                f.to_string()
            } else {
                format!("arn:aws:lambda:{region}:{acct}:function:{f}")
            }
        }),
        "bedrock" => p.model_id.as_deref().map(|m| {
            if m.starts_with("arn:") {
                m.to_string()
            } else {
                format!("arn:aws:bedrock:{region}::foundation-model/{m}")
            }
        }),
        _ => None,
    };
    vec![built.unwrap_or_else(|| "*".to_string())]
}

impl Usage {
    /// Add one event.
    pub fn add(&mut self, event: &Event) {
        let identity = event.identity();
        let authorized_by_iam = matches!(event.event_type.as_deref(), None | Some("AwsApiCall"))
            && !matches!(event.principal.kind.as_deref(), Some("AWSService"));
        if identity == "unknown" || !identity.starts_with("arn:") || !authorized_by_iam {
            self.skipped += 1;
            return;
        }
        let u = self.principals.entry(identity.to_string()).or_default();
        if let Some(t) = event.time {
            u.first = Some(u.first.map_or(t, |f| f.min(t)));
            u.last = Some(u.last.map_or(t, |l| l.max(t)));
            self.first = Some(self.first.map_or(t, |f| f.min(t)));
            self.last = Some(self.last.map_or(t, |l| l.max(t)));
        }
        if event.is_error() {
            u.failed += 1;
            return;
        }
        let action = iam_action(event);
        for r in resources_of(event) {
            u.calls.insert((action.clone(), r));
        }
    }

    /// Read every CloudTrail file under `path`.
    pub fn read(path: &Path) -> (Usage, ReadStats) {
        let mut usage = Usage::default();
        let stats = tightrope_cloudtrail::read_path(path, |rec| usage.add(&rec.event));
        (usage, stats)
    }

    /// The distinct actions a principal used (canonical case from the database when known).
    pub fn actions_used(&self, arn: &str, db: Option<&ActionDb>) -> BTreeSet<String> {
        self.principals
            .get(arn)
            .map(|u| {
                u.calls
                    .iter()
                    .map(|(a, _)| {
                        db.and_then(|d| d.get(a))
                            .map_or_else(|| a.clone(), |x| x.id.clone())
                    })
                    .collect()
            })
            .unwrap_or_default()
    }
}

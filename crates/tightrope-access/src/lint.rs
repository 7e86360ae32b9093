//! Policy checks comparable with IAM Access Analyzer `validate-policy`, for measuring agreement on
//! the AWS managed policies: `PASS_ROLE_WITH_STAR_IN_RESOURCE` (and `..._IN_ACTION_AND_RESOURCE`),
//! `CREATE_SLR_WITH_STAR_IN_RESOURCE`, `INVALID_ACTION`, `STRING_LIKE_OPERATOR_WITH_ARN_CONDITION_KEYS`
//! and `POLICY_SIZE_EXCEEDS_IDENTITY_POLICY_QUOTA`.

use crate::actiondb::ActionDb;
use crate::engine::Policy;
use std::collections::BTreeSet;
use tightrope_core::policy::Effect;

/// Global condition keys whose values are ARNs.
const GLOBAL_ARN_KEYS: &[&str] = &["aws:sourcearn", "aws:principalarn"];

/// The issue codes one policy raises; `doc` is the policy document as read.
pub fn lint(policy: &Policy, doc: &serde_json::Value, db: &ActionDb) -> BTreeSet<&'static str> {
    let mut out = BTreeSet::new();
    if size_without_whitespace(doc) > 10_240 {
        out.insert("POLICY_SIZE_EXCEEDS_IDENTITY_POLICY_QUOTA");
    }
    for s in policy
        .statements
        .iter()
        .filter(|s| s.effect == Effect::Allow)
    {
        let star_resource = !s.not_resource && s.raw.resources.iter().any(|r| r == "*");
        let names_action = |a: &str| s.raw.actions.iter().any(|x| x.eq_ignore_ascii_case(a));
        let star_action = |a: &str| {
            !s.not_action
                && s.raw.actions.iter().any(|x| {
                    x.contains(['*', '?'])
                        && crate::engine::pattern::Pattern::new(x, false).matches(
                            a,
                            &Default::default(),
                            true,
                        )
                })
        };
        if star_resource && s.condition.is_none() {
            if names_action("iam:PassRole") {
                out.insert("PASS_ROLE_WITH_STAR_IN_RESOURCE");
            } else if star_action("iam:PassRole") {
                out.insert("PASS_ROLE_WITH_STAR_IN_ACTION_AND_RESOURCE");
            }
            if names_action("iam:CreateServiceLinkedRole") {
                out.insert("CREATE_SLR_WITH_STAR_IN_RESOURCE");
            } else if star_action("iam:CreateServiceLinkedRole") {
                out.insert("CREATE_SLR_WITH_STAR_IN_ACTION_AND_RESOURCE");
            }
        }
        for a in s.raw.actions.iter().chain(&s.raw.not_actions) {
            if a == "*" || a.contains('*') || a.contains('?') {
                continue;
            }
            let svc = a.split(':').next().unwrap_or("");
            if db.has_service(svc) && db.get(a).is_none() {
                out.insert("INVALID_ACTION");
            }
        }
        for c in s.condition.iter().flat_map(|c| &c.clauses) {
            let arn_key = GLOBAL_ARN_KEYS.contains(&c.key.as_str())
                || db.condition_type(&c.key).is_some_and(|t| t.contains("ARN"));
            if arn_key && c.is_string_operator() {
                out.insert("STRING_LIKE_OPERATOR_WITH_ARN_CONDITION_KEYS");
            }
        }
    }
    out
}

/// The characters of the document without whitespace, as IAM counts them against its size
/// quota, without building the serialised text.
fn size_without_whitespace(doc: &serde_json::Value) -> usize {
    struct Count(usize);
    impl std::io::Write for Count {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            // serde_json writes whole UTF-8 fragments; count characters, not bytes
            self.0 += match std::str::from_utf8(buf) {
                Ok(s) => s.chars().filter(|c| !c.is_whitespace()).count(),
                Err(_) => buf.iter().filter(|b| !b.is_ascii_whitespace() && (**b as i8) >= -0x40).count(),
            };
            Ok(buf.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    let mut count = Count(0);
    let _ = serde_json::to_writer(&mut count, doc);
    count.0
}

/// The codes [`lint`] can raise (agreement is measured over these only).
pub const CODES: &[&str] = &[
    "PASS_ROLE_WITH_STAR_IN_RESOURCE",
    "PASS_ROLE_WITH_STAR_IN_ACTION_AND_RESOURCE",
    "CREATE_SLR_WITH_STAR_IN_RESOURCE",
    "CREATE_SLR_WITH_STAR_IN_ACTION_AND_RESOURCE",
    "INVALID_ACTION",
    "STRING_LIKE_OPERATOR_WITH_ARN_CONDITION_KEYS",
    "POLICY_SIZE_EXCEEDS_IDENTITY_POLICY_QUOTA",
];

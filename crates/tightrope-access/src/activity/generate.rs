//! Generate a least-privilege policy from the calls a principal made: one statement per service
//! and set of resources, the actual resource ARNs (escaped), S3 objects collapsed to their
//! longest common key prefix when a bucket has many of them.

use super::{Call, escape_arn};
use serde_json::{Value, json};
use std::collections::{BTreeMap, BTreeSet};

/// Above this many distinct objects in one bucket, they are collapsed to `bucket/<prefix>*`.
pub const MAX_OBJECTS_PER_BUCKET: usize = 20;

fn common_prefix<'a>(items: impl Iterator<Item = &'a str>) -> String {
    let mut prefix: Option<&str> = None;
    for s in items {
        prefix = Some(match prefix {
            None => s,
            Some(p) => {
                let n = p
                    .chars()
                    .zip(s.chars())
                    .take_while(|(a, b)| a == b)
                    .map(|(a, _)| a.len_utf8())
                    .sum();
                &p[..n]
            }
        });
    }
    prefix.unwrap_or("").to_string()
}

/// Resource patterns for one action's resources.
fn patterns(resources: &BTreeSet<String>) -> BTreeSet<String> {
    if resources.contains("*") {
        return BTreeSet::from(["*".to_string()]);
    }
    let mut per_bucket: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    let mut out = BTreeSet::new();
    for r in resources {
        match r
            .strip_prefix("arn:aws:s3:::")
            .and_then(|rest| rest.split_once('/'))
        {
            Some((bucket, key)) => per_bucket.entry(bucket).or_default().push(key),
            None => {
                out.insert(escape_arn(r));
            }
        }
    }
    for (bucket, keys) in per_bucket {
        if keys.len() > MAX_OBJECTS_PER_BUCKET {
            let prefix = common_prefix(keys.iter().copied());
            out.insert(format!(
                "{}*",
                escape_arn(&format!("arn:aws:s3:::{bucket}/{prefix}"))
            ));
        } else {
            out.extend(
                keys.iter()
                    .map(|k| escape_arn(&format!("arn:aws:s3:::{bucket}/{k}"))),
            );
        }
    }
    out
}

/// The generated policy document (IAM JSON).
pub fn policy(calls: &BTreeSet<Call>) -> Value {
    let mut per_action: BTreeMap<&str, BTreeSet<String>> = BTreeMap::new();
    for (a, r) in calls {
        per_action.entry(a).or_default().insert(r.clone());
    }
    // (service, resource patterns) → actions
    let mut groups: BTreeMap<(String, BTreeSet<String>), BTreeSet<&str>> = BTreeMap::new();
    for (action, resources) in per_action {
        let service = action.split(':').next().unwrap_or("").to_string();
        groups
            .entry((service, patterns(&resources)))
            .or_default()
            .insert(action);
    }
    let mut counters: BTreeMap<String, usize> = BTreeMap::new();
    let statements: Vec<Value> = groups
        .into_iter()
        .map(|((service, resources), actions)| {
            let n = counters.entry(service.clone()).or_default();
            *n += 1;
            let base: String = service
                .split(|c: char| !c.is_ascii_alphanumeric())
                .map(|w| {
                    let mut c = w.chars();
                    c.next()
                        .map(|f| f.to_ascii_uppercase().to_string() + c.as_str())
                        .unwrap_or_default()
                })
                .collect();
            json!({
                "Sid": format!("{base}{n}"),
                "Effect": "Allow",
                "Action": actions.into_iter().collect::<Vec<_>>(),
                "Resource": resources.into_iter().collect::<Vec<_>>(),
            })
        })
        .collect();
    json!({"Version": "2012-10-17", "Statement": statements})
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_by_service_and_resources_and_collapses_objects() {
        let mut calls = BTreeSet::new();
        for i in 0..30 {
            calls.insert((
                "s3:GetObject".to_string(),
                format!("arn:aws:s3:::data/train/part-{i:03}.parquet"),
            ));
        }
        calls.insert(("s3:ListBucket".to_string(), "arn:aws:s3:::data".to_string()));
        calls.insert((
            "bedrock:InvokeModel".to_string(),
            "arn:aws:bedrock:us-east-1::foundation-model/m".to_string(),
        ));
        calls.insert(("sts:GetCallerIdentity".to_string(), "*".to_string()));
        let p = policy(&calls);
        let st = p["Statement"].as_array().unwrap();
        assert_eq!(st.len(), 4);
        let s3 = st
            .iter()
            .find(|s| s["Action"][0] == "s3:GetObject")
            .unwrap();
        assert_eq!(s3["Resource"][0], "arn:aws:s3:::data/train/part-0*");
    }

    #[test]
    fn wildcard_characters_in_keys_are_escaped() {
        let calls = BTreeSet::from([(
            "s3:GetObject".to_string(),
            "arn:aws:s3:::b/a*b?${c}".to_string(),
        )]);
        let p = policy(&calls);
        assert_eq!(
            p["Statement"][0]["Resource"][0],
            "arn:aws:s3:::b/a${*}b${?}${$}{c}"
        );
    }
}

//! Terraform addresses and references as text: split `module.a["x.y"].aws_s3_bucket.b[0].arn` into
//! traversal steps, render instance keys, and turn a reference into the resource address it names.

/// Split a traversal on dots outside brackets and quotes; an index stays on its step
/// (`aws_s3_bucket.b[0].arn` -> `aws_s3_bucket`, `b[0]`, `arn`).
pub fn steps(s: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let (mut depth, mut quoted, mut escaped, mut start) = (0usize, false, false, 0);
    for (i, c) in s.char_indices() {
        if quoted {
            match (escaped, c) {
                (true, _) => escaped = false,
                (false, '\\') => escaped = true,
                (false, '"') => quoted = false,
                _ => {}
            }
            continue;
        }
        match c {
            '"' => quoted = true,
            '[' => depth += 1,
            ']' => depth = depth.saturating_sub(1),
            '.' if depth == 0 => {
                out.push(&s[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    out.push(&s[start..]);
    out
}

/// A step without its index: `b[0]` -> `b`.
pub fn bare(step: &str) -> &str {
    step.split('[').next().unwrap_or(step)
}

/// The `[...]` suffix of an instance: `[0]` or `["key"]` (Terraform's address syntax).
pub fn instance_key(key: &serde_json::Value) -> Option<String> {
    match key {
        serde_json::Value::Number(n) => Some(format!("[{n}]")),
        serde_json::Value::String(s) => Some(format!("[{}]", serde_json::Value::String(s.clone()))),
        _ => None,
    }
}

/// `prefix.rest`, or `rest` when the prefix is empty.
pub fn join(prefix: &str, rest: &str) -> String {
    if prefix.is_empty() { rest.to_string() } else { format!("{prefix}.{rest}") }
}

/// The module instances of a module address: `module.a[0].module.b` -> `[("a", "module.a[0]"),
/// ("b", "module.a[0].module.b")]` (call name, instance address so far).
pub fn module_path(module: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut prefix = String::new();
    let parts = steps(module);
    for pair in parts.chunks(2) {
        if let ["module", name] = pair {
            prefix = join(&prefix, &format!("module.{name}"));
            out.push((bare(name).to_string(), prefix.clone()));
        }
    }
    out
}

/// What a reference from configuration (`references` in `terraform show -json`) names.
#[derive(Debug, PartialEq, Eq)]
pub enum Reference<'a> {
    /// A managed resource or data source, relative to its module: `aws_kms_key.k`, `aws_s3_bucket.b[0]`,
    /// `data.aws_iam_policy_document.p`.
    Resource(String),
    /// An input variable of the module (`var.name`).
    Variable(&'a str),
    /// An output of a child module: call name, instance key (`[0]`) if written, output name.
    ModuleOutput { call: &'a str, key: Option<&'a str>, output: &'a str },
    /// Locals, `count`, `each`, `path`, `self`, `terraform`: no resource.
    Other,
}

pub fn parse_reference(r: &str) -> Reference<'_> {
    let s = steps(r);
    match s.as_slice() {
        ["var", name, ..] => Reference::Variable(bare(name)),
        ["module", call, output, ..] => {
            let name = bare(call);
            let key = (call.len() > name.len()).then(|| &call[name.len()..]);
            Reference::ModuleOutput { call: name, key, output: bare(output) }
        }
        ["module", ..] | ["local" | "count" | "each" | "path" | "self" | "terraform", ..] => Reference::Other,
        ["data", kind, name, ..] => Reference::Resource(format!("data.{kind}.{name}")),
        [kind, name, ..] if !kind.contains('[') => Reference::Resource(format!("{kind}.{name}")),
        _ => Reference::Other,
    }
}

/// Drop duplicates, and a whole resource (`aws_x.y`) when one of its instances (`aws_x.y[0]`) is
/// also referenced: Terraform lists both for `aws_x.y[0].id`.
pub fn normalise(refs: Vec<String>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for r in refs {
        if !out.contains(&r) {
            out.push(r);
        }
    }
    let keep: Vec<bool> =
        out.iter().map(|r| !out.iter().any(|o| o.len() > r.len() && o.starts_with(r.as_str()) && o[r.len()..].starts_with('['))).collect();
    out.into_iter().zip(keep).filter_map(|(r, k)| k.then_some(r)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_and_parses() {
        assert_eq!(steps(r#"module.a["x.y"].aws_s3_bucket.b[0].arn"#), vec!["module", r#"a["x.y"]"#, "aws_s3_bucket", "b[0]", "arn"]);
        assert_eq!(parse_reference("aws_kms_key.k.arn"), Reference::Resource("aws_kms_key.k".into()));
        assert_eq!(parse_reference("aws_s3_bucket.this[0].id"), Reference::Resource("aws_s3_bucket.this[0]".into()));
        assert_eq!(
            parse_reference("data.aws_iam_policy_document.p[0].json"),
            Reference::Resource("data.aws_iam_policy_document.p[0]".into())
        );
        assert_eq!(parse_reference(r#"var.logging["target_bucket"]"#), Reference::Variable("logging"));
        assert_eq!(parse_reference("module.m[1].out"), Reference::ModuleOutput { call: "m", key: Some("[1]"), output: "out" });
        assert_eq!(parse_reference("each.value"), Reference::Other);
        assert_eq!(parse_reference("module.m"), Reference::Other);
        assert_eq!(
            module_path(r#"module.a["k"].module.b"#),
            vec![("a".into(), r#"module.a["k"]"#.into()), ("b".into(), r#"module.a["k"].module.b"#.into())]
        );
        assert_eq!(
            normalise(vec!["a.b[0]".into(), "a.b".into(), "a.b[0]".into(), "c.d".into()]),
            vec!["a.b[0]".to_string(), "c.d".to_string()]
        );
        assert_eq!(instance_key(&serde_json::json!("k\"1")), Some(r#"["k\"1"]"#.to_string()));
    }
}

//! Secret-looking values in free text (EC2 user data) and in name/value pairs (Lambda and
//! Kubernetes environment variables), shared by every rule that looks for hard-coded credentials.
//!
//! Matching is hand-written and linear in the input. Callers must only ever show a match through
//! [`SecretMatch::evidence`], which redacts it.

use tightrope_core::redact::redact;

/// A value that looks like a credential, and what it looks like.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SecretMatch<'a> {
    /// What kind of secret this looks like (`AWS access key id`, `private key`, ...).
    pub kind: &'static str,
    /// The matched value; never print it, use [`SecretMatch::evidence`].
    pub value: &'a str,
}

impl SecretMatch<'_> {
    /// The kind and a redacted rendering of the value, safe to show.
    pub fn evidence(&self) -> String {
        format!("{}: {}", self.kind, redact(self.value))
    }
}

fn is_word(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

/// Length of the run at the start of `s` whose bytes satisfy `f`.
fn run(s: &[u8], f: impl Fn(u8) -> bool) -> usize {
    s.iter().take_while(|b| f(**b)).count()
}

/// Tokens with a recognisable prefix: (prefix, allowed body byte, minimum body length, kind).
type TokenShape = (&'static str, fn(u8) -> bool, usize, usize, &'static str);

const TOKENS: &[TokenShape] = &[
    (
        "AKIA",
        |b| b.is_ascii_uppercase() || b.is_ascii_digit(),
        16,
        16,
        "AWS access key id",
    ),
    (
        "ASIA",
        |b| b.is_ascii_uppercase() || b.is_ascii_digit(),
        16,
        16,
        "AWS temporary access key id",
    ),
    (
        "hf_",
        |b| b.is_ascii_alphanumeric(),
        30,
        usize::MAX,
        "Hugging Face token",
    ),
    (
        "sk-",
        |b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_',
        20,
        usize::MAX,
        "API secret key (sk-...)",
    ),
];

/// A prefixed token starting exactly at `i`.
fn token_at(text: &str, i: usize) -> Option<SecretMatch<'_>> {
    let bytes = text.as_bytes();
    if i > 0 && is_word(bytes[i - 1]) {
        return None;
    }
    for (prefix, body, min, max, kind) in TOKENS {
        if !bytes[i..].starts_with(prefix.as_bytes()) {
            continue;
        }
        let start = i + prefix.len();
        let n = run(&bytes[start..], *body);
        let ends_cleanly = bytes.get(start + n).is_none_or(|b| !is_word(*b));
        if n >= *min && n <= *max && ends_cleanly {
            return Some(SecretMatch {
                kind,
                value: &text[i..start + n],
            });
        }
    }
    None
}

const PRIVATE_KEY_HEAD: &str = "-----BEGIN ";
const PRIVATE_KEY_TAIL: &str = "PRIVATE KEY-----";

/// A PEM private-key header starting at `i`.
fn private_key_at(text: &str, i: usize) -> Option<SecretMatch<'_>> {
    let rest = text.get(i..)?;
    let line = rest.strip_prefix(PRIVATE_KEY_HEAD)?.lines().next()?;
    let end = line.find(PRIVATE_KEY_TAIL)? + PRIVATE_KEY_TAIL.len();
    // The key body follows the header; show (redacted) the header and what follows on that line.
    let body_end = rest
        .find("-----END ")
        .unwrap_or(PRIVATE_KEY_HEAD.len() + end);
    Some(SecretMatch {
        kind: "private key",
        value: &rest[..body_end],
    })
}

const SECRET_KEY_NAME: &str = "aws_secret_access_key";

/// `aws_secret_access_key` followed by `=` or `:` and a literal value, starting at `i`.
fn aws_secret_assignment_at(text: &str, i: usize) -> Option<SecretMatch<'_>> {
    let rest = text.get(i..)?;
    if !rest
        .get(..SECRET_KEY_NAME.len())?
        .eq_ignore_ascii_case(SECRET_KEY_NAME)
    {
        return None;
    }
    let after = &rest[SECRET_KEY_NAME.len()..];
    let sep = after
        .bytes()
        .position(|b| !matches!(b, b' ' | b'\t' | b'"' | b'\''))?;
    if !matches!(after.as_bytes()[sep], b'=' | b':') {
        return None;
    }
    let value_part = &after[sep + 1..];
    let skip = run(value_part.as_bytes(), |b| {
        matches!(b, b' ' | b'\t' | b'"' | b'\'')
    });
    let value = &value_part[skip..];
    let n = run(value.as_bytes(), |b| {
        !b.is_ascii_whitespace() && b != b'"' && b != b'\''
    });
    literal_credential(&value[..n]).then(|| SecretMatch {
        kind: "AWS secret access key",
        value: &value[..n],
    })
}

/// Every secret-looking value in free text (user data, scripts), in order of appearance.
pub fn scan_text(text: &str) -> Vec<SecretMatch<'_>> {
    let mut found = Vec::new();
    let mut i = 0;
    while i < text.len() {
        if !text.is_char_boundary(i) {
            i += 1;
            continue;
        }
        let hit = token_at(text, i)
            .or_else(|| private_key_at(text, i))
            .or_else(|| aws_secret_assignment_at(text, i));
        match hit {
            Some(m) => {
                // Continue after the match; never inside it.
                let offset = m.value.as_ptr() as usize - text.as_ptr() as usize;
                i = (offset + m.value.len()).max(i + 1);
                found.push(m);
            }
            None => i += 1,
        }
    }
    found
}

/// Variable-name fragments that say "this holds a credential".
const SENSITIVE_NAMES: &[&str] = &[
    "SECRET",
    "PASSWORD",
    "PASSWD",
    "TOKEN",
    "API_KEY",
    "APIKEY",
    "PRIVATE_KEY",
    "ACCESS_KEY",
    "CREDENTIAL",
    "AUTH_KEY",
];

/// Name suffixes that say "this names or locates a credential" rather than holding it.
const REFERENCE_SUFFIXES: &[&str] = &[
    "_NAME",
    "_ARN",
    "_ID",
    "_PATH",
    "_FILE",
    "_URL",
    "_TTL",
    "_REGION",
    "_ENDPOINT",
];

/// A value that could be a literal credential: long enough, one word, not a reference
/// (`${...}`, `$VAR`, `{{...}}`, an ARN, a path) and not just digits.
fn literal_credential(value: &str) -> bool {
    let v = value.trim();
    v.len() >= 8
        && !v.chars().any(char::is_whitespace)
        && !v.starts_with('$')
        && !v.starts_with("{{")
        && !v.starts_with("arn:")
        && !v.starts_with('/')
        && !v.bytes().all(|b| b.is_ascii_digit())
        && v.bytes().collect::<std::collections::BTreeSet<_>>().len() > 2
}

fn sensitive_name(name: &str) -> bool {
    let upper = name.to_ascii_uppercase().replace('-', "_");
    SENSITIVE_NAMES.iter().any(|s| upper.contains(s))
        && !REFERENCE_SUFFIXES.iter().any(|s| upper.ends_with(s))
}

/// Whether an environment variable holds what looks like a secret: a recognisable token in its
/// value, or a literal credential-like value in a variable whose name says it is a secret.
pub fn in_variable<'a>(name: &str, value: &'a str) -> Option<SecretMatch<'a>> {
    if let Some(m) = scan_text(value).into_iter().next() {
        return Some(m);
    }
    (sensitive_name(name) && literal_credential(value)).then(|| SecretMatch {
        kind: "literal value of a secret-named variable",
        value: value.trim(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_aws_keys_in_user_data() {
        let ud = "#!/bin/bash\nexport AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE\nexport AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n";
        let hits = scan_text(ud);
        let kinds: Vec<_> = hits.iter().map(|m| m.kind).collect();
        assert_eq!(kinds, ["AWS access key id", "AWS secret access key"]);
        assert_eq!(hits[0].value, "AKIAIOSFODNN7EXAMPLE");
        assert_eq!(hits[1].value, "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY");
        assert!(!hits[1].evidence().contains("MDENG"));
    }

    #[test]
    fn finds_tokens_and_private_keys() {
        let t = "HF_TOKEN=hf_abcdefghijklmnopqrstuvwxyzABCDEFGH\nkey: sk-proj-abcdefghijklmnopqrstuvwx\n-----BEGIN RSA PRIVATE KEY-----\nMIIEow\n-----END RSA PRIVATE KEY-----";
        let kinds: Vec<_> = scan_text(t).iter().map(|m| m.kind).collect();
        assert_eq!(
            kinds,
            [
                "Hugging Face token",
                "API secret key (sk-...)",
                "private key"
            ]
        );
    }

    #[test]
    fn ignores_lookalikes() {
        assert!(scan_text("task-definition-with-a-long-name-here").is_empty());
        assert!(scan_text("AKIAIOSFODNN7EXAMPL").is_empty(), "too short");
        assert!(
            scan_text("XAKIAIOSFODNN7EXAMPLE").is_empty(),
            "inside a word"
        );
        assert!(
            scan_text("aws_secret_access_key = $SECRET").is_empty(),
            "a shell variable"
        );
        assert!(scan_text("-----BEGIN PUBLIC KEY-----").is_empty());
    }

    #[test]
    fn secret_named_variables() {
        assert_eq!(
            in_variable("secret_key", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY").map(|m| m.kind),
            Some("literal value of a secret-named variable")
        );
        assert_eq!(
            in_variable("access_key", "AKIAIOSFODNN7EXAMPLE").map(|m| m.kind),
            Some("AWS access key id")
        );
        assert!(
            in_variable(
                "DB_PASSWORD_ARN",
                "arn:aws:secretsmanager:us-east-1:1:secret:x"
            )
            .is_none()
        );
        assert!(in_variable("SECRET_NAME", "prod/db/credentials").is_none());
        assert!(in_variable("TOKEN_TTL", "36000000").is_none());
        assert!(in_variable("LOG_LEVEL", "debug-verbose").is_none());
        assert!(in_variable("API_TOKEN", "${var.token}").is_none());
    }
}

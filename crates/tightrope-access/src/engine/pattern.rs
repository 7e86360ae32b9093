//! Wildcard patterns as IAM matches them: `*` (any run of characters) and `?` (one character),
//! policy variables (`${aws:username}`, `${aws:PrincipalTag/team, 'none'}`) and the escapes
//! `${*}`, `${?}`, `${$}` that stand for the literal characters.
//!
//! A pattern is compiled once per policy; variables are resolved per request. Values substituted
//! for a variable are literal (a `*` in a user name is not a wildcard). Matching is linear in the
//! subject length times the number of `*` runs (classic two-pointer backtracking), so hostile
//! patterns cannot blow up.

use super::request::Context;

/// One piece of a compiled pattern.
#[derive(Debug, Clone, PartialEq)]
enum Piece {
    Lit(String),
    Star,
    One,
    /// `${key}` or `${key, 'default'}`; the key is kept lowercased.
    Var {
        key: String,
        default: Option<String>,
    },
}

/// A compiled wildcard pattern with optional policy variables.
#[derive(Debug, Clone, PartialEq)]
pub struct Pattern {
    pieces: Vec<Piece>,
    /// The pattern is exactly `*`.
    pub any: bool,
    has_vars: bool,
    /// Tokens when the pattern has no variables (resolved once).
    fixed: Option<Vec<Tok>>,
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Tok {
    Byte(u8),
    Star,
    One,
}

impl Pattern {
    /// Compile `text`. When `variables` is false (Action, NotAction), `${...}` is taken literally.
    pub fn new(text: &str, variables: bool) -> Pattern {
        if !text.is_empty() && !text.contains(['*', '?', '$']) {
            // The common case (`s3:GetObject`, an ARN): one literal.
            return Pattern {
                fixed: Some(text.bytes().map(Tok::Byte).collect()),
                pieces: vec![Piece::Lit(text.to_string())],
                any: false,
                has_vars: false,
            };
        }
        let mut pieces = Vec::new();
        let mut lit = String::new();
        let mut rest = text;
        while let Some(c) = rest.chars().next() {
            if variables
                && rest.starts_with("${")
                && let Some(end) = rest.find('}')
            {
                {
                    let inner = &rest[2..end];
                    rest = &rest[end + 1..];
                    match inner {
                        "*" => lit.push('*'),
                        "?" => lit.push('?'),
                        "$" => lit.push('$'),
                        _ => {
                            if !lit.is_empty() {
                                pieces.push(Piece::Lit(std::mem::take(&mut lit)));
                            }
                            let (key, default) = match inner.split_once(',') {
                                Some((k, d)) => {
                                    let d = d.trim().trim_matches('\'').to_string();
                                    (k.trim(), Some(d))
                                }
                                None => (inner.trim(), None),
                            };
                            pieces.push(Piece::Var {
                                key: key.to_ascii_lowercase(),
                                default,
                            });
                        }
                    }
                    continue;
                }
            }
            match c {
                '*' | '?' => {
                    if !lit.is_empty() {
                        pieces.push(Piece::Lit(std::mem::take(&mut lit)));
                    }
                    pieces.push(if c == '*' { Piece::Star } else { Piece::One });
                }
                _ => lit.push(c),
            }
            rest = &rest[c.len_utf8()..];
        }
        if !lit.is_empty() {
            pieces.push(Piece::Lit(lit));
        }
        pieces.retain(|p| !matches!(p, Piece::Lit(s) if s.is_empty()));
        let has_vars = pieces.iter().any(|p| matches!(p, Piece::Var { .. }));
        let any = pieces == [Piece::Star];
        let mut pattern = Pattern {
            pieces,
            any,
            has_vars,
            fixed: None,
        };
        if !has_vars {
            pattern.fixed = pattern.tokens(&Context::default());
        }
        pattern
    }

    /// The pattern contains a policy variable.
    pub fn has_variables(&self) -> bool {
        self.has_vars
    }

    /// The literal text before the first wildcard or variable (for prefix filters).
    pub fn literal_prefix(&self) -> &str {
        match self.pieces.first() {
            Some(Piece::Lit(s)) => s,
            _ => "",
        }
    }

    /// Resolve variables from `ctx`; `None` when a variable has no value and no default (then the
    /// element does not match, as in AWS).
    fn tokens(&self, ctx: &Context) -> Option<Vec<Tok>> {
        let mut out = Vec::new();
        for p in &self.pieces {
            match p {
                Piece::Lit(s) => out.extend(s.bytes().map(Tok::Byte)),
                Piece::Star => out.push(Tok::Star),
                Piece::One => out.push(Tok::One),
                Piece::Var { key, default } => {
                    let v = ctx.single(key).or(default.as_deref())?;
                    out.extend(v.bytes().map(Tok::Byte));
                }
            }
        }
        Some(out)
    }

    /// Does `subject` match, resolving variables from `ctx`?
    pub fn matches(&self, subject: &str, ctx: &Context, ignore_case: bool) -> bool {
        if self.any {
            return true;
        }
        match &self.fixed {
            Some(t) => glob(t, subject.as_bytes(), ignore_case),
            None => self
                .tokens(ctx)
                .is_some_and(|t| glob(&t, subject.as_bytes(), ignore_case)),
        }
    }
}

/// Length of the UTF-8 character starting with byte `b`.
fn char_len(b: u8) -> usize {
    match b {
        0xF0..=0xFF => 4,
        0xE0..=0xEF => 3,
        0xC0..=0xDF => 2,
        _ => 1,
    }
}

fn glob(pat: &[Tok], s: &[u8], ignore_case: bool) -> bool {
    let (mut p, mut i) = (0usize, 0usize);
    let mut star: Option<(usize, usize)> = None;
    while i < s.len() {
        match pat.get(p) {
            Some(Tok::Star) => {
                star = Some((p, i));
                p += 1;
                continue;
            }
            Some(Tok::One) => {
                p += 1;
                i += char_len(s[i]);
                continue;
            }
            Some(Tok::Byte(b)) if *b == s[i] || (ignore_case && b.eq_ignore_ascii_case(&s[i])) => {
                p += 1;
                i += 1;
                continue;
            }
            _ => {}
        }
        match star {
            Some((sp, si)) => {
                p = sp + 1;
                i = si + 1;
                star = Some((sp, si + 1));
            }
            None => return false,
        }
    }
    pat[p.min(pat.len())..].iter().all(|t| *t == Tok::Star)
}

/// An ARN pattern of the `Resource` element or the `Arn*` condition operators: each of the six
/// colon-separated parts is matched separately, so a wildcard never spans a `:` of the first five.
#[derive(Debug, Clone, PartialEq)]
pub struct ArnPattern {
    whole: Pattern,
    parts: Option<Vec<Pattern>>,
}

impl ArnPattern {
    pub fn new(text: &str) -> ArnPattern {
        let parts: Vec<&str> = text.splitn(6, ':').collect();
        let parts = (parts.len() == 6 && text.starts_with("arn:"))
            .then(|| parts.iter().map(|p| Pattern::new(p, true)).collect());
        ArnPattern {
            whole: Pattern::new(text, true),
            parts,
        }
    }

    pub fn is_any(&self) -> bool {
        self.whole.any
    }

    pub fn matches(&self, arn: &str, ctx: &Context) -> bool {
        if self.whole.any {
            return true;
        }
        match &self.parts {
            Some(parts) => {
                let subject: Vec<&str> = arn.splitn(6, ':').collect();
                subject.len() == 6
                    && parts
                        .iter()
                        .zip(&subject)
                        .all(|(p, s)| p.matches(s, ctx, false))
            }
            None => self.whole.matches(arn, ctx, false),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(p: &str, s: &str) -> bool {
        Pattern::new(p, true).matches(s, &Context::default(), false)
    }

    #[test]
    fn star_and_question() {
        assert!(m("*", ""));
        assert!(m("a*c", "abbbc"));
        assert!(m("a*c", "ac"));
        assert!(!m("a*c", "acb"));
        assert!(m("a?c", "abc"));
        assert!(!m("a?c", "ac"));
        assert!(m("*a*a*a*a*b", "aaaaaaaaaaaaaaaaab"));
        assert!(!m("*a*a*a*a*b", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"));
        assert!(m("?", "é"));
    }

    #[test]
    fn escapes_are_literal() {
        assert!(m("a${*}b", "a*b"));
        assert!(!m("a${*}b", "axb"));
        assert!(m("${?}", "?"));
        assert!(m("${$}x", "$x"));
    }

    #[test]
    fn variables_resolve_from_context() {
        let mut ctx = Context::default();
        ctx.set("aws:username", "alice");
        let p = Pattern::new("arn:aws:s3:::home/${aws:username}/*", true);
        assert!(p.matches("arn:aws:s3:::home/alice/x", &ctx, false));
        assert!(!p.matches("arn:aws:s3:::home/bob/x", &ctx, false));
        // no value, no default: never matches
        assert!(!p.matches("arn:aws:s3:::home/alice/x", &Context::default(), false));
        let d = Pattern::new("team-${aws:PrincipalTag/team, 'none'}", true);
        assert!(d.matches("team-none", &Context::default(), false));
        // a substituted value is literal
        ctx.set("aws:username", "*");
        assert!(!p.matches("arn:aws:s3:::home/bob/x", &ctx, false));
    }

    #[test]
    fn arn_segments() {
        let c = Context::default();
        let p = ArnPattern::new("arn:aws:iam::*:role/*");
        assert!(p.matches("arn:aws:iam::123456789012:role/a/b", &c));
        // `*` in the account part cannot swallow colons
        assert!(!ArnPattern::new("arn:aws:iam::*:role/x").matches("arn:aws:iam::1:2:role/x", &c));
        // a pattern with fewer than six parts is one glob
        assert!(ArnPattern::new("arn:aws:s3:*").matches("arn:aws:s3:::bucket", &c));
        assert!(
            ArnPattern::new("arn:aws:s3:::*").matches("arn:aws:s3:::bucket/key:with:colons", &c)
        );
        assert!(
            !ArnPattern::new("arn:aws:s3:::Bucket").matches("arn:aws:s3:::bucket", &c),
            "ARNs are case-sensitive"
        );
    }
}

//! Turning API values into typed attributes whose origin is the resource ARN and the API field.

use tightrope_core::state::{Link, Meta};
use tightrope_core::{Attr, Origin};

/// The origin of `field` in the API object of `arn`.
pub(crate) fn api(arn: &str, field: &str) -> Origin {
    Origin::Api { arn: arn.to_string(), field: field.to_string() }
}

/// The metadata of a resource read from the API: its ARN is its address and origin.
pub(crate) fn meta(arn: &str, kind: &str, list_field: &str) -> Meta {
    Meta { address: arn.to_string(), kind: kind.to_string(), origin: api(arn, list_field), ..Default::default() }
}

/// A value the API returned; when the API left the field out, the service's documented default
/// (`default`, possibly "not configured").
pub(crate) fn attr<T>(value: Option<T>, default: Option<T>, arn: &str, field: &str) -> Attr<T> {
    match value {
        Some(v) => Attr::explicit(v, api(arn, field)),
        None => Attr::default_value(default, api(arn, field)),
    }
}

/// A value the API returned, or "not configured" when the field was left out.
pub(crate) fn opt<T>(value: Option<T>, arn: &str, field: &str) -> Attr<T> {
    attr(value, None, arn, field)
}

/// A string value (owned) from an optional `&str`.
pub(crate) fn text(value: Option<&str>, arn: &str, field: &str) -> Attr<String> {
    opt(value.filter(|s| !s.is_empty()).map(str::to_string), arn, field)
}

/// A link to another resource named by the API (an ARN, ID or name); absent when empty.
pub(crate) fn link(value: Option<&str>, arn: &str, field: &str) -> Attr<Link> {
    opt(value.filter(|s| !s.is_empty()).map(|s| Link::Literal(s.to_string())), arn, field)
}

/// Links for each value of a list field.
pub(crate) fn links<'a>(values: impl IntoIterator<Item = &'a str>, arn: &str, field: &str) -> Vec<Attr<Link>> {
    values.into_iter().map(|v| Attr::explicit(Link::Literal(v.to_string()), api(arn, field))).collect()
}

/// Strings for each value of a list field.
pub(crate) fn texts<'a>(values: impl IntoIterator<Item = &'a str>, arn: &str, field: &str) -> Vec<Attr<String>> {
    values.into_iter().map(|v| Attr::explicit(v.to_string(), api(arn, field))).collect()
}

/// A value that could not be read (the call failed): rules never guess it.
pub(crate) fn unknown<T>(arn: &str, field: &str) -> Attr<T> {
    Attr::unknown(api(arn, field))
}

/// Tags from any SDK's key/value list.
pub(crate) fn tags<'a>(pairs: impl IntoIterator<Item = (Option<&'a str>, Option<&'a str>)>) -> std::collections::BTreeMap<String, String> {
    pairs.into_iter().filter_map(|(k, v)| Some((k?.to_string(), v.unwrap_or_default().to_string()))).collect()
}

/// Parse a policy document as IAM returns it: JSON, often URL-encoded (IAM's GetAccountAuthorizationDetails).
pub(crate) fn policy(raw: Option<&str>, arn: &str, field: &str) -> Attr<tightrope_core::PolicyDocument> {
    let Some(raw) = raw.filter(|s| !s.trim().is_empty()) else {
        return opt(None, arn, field);
    };
    let decoded = if raw.trim_start().starts_with('{') {
        raw.to_string()
    } else {
        percent_encoding::percent_decode_str(raw).decode_utf8_lossy().into_owned()
    };
    match tightrope_core::PolicyDocument::parse(&decoded) {
        Ok(doc) => Attr::explicit(doc, api(arn, field)),
        Err(_) => unknown(arn, field),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn policies_are_decoded_when_url_encoded() {
        let raw = "%7B%22Version%22%3A%222012-10-17%22%2C%22Statement%22%3A%5B%7B%22Effect%22%3A%22Allow%22%2C%22Action%22%3A%22s3%3AGetObject%22%2C%22Resource%22%3A%22%2A%22%7D%5D%7D";
        let p = policy(Some(raw), "arn:aws:iam::1:policy/p", "PolicyVersionList.Document");
        assert!(p.is_explicit(), "{p:?}");
        let plain = policy(Some(r#"{"Version":"2012-10-17","Statement":[]}"#), "a", "Policy");
        assert!(plain.get().is_some());
        assert!(policy(Some("not a policy"), "a", "Policy").is_unknown());
        assert!(policy(None, "a", "Policy").is_absent());
    }

    #[test]
    fn values_carry_arn_and_field() {
        let a = text(Some("v1"), "arn:x", "Field");
        assert_eq!(a.origin, Origin::Api { arn: "arn:x".into(), field: "Field".into() });
        assert!(a.is_explicit());
        assert!(text(Some(""), "arn:x", "Field").is_absent());
        assert_eq!(attr(None, Some(true), "arn:x", "F").get(), Some(&true));
    }
}

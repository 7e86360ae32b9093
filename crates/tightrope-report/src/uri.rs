//! File paths as SARIF artifact URIs: forward slashes, percent-encoded, relative paths marked so
//! they resolve against `%SRCROOT%` and absolute ones written as `file:` URIs.

/// A path turned into a URI reference.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct ArtifactUri {
    pub uri: String,
    /// True when `uri` is relative (to be resolved against `%SRCROOT%`).
    pub relative: bool,
}

/// Convert a scanned path (as written by the readers, possibly with backslashes) into a URI.
pub(crate) fn artifact_uri(path: &str) -> ArtifactUri {
    let p = path.replace('\\', "/");
    if let Some(rest) = p.strip_prefix("//") {
        // UNC path: //server/share/file
        return ArtifactUri { uri: format!("file://{}", encode(rest)), relative: false };
    }
    if p.starts_with('/') {
        return ArtifactUri { uri: format!("file://{}", encode(&p)), relative: false };
    }
    let bytes = p.as_bytes();
    if bytes.len() >= 3 && bytes[0].is_ascii_alphabetic() && bytes[1] == b':' && bytes[2] == b'/' {
        // Windows drive: C:/dir/file -> file:///C:/dir/file (the drive colon stays as is).
        return ArtifactUri { uri: format!("file:///{}:{}", &p[..1], encode(&p[2..])), relative: false };
    }
    let mut rel = p.as_str();
    while let Some(r) = rel.strip_prefix("./") {
        rel = r;
    }
    ArtifactUri { uri: encode(rel), relative: true }
}

/// Percent-encode everything except RFC 3986 unreserved characters, `/` and the sub-delimiters
/// that are safe in a path. `:` is encoded so a relative path is never read as a scheme.
fn encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        let keep = b.is_ascii_alphanumeric() || b"-._~/!$&'()*+,;=@".contains(&b);
        if keep {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn uri(p: &str) -> (String, bool) {
        let a = artifact_uri(p);
        (a.uri, a.relative)
    }

    #[test]
    fn relative_paths() {
        assert_eq!(uri("main.tf"), ("main.tf".into(), true));
        assert_eq!(uri("./infra/main.tf"), ("infra/main.tf".into(), true));
        assert_eq!(uri("infra\\ml\\main.tf"), ("infra/ml/main.tf".into(), true));
        assert_eq!(uri("my dir/50%#1?.tf"), ("my%20dir/50%25%231%3F.tf".into(), true));
        assert_eq!(uri("c:foo.yaml"), ("c%3Afoo.yaml".into(), true));
        assert_eq!(uri("données/é.tf"), ("donn%C3%A9es/%C3%A9.tf".into(), true));
    }

    #[test]
    fn absolute_paths() {
        assert_eq!(uri("/work/a b.tf"), ("file:///work/a%20b.tf".into(), false));
        assert_eq!(uri("C:\\src\\main.tf"), ("file:///C:/src/main.tf".into(), false));
        assert_eq!(uri("\\\\server\\share\\x.tf"), ("file://server/share/x.tf".into(), false));
    }
}

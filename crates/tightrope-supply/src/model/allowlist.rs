//! The allow-list of callables a model pickle may import (`data/pickle_allowlist.txt`, with reasons).

use std::sync::OnceLock;

const SOURCE: &str = include_str!("../../data/pickle_allowlist.txt");

/// One allow-list entry: a pattern (`torch.*Storage`) and why it is safe.
#[derive(Debug, Clone, Copy)]
pub struct Allowed {
    pub pattern: &'static str,
    pub reason: &'static str,
}

/// Every entry of the built-in allow-list.
pub fn entries() -> &'static [Allowed] {
    static ENTRIES: OnceLock<Vec<Allowed>> = OnceLock::new();
    ENTRIES.get_or_init(|| {
        SOURCE
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .filter_map(|l| {
                let (pattern, reason) = l.split_once(char::is_whitespace)?;
                Some(Allowed { pattern, reason: reason.trim() })
            })
            .collect()
    })
}

/// The entry that allows `qualified` (`module.name`), if any.
pub fn allowed(qualified: &str) -> Option<&'static Allowed> {
    entries().iter().find(|a| glob_match(a.pattern, qualified))
}

/// `*` matches any run of characters; everything else literally.
fn glob_match(pattern: &str, s: &str) -> bool {
    match pattern.split_once('*') {
        None => pattern == s,
        Some((head, tail)) => {
            s.len() >= head.len() + tail.len() && s.starts_with(head) && glob_match_rest(tail, &s[head.len()..])
        }
    }
}

fn glob_match_rest(pattern: &str, s: &str) -> bool {
    if !pattern.contains('*') {
        return s.ends_with(pattern);
    }
    (0..=s.len()).filter(|i| s.is_char_boundary(*i)).any(|i| glob_match(pattern, &s[i..]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn torch_and_numpy_rebuilders_are_allowed() {
        for q in ["torch._utils._rebuild_tensor_v2", "torch.FloatStorage", "collections.OrderedDict", "numpy.core.multiarray._reconstruct", "numpy.dtype"] {
            assert!(allowed(q).is_some(), "{q}");
        }
    }

    #[test]
    fn code_execution_is_not_allowed() {
        for q in ["os.system", "builtins.eval", "torch.serialization.load", "torch._inductor.codecache.compile_file", "torch.FloatStorage.x"] {
            assert!(allowed(q).is_none(), "{q}");
        }
        assert!(entries().iter().all(|e| !e.reason.is_empty()));
    }
}

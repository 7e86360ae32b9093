//! Evidence without exposure: a masked rendering of each value (`4111 **** **** 1111`,
//! `AKIA…WXYZ`, `o***@example.com`) and a keyed hash (HMAC-SHA256 with a per-installation key)
//! so the same value can be correlated across files and runs without being stored.

use crate::detector::{Category, Detector};
use hmac::{Hmac, Mac};
use sha2::Sha256;
use std::path::{Path, PathBuf};

/// Mask a sensitive value for display. Never returns the whole value.
pub fn mask(detector: &Detector, value: &[u8]) -> String {
    let s = String::from_utf8_lossy(value);
    let chars: Vec<char> = s.chars().collect();
    let n = chars.len();
    match detector.id {
        // PCI DSS allows the first six and last four digits; we keep four and four.
        "FIN-CREDIT-CARD" | "FIN-IBAN" => keep_digits_edges(&chars, 4, 4),
        "PII-US-SSN" | "PII-UK-NINO" | "FIN-ABA-ROUTING" | "PII-PHONE" | "PII-PASSPORT" | "PHI-MRN" => keep_digits_edges(&chars, 0, 4),
        "PII-EMAIL" => match s.split_once('@') {
            Some((local, domain)) => format!("{}***@{domain}", local.chars().next().unwrap_or('*')),
            None => "***".into(),
        },
        "SECRET-PRIVATE-KEY" => s.into_owned(), // the armour line only; the key material is never part of the value
        _ if detector.category == Category::Credential => {
            if n >= 20 {
                let head: String = chars[..4].iter().collect();
                let tail: String = chars[n - 4..].iter().collect();
                format!("{head}…{tail}")
            } else {
                format!("…({n} chars)")
            }
        }
        _ if n > 2 => format!("{}{}", chars[0], "*".repeat(n - 1)),
        _ => "**".into(),
    }
}

/// Keep the first `head` and last `tail` alphanumerics, mask the others, keep separators.
fn keep_digits_edges(chars: &[char], head: usize, tail: usize) -> String {
    let total = chars.iter().filter(|c| c.is_ascii_alphanumeric()).count();
    if total <= head + tail {
        return chars.iter().map(|c| if c.is_ascii_alphanumeric() { '*' } else { *c }).collect();
    }
    let mut i = 0;
    chars
        .iter()
        .map(|&c| {
            if !c.is_ascii_alphanumeric() {
                return c;
            }
            i += 1;
            if i <= head || i > total - tail { c } else { '*' }
        })
        .collect()
}

/// The per-installation key of the correlation hash.
#[derive(Clone)]
pub struct HashKey([u8; 32]);

impl std::fmt::Debug for HashKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("HashKey(…)")
    }
}

impl HashKey {
    pub fn from_bytes(key: [u8; 32]) -> Self {
        HashKey(key)
    }

    /// Where the key lives by default: `$TIGHTROPE_HOME/classify.key`, else
    /// `$XDG_DATA_HOME/tightrope/classify.key`, else `~/.local/share/tightrope/classify.key`.
    pub fn default_path() -> Option<PathBuf> {
        if let Some(h) = std::env::var_os("TIGHTROPE_HOME") {
            return Some(PathBuf::from(h).join("classify.key"));
        }
        let base = std::env::var_os("XDG_DATA_HOME")
            .map(PathBuf::from)
            .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".local/share")))?;
        Some(base.join("tightrope").join("classify.key"))
    }

    /// Read the key at `path`, or create it (32 random bytes, mode 0600) when it does not exist.
    pub fn load_or_create(path: &Path) -> anyhow::Result<Self> {
        use anyhow::Context;
        match std::fs::read(path) {
            Ok(bytes) => {
                let key: [u8; 32] = bytes
                    .get(..32)
                    .and_then(|b| b.try_into().ok())
                    .with_context(|| format!("{}: hash key must be at least 32 bytes", path.display()))?;
                Ok(HashKey(key))
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                let mut key = [0u8; 32];
                getrandom::fill(&mut key).map_err(|e| anyhow::anyhow!("no randomness for the hash key: {e}"))?;
                if let Some(dir) = path.parent() {
                    std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
                }
                write_private(path, &key).with_context(|| format!("writing hash key {}", path.display()))?;
                tracing::info!(path = %path.display(), "created a new per-installation hash key");
                Ok(HashKey(key))
            }
            Err(e) => Err(e).with_context(|| format!("reading hash key {}", path.display())),
        }
    }

    /// `hmac:` and the first 16 hex digits of HMAC-SHA256(key, detector id, value).
    pub fn hash(&self, detector: &Detector, value: &[u8]) -> String {
        let Ok(mut mac) = Hmac::<Sha256>::new_from_slice(&self.0) else {
            return String::new();
        };
        mac.update(detector.id.as_bytes());
        mac.update(b"\0");
        let normalized: Vec<u8> = match detector.category {
            // `4111 1111 …` and `4111-1111-…` are the same card.
            Category::Financial => value.iter().copied().filter(u8::is_ascii_alphanumeric).collect(),
            _ => value.to_vec(),
        };
        mac.update(&normalized);
        let out = mac.finalize().into_bytes();
        let hex: String = out.iter().take(8).map(|b| format!("{b:02x}")).collect();
        format!("hmac:{hex}")
    }
}

#[cfg(unix)]
fn write_private(path: &Path, key: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    use std::os::unix::fs::OpenOptionsExt;
    let mut f = std::fs::OpenOptions::new().write(true).create_new(true).mode(0o600).open(path)?;
    f.write_all(key)
}

#[cfg(not(unix))]
fn write_private(path: &Path, key: &[u8]) -> std::io::Result<()> {
    std::fs::write(path, key)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::detectors::by_id;

    #[test]
    fn masks_keep_only_edges() {
        let card = by_id("FIN-CREDIT-CARD").unwrap();
        assert_eq!(mask(card, b"4111 1111 1111 1111"), "4111 **** **** 1111");
        assert_eq!(mask(card, b"4111111111111111"), "4111********1111");
        let aws = by_id("SECRET-AWS-ACCESS-KEY").unwrap();
        assert_eq!(mask(aws, b"AKIAQWERTYUIOPASWXYZ"), "AKIA…WXYZ");
        let ssn = by_id("PII-US-SSN").unwrap();
        assert_eq!(mask(ssn, b"123-45-6789"), "***-**-6789");
        let email = by_id("PII-EMAIL").unwrap();
        assert_eq!(mask(email, b"olga.davis@example.com"), "o***@example.com");
    }

    #[test]
    fn hash_is_keyed_and_stable() {
        let d = by_id("FIN-CREDIT-CARD").unwrap();
        let k1 = HashKey::from_bytes([1; 32]);
        let k2 = HashKey::from_bytes([2; 32]);
        assert_eq!(k1.hash(d, b"4111 1111 1111 1111"), k1.hash(d, b"4111-1111-1111-1111"));
        assert_ne!(k1.hash(d, b"4111 1111 1111 1111"), k2.hash(d, b"4111 1111 1111 1111"));
    }
}

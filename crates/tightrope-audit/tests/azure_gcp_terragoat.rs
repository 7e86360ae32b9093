//! Azure and GCP rules on TerraGoat's real Terraform (`../shared/data/iac-terragoat`): the
//! findings below were checked by reading `terraform/azure/storage.tf`, `terraform/azure/mssql.tf`
//! and `terraform/gcp/gcs.tf`.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use tightrope_audit::{AuditOptions, audit};

fn terragoat(provider: &str) -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/data/iac-terragoat/terraform")
        .join(provider);
    dir.is_dir().then_some(dir)
}

/// (rule id, resource address) of every finding of an Azure or GCP rule.
fn hits(dir: PathBuf) -> BTreeSet<(String, String)> {
    let scan = tightrope_ingest::scan(&[dir]);
    audit(&scan.state, &AuditOptions::default())
        .findings
        .into_iter()
        .filter(|f| f.rule_id.starts_with("TR-AZURE-") || f.rule_id.starts_with("TR-GCP-"))
        .map(|f| (f.rule_id, f.resource.address))
        .collect()
}

fn pairs(list: &[(&str, &str)]) -> BTreeSet<(String, String)> {
    list.iter()
        .map(|(r, a)| (r.to_string(), a.to_string()))
        .collect()
}

#[test]
fn terragoat_azure_storage_accounts() {
    let Some(dir) = terragoat("azure") else {
        eprintln!("skipping: ../shared/data/iac-terragoat not present");
        return;
    };
    let got = hits(dir);
    // `example` gets `default_action = "Deny"` from the separate
    // azurerm_storage_account_network_rules.test (merged by reference), so STORAGE-004 must not
    // fire on it; `security_storage_account` has no network rules at all. Neither sets
    // min_tls_version (default TLS1_2) or disables HTTPS, so STORAGE-002/003 stay silent.
    let want = pairs(&[
        ("TR-AZURE-STORAGE-001", "azurerm_storage_account.example"),
        ("TR-AZURE-STORAGE-005", "azurerm_storage_account.example"),
        (
            "TR-AZURE-STORAGE-001",
            "azurerm_storage_account.security_storage_account",
        ),
        (
            "TR-AZURE-STORAGE-004",
            "azurerm_storage_account.security_storage_account",
        ),
        (
            "TR-AZURE-STORAGE-005",
            "azurerm_storage_account.security_storage_account",
        ),
    ]);
    assert_eq!(got, want);
}

#[test]
fn terragoat_gcp_public_bucket() {
    let Some(dir) = terragoat("gcp") else {
        eprintln!("skipping: ../shared/data/iac-terragoat not present");
        return;
    };
    let got = hits(dir);
    // google_storage_bucket_iam_binding.allow_public_read grants objectViewer to allUsers on the
    // bucket by reference; the bucket sets neither uniform access nor public access prevention.
    let want = pairs(&[
        ("TR-GCP-GCS-001", "google_storage_bucket.terragoat_website"),
        ("TR-GCP-GCS-002", "google_storage_bucket.terragoat_website"),
        ("TR-GCP-GCS-003", "google_storage_bucket.terragoat_website"),
    ]);
    assert_eq!(got, want);
}

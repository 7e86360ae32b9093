//! Azure/GCP adapters and rules on `tests/data/azure_gcp/cases.tf`: split resources merged by
//! reference and by literal name, azurerm 3.x attribute spellings, network ACLs that deny by
//! default, unknown values never reported, and defaults worded and located as defaults.

use std::path::Path;
use tightrope_audit::{AuditOptions, audit};
use tightrope_core::{Finding, Origin};

fn findings() -> Vec<Finding> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/azure_gcp/cases.tf");
    let scan = tightrope_ingest::scan(&[path]);
    assert!(scan.errors.is_empty(), "{:?}", scan.errors);
    audit(&scan.state, &AuditOptions::default()).findings
}

fn on<'a>(all: &'a [Finding], rule: &str, address: &str) -> Option<&'a Finding> {
    all.iter()
        .find(|f| f.rule_id == rule && f.resource.address == address)
}

#[test]
fn network_acl_deny_and_unknown_values_are_not_public() {
    let all = findings();
    assert!(
        on(
            &all,
            "TR-AZURE-COGNITIVE-001",
            "azurerm_cognitive_account.acl_deny"
        )
        .is_none()
    );
    assert!(
        on(
            &all,
            "TR-AZURE-COGNITIVE-001",
            "azurerm_cognitive_account.from_var"
        )
        .is_none()
    );
    // Same accounts, other settings left to their defaults, are still reported.
    assert!(
        on(
            &all,
            "TR-AZURE-COGNITIVE-002",
            "azurerm_cognitive_account.acl_deny"
        )
        .is_some()
    );
}

#[test]
fn split_customer_managed_key_is_merged() {
    let all = findings();
    assert!(
        on(
            &all,
            "TR-AZURE-COGNITIVE-003",
            "azurerm_cognitive_account.split_cmk"
        )
        .is_none()
    );
    assert!(
        on(
            &all,
            "TR-AZURE-COGNITIVE-003",
            "azurerm_cognitive_account.acl_deny"
        )
        .is_some()
    );
}

#[test]
fn azurerm_3_spellings_and_split_network_rules() {
    let all = findings();
    let http = on(&all, "TR-AZURE-STORAGE-002", "azurerm_storage_account.v3")
        .expect("enable_https_traffic_only = false");
    assert_eq!(
        http.location.lines(),
        Some((48, 48)),
        "points at the attribute: {:?}",
        http.location
    );
    assert!(
        on(&all, "TR-AZURE-STORAGE-001", "azurerm_storage_account.v3").is_none(),
        "allow_blob_public_access = false"
    );
    assert!(
        on(&all, "TR-AZURE-STORAGE-004", "azurerm_storage_account.v3").is_none(),
        "Deny from the split network rules"
    );
}

#[test]
fn defaults_are_worded_and_located_as_defaults() {
    let all = findings();
    let f = on(
        &all,
        "TR-AZURE-COGNITIVE-002",
        "azurerm_cognitive_account.acl_deny",
    )
    .expect("local auth default");
    assert!(f.message.ends_with("by default"), "{}", f.message);
    assert!(
        matches!(&f.location, Origin::File { start_line: 4, .. }),
        "the resource block: {:?}",
        f.location
    );
}

#[test]
fn bucket_grant_by_literal_name_is_public() {
    let all = findings();
    let f =
        on(&all, "TR-GCP-GCS-002", "google_storage_bucket.by_name").expect("allAuthenticatedUsers");
    assert!(
        f.message.contains("allAuthenticatedUsers")
            && f.message.contains("roles/storage.objectAdmin"),
        "{}",
        f.message
    );
    assert!(
        !f.message.contains("group:ml"),
        "only public members are reported: {}",
        f.message
    );
    assert_eq!(
        all.iter().filter(|f| f.rule_id == "TR-GCP-GCS-002").count(),
        1
    );
}

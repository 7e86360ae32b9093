use crate::declare_rule;

declare_rule! {
    /// ## What it does
    /// Flags storage accounts whose `min_tls_version` is `TLS1_0` or `TLS1_1`. The azurerm 3.x/4.x
    /// default, `TLS1_2`, is not reported.
    ///
    /// ## Why is this bad
    /// TLS 1.0 and 1.1 have known weaknesses and are deprecated; allowing them lets a client (or an
    /// attacker downgrading one) protect SAS tokens and data with broken ciphers.
    ///
    /// ## Example
    /// ```hcl
    /// resource "azurerm_storage_account" "training" {
    ///   name                     = "contosotraining"
    ///   resource_group_name      = "rg-ml"
    ///   location                 = "westeurope"
    ///   account_tier             = "Standard"
    ///   account_replication_type = "GRS"
    ///   min_tls_version = "TLS1_0"
    /// }
    /// ```
    ///
    /// ## Remediation
    /// Set `min_tls_version = "TLS1_2"` (or remove the attribute on azurerm 3.x and later).
    pub struct AzureStorageMinTls;
    meta {
        id: "TR-AZURE-STORAGE-003",
        title: "Azure storage account accepts TLS versions before 1.2",
        severity: Medium,
        step: Audit,
        provider: "azure",
        service: "storage",
        ai: false,
        remediation: "Set `min_tls_version = \"TLS1_2\"`.",
        references: [
            ("azurerm_storage_account: min_tls_version (default TLS1_2)", "https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/storage_account"),
            ("CIS Microsoft Azure Foundations Benchmark 3.15", "https://www.cisecurity.org/benchmark/azure"),
        ],
        compliance: [(CisAzure, "3.15")],
    }
    fn check(state, out) {
        for a in &state.azure.storage.accounts {
            if let Some(v) = a.min_tls_version.get().filter(|v| v.eq_ignore_ascii_case("TLS1_0") || v.eq_ignore_ascii_case("TLS1_1")) {
                out.at_attr(&a.meta, &a.min_tls_version, "min_tls_version", format!("minimum TLS version is {v}"));
            }
        }
    }
}

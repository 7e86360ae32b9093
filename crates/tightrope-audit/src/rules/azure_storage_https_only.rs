use crate::declare_rule;

declare_rule! {
    /// ## What it does
    /// Flags storage accounts that set `https_traffic_only_enabled = false` (azurerm 3.x:
    /// `enable_https_traffic_only`); the default, true, is not reported.
    ///
    /// ## Why is this bad
    /// Requests over plain HTTP carry SAS tokens, shared keys and the data itself in clear text; anyone
    /// on the path can read or alter training data and model files in transit.
    ///
    /// ## Example
    /// ```hcl
    /// resource "azurerm_storage_account" "training" {
    ///   name                     = "contosotraining"
    ///   resource_group_name      = "rg-ml"
    ///   location                 = "westeurope"
    ///   account_tier             = "Standard"
    ///   account_replication_type = "GRS"
    ///   https_traffic_only_enabled = false
    /// }
    /// ```
    ///
    /// ## Remediation
    /// Remove the attribute or set `https_traffic_only_enabled = true`.
    pub struct AzureStorageHttpsOnly;
    meta {
        id: "TR-AZURE-STORAGE-002",
        title: "Azure storage account accepts plain HTTP",
        severity: High,
        step: Audit,
        provider: "azure",
        service: "storage",
        ai: false,
        remediation: "Set `https_traffic_only_enabled = true` (azurerm 3.x: `enable_https_traffic_only`), or remove the attribute.",
        references: [
            ("azurerm_storage_account: https_traffic_only_enabled (default true)", "https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/storage_account"),
            ("CIS Microsoft Azure Foundations Benchmark 3.1", "https://www.cisecurity.org/benchmark/azure"),
        ],
        compliance: [(CisAzure, "3.1")],
    }
    fn check(state, out) {
        for a in &state.azure.storage.accounts {
            if a.https_only.is(&false) {
                out.at_attr(&a.meta, &a.https_only, "https_traffic_only_enabled", "secure transfer is disabled: plain HTTP is accepted");
            }
        }
    }
}

use crate::declare_rule;
use crate::rules::support::stated;

declare_rule! {
    /// ## What it does
    /// Flags storage accounts that allow shared key (account key) authorization, the azurerm default
    /// (`shared_access_key_enabled = true`).
    ///
    /// ## Why is this bad
    /// Account keys grant full access to every container, are not tied to an identity, and every SAS
    /// token signed with them stays valid until the key is rotated. Training pipelines and notebooks
    /// often copy them into code and configuration. With shared keys disabled, only Entra ID (and user-
    /// delegation SAS) can authorize requests, and every access is attributable.
    ///
    /// ## Example
    /// ```hcl
    /// resource "azurerm_storage_account" "training" {
    ///   name                     = "contosotraining"
    ///   resource_group_name      = "rg-ml"
    ///   location                 = "westeurope"
    ///   account_tier             = "Standard"
    ///   account_replication_type = "GRS"
    ///   # shared_access_key_enabled defaults to true
    /// }
    /// ```
    ///
    /// ## Remediation
    /// Set `shared_access_key_enabled = false` and give workloads data-plane roles (Storage Blob Data
    /// Reader / Contributor) through managed identities; the azurerm provider then needs
    /// `storage_use_azuread = true`.
    pub struct AzureStorageSharedKey;
    meta {
        id: "TR-AZURE-STORAGE-005",
        title: "Azure storage account allows shared key authorization",
        severity: Medium,
        step: Audit,
        provider: "azure",
        service: "storage",
        ai: false,
        remediation: "Set `shared_access_key_enabled = false` and authorize with Entra ID roles (set `storage_use_azuread = true` in the provider).",
        references: [
            ("azurerm_storage_account: shared_access_key_enabled (default true)", "https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/storage_account"),
            ("Azure Storage: prevent shared key authorization", "https://learn.microsoft.com/en-us/azure/storage/common/shared-key-authorization-prevent"),
            ("MITRE ATLAS AML.T0055: Unsecured Credentials", "https://atlas.mitre.org/techniques/AML.T0055"),
        ],
        compliance: [(MitreAtlas, "AML.T0055")],
    }
    fn check(state, out) {
        for a in &state.azure.storage.accounts {
            if a.shared_key_access.is(&true) {
                out.at_attr(&a.meta, &a.shared_key_access, "shared_access_key_enabled", format!("shared key authorization {}", stated(&a.shared_key_access, "is allowed")));
            }
        }
    }
}

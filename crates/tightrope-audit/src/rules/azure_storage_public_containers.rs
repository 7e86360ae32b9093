use crate::declare_rule;
use crate::rules::support::stated;

declare_rule! {
    /// ## What it does
    /// Flags storage accounts that allow containers and blobs to be made public:
    /// `allow_nested_items_to_be_public` is true, which is the default in azurerm 3.x and 4.x (azurerm
    /// 2.x: `allow_blob_public_access`, default false).
    ///
    /// ## Why is this bad
    /// With the account setting on, a single container ACL change (`container_access_type = "blob"` or
    /// `"container"`) publishes its data anonymously. Storage accounts hold training sets, evaluation
    /// data and model artifacts; public containers are one of the most common sources of large leaks.
    ///
    /// ## Example
    /// ```hcl
    /// resource "azurerm_storage_account" "training" {
    ///   name                     = "contosotraining"
    ///   resource_group_name      = "rg-ml"
    ///   location                 = "westeurope"
    ///   account_tier             = "Standard"
    ///   account_replication_type = "GRS"
    ///   # allow_nested_items_to_be_public defaults to true
    /// }
    /// ```
    ///
    /// ## Remediation
    /// Set `allow_nested_items_to_be_public = false`; serve public content from a dedicated account or
    /// through a CDN with its own access controls.
    pub struct AzureStoragePublicContainers;
    meta {
        id: "TR-AZURE-STORAGE-001",
        title: "Azure storage account allows public blob containers",
        severity: High,
        step: Audit,
        provider: "azure",
        service: "storage",
        ai: false,
        remediation: "Set `allow_nested_items_to_be_public = false` (azurerm 2.x: `allow_blob_public_access = false`).",
        references: [
            ("azurerm_storage_account: allow_nested_items_to_be_public (default true)", "https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/storage_account"),
            ("CIS Microsoft Azure Foundations Benchmark 3.7", "https://www.cisecurity.org/benchmark/azure"),
            ("MITRE ATLAS AML.T0036: Data from Information Repositories", "https://atlas.mitre.org/techniques/AML.T0036"),
        ],
        compliance: [(CisAzure, "3.7"), (MitreAtlas, "AML.T0036")],
    }
    fn check(state, out) {
        for a in &state.azure.storage.accounts {
            if a.public_nested_items.is(&true) {
                out.at_attr(&a.meta, &a.public_nested_items, "allow_nested_items_to_be_public", format!("containers may be made public: nested items public {}", stated(&a.public_nested_items, "is allowed")));
            }
        }
    }
}

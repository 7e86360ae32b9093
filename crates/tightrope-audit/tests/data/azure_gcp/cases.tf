# Cases for tests/azure_gcp_cases.rs: merges, provider defaults, unknown values.

# Public network access (default true) but the network ACL denies by default: not open to all.
resource "azurerm_cognitive_account" "acl_deny" {
  name                = "acl-deny"
  location            = "eastus"
  resource_group_name = "rg"
  kind                = "OpenAI"
  sku_name            = "S0"

  network_acls {
    default_action = "Deny"
    ip_rules       = ["203.0.113.0/24"]
  }
}

# Public access from a variable: unknown, never reported.
resource "azurerm_cognitive_account" "from_var" {
  name                          = "from-var"
  location                      = "eastus"
  resource_group_name           = "rg"
  kind                          = "OpenAI"
  sku_name                      = "S0"
  public_network_access_enabled = var.public_access
}

# Customer-managed key from the separate resource, by id reference.
resource "azurerm_cognitive_account" "split_cmk" {
  name                = "split-cmk"
  location            = "eastus"
  resource_group_name = "rg"
  kind                = "OpenAI"
  sku_name            = "S0"
}

resource "azurerm_cognitive_account_customer_managed_key" "split_cmk" {
  cognitive_account_id = azurerm_cognitive_account.split_cmk.id
  key_vault_key_id     = azurerm_key_vault_key.k.id
}

# azurerm 3.x spelling of secure transfer, explicitly off.
resource "azurerm_storage_account" "v3" {
  name                      = "v3account"
  resource_group_name       = "rg"
  location                  = "westeurope"
  account_tier              = "Standard"
  account_replication_type  = "LRS"
  enable_https_traffic_only = false
  allow_blob_public_access  = false
}

# Network rules from the separate resource, by storage_account_id.
resource "azurerm_storage_account_network_rules" "v3" {
  storage_account_id = azurerm_storage_account.v3.id
  default_action     = "Deny"
}

# Bucket granted to allAuthenticatedUsers by literal bucket name.
resource "google_storage_bucket" "by_name" {
  name                        = "contoso-by-name"
  location                    = "EU"
  uniform_bucket_level_access = true
  public_access_prevention    = "enforced"
}

resource "google_storage_bucket_iam_binding" "by_name" {
  bucket  = "contoso-by-name"
  role    = "roles/storage.objectAdmin"
  members = ["group:ml@contoso.com", "allAuthenticatedUsers"]
}

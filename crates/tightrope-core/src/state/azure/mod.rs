//! Azure resources (from the `azurerm` Terraform provider), one module per service.

pub mod cognitive;
pub mod machine_learning;
pub mod storage;

use serde::{Deserialize, Serialize};

/// Everything a scan knows about Azure.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Azure {
    pub cognitive: cognitive::Cognitive,
    pub machine_learning: machine_learning::MachineLearning,
    pub storage: storage::Storage,
}

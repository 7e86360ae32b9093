//! `google_*` resources: Vertex AI (Workbench instances, legacy notebooks, endpoints, index
//! endpoints, datasets and featurestores) and Cloud Storage buckets with their IAM grants.
//! Omitted attributes take the documented default of the google provider.

pub mod storage;
pub mod vertex;

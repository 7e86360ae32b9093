use crate::declare_rule;
use crate::rules::support::no_customer_key;

declare_rule! {
    /// ## What it does
    /// Flags Vertex AI datasets, featurestores, metadata stores, TensorBoards, endpoints and index
    /// endpoints without `encryption_spec.kms_key_name`.
    ///
    /// ## Why is this bad
    /// These resources hold training data, features, lineage and the models' served artifacts.
    /// Encrypted with Google-managed keys, you cannot audit key use or cut off access by disabling the
    /// key; CMEK is the usual requirement for regulated training data.
    ///
    /// ## Example
    /// ```hcl
    /// resource "google_vertex_ai_dataset" "claims" {
    ///   display_name        = "claims-training"
    ///   metadata_schema_uri = "gs://google-cloud-aiplatform/schema/dataset/metadata/image_1.0.0.yaml"
    ///   region              = "us-central1"
    /// }
    /// ```
    ///
    /// ## Remediation
    /// Add `encryption_spec { kms_key_name = google_kms_crypto_key.k.id }` (set at creation; the Vertex
    /// AI service agent needs `roles/cloudkms.cryptoKeyEncrypterDecrypter` on the key).
    pub struct GcpVertexNoCmek;
    meta {
        id: "TR-GCP-VERTEX-007",
        title: "Vertex AI dataset, featurestore or endpoint has no customer-managed key",
        severity: Medium,
        step: Audit,
        provider: "gcp",
        service: "vertex",
        ai: true,
        remediation: "Add `encryption_spec { kms_key_name = google_kms_crypto_key.k.id }` at creation.",
        references: [
            ("google_vertex_ai_dataset: encryption_spec", "https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/vertex_ai_dataset"),
            ("Vertex AI: customer-managed encryption keys", "https://cloud.google.com/vertex-ai/docs/general/cmek"),
            ("MITRE ATLAS AML.T0035: AI Artifact Collection", "https://atlas.mitre.org/techniques/AML.T0035"),
        ],
        compliance: [(MitreAtlas, "AML.T0035"), (OwaspLlm, "LLM02"), (NistAiRmf, "MEASURE 2.7")],
    }
    fn check(state, out) {
        let v = &state.gcp.vertex;
        let keyed = v
            .data_stores
            .iter()
            .map(|d| (&d.meta, &d.kms_key))
            .chain(v.endpoints.iter().map(|e| (&e.meta, &e.kms_key)))
            .chain(v.index_endpoints.iter().map(|e| (&e.meta, &e.kms_key)));
        for (meta, key) in keyed {
            if no_customer_key(key) {
                out.at_attr(meta, key, "encryption_spec.kms_key_name", "no customer-managed key: encrypted with a Google-managed key");
            }
        }
    }
}

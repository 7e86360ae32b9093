//! Vertex AI resources.

use super::super::ByKind;
use crate::fields::Fields;
use tightrope_core::state::gcp::vertex::{DataStore, Endpoint, IndexEndpoint, Notebook};
use tightrope_core::{Attr, CloudState};

/// Resources whose only modelled setting is their CMEK (`encryption_spec.kms_key_name`).
const DATA_STORES: &[&str] = &[
    "google_vertex_ai_dataset",
    "google_vertex_ai_featurestore",
    "google_vertex_ai_metadata_store",
    "google_vertex_ai_tensorboard",
];

pub const KINDS: &[&str] = &[
    "google_workbench_instance",
    "google_notebooks_instance",
    "google_vertex_ai_endpoint",
    "google_vertex_ai_index_endpoint",
    "google_vertex_ai_dataset",
    "google_vertex_ai_featurestore",
    "google_vertex_ai_metadata_store",
    "google_vertex_ai_tensorboard",
];

pub fn adapt(by: &ByKind, state: &mut CloudState) {
    let v = &mut state.gcp.vertex;
    v.notebooks.extend(
        by.of("google_workbench_instance")
            .iter()
            .map(|r| workbench(&Fields::new(r))),
    );
    v.notebooks.extend(
        by.of("google_notebooks_instance")
            .iter()
            .map(|r| legacy_notebook(&Fields::new(r))),
    );
    v.endpoints.extend(
        by.of("google_vertex_ai_endpoint")
            .iter()
            .map(|r| endpoint(&Fields::new(r))),
    );
    v.index_endpoints.extend(
        by.of("google_vertex_ai_index_endpoint")
            .iter()
            .map(|r| index_endpoint(&Fields::new(r))),
    );
    for kind in DATA_STORES {
        v.data_stores
            .extend(by.of(kind).iter().map(|r| data_store(&Fields::new(r))));
    }
}

/// Root access stays on unless the metadata key `notebook-disable-root` is `"true"`.
fn root_access(f: &Fields, metadata: &str) -> Attr<bool> {
    f.string(&format!("{metadata}.notebook-disable-root"), Some("false"))
        .map(|v| !v.trim().eq_ignore_ascii_case("true"))
}

fn workbench(f: &Fields) -> Notebook {
    Notebook {
        meta: f.meta("labels"),
        name: f.string("name", None),
        public_ip: f
            .bool("gce_setup.disable_public_ip", Some(false))
            .map(|disabled| !disabled),
        kms_key: f.link("gce_setup.boot_disk.kms_key"),
        secure_boot: f.bool(
            "gce_setup.shielded_instance_config.enable_secure_boot",
            Some(false),
        ),
        root_access: root_access(f, "gce_setup.metadata"),
        network: f.link("gce_setup.network_interfaces.network"),
    }
}

fn legacy_notebook(f: &Fields) -> Notebook {
    Notebook {
        meta: f.meta("labels"),
        name: f.string("name", None),
        public_ip: f.bool("no_public_ip", Some(false)).map(|none| !none),
        kms_key: f.link("kms_key"),
        secure_boot: f.bool("shielded_instance_config.enable_secure_boot", Some(false)),
        root_access: root_access(f, "metadata"),
        network: f.link("network"),
    }
}

fn endpoint(f: &Fields) -> Endpoint {
    Endpoint {
        meta: f.meta("labels"),
        name: f.string("display_name", None),
        network: f.link("network"),
        private_service_connect: f.bool(
            "private_service_connect_config.enable_private_service_connect",
            Some(false),
        ),
        kms_key: f.link("encryption_spec.kms_key_name"),
    }
}

fn index_endpoint(f: &Fields) -> IndexEndpoint {
    IndexEndpoint {
        meta: f.meta("labels"),
        name: f.string("display_name", None),
        public_endpoint: f.bool("public_endpoint_enabled", Some(false)),
        network: f.link("network"),
        kms_key: f.link("encryption_spec.kms_key_name"),
    }
}

fn data_store(f: &Fields) -> DataStore {
    let name = if f.has("display_name") {
        f.string("display_name", None)
    } else {
        f.string("name", None)
    };
    DataStore {
        meta: f.meta("labels"),
        name,
        kms_key: f.link("encryption_spec.kms_key_name"),
    }
}

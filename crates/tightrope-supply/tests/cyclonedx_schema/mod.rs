//! CycloneDX 1.6 schema validation for tests (the official schemas vendored in `../schema`, see
//! ORIGIN.md there). Shared by the supply crate's SBOM tests and the preflight CLI test.

use serde_json::Value;
use std::path::Path;

fn schema_file(name: &str) -> Value {
    // From any crate of the workspace: the schemas live beside this file's crate.
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tightrope-supply/tests/schema").join(name);
    serde_json::from_str(&std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))).unwrap()
}

/// Schema violations of `doc`, one line each (empty when valid). The two referenced schemas are
/// registered under the URIs the bom schema's `$ref`s resolve to, so nothing is fetched.
pub fn violations(doc: &Value) -> Vec<String> {
    let bom = schema_file("bom-1.6.schema.json");
    let registry = jsonschema::Registry::new()
        .add("http://cyclonedx.org/schema/spdx.SNAPSHOT.schema.json", jsonschema::Resource::from_contents(schema_file("spdx.schema.json")))
        .and_then(|r| r.add("http://cyclonedx.org/schema/jsf-0.82.SNAPSHOT.schema.json", jsonschema::Resource::from_contents(schema_file("jsf-0.82.schema.json"))))
        .and_then(|r| r.prepare())
        .unwrap_or_else(|e| panic!("registry: {e}"));
    let validator = jsonschema::options()
        .should_validate_formats(true)
        .with_registry(&registry)
        .build(&bom)
        .unwrap_or_else(|e| panic!("schema does not compile: {e}"));
    let mut v: Vec<String> = validator.iter_errors(doc).map(|e| format!("{}: {e}", e.instance_path())).collect();
    // The package removed the upstream `$schema` enum (see tests/schema/ORIGIN.md); check it here.
    if doc.get("$schema").is_some_and(|s| s != "http://cyclonedx.org/schema/bom-1.6.schema.json") {
        v.push(format!("$schema: {}", doc["$schema"]));
    }
    v
}


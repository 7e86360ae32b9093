//! A raw `terraform.tfstate` (format version 4, Terraform 0.12 and later): `resources[]` with `mode`,
//! `type`, `name`, optional `module`, and `instances[]` with `index_key`, `attributes` and
//! `sensitive_attributes`. Deposed instances (replaced, pending destruction) are skipped.

use super::address::{instance_key, join};
use super::modules::array;
use super::spans::push_segment;
use super::{Candidate, Located, Sensitivity};
use serde_json::Value as J;

pub fn candidates(doc: &J) -> Result<Vec<Candidate<'_>>, Located> {
    match doc.get("version").and_then(J::as_u64) {
        Some(4) => {}
        Some(v) => {
            return Err(Located {
                pointer: String::new(),
                message: format!("Terraform state format version {v} is not supported: expected version 4 (Terraform 0.12 or newer)"),
            });
        }
        None => {
            return Err(Located { pointer: String::new(), message: "Terraform state has no numeric `version`: expected version 4".into() });
        }
    }
    let mut out = Vec::new();
    for (i, r) in array(doc, "resources", "")?.iter().enumerate() {
        let mut rp = "/resources".to_string();
        push_segment(&mut rp, &i.to_string());
        let err = |message: &str| Located { pointer: rp.clone(), message: message.to_string() };
        if r.get("mode").and_then(J::as_str) == Some("data") {
            continue;
        }
        let (Some(kind), Some(name)) = (r.get("type").and_then(J::as_str), r.get("name").and_then(J::as_str)) else {
            return Err(err("state resource needs a `type` and a `name`"));
        };
        let module = r.get("module").and_then(J::as_str).unwrap_or_default();
        let instances = array(r, "instances", &rp)?;
        for (j, inst) in instances.iter().enumerate() {
            if inst.get("deposed").is_some() {
                continue;
            }
            let key = inst.get("index_key").and_then(instance_key).unwrap_or_default();
            // One instance: the whole resource object is its span; several: each instance object.
            let mut pointer = rp.clone();
            if instances.len() > 1 {
                pointer.push_str("/instances");
                push_segment(&mut pointer, &j.to_string());
            }
            out.push(Candidate {
                pointer,
                address: join(module, &format!("{kind}.{name}{key}")),
                kind: kind.to_string(),
                name: name.to_string(),
                module: module.to_string(),
                values: inst.get("attributes"),
                sensitive: inst.get("sensitive_attributes").map_or(Sensitivity::None, Sensitivity::Paths),
                after_unknown: None,
            });
        }
    }
    Ok(out)
}

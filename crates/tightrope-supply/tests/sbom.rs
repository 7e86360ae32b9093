//! `tightrope supply sbom`: CycloneDX 1.6 output validated against the official JSON schema
//! (vendored in `tests/schema`, see ORIGIN.md), on small fixtures and on the real data sets.

use clap::Parser;
use serde_json::{Value, json};
use sha2::{Digest, Sha256};
use std::collections::BTreeSet;
use std::path::Path;
use tightrope_supply::{cli, osv, sbom};

use crate::common;
use common::data;

use crate::cyclonedx_schema;
use cyclonedx_schema::violations;

fn to_json(out: &sbom::Output) -> Value {
    serde_json::to_value(&out.bom).unwrap()
}

fn assert_valid(doc: &Value) {
    let v = violations(doc);
    assert!(v.is_empty(), "{} schema violations:\n{}", v.len(), v.join("\n"));
}

/// Every `ref` points at a component, and bom-refs are unique.
fn assert_refs_resolve(doc: &Value) {
    let mut refs = BTreeSet::new();
    fn collect(c: &Value, refs: &mut BTreeSet<String>) {
        if let Some(r) = c["bom-ref"].as_str() {
            assert!(refs.insert(r.to_string()), "duplicate bom-ref {r}");
        }
        for n in c["components"].as_array().into_iter().flatten() {
            collect(n, refs);
        }
    }
    for c in doc["components"].as_array().unwrap() {
        collect(c, &mut refs);
    }
    for d in doc["dependencies"].as_array().into_iter().flatten() {
        assert!(refs.contains(d["ref"].as_str().unwrap()), "{d}");
        for on in d["dependsOn"].as_array().unwrap() {
            assert!(refs.contains(on.as_str().unwrap()), "dangling dependsOn {on}");
        }
    }
    for v in doc["vulnerabilities"].as_array().into_iter().flatten() {
        for a in v["affects"].as_array().unwrap() {
            assert!(refs.contains(a["ref"].as_str().unwrap()), "dangling affects {a}");
        }
    }
    for c in doc["components"].as_array().unwrap() {
        for d in c["modelCard"]["modelParameters"]["datasets"].as_array().into_iter().flatten() {
            assert!(refs.contains(d["ref"].as_str().unwrap()), "dangling dataset {d}");
        }
    }
}

fn component<'a>(doc: &'a Value, bom_ref: &str) -> &'a Value {
    doc["components"].as_array().unwrap().iter().find(|c| c["bom-ref"] == bom_ref).unwrap_or_else(|| panic!("no component {bom_ref}"))
}

fn prop<'a>(c: &'a Value, name: &str) -> Option<&'a str> {
    c["properties"].as_array()?.iter().find(|p| p["name"] == name)?["value"].as_str()
}

fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}

/// A GGUF v3 file with string and u64 metadata and one 4x8 tensor.
fn gguf(kv: &[(&str, &str)], params: (&str, u64)) -> Vec<u8> {
    let s = |v: &mut Vec<u8>, t: &str| {
        v.extend((t.len() as u64).to_le_bytes());
        v.extend(t.as_bytes());
    };
    let mut v = b"GGUF".to_vec();
    v.extend(3u32.to_le_bytes());
    v.extend(1u64.to_le_bytes());
    v.extend((kv.len() as u64 + 1).to_le_bytes());
    for (k, val) in kv {
        s(&mut v, k);
        v.extend(8u32.to_le_bytes());
        s(&mut v, val);
    }
    s(&mut v, params.0);
    v.extend(10u32.to_le_bytes());
    v.extend(params.1.to_le_bytes());
    s(&mut v, "blk.0.w");
    v.extend(2u32.to_le_bytes());
    v.extend(4u64.to_le_bytes());
    v.extend(8u64.to_le_bytes());
    v.extend(0u32.to_le_bytes());
    v.extend(0u64.to_le_bytes());
    v
}

fn safetensors() -> Vec<u8> {
    let header = r#"{"__metadata__":{"format":"pt"},"w":{"dtype":"F32","shape":[3,4],"data_offsets":[0,48]},"b":{"dtype":"F32","shape":[4],"data_offsets":[48,64]}}"#;
    let mut v = (header.len() as u64).to_le_bytes().to_vec();
    v.extend(header.as_bytes());
    v.extend([0u8; 64]);
    v
}

/// A small AI project: Python, Rust and npm lock files, models with card sources, a dataset.
fn fixture(root: &Path) {
    let w = |p: &str, c: &[u8]| {
        let p = root.join(p);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, c).unwrap();
    };
    w("requirements.txt", format!("torch==1.0.0 --hash=sha256:{}\nnumpy>=1.20\n", "ab".repeat(32)).as_bytes());
    w(
        "Cargo.lock",
        format!("version = 3\n[[package]]\nname = \"a\"\nversion = \"1.0.0\"\nchecksum = \"{}\"\ndependencies = [\"b\"]\n[[package]]\nname = \"b\"\nversion = \"0.1.0\"\n", "cd".repeat(32)).as_bytes(),
    );
    w(
        "web/package-lock.json",
        br#"{"lockfileVersion":3,"packages":{"":{"dependencies":{"@scope/ui":"^1"}},"node_modules/@scope/ui":{"version":"1.2.0","integrity":"sha512-ZQJQH3DlHtcXd4E39v5VmeCQcw8uN9kAZmaQ/kVXK/6F0tYx/FEW1Ra/hUyO1n6fmrw7AkGOnxfF1zHXPW8rEA==","dependencies":{"left-pad":"^1"}},"node_modules/left-pad":{"version":"1.3.0"}}}"#,
    );
    w("models/bert/model.safetensors", &safetensors());
    w("models/bert/config.json", br#"{"architectures":["BertForSequenceClassification"],"model_type":"bert","num_hidden_layers":2}"#);
    w("models/bert/README.md", b"---\nlicense: apache-2.0\npipeline_tag: text-classification\ndatasets:\n- imdb\n---\n# tiny bert\n");
    w("models/llm/tiny.gguf", &gguf(&[("general.architecture", "llama"), ("general.name", "Tiny Llama"), ("general.license", "mit")], ("llama.context_length", 2048)));
    // GLOBAL os.system, MARK, STRING, TUPLE, REDUCE, STOP: parsed, never loaded.
    w("models/evil.pkl", b"cos\nsystem\n(S'echo owned'\ntR.");
    w("data/train.csv", b"id,text,label\n1,good,1\n2,bad,0\n");
}

fn advisory_db() -> osv::Database {
    let a: osv::Advisory = serde_json::from_value(json!({
        "id": "PYSEC-2022-0001", "aliases": ["CVE-2022-45907"], "summary": "torch.jit.annotations.parse_type_line uses eval",
        "details": "In PyTorch before trunk/89695, torch.jit.annotations.parse_type_line can cause arbitrary code execution because eval is used unsafely.",
        "published": "2022-11-26T02:15:00Z", "modified": "2023-01-02T03:04:05.123456Z",
        "severity": [{"type": "CVSS_V3", "score": "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"}],
        "affected": [{"package": {"ecosystem": "PyPI", "name": "torch"}, "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "0"}, {"fixed": "1.13.1"}]}]}]
    }))
    .unwrap();
    osv::Database::from_advisories(vec![a])
}

#[test]
fn fixture_project_is_valid_cyclonedx_with_ml_bom() {
    let dir = tempfile::tempdir().unwrap();
    fixture(dir.path());
    let db = advisory_db();
    let req = sbom::Request {
        paths: vec![dir.path().to_path_buf()],
        data: vec![dir.path().join("data")],
        advisories: sbom::Advisories::Database { db: &db, max_age_days: None },
    };
    let out = sbom::build(&req);
    let doc = to_json(&out);
    assert_valid(&doc);
    assert_refs_resolve(&doc);
    assert_eq!((doc["bomFormat"].as_str(), doc["specVersion"].as_str()), (Some("CycloneDX"), Some("1.6")));
    assert!(doc["serialNumber"].as_str().unwrap().starts_with("urn:uuid:"));
    assert_eq!(doc["metadata"]["tools"]["components"][0]["name"], "tightrope");
    // npm and crates.io are not in this database: reported, not silently clean.
    assert!(out.errors.iter().any(|e| e.message.contains("npm") && e.message.contains("NOT checked")), "{:?}", out.errors);
    assert!(prop(&doc["metadata"], "tightrope:vulnerabilities").unwrap().starts_with("checked 1 of"));
    let not_checked: Vec<&str> = doc["metadata"]["properties"].as_array().unwrap().iter().filter(|p| p["name"] == "tightrope:vulnerabilities:not-checked").filter_map(|p| p["value"].as_str()).collect();
    assert!(not_checked.iter().any(|m| m.contains("without an exact version") && m.ends_with("numpy")), "{not_checked:?}");

    let torch = component(&doc, "pkg:pypi/torch@1.0.0");
    assert_eq!(torch["type"], "library");
    assert_eq!(torch["hashes"][0], json!({"alg": "SHA-256", "content": "ab".repeat(32)}));
    let numpy = component(&doc, "pkg:pypi/numpy");
    assert_eq!(prop(numpy, "tightrope:unpinned"), Some("true"));
    let ui = component(&doc, "pkg:npm/%40scope/ui@1.2.0");
    assert_eq!((ui["group"].as_str(), ui["name"].as_str(), ui["hashes"][0]["alg"].as_str()), (Some("@scope"), Some("ui"), Some("SHA-512")));
    assert_eq!(component(&doc, "pkg:cargo/a@1.0.0")["hashes"][0]["content"], "cd".repeat(32));

    let deps = doc["dependencies"].as_array().unwrap();
    let on = |r: &str| deps.iter().find(|d| d["ref"] == r).unwrap_or_else(|| panic!("no node {r}"))["dependsOn"].clone();
    assert_eq!(on("pkg:cargo/a@1.0.0"), json!(["pkg:cargo/b@0.1.0"]));
    assert_eq!(on("pkg:npm/%40scope/ui@1.2.0"), json!(["pkg:npm/left-pad@1.3.0"]));
    assert!(!deps.iter().any(|d| d["ref"] == "pkg:pypi/torch@1.0.0"), "requirements.txt records no graph");

    let vulns = doc["vulnerabilities"].as_array().unwrap();
    assert_eq!(vulns.len(), 1);
    let v = &vulns[0];
    assert_eq!(v["id"], "PYSEC-2022-0001");
    assert_eq!(v["affects"], json!([{"ref": "pkg:pypi/torch@1.0.0", "versions": [{"version": "1.0.0", "status": "affected"}]}]));
    assert!(v["recommendation"].as_str().unwrap().contains("1.13.1"), "{v}");
    assert_eq!(v["references"][0]["id"], "CVE-2022-45907");
    assert_eq!(v["ratings"][0]["method"], "CVSSv31");
    assert_eq!((v["published"].as_str(), v["updated"].as_str()), (Some("2022-11-26T02:15:00Z"), Some("2023-01-02T03:04:05Z")));
    assert!(v["detail"].as_str().unwrap().contains("eval is used unsafely"));

    let st_path = dir.path().join("models/bert/model.safetensors");
    let bert = component(&doc, &format!("model:{}", st_path.display()));
    assert_eq!(bert["type"], "machine-learning-model");
    assert_eq!(bert["hashes"][0], json!({"alg": "SHA-256", "content": sha256_hex(&safetensors())}));
    assert_eq!(prop(bert, "tightrope:model:format"), Some("safetensors"));
    assert_eq!(prop(bert, "tightrope:model:verdict"), Some("safe"));
    let card = &bert["modelCard"];
    assert_eq!(card["modelParameters"]["architectureFamily"], "bert");
    assert_eq!(card["modelParameters"]["modelArchitecture"], "BertForSequenceClassification");
    assert_eq!(card["modelParameters"]["task"], "text-classification");
    assert_eq!(card["modelParameters"]["datasets"], json!([{"ref": "dataset:imdb"}]));
    assert_eq!(prop(card, "tightrope:model:parameters"), Some("16"));
    assert_eq!(bert["licenses"][0]["license"]["name"], "apache-2.0");
    assert_eq!(component(&doc, "dataset:imdb")["type"], "data");

    let llm = component(&doc, &format!("model:{}", dir.path().join("models/llm/tiny.gguf").display()));
    assert_eq!(llm["modelCard"]["modelParameters"]["architectureFamily"], "llama");
    assert_eq!(llm["description"], "Tiny Llama");
    assert_eq!(prop(&llm["modelCard"], "tightrope:model:parameters"), Some("32"));
    assert_eq!(prop(&llm["modelCard"], "tightrope:model:context_length"), Some("2048"));

    let evil = component(&doc, &format!("model:{}", dir.path().join("models/evil.pkl").display()));
    assert_eq!(prop(evil, "tightrope:model:verdict"), Some("critical"));
    assert!(evil["properties"].as_array().unwrap().iter().any(|p| p["value"].as_str().unwrap().contains("os.system")), "{evil}");

    let data_dir = component(&doc, &format!("data:{}", dir.path().join("data").display()));
    assert_eq!(data_dir["type"], "data");
    let csv = &data_dir["components"][0];
    assert_eq!(csv["hashes"][0]["content"], sha256_hex(b"id,text,label\n1,good,1\n2,bad,0\n"));
    assert_eq!((prop(csv, "tightrope:data:rows"), prop(csv, "tightrope:data:columns")), (Some("2"), Some("3")));
}

#[test]
fn schema_rejects_a_broken_bom() {
    let dir = tempfile::tempdir().unwrap();
    fixture(dir.path());
    let mut doc = to_json(&sbom::build(&sbom::Request { paths: vec![dir.path().to_path_buf()], data: vec![], advisories: sbom::Advisories::Skipped }));
    assert_valid(&doc);
    let comps = doc["components"].as_array_mut().unwrap();
    comps[0]["type"] = json!("ml-model");
    comps[1]["hashes"] = json!([{"alg": "SHA-256", "content": "not-hex"}]);
    comps[2].as_object_mut().unwrap().remove("name");
    doc["metadata"]["timestamp"] = json!("yesterday");
    doc["$schema"] = json!("http://cyclonedx.org/schema/bom-1.5.schema.json");
    let v = violations(&doc);
    assert_eq!(v.len(), 5, "{v:#?}");
}

#[test]
fn unchecked_dependencies_are_said_not_silent() {
    let dir = tempfile::tempdir().unwrap();
    fixture(dir.path());
    let missing = sbom::build(&sbom::Request { paths: vec![dir.path().to_path_buf()], data: vec![], advisories: sbom::Advisories::Missing });
    let doc = to_json(&missing);
    assert_valid(&doc);
    assert!(prop(&doc["metadata"], "tightrope:vulnerabilities").unwrap().starts_with("NOT CHECKED"));
    assert!(missing.errors.iter().any(|e| e.message.contains("NOT checked")), "{:?}", missing.errors);
    assert!(doc.get("vulnerabilities").is_none());
    let skipped = sbom::build(&sbom::Request { paths: vec![dir.path().to_path_buf()], data: vec![], advisories: sbom::Advisories::Skipped });
    assert!(prop(&to_json(&skipped)["metadata"], "tightrope:vulnerabilities").unwrap().contains("--no-vulns"));
    assert!(skipped.errors.is_empty(), "{:?}", skipped.errors);
}

#[test]
fn terragoat_manifests_with_pypa_advisories() {
    let (Some(adv), Some(manifests)) = (data("osv-pypa-advisories"), data("deps-terragoat-manifests")) else { return };
    let (list, bad) = osv::read_source(&adv.join("vulns.tar.gz")).unwrap();
    assert!(bad.is_empty(), "{bad:?}");
    let expected: BTreeSet<String> = list
        .iter()
        .filter(|a| a.withdrawn.is_none())
        .filter(|a| a.affected.iter().any(|x| x.package.name.eq_ignore_ascii_case("django") && x.versions.iter().any(|v| v == "1.2")))
        .map(|a| a.id.clone())
        .collect();
    let db = osv::Database::from_advisories(list);
    let out = sbom::build(&sbom::Request { paths: vec![manifests], data: vec![], advisories: sbom::Advisories::Database { db: &db, max_age_days: None } });
    let doc = to_json(&out);
    assert_valid(&doc);
    assert_refs_resolve(&doc);
    // Both requirements files pin django==1.2: one component, two sources.
    let django = component(&doc, "pkg:pypi/django@1.2");
    assert_eq!(django["properties"].as_array().unwrap().iter().filter(|p| p["name"] == "tightrope:source").count(), 2);
    let hit: BTreeSet<String> = doc["vulnerabilities"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|v| v["affects"].as_array().unwrap().iter().any(|a| a["ref"] == "pkg:pypi/django@1.2"))
        .map(|v| v["id"].as_str().unwrap().to_string())
        .collect();
    assert!(expected.len() >= 10 && hit == expected, "missing {:?}, extra {:?}", expected.difference(&hit), hit.difference(&expected));
    // The npm lock files give a graph and integrity hashes; npm has no advisories here: said so.
    let libs = doc["components"].as_array().unwrap().iter().filter(|c| c["purl"].as_str().is_some_and(|p| p.starts_with("pkg:npm/"))).count();
    let with_edges = doc["dependencies"].as_array().unwrap().iter().filter(|d| !d["dependsOn"].as_array().unwrap().is_empty()).count();
    assert!(libs > 100 && with_edges > 20, "{libs} npm libraries, {with_edges} nodes with edges");
    assert!(doc["components"].as_array().unwrap().iter().any(|c| c["hashes"][0]["alg"] == "SHA-512"));
    assert!(out.errors.iter().any(|e| e.message.contains("npm") && e.message.contains("NOT checked")), "{:?}", out.errors);
}

#[test]
fn real_model_files_are_ml_bom_components() {
    let (Some(pickles), Some(benign)) = (data("model-files-picklescan"), data("model-files-benign-formats")) else { return };
    let out = sbom::build(&sbom::Request { paths: vec![pickles.clone(), benign.clone()], data: vec![], advisories: sbom::Advisories::Skipped });
    let doc = to_json(&out);
    assert_valid(&doc);
    assert_refs_resolve(&doc);
    let scan = tightrope_supply::model::scan_paths(&[pickles, benign]);
    let models: Vec<&Value> = doc["components"].as_array().unwrap().iter().filter(|c| c["type"] == "machine-learning-model").collect();
    assert_eq!(models.len(), scan.files.len());
    for (c, f) in models.iter().zip(&scan.files) {
        assert_eq!(prop(c, "tightrope:model:path"), Some(f.path.display().to_string().as_str()));
        assert_eq!(prop(c, "tightrope:model:verdict"), Some(f.verdict().as_str()));
        assert_eq!(c["hashes"][0]["content"], sha256_hex(&std::fs::read(&f.path).unwrap()));
    }
    let flagged = models.iter().filter(|c| !matches!(prop(c, "tightrope:model:verdict"), Some("safe"))).count();
    assert!(flagged >= 37, "{flagged}");
    // ONNX models carry their producer in the model card.
    let onnx: Vec<_> = models.iter().filter(|c| prop(c, "tightrope:model:format") == Some("onnx")).collect();
    assert!(!onnx.is_empty() && onnx.iter().all(|c| prop(&c["modelCard"], "tightrope:model:onnx_ir_version").is_some()), "{onnx:?}");
}

/// The CLI as the binary parses it.
#[derive(Parser)]
struct Cli {
    #[command(flatten)]
    supply: cli::SupplyArgs,
}

fn run(args: &[&str]) -> u8 {
    let cli = Cli::try_parse_from(std::iter::once("supply").chain(args.iter().copied())).unwrap_or_else(|e| panic!("{e}"));
    cli::run(&cli.supply).unwrap()
}

#[test]
fn cli_writes_the_bom_and_sets_the_exit_code() {
    use clap::CommandFactory;
    Cli::command().debug_assert();
    let mut cmd = Cli::command();
    let help = cmd.find_subcommand_mut("sbom").unwrap().render_long_help().to_string();
    assert!(help.contains("machine-learning-model") && help.contains("Exit codes") && help.contains("--no-vulns"), "{help}");
    let dir = tempfile::tempdir().unwrap();
    fixture(dir.path());
    let root = dir.path().to_str().unwrap();
    let out = dir.path().join("bom.cdx.json");
    let out_s = out.to_str().unwrap();
    assert_eq!(run(&["sbom", root, "--no-vulns", "--data", &format!("{root}/data"), "--output", out_s]), 0);
    let doc: Value = serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
    assert_valid(&doc);
    assert!(doc["components"].as_array().unwrap().iter().any(|c| c["type"] == "data"));

    // No advisory cache: the BOM is still written, says so, and the exit code is 2.
    let empty = dir.path().join("no-cache");
    assert_eq!(run(&["sbom", root, "--cache-dir", empty.to_str().unwrap(), "--output", out_s]), 2);
    let doc: Value = serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
    assert!(prop(&doc["metadata"], "tightrope:vulnerabilities").unwrap().starts_with("NOT CHECKED"));

    // A broken lock file is an input error; everything else is still listed.
    std::fs::write(dir.path().join("web/package-lock.json"), "{ not json").unwrap();
    assert_eq!(run(&["sbom", root, "--no-vulns", "--output", out_s]), 2);
    let doc: Value = serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
    assert_valid(&doc);
    assert!(doc["components"].as_array().unwrap().iter().any(|c| c["bom-ref"] == "pkg:cargo/a@1.0.0"));
    assert!(prop(&doc["metadata"], "tightrope:incomplete").is_some());
    let missing_data = dir.path().join("nope");
    assert_eq!(run(&["sbom", root, "--no-vulns", "--data", missing_data.to_str().unwrap(), "--output", out_s]), 2);
}

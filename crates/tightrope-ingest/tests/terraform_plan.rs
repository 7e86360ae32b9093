//! Terraform plan / state JSON reader on the real files of `shared/data/iac-tfplan-json` (checkov's
//! plan fixtures and driftctl's applied states). Expected numbers are either computed here from the
//! JSON with serde_json, independently of the reader, or were checked by hand with python (marked).

use serde_json::{Value as J, json};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use tightrope_ingest::terraform::plan::read;
use tightrope_ingest::{Format, Node, RawResource, Value, detect};

fn shared_data(name: &str) -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data").join(name);
    dir.is_dir().then_some(dir)
}

macro_rules! data_or_skip {
    () => {
        match shared_data("iac-tfplan-json") {
            Some(d) => d,
            None => {
                eprintln!("skipping: ../shared/data/iac-tfplan-json not present");
                return;
            }
        }
    };
}

const PLANS: &str = "tests/terraform";
const STATES: &str = "pkg/iac/terraform/state/test";

fn text_of(path: &Path) -> String {
    detect::read_text(path).unwrap_or_else(|e| panic!("{}: {}", path.display(), e.message))
}

fn read_path(path: &Path) -> Vec<RawResource> {
    let name: Arc<str> = Arc::from(path.display().to_string());
    read(&name, &text_of(path)).unwrap_or_else(|e| panic!("{}:{:?}: {}", e.path, e.line, e.message))
}

fn read_str(name: &str, text: &str) -> Result<Vec<RawResource>, tightrope_core::InputError> {
    read(&Arc::from(name), text)
}

fn res<'a>(all: &'a [RawResource], address: &str) -> &'a RawResource {
    all.iter().find(|r| r.address == address).unwrap_or_else(|| panic!("no {address} in {:?}", addresses(all)))
}

fn addresses(all: &[RawResource]) -> Vec<&str> {
    all.iter().map(|r| r.address.as_str()).collect()
}

fn refs(node: Option<&Node>) -> Option<Vec<String>> {
    match &node?.value {
        Value::Unknown { refs } => Some(refs.clone()),
        _ => None,
    }
}

/// Every plan and state file of the data set.
fn data_files(dir: &Path) -> Vec<PathBuf> {
    detect::walk(dir).into_iter().filter(|p| matches!(p.extension().and_then(|e| e.to_str()), Some("json" | "tfstate"))).collect()
}

/// Addresses a reader must produce, computed straight from the JSON: managed resources of
/// `planned_values`/`values` (recursively through child modules) not deleted outright, plus
/// changed resources absent from `planned_values`; for a raw state, each managed instance.
fn independent_addresses(doc: &J) -> Vec<String> {
    fn module(m: &J, out: &mut Vec<String>) {
        for r in m["resources"].as_array().into_iter().flatten() {
            if r["mode"] != "data" {
                out.push(r["address"].as_str().unwrap_or_default().to_string());
            }
        }
        for c in m["child_modules"].as_array().into_iter().flatten() {
            module(c, out);
        }
    }
    let mut out = Vec::new();
    if let Some(rs) = doc.get("resources").filter(|_| doc.get("version").is_some()) {
        for r in rs.as_array().into_iter().flatten().filter(|r| r["mode"] != "data") {
            for i in r["instances"].as_array().into_iter().flatten() {
                let key = match &i["index_key"] {
                    J::Null => String::new(),
                    k => format!("[{k}]"),
                };
                out.push(format!("{}.{}{key}", r["type"].as_str().unwrap_or_default(), r["name"].as_str().unwrap_or_default()));
            }
        }
        return out;
    }
    let root = doc.pointer("/planned_values/root_module").or_else(|| doc.pointer("/values/root_module"));
    if let Some(root) = root {
        module(root, &mut out);
    }
    let changes = doc["resource_changes"].as_array().cloned().unwrap_or_default();
    let delete_only = |rc: &J| rc["change"]["actions"] == json!(["delete"]);
    out.retain(|a| !changes.iter().any(|rc| rc["address"] == a.as_str() && delete_only(rc)));
    for rc in &changes {
        let a = rc["address"].as_str().unwrap_or_default().to_string();
        if rc["mode"] != "data" && !delete_only(rc) && rc["change"]["after"].is_object() && !out.contains(&a) {
            out.push(a);
        }
    }
    out
}

#[test]
fn every_plan_and_state_file_reads_with_independently_counted_resources() {
    let dir = data_or_skip!();
    let files = data_files(&dir);
    assert_eq!(files.len(), 39, "20 plan JSON files and 19 tfstate files");
    let mut total = 0;
    for f in &files {
        let format = detect::detect(f).expect("sniffable");
        assert!(matches!(format, Some(Format::TerraformPlan | Format::TerraformState)), "{} detected as {format:?}", f.display());
        let got = read_path(f);
        let doc: J = serde_json::from_str(&text_of(f)).expect("valid JSON");
        let mut want = independent_addresses(&doc);
        let mut have: Vec<String> = got.iter().map(|r| r.address.clone()).collect();
        want.sort();
        have.sort();
        assert_eq!(have, want, "{}", f.display());
        assert!(got.iter().all(|r| !r.kind.is_empty() && r.body.as_map().is_some()), "{}", f.display());
        total += got.len();
    }
    // Checked by hand with python over the same files: 149 from plans (of which 54 only in
    // plan_tags' resource_changes) and 68 from states.
    assert_eq!(total, 149 + 68);
}

#[test]
fn hand_checked_counts_and_addresses() {
    let dir = data_or_skip!();
    // Numbers checked with python/json over the files.
    let plan = read_path(&dir.join(PLANS).join("runner/resources/plan/tfplan.json"));
    assert_eq!(plan.len(), 55);
    let neptune = res(&plan, "aws_neptune_cluster_instance.default[0]");
    assert_eq!(neptune.kind, "aws_neptune_cluster_instance");
    let bucket = res(&plan, "aws_s3_bucket.data");
    assert_eq!(bucket.body.get("bucket").and_then(Node::as_str), Some("123456789123-acme-corp-data"));

    let s3 = read_path(&dir.join(STATES).join("aws_s3_full/terraform.tfstate"));
    assert_eq!(s3.len(), 26);
    let roles = read_path(&dir.join(STATES).join("aws_iam_role_multiple/terraform.tfstate"));
    assert_eq!(addresses(&roles), vec!["aws_iam_role.test_role[0]", "aws_iam_role.test_role[1]", "aws_iam_role.test_role[2]"]);
    let sgr = read_path(&dir.join(STATES).join("aws_vpc_security_group_rule/terraform.tfstate"));
    assert_eq!(sgr.len(), 11);
    let r = &sgr[0];
    assert_eq!(r.kind, "aws_security_group_rule");
    assert!(r.body.get("from_port").is_some(), "attributes are the body");
}

#[test]
fn spans_cover_each_resource_object() {
    let dir = data_or_skip!();
    for f in data_files(&dir) {
        let text = text_of(&f);
        let lines: Vec<&str> = text.lines().collect();
        if lines.len() < 5 {
            continue; // single-line `terraform show -json` output: every span is line 1
        }
        let state = f.extension().and_then(|e| e.to_str()) == Some("tfstate");
        let mut last_start = 0;
        for r in read_path(&f) {
            let (s, e) = (r.span.start_line as usize, r.span.end_line as usize);
            assert!(s >= 1 && e <= lines.len() && s < e, "{} {}: {:?}", f.display(), r.address, r.span);
            assert!(lines[s - 1].trim_end().ends_with('{'), "{} {}: line {s} opens no object", f.display(), r.address);
            assert!(lines[e - 1].trim().starts_with('}'), "{} {}: line {e} closes no object", f.display(), r.address);
            let inside = &lines[s - 1..e];
            let needle =
                if state { format!("\"type\": \"{}\"", r.kind) } else { format!("\"address\": \"{}\"", r.address.replace('"', "\\\"")) };
            let index_key = inside.iter().any(|l| l.contains("\"index_key\""));
            assert!(
                inside.iter().any(|l| l.contains(&needle)) || (state && index_key),
                "{} {}: {needle} not in lines {s}-{e}",
                f.display(),
                r.address
            );
            if state {
                assert!(s > last_start, "{}: state resources in file order", f.display());
                last_start = s;
            }
        }
    }
    // A known one, checked by hand: the domain's object in planned_values.
    let p = read_path(&dir.join(PLANS).join("runner/resources/plan_with_resource_reference/tfplan.json"));
    assert_eq!((res(&p, "aws_elasticsearch_domain.es").span.start_line, res(&p, "aws_elasticsearch_domain.es").span.end_line), (37, 80));
}

#[test]
fn child_modules_get_module_prefixed_addresses() {
    let dir = data_or_skip!();
    let nested = read_path(&dir.join(PLANS).join("runner/resources/plan_nested_child_modules_with_connections/tfplan.json"));
    let mut a = addresses(&nested);
    a.sort();
    assert_eq!(
        a,
        vec![
            "aws_s3_bucket.root_bucket",
            "aws_s3_bucket_public_access_block.root",
            "module.s3_bucket.aws_s3_bucket.this[0]",
            "module.s3_bucket.aws_s3_bucket_acl.this[0]",
            "module.s3_bucket.aws_s3_bucket_public_access_block.this[0]",
            "module.s3_module.aws_s3_bucket.module_bucket",
            "module.s3_module.aws_s3_bucket_public_access_block.module_bucket",
            "module.s3_module.module.s3_submodule.aws_s3_bucket.submodule_bucket",
            "module.s3_module.module.s3_submodule.aws_s3_bucket_public_access_block.submodule_bucket",
        ]
    );
    // Links inside modules carry the module prefix, at any depth.
    let sub = res(&nested, "module.s3_module.module.s3_submodule.aws_s3_bucket_public_access_block.submodule_bucket");
    assert_eq!(refs(sub.body.get("bucket")), Some(vec!["module.s3_module.module.s3_submodule.aws_s3_bucket.submodule_bucket".to_string()]));
    let root = res(&nested, "aws_s3_bucket_public_access_block.root");
    assert_eq!(refs(root.body.get("bucket")), Some(vec!["aws_s3_bucket.root_bucket".to_string()]));
    // `bucket = local.attach_policy ? aws_s3_bucket_policy.this[0].id : aws_s3_bucket.this[0].id`
    let pab = res(&nested, "module.s3_bucket.aws_s3_bucket_public_access_block.this[0]");
    assert_eq!(
        refs(pab.body.get("bucket")),
        Some(vec!["module.s3_bucket.aws_s3_bucket_policy.this[0]".to_string(), "module.s3_bucket.aws_s3_bucket.this[0]".to_string()])
    );
    // Known module values stay known (checked with python: false from the registry module's
    // defaults, true where the local module sets them).
    assert_eq!(pab.body.get("block_public_acls").map(|n| n.value.clone()), Some(Value::Bool(false)));
    let local = res(&nested, "module.s3_module.aws_s3_bucket_public_access_block.module_bucket");
    assert_eq!(local.body.get("restrict_public_buckets").map(|n| n.value.clone()), Some(Value::Bool(true)));

    let iam = read_path(&dir.join(PLANS).join("runner/resources/plan_with_child_modules/tfplan.json"));
    assert_eq!(addresses(&iam), vec!["module.iam_groups.aws_iam_account_password_policy.main"]);
    assert_eq!(iam[0].body.get("minimum_password_length").map(|n| n.value.clone()), Some(Value::Number(10.0)));
}

#[test]
fn after_unknown_attributes_become_unknown_with_references() {
    let dir = data_or_skip!();
    let p = read_path(&dir.join(PLANS).join("runner/resources/plan_with_resource_reference/tfplan.json"));
    let es = res(&p, "aws_elasticsearch_domain.es");
    assert_eq!(
        refs(es.body.get("log_publishing_options.0.cloudwatch_log_group_arn")),
        Some(vec!["aws_cloudwatch_log_group.audit".to_string()])
    );
    assert_eq!(
        refs(es.body.get("log_publishing_options.1.cloudwatch_log_group_arn")),
        Some(vec!["aws_cloudwatch_log_group.es_application".to_string()])
    );
    assert_eq!(es.body.get("log_publishing_options.1.log_type").and_then(Node::as_str), Some("ES_APPLICATION_LOGS"));
    // Unknown without references: computed by the provider.
    assert_eq!(refs(es.body.get("arn")), Some(vec![]));
    assert_eq!(refs(es.body.get("encrypt_at_rest.kms_key_id")), Some(vec![]));
    assert_eq!(es.body.get("encrypt_at_rest.enabled").map(|n| n.value.clone()), Some(Value::Bool(true)));
    // `"subnet_ids": [false]` keeps the known subnet.
    assert_eq!(es.body.get("vpc_options.subnet_ids.0").and_then(Node::as_str), Some("subnet-efc0c6a2"));

    let m = read_path(&dir.join(PLANS).join("parser/resources/plan_module_with_connected_resources/tfplan.json"));
    let pab = res(&m, "module.s3-bucket.aws_s3_bucket_public_access_block.this[0]");
    assert_eq!(refs(pab.body.get("bucket")), Some(vec!["module.s3-bucket.aws_s3_bucket.this[0]".to_string()]));
    // `bucket = var.bucket`, and the module call passes no `bucket`: unknown, no resource.
    assert_eq!(refs(res(&m, "module.s3-bucket.aws_s3_bucket.this[0]").body.get("bucket")), Some(vec![]));

    // Unknown inside a nested block, with no configuration section at all.
    let cf = read_path(&dir.join(PLANS).join("parser/resources/plan_after_unknown/tfplan.json"));
    assert_eq!(refs(cf[0].body.get("logging_config.bucket")), Some(vec![]));
    assert_eq!(cf[0].body.get("logging_config.prefix").and_then(Node::as_str), Some("cloudfront"));

    // A resource whose values are all unknown (no `values` key), referencing a data source.
    let d = read_path(&dir.join(PLANS).join("runner/resources/plan_with_iam_data_block/tfplan.json"));
    let pol = res(&d, "aws_s3_bucket_policy.allow_access_from_another_account");
    assert_eq!(refs(pol.body.get("bucket")), Some(vec!["aws_s3_bucket.example".to_string()]));
    assert_eq!(refs(pol.body.get("policy")), Some(vec!["data.aws_iam_policy_document.allow_access_from_another_account".to_string()]));
}

#[test]
fn deleted_resources_are_skipped_and_replaced_ones_kept() {
    let dir = data_or_skip!();
    let path = dir.join(PLANS).join("runner/resources/plan_with_deleted_resources/tfplan.json");
    // The fixture's only change is `["create", "delete"]`: a replacement, which still exists after apply.
    let kept = read_path(&path);
    assert_eq!(addresses(&kept), vec!["aws_secretsmanager_secret.default"]);
    assert_eq!(kept[0].body.get("recovery_window_in_days").map(|n| n.value.clone()), Some(Value::Number(30.0)));
    assert!(kept[0].body.get("arn").is_some_and(Node::is_unknown));

    // The same plan with the change turned into a pure delete: skipped, whether or not the
    // resource is (wrongly) still listed in planned_values.
    let mut doc: J = serde_json::from_str(&text_of(&path)).expect("json");
    doc["resource_changes"][0]["change"]["actions"] = json!(["delete"]);
    let text = serde_json::to_string_pretty(&doc).expect("json");
    assert!(read_str("d.json", &text).expect("reads").is_empty());
    doc["planned_values"]["root_module"]["resources"] = json!([]);
    assert!(read_str("d.json", &serde_json::to_string(&doc).expect("json")).expect("reads").is_empty());
}

#[test]
fn data_sources_are_skipped() {
    let dir = data_or_skip!();
    let d = read_path(&dir.join(PLANS).join("runner/resources/plan_with_iam_data_block/tfplan.json"));
    assert_eq!(addresses(&d), vec!["aws_s3_bucket.example", "aws_s3_bucket_policy.allow_access_from_another_account"]);
    // The state holds `data.aws_iam_policy_document` too (3 resources, 1 data source: python).
    let s = read_path(&dir.join(STATES).join("aws_sns_topic_policy/terraform.tfstate"));
    assert_eq!(s.len(), 2);
    assert!(s.iter().all(|r| !r.address.starts_with("data.") && r.kind != "aws_iam_policy_document"));
}

/// A resource without positions, for comparing the same plan written differently.
fn canonical(r: &RawResource) -> String {
    fn node(n: &Node) -> String {
        match &n.value {
            Value::List(items) => format!("[{}]", items.iter().map(node).collect::<Vec<_>>().join(",")),
            Value::Map(entries) => format!("{{{}}}", entries.iter().map(|(k, v)| format!("{k}:{}", node(v))).collect::<Vec<_>>().join(",")),
            Value::Unknown { refs } => format!("?{refs:?}"),
            v => format!("{v:?}"),
        }
    }
    format!("{} {} {}", r.kind, r.address, node(&r.body))
}

#[test]
fn encodings_read_to_the_same_resources() {
    let dir = data_or_skip!();
    let enc = dir.join(PLANS).join("parser/resources/plan_encodings");
    let utf16 = read_path(&enc.join("tfplan_win_utf16.json"));
    let utf8 = read_path(&enc.join("tfplan_win_utf8.json"));
    let mac = read_path(&enc.join("tfplan_mac_utf8.json"));
    assert_eq!(utf16.len(), 1);
    // The two Windows files are the same plan (UTF-16 pretty-printed, UTF-8 on one line).
    assert_eq!(utf16.iter().map(canonical).collect::<Vec<_>>(), utf8.iter().map(canonical).collect::<Vec<_>>());
    assert_eq!(utf8[0].span, tightrope_ingest::Span::new(1, 1));
    assert!(utf16[0].span.end_line > utf16[0].span.start_line);
    // The macOS file is a different (older) plan of the same kind of resource.
    assert_eq!((mac[0].kind.as_str(), mac[0].address.as_str()), ("aws_s3_bucket", "aws_s3_bucket.b"));
    assert_eq!(mac[0].body.get("bucket").and_then(Node::as_str), Some("mikeabcd123-abc"));
    // UTF-16 in the runner fixtures too.
    let r = read_path(&dir.join(PLANS).join("runner/resources/plan_with_utf_16_encoding/tfplan.json"));
    assert_eq!(addresses(&r), vec!["aws_iam_role_policy.fail_1", "aws_s3_bucket.s3-bucket", "null_resource.name"]);
}

#[test]
fn the_corrupted_fixture_is_a_shown_state_and_broken_json_errors_with_its_line() {
    let dir = data_or_skip!();
    let path = dir.join(PLANS).join("runner/resources/plan/corrupted-tfplan.json");
    let text = text_of(&path);
    // checkov calls it corrupted because it has `values`, not `planned_values`; it is valid JSON
    // in the shape of `terraform show -json` of a state, and is read as one.
    assert!(serde_json::from_str::<J>(&text).is_ok());
    let r = read_path(&path);
    assert_eq!(addresses(&r), vec!["test_instance.test"]);
    assert_eq!((r[0].span.start_line, r[0].span.end_line), (7, 21));
    // `sensitive_values: {"ami": true}`: the value is redacted, never kept.
    let ami = r[0].body.get("ami").and_then(Node::as_str).unwrap_or_default();
    assert!(ami != "abc" && ami.contains("sha256:"), "{ami}");
    assert_eq!(r[0].body.get("id").and_then(Node::as_str), Some("621124146446964903"));

    // Actually broken copies: a missing comma on line 16, and the file cut short.
    let broken = text.replacen("\"621124146446964903\",", "\"621124146446964903\"", 1);
    let e = read_str(&path.display().to_string(), &broken).expect_err("missing comma");
    assert_eq!(e.line, Some(16));
    assert!(e.message.starts_with("invalid JSON: expected `,` or `}`"), "{}", e.message);
    assert!(e.message.ends_with("(expected a Terraform plan from `terraform show -json`)"), "{}", e.message);
    assert_eq!(e.path, path.display().to_string());
    let cut = &text[..text.find("\"sensitive_values\"").expect("fixture")];
    let e = read_str("x.tfstate", cut).expect_err("truncated");
    assert_eq!(e.line, Some(18));
    assert!(e.message.contains("EOF") && e.message.contains("expected a Terraform state file"), "{}", e.message);
}

#[test]
fn valid_json_that_is_not_a_plan_or_state_is_an_error() {
    for (text, needle) in [
        ("[1, 2]", "expected a JSON object"),
        ("{\"name\": \"package\"}", "not a Terraform plan or state"),
        ("{\"version\": 3, \"modules\": []}", "version 3 is not supported"),
        ("{\"values\": {\"root_module\": {\"resources\": {}}}}", "`resources` must be a list"),
        ("{\"planned_values\": {\"root_module\": {\"resources\": [\n {\"address\": \"x.y\"}]}}}", "no `type`"),
    ] {
        let e = read_str("f.json", text).expect_err(text);
        assert!(e.message.contains(needle), "{text}: {}", e.message);
        assert!(e.line.is_some(), "{text}");
    }
    let e =
        read_str("f.json", "{\"planned_values\": {\"root_module\": {\"resources\": [\n {\"address\": \"x.y\"}]}}}").expect_err("no type");
    assert_eq!(e.line, Some(2), "the resource's line");
    assert!(read_str("f.json", "{\"format_version\": \"1.0\"}").expect("empty state").is_empty());
}

#[test]
fn raw_state_addresses_modules_keys_and_secrets() {
    let text = r#"{
  "version": 4,
  "terraform_version": "1.5.0",
  "resources": [
    {
      "module": "module.ml[\"a.b\"]",
      "mode": "managed",
      "type": "aws_db_instance",
      "name": "db",
      "instances": [
        {"index_key": "k1", "attributes": {"password": "correct-horse-battery", "engine": "postgres"}, "sensitive_attributes": []},
        {"index_key": "k2", "attributes": {"engine": "mysql", "tags": {"t": "secret-tag-value"}},
         "sensitive_attributes": [[{"type": "get_attr", "value": "tags"}]]},
        {"index_key": "k2", "deposed": "abc", "attributes": {"engine": "old"}}
      ]
    },
    {"mode": "data", "type": "aws_caller_identity", "name": "me", "instances": [{"attributes": {}}]}
  ]
}"#;
    let r = read_str("s.tfstate", text).expect("reads");
    assert_eq!(addresses(&r), vec![r#"module.ml["a.b"].aws_db_instance.db["k1"]"#, r#"module.ml["a.b"].aws_db_instance.db["k2"]"#]);
    assert_eq!((r[0].span.start_line, r[0].span.end_line), (11, 11));
    let pw = r[0].body.get("password").and_then(Node::as_str).unwrap_or_default();
    assert!(!pw.contains("horse") && pw.contains("21 chars"), "{pw}");
    assert_eq!(r[0].body.get("engine").and_then(Node::as_str), Some("postgres"));
    let tag = r[1].body.get("tags.t").and_then(Node::as_str).unwrap_or_default();
    assert!(!tag.contains("secret-tag"), "{tag}");
}

#[test]
fn deep_module_nesting_is_refused_without_panic() {
    let mut m = json!({"resources": [{"address": "a.b", "type": "a", "name": "b", "values": {}}]});
    for _ in 0..70 {
        m = json!({"address": "module.m", "child_modules": [m]});
    }
    let text = serde_json::to_string(&json!({"planned_values": {"root_module": m}})).expect("json");
    assert!(read_str("deep.json", &text).is_err());
}

#[test]
fn truncated_and_mutated_plans_never_panic() {
    let dir = data_or_skip!();
    for rel in
        ["runner/resources/plan_with_resource_reference/tfplan.json", "parser/resources/plan_module_with_connected_resources/tfplan.json"]
    {
        let text = text_of(&dir.join(PLANS).join(rel));
        let step = (text.len() / 800).max(1);
        let mut errors = 0;
        for cut in (0..text.len()).step_by(step).filter(|&i| text.is_char_boundary(i)) {
            if let Err(e) = read_str("t.json", &text[..cut]) {
                assert!(e.line.is_some() && e.message.starts_with("invalid JSON"), "{cut}: {:?}", e);
                errors += 1;
            }
        }
        assert!(errors > 0);
        // Byte mutations: structural characters dropped in at pseudo-random places.
        let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
        for _ in 0..300 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let mut bytes = text.clone().into_bytes();
            let at = (x as usize) % bytes.len();
            if !text.is_char_boundary(at) || !bytes[at].is_ascii() {
                continue;
            }
            bytes[at] = b"{}[]\",:0tn-\\"[(x >> 32) as usize % 12];
            if let Ok(s) = String::from_utf8(bytes) {
                let _ = read_str("m.json", &s);
            }
        }
    }
    // Mutated states, where structure changes meaning (`instances` as a map, keys as objects).
    let state = text_of(&dir.join(STATES).join("aws_iam_role_multiple/terraform.tfstate"));
    for (from, to) in [
        ("\"instances\": [", "\"instances\": {\"x\": ["),
        ("\"index_key\": 0", "\"index_key\": {}"),
        ("\"version\": 4", "\"version\": \"4\""),
    ] {
        let _ = read_str("s.tfstate", &state.replacen(from, to, 1));
    }
}

//! Preflight over the repository's example environment (examples/tightrope.toml): the verdict, the
//! cross-step attack path, and every report format checked against the real schemas (SARIF from
//! tightrope-report's vendored OASIS schema, OCSF from the OCSF 1.3.0 export, ASFF from botocore's
//! Security Hub model; see tests/data/README.md).

use serde_json::Value;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use tightrope_core::{Severity, Step};
use tightrope_preflight::config::Config;
use tightrope_preflight::paths::HopKind;
use tightrope_preflight::report::{self, Format};
use tightrope_preflight::verdict::Readiness;
use tightrope_preflight::{Preflight, run};

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn data(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(name)
}

struct Run {
    p: Preflight,
    iam: bool,
    _dir: tempfile::TempDir,
}

/// One run shared by the checks. The IAM action database is filled from ../shared/data when it is
/// there; without it the access step reports the missing cache (the attack paths do not need it).
fn example() -> &'static Run {
    static RUN: OnceLock<Run> = OnceLock::new();
    RUN.get_or_init(|| {
        let dir = tempfile::tempdir().expect("tempdir");
        let mut cfg =
            Config::load(&repo().join("examples/tightrope.toml")).expect("example config loads");
        cfg.environment.hash_key = Some(dir.path().join("classify.key"));
        let iam_src = repo().join("../shared/data/iam-action-database/iam-data.tar.gz");
        let cache = dir.path().join("iam");
        let iam = if iam_src.is_file() {
            tightrope_access::update::update_from(&iam_src, &cache)
                .expect("IAM action database from shared data");
            true
        } else {
            eprintln!(
                "skipping the access checks: ../shared/data/iam-action-database is not present"
            );
            false
        };
        cfg.access.cache_dir = Some(cache);
        Run {
            p: run(&cfg, &|_| {}),
            iam,
            _dir: dir,
        }
    })
}

fn example_is_blocked_by_the_notebook_to_restricted_data_path() {
    let r = example();
    let p = &r.p;
    assert_eq!(p.verdict, Readiness::Blocked);
    for s in &p.steps {
        assert!(
            s.not_run.is_none(),
            "{} did not run: {:?}",
            s.step.as_str(),
            s.not_run
        );
    }
    let path = p
        .attack_paths
        .iter()
        .find(|a| {
            a.hops[0].resource.address == "aws_sagemaker_notebook_instance.research"
                && a.hops[2].resource.address == "aws_s3_bucket.training_data"
        })
        .unwrap_or_else(|| panic!("no notebook → bucket path in {:#?}", p.attack_paths));
    assert_eq!(
        path.hops[1].resource.address,
        "aws_iam_role.sagemaker_execution"
    );
    assert_eq!(
        path.hops.iter().map(|h| h.kind).collect::<Vec<_>>(),
        [HopKind::Exposure, HopKind::Identity, HopKind::Target]
    );
    assert_eq!(
        path.severity,
        Severity::Critical,
        "the bucket holds restricted data"
    );
    assert!(
        path.hops[1].explanation.contains("s3:GetObject"),
        "{}",
        path.hops[1].explanation
    );
    assert!(
        path.hops[2].explanation.contains("restricted"),
        "{}",
        path.hops[2].explanation
    );
    assert_eq!(
        path.hops[path.cheapest_cut].kind,
        HopKind::Exposure,
        "disabling direct internet access is the cheapest cut"
    );
    // ai-stack's model_data_url is a template over a bucket attribute, unknown offline: no
    // model-artefact path may be invented from it
    assert!(
        !p.attack_paths
            .iter()
            .any(|a| a.hops[2].resource.address == "aws_sagemaker_model.llm"),
        "{:#?}",
        p.attack_paths
    );
    assert_eq!(
        p.blockers[0].rule_id, "TR-PREFLIGHT-001",
        "attack paths rank first"
    );
    let detect = p
        .steps
        .iter()
        .find(|s| s.step == Step::Detect)
        .expect("detect");
    assert!(
        detect
            .findings
            .iter()
            .any(|f| f.message.contains("bedrock:InvokeModel")),
        "the LLM-jacking day raises an alert"
    );
    let supply = p
        .steps
        .iter()
        .find(|s| s.step == Step::Supply)
        .expect("supply");
    let vulnerable: Vec<&str> = supply
        .findings
        .iter()
        .map(|f| f.resource.address.as_str())
        .collect();
    assert!(
        vulnerable.iter().any(|a| a.contains("pyyaml@5.3.1"))
            && vulnerable.iter().any(|a| a.contains("torch@1.12.0")),
        "{vulnerable:?}"
    );
    assert!(supply.errors.is_empty(), "{:?}", supply.errors);
    let access = p
        .steps
        .iter()
        .find(|s| s.step == Step::Access)
        .expect("access");
    if r.iam {
        assert!(access.errors.is_empty(), "{:?}", access.errors);
        assert!(
            access.findings.iter().any(|f| f.rule_id == "TR-ACCESS-001"),
            "the pilot role is administrator"
        );
    } else {
        assert_eq!(access.errors.len(), 1);
    }
}

fn sarif_violations(doc: &Value) -> Vec<String> {
    let path = repo().join("crates/tightrope-report/tests/data/sarif-schema-2.1.0.json");
    let schema: Value = serde_json::from_str(
        &std::fs::read_to_string(&path).expect("SARIF schema of tightrope-report"),
    )
    .expect("schema JSON");
    let v = jsonschema::options()
        .should_validate_formats(true)
        .build(&schema)
        .expect("SARIF schema compiles");
    v.iter_errors(doc)
        .map(|e| format!("{}: {e}", e.instance_path()))
        .collect()
}

fn sarif_is_valid_against_the_oasis_schema() {
    let doc: Value = serde_json::from_str(&report::render(Format::Sarif, &example().p, false))
        .expect("SARIF is JSON");
    let errors = sarif_violations(&doc);
    assert!(errors.is_empty(), "{}", errors.join("\n"));
    let results = doc["runs"][0]["results"].as_array().expect("results");
    assert!(results.iter().any(|r| r["ruleId"] == "TR-PREFLIGHT-001"));
    let mut broken = doc.clone();
    broken["runs"][0]["results"][0]["level"] = Value::from("severe");
    assert!(
        !sarif_violations(&broken).is_empty(),
        "the schema check can fail"
    );
}

fn ocsf_violations(doc: &Value) -> Vec<String> {
    let schema: Value = serde_json::from_str(
        &std::fs::read_to_string(data("ocsf-1.3.0-detection_finding.schema.json"))
            .expect("vendored OCSF schema"),
    )
    .expect("JSON");
    let v = jsonschema::options()
        .build(&schema)
        .expect("OCSF schema compiles");
    v.iter_errors(doc)
        .map(|e| format!("{}: {e}", e.instance_path()))
        .collect()
}

fn ocsf_detection_findings_are_valid_against_the_ocsf_1_3_schema() {
    let doc: Value = serde_json::from_str(&report::render(Format::Ocsf, &example().p, false))
        .expect("OCSF is JSON");
    let all = doc.as_array().expect("an array of findings");
    assert_eq!(all.len(), example().p.all_findings().len());
    for f in all {
        let errors = ocsf_violations(f);
        assert!(errors.is_empty(), "{}\n{f:#}", errors.join("\n"));
    }
    let mut broken = all[0].clone();
    broken
        .as_object_mut()
        .expect("object")
        .remove("finding_info");
    broken["severity_id"] = Value::from("high");
    assert!(
        ocsf_violations(&broken).len() >= 2,
        "the schema check can fail"
    );
}

/// Violations of `v` against shape `name` of a botocore service model.
fn shape_violations(model: &Value, name: &str, v: &Value, at: &str, out: &mut Vec<String>) {
    let shape = &model["shapes"][name];
    match shape["type"].as_str().unwrap_or("") {
        "structure" => {
            let Some(obj) = v.as_object() else {
                return out.push(format!("{at}: expected an object ({name})"));
            };
            for r in shape["required"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(Value::as_str)
            {
                if !obj.contains_key(r) {
                    out.push(format!("{at}: missing required {r} ({name})"));
                }
            }
            for (k, val) in obj {
                match shape["members"][k]["shape"].as_str() {
                    Some(s) => shape_violations(model, s, val, &format!("{at}.{k}"), out),
                    None => out.push(format!("{at}: unknown member {k} ({name})")),
                }
            }
        }
        "list" => match v.as_array() {
            Some(items) => {
                let member = shape["member"]["shape"].as_str().unwrap_or("");
                for (i, x) in items.iter().enumerate() {
                    shape_violations(model, member, x, &format!("{at}[{i}]"), out);
                }
            }
            None => out.push(format!("{at}: expected a list ({name})")),
        },
        "map" => match v.as_object() {
            Some(m) => {
                let value = shape["value"]["shape"].as_str().unwrap_or("");
                for (k, x) in m {
                    shape_violations(model, value, x, &format!("{at}.{k}"), out);
                }
            }
            None => out.push(format!("{at}: expected a map ({name})")),
        },
        "string" => match v.as_str() {
            Some(s) => {
                if let Some(allowed) = shape["enum"].as_array()
                    && !allowed.iter().any(|a| a == s)
                {
                    out.push(format!("{at}: `{s}` is not one of {allowed:?}"));
                }
                if shape["pattern"] == ".*\\S.*" && s.trim().is_empty() {
                    out.push(format!("{at}: empty string ({name})"));
                }
            }
            None => out.push(format!("{at}: expected a string ({name})")),
        },
        "integer" | "long" => {
            if !v.is_i64() {
                out.push(format!("{at}: expected an integer ({name})"));
            }
        }
        "double" | "float" => {
            if !v.is_number() {
                out.push(format!("{at}: expected a number ({name})"));
            }
        }
        "boolean" => {
            if !v.is_boolean() {
                out.push(format!("{at}: expected a boolean ({name})"));
            }
        }
        other => out.push(format!(
            "{at}: shape {name} of type `{other}` not checked by this test"
        )),
    }
}

fn asff_violations(doc: &Value) -> Vec<String> {
    let mut text = String::new();
    let f = std::fs::File::open(data("securityhub-2018-10-26-service-2.json.gz"))
        .expect("vendored Security Hub model");
    flate2::read::GzDecoder::new(f)
        .read_to_string(&mut text)
        .expect("gzip");
    let model: Value = serde_json::from_str(&text).expect("JSON");
    let mut out = Vec::new();
    shape_violations(&model, "BatchImportFindingsRequest", doc, "$", &mut out);
    out
}

fn asff_matches_the_security_hub_model() {
    let doc: Value = serde_json::from_str(&report::render(Format::Asff, &example().p, false))
        .expect("ASFF is JSON");
    let findings = doc["Findings"].as_array().expect("Findings");
    assert!(!findings.is_empty());
    let errors = asff_violations(&doc);
    assert!(errors.is_empty(), "{}", errors.join("\n"));
    for f in findings {
        assert!(
            f["Title"]
                .as_str()
                .is_some_and(|t| t.chars().count() <= 256)
        );
        assert!(
            f["Description"]
                .as_str()
                .is_some_and(|t| t.chars().count() <= 1024)
        );
    }
    let mut broken = doc.clone();
    broken["Findings"][0]
        .as_object_mut()
        .expect("object")
        .remove("Title");
    broken["Findings"][0]["Severity"]["Label"] = Value::from("SEVERE");
    assert_eq!(
        asff_violations(&broken).len(),
        2,
        "the model check can fail"
    );
}

/// Tags of an XML document are balanced (a small check: the report has no comments, CDATA or DTD).
fn balanced(xml: &str) -> Result<usize, String> {
    let mut stack: Vec<&str> = Vec::new();
    let mut count = 0;
    let mut rest = xml
        .trim_start()
        .strip_prefix("<?xml")
        .and_then(|r| r.split_once("?>"))
        .map(|(_, r)| r)
        .ok_or("no XML declaration")?;
    while let Some(i) = rest.find('<') {
        let end = rest[i..].find('>').ok_or("unterminated tag")? + i;
        let tag = &rest[i + 1..end];
        if let Some(name) = tag.strip_prefix('/') {
            if stack.pop() != Some(name.trim()) {
                return Err(format!("unexpected </{name}>"));
            }
        } else if !tag.ends_with('/') {
            stack.push(tag.split_whitespace().next().unwrap_or(""));
            count += 1;
        } else {
            count += 1;
        }
        if tag.contains('<') {
            return Err(format!("`<` inside a tag: {tag}"));
        }
        rest = &rest[end + 1..];
    }
    if stack.is_empty() {
        Ok(count)
    } else {
        Err(format!("unclosed {stack:?}"))
    }
}

fn junit_has_a_suite_per_step_and_a_failure_per_blocker() {
    let p = &example().p;
    let xml = report::render(Format::Junit, p, false);
    balanced(&xml).unwrap_or_else(|e| panic!("{e}\n{xml}"));
    assert_eq!(
        xml.matches("<testsuite ").count(),
        8,
        "seven steps and the attack paths"
    );
    let blockers = p.blockers.len();
    assert_eq!(
        xml.matches("<failure ").count(),
        blockers,
        "one failing case per blocker"
    );
    assert!(
        xml.contains("classname=\"tightrope.preflight.drill\""),
        "drill has its suite"
    );
    let drill = p
        .steps
        .iter()
        .find(|s| s.step == Step::Drill)
        .expect("drill");
    assert!(
        drill.summary.contains("playbook scenarios detected"),
        "{}",
        drill.summary
    );
    assert!(balanced("<?xml version=\"1.0\"?><a><b></a>").is_err());
}

fn html_is_self_contained_and_shows_the_verdict_and_the_paths() {
    let p = &example().p;
    let html = report::render(Format::Html, p, false);
    assert!(html.starts_with("<!DOCTYPE html>"));
    for external in ["src=", "<link", "@import", "url(http", "href=\"http"] {
        assert!(!html.contains(external), "external reference `{external}`");
    }
    assert!(html.contains("class=\"verdict r-blocked\">blocked<"));
    assert!(
        html.contains("<svg") && html.contains("stroke-dasharray"),
        "the graph marks the cheapest cut"
    );
    for a in &p.attack_paths {
        assert!(html.contains(&format!("id=\"{}\"", a.id)));
    }
}

fn no_output_holds_a_value_from_the_dataset() {
    let p = &example().p;
    let csv = std::fs::read_to_string(repo().join("examples/data/customers.csv")).expect("dataset");
    let secrets: Vec<&str> = csv
        .lines()
        .skip(1)
        .flat_map(|l| l.split(',').skip(1).take(4))
        .collect();
    assert!(secrets.len() > 100);
    for f in Format::ALL {
        let out = report::render(f, p, false);
        for s in &secrets {
            assert!(
                !out.contains(s),
                "{f} output contains the dataset value `{s}`"
            );
        }
    }
}

/// One test: the example run takes seconds in a debug build (the IAM analysis), so every check
/// shares it.
#[test]
fn example_environment_verdict_paths_and_every_report_format() {
    example_is_blocked_by_the_notebook_to_restricted_data_path();
    sarif_is_valid_against_the_oasis_schema();
    ocsf_detection_findings_are_valid_against_the_ocsf_1_3_schema();
    asff_matches_the_security_hub_model();
    junit_has_a_suite_per_step_and_a_failure_per_blocker();
    html_is_self_contained_and_shows_the_verdict_and_the_paths();
    no_output_holds_a_value_from_the_dataset();
}

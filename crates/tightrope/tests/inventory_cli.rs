//! `tightrope inventory` as a CI would run it: JSON on stdout, exit codes as a contract.

use std::process::Command;

fn tightrope(args: &[&str]) -> std::process::Output {
    let repo = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    Command::new(env!("CARGO_BIN_EXE_tightrope")).args(args).current_dir(repo).output().expect("run tightrope")
}

#[test]
fn inventory_lists_the_example_stack_as_json() {
    let out = tightrope(&["inventory", "examples/ai-stack", "--format", "json"]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON on stdout");
    let assets = doc["assets"].as_array().expect("assets");
    assert_eq!(doc["count"].as_u64(), Some(assets.len() as u64));
    assert!(assets.iter().any(|a| a["kind"] == "agent" && a["provider"] == "aws"));
    assert!(assets.iter().all(|a| a["location"]["path"].is_string()));
}

#[test]
fn inventory_of_a_missing_path_is_an_input_error() {
    let out = tightrope(&["inventory", "does/not/exist"]);
    assert_eq!(out.status.code(), Some(2));
}

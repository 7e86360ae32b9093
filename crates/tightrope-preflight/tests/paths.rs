//! Attack paths on small Terraform environments: a model artefact target, a role named by a
//! literal ARN, a path that a narrow policy prevents, and a shared cut.

use std::path::Path;
use tightrope_core::Severity;
use tightrope_preflight::config::Config;
use tightrope_preflight::paths::{HopKind, PATH_TO_MODEL};

const NOTEBOOK: &str = r#"
resource "aws_iam_role" "nb" {
  name = "nb"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "sagemaker.amazonaws.com" } }]
  })
}

resource "aws_sagemaker_notebook_instance" "nb" {
  name          = "nb"
  role_arn      = "arn:aws:iam::123456789012:role/nb"
  instance_type = "ml.t3.medium"
}

resource "aws_sagemaker_notebook_instance" "nb2" {
  name          = "nb2"
  role_arn      = aws_iam_role.nb.arn
  instance_type = "ml.t3.medium"
}

resource "aws_sagemaker_model" "llm" {
  name               = "llm"
  execution_role_arn = aws_iam_role.nb.arn
  primary_container {
    image          = "123456789012.dkr.ecr.us-east-1.amazonaws.com/llm:1"
    model_data_url = "s3://acme-models/llm/model.tar.gz"
  }
}
"#;

fn preflight(dir: &Path, policy: &str) -> tightrope_preflight::Preflight {
    std::fs::write(dir.join("main.tf"), NOTEBOOK).expect("write");
    std::fs::write(
        dir.join("policy.tf"),
        format!("resource \"aws_iam_role_policy\" \"nb\" {{\n  name = \"p\"\n  role = aws_iam_role.nb.id\n  policy = jsonencode({policy})\n}}\n"),
    )
    .expect("write");
    let text = format!(
        "[environment]\nhash_key = \"{}\"\n[iac]\npaths = [\".\"]\n[access]\ncache_dir = \"no-iam-db\"\n",
        dir.join("k").display()
    );
    let cfg = Config::parse(&text, "t.toml", dir.to_path_buf()).expect("config");
    tightrope_preflight::run(&cfg, &|_| {})
}

#[test]
fn exposed_notebooks_whose_role_may_overwrite_the_model_artefact() {
    let dir = tempfile::tempdir().expect("tempdir");
    let p = preflight(
        dir.path(),
        r#"{ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = ["s3:GetObject", "s3:PutObject"], Resource = "arn:aws:s3:::acme-models/*" }] }"#,
    );
    let paths: Vec<_> = p
        .attack_paths
        .iter()
        .filter(|a| a.rule_id == PATH_TO_MODEL)
        .collect();
    let entries: Vec<&str> = paths
        .iter()
        .map(|a| a.hops[0].resource.address.as_str())
        .collect();
    assert_eq!(
        entries,
        [
            "aws_sagemaker_notebook_instance.nb",
            "aws_sagemaker_notebook_instance.nb2"
        ],
        "the literal role ARN and the reference both resolve: {:#?}",
        p.attack_paths
    );
    for a in &paths {
        assert_eq!(a.severity, Severity::High);
        assert_eq!(a.hops[1].resource.address, "aws_iam_role.nb");
        assert_eq!(a.hops[2].resource.address, "aws_sagemaker_model.llm");
        assert!(
            a.hops[1]
                .explanation
                .contains("s3:PutObject on arn:aws:s3:::acme-models/llm/model.tar.gz"),
            "{}",
            a.hops[1].explanation
        );
        assert_eq!(a.hops[a.cheapest_cut].kind, HopKind::Exposure);
        assert_eq!(a.cut_also_breaks, 0, "each notebook is its own cut");
        let f = a.to_finding();
        assert!(
            f.remediation
                .starts_with("Cheapest cut, at aws_sagemaker_notebook_instance."),
            "{}",
            f.remediation
        );
        assert_eq!(
            f.evidence.as_deref().map(|e| e.lines().count()),
            Some(3),
            "every hop explained"
        );
    }
}

#[test]
fn no_path_when_the_role_may_only_read_the_artefact() {
    let dir = tempfile::tempdir().expect("tempdir");
    let p = preflight(
        dir.path(),
        r#"{ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "s3:GetObject", Resource = "arn:aws:s3:::acme-models/*" }] }"#,
    );
    assert!(p.attack_paths.is_empty(), "{:#?}", p.attack_paths);
    assert_eq!(
        p.blockers
            .iter()
            .filter(|b| b.rule_id.starts_with("TR-PREFLIGHT"))
            .count(),
        0
    );
}

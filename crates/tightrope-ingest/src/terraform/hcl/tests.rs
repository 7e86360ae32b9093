//! HCL reader tests on small configurations written for them.

use super::read_files;
use crate::node::Value;
use crate::raw::RawResource;
use std::path::PathBuf;

fn read(files: &[(&str, &str)]) -> (Vec<RawResource>, Vec<tightrope_core::InputError>, tempfile::TempDir) {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut paths = Vec::new();
    for (name, text) in files {
        let p = dir.path().join(name);
        std::fs::create_dir_all(p.parent().expect("parent")).expect("mkdir");
        std::fs::write(&p, text).expect("write");
        if name.ends_with(".tf") {
            paths.push(p);
        }
    }
    paths.sort();
    let (r, e) = read_files(&paths);
    (r, e, dir)
}

fn find<'a>(r: &'a [RawResource], addr: &str) -> &'a RawResource {
    r.iter().find(|x| x.address == addr).unwrap_or_else(|| panic!("{addr} not in {:?}", r.iter().map(|x| &x.address).collect::<Vec<_>>()))
}

fn s<'a>(r: &'a RawResource, path: &str) -> Option<&'a str> {
    r.body.get(path).and_then(|n| n.as_str())
}

#[test]
fn variables_locals_templates_and_tfvars() {
    let (r, e, _d) = read(&[
        ("main.tf", r#"
variable "env" { default = "dev" }
variable "team" {}
variable "region" { default = "us-east-1" }
locals {
  prefix = "${var.team}-${var.env}"
  names  = { data = "${local.prefix}-data", logs = "logs" }
}
resource "aws_s3_bucket" "data" {
  bucket = local.names.data
  tags   = merge({ Env = var.env }, { Team = upper(var.team) })
}
resource "aws_s3_bucket" "unknown" {
  bucket = "${var.missing}-x"
}
"#),
        ("terraform.tfvars", "team = \"ml\"\n"),
        ("prod.auto.tfvars", "env = \"prod\"\n"),
    ]);
    assert!(e.is_empty(), "{e:?}");
    let b = find(&r, "aws_s3_bucket.data");
    assert_eq!(s(b, "bucket"), Some("ml-prod-data"));
    assert_eq!(s(b, "tags.Team"), Some("ML"));
    assert_eq!(b.span.start_line, 9);
    assert_eq!(b.body.get("bucket").map(|n| n.span.start_line), Some(10), "value reported where it is used");
    assert!(find(&r, "aws_s3_bucket.unknown").body.get("bucket").is_some_and(|n| n.is_unknown()));
}

#[test]
fn references_become_links_and_blocks_are_lists() {
    let (r, e, _d) = read(&[("main.tf", r#"
resource "aws_kms_key" "k" {}
resource "aws_s3_bucket" "b" { bucket = "b" }
resource "aws_s3_bucket_server_side_encryption_configuration" "b" {
  bucket = aws_s3_bucket.b.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = "aws:kms"
      kms_master_key_id = aws_kms_key.k.arn
    }
  }
}
resource "aws_security_group" "sg" {
  ingress {
    from_port = 22
    to_port   = 22
  }
  ingress {
    from_port = 443
    to_port = 443
  }
}
"#)]);
    assert!(e.is_empty(), "{e:?}");
    let enc = find(&r, "aws_s3_bucket_server_side_encryption_configuration.b");
    assert_eq!(enc.body.get("bucket").map(|n| &n.value), Some(&Value::Unknown { refs: vec!["aws_s3_bucket.b".into()] }));
    assert_eq!(
        enc.body.get("rule.apply_server_side_encryption_by_default.kms_master_key_id").map(|n| &n.value),
        Some(&Value::Unknown { refs: vec!["aws_kms_key.k".into()] })
    );
    let sg = find(&r, "aws_security_group.sg");
    assert_eq!(sg.body.get_all("ingress").len(), 2);
    assert_eq!(sg.body.get("ingress.1.from_port").map(|n| n.value.clone()), Some(Value::Number(443.0)));
}

#[test]
fn count_for_each_dynamic_and_conditionals() {
    let (r, _, _d) = read(&[("main.tf", r#"
variable "enabled" { default = false }
variable "ports" { default = [22, 443] }
resource "aws_instance" "off" {
  count = var.enabled ? 1 : 0
}
resource "aws_instance" "web" {
  count         = 2
  instance_type = count.index == 0 ? "t3.micro" : "t3.large"
}
resource "aws_s3_bucket" "each" {
  for_each = toset(["a", "b"])
  bucket   = "bucket-${each.key}"
}
resource "aws_security_group" "dyn" {
  dynamic "ingress" {
    for_each = var.ports
    content {
      from_port = ingress.value
      to_port   = ingress.value
    }
  }
}
resource "aws_iam_policy" "p" {
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [for a in ["s3:GetObject"] : { Effect = "Allow", Action = a, Resource = "*" }]
  })
}
"#)]);
    assert!(!r.iter().any(|x| x.address.starts_with("aws_instance.off")));
    assert_eq!(s(find(&r, "aws_instance.web[1]"), "instance_type"), Some("t3.large"));
    assert_eq!(s(find(&r, "aws_s3_bucket.each[\"b\"]"), "bucket"), Some("bucket-b"));
    let dyn_sg = find(&r, "aws_security_group.dyn");
    assert_eq!(dyn_sg.body.get("ingress.1.to_port").map(|n| n.value.clone()), Some(Value::Number(443.0)));
    let p = s(find(&r, "aws_iam_policy.p"), "policy").expect("policy is known");
    let doc = tightrope_core::PolicyDocument::parse(p).expect("valid policy");
    assert_eq!(doc.statements[0].actions, vec!["s3:GetObject".to_string()]);
}

#[test]
fn local_modules_inputs_outputs_and_prefixes() {
    let (r, e, _d) = read(&[
        ("root/main.tf", r#"
module "store" {
  source = "./modules/store"
  name   = "training"
}
module "remote" {
  source  = "terraform-aws-modules/s3-bucket/aws"
  version = "~> 4.0"
}
resource "aws_s3_bucket_versioning" "v" {
  bucket = module.store.bucket_name
  versioning_configuration { status = "Enabled" }
}
"#),
        ("root/modules/store/main.tf", r#"
variable "name" {}
resource "aws_s3_bucket" "this" { bucket = "${var.name}-data" }
output "bucket_name" { value = "${var.name}-data" }
"#),
    ]);
    assert!(e.is_empty(), "{e:?}");
    assert_eq!(s(find(&r, "module.store.aws_s3_bucket.this"), "bucket"), Some("training-data"));
    assert_eq!(s(find(&r, "aws_s3_bucket_versioning.v"), "bucket"), Some("training-data"));
    // The called module directory is not also read as a root with unknown variables.
    assert_eq!(r.iter().filter(|x| x.kind == "aws_s3_bucket").count(), 1);
}

#[test]
fn syntax_error_is_reported_with_line_and_other_files_still_read() {
    let (r, e, _d) = read(&[
        ("a.tf", "resource \"aws_s3_bucket\" \"ok\" {\n  bucket = \"ok\"\n}\n"),
        ("b.tf", "resource \"aws_s3_bucket\" \"bad\" {\n  bucket = \n}\n"),
    ]);
    assert_eq!(e.len(), 1, "{e:?}");
    assert!(e[0].path.ends_with("b.tf"));
    assert!(e[0].line.is_some_and(|l| l >= 2), "{:?}", e[0]);
    assert!(r.iter().any(|x| x.address == "aws_s3_bucket.ok"));
}

#[test]
fn hostile_inputs_do_not_hang_or_panic() {
    let (r, _, _d) = read(&[("main.tf", r#"
locals {
  a = local.b
  b = local.a
  big = range(100000000)
}
resource "aws_s3_bucket" "x" {
  bucket = local.a
  count  = 100000000
}
"#)]);
    assert!(r.len() <= 10_000);
    assert!(r[0].body.get("bucket").is_some_and(|n| n.is_unknown()));
}

#[test]
fn paths_are_normalised() {
    assert_eq!(super::normalize(&PathBuf::from("a/./b/../c")), PathBuf::from("a/c"));
}

#[test]
fn aws_iam_policy_documents_render_like_the_provider() {
    let (r, e, _d) = read(&[("main.tf", r#"
variable "bucket" { default = "training-data" }
data "aws_iam_policy_document" "read" {
  statement {
    sid       = "Read"
    actions   = ["s3:GetObject", "s3:ListBucket"]
    resources = ["arn:aws:s3:::${var.bucket}", "arn:aws:s3:::${var.bucket}/*"]
    condition {
      test     = "DateGreaterThan"
      variable = "aws:TokenIssueTime"
      values   = ["2020-01-01T00:00:01Z"]
    }
  }
  statement {
    effect      = "Deny"
    not_actions = ["s3:*"]
    resources   = ["*"]
  }
}
data "aws_iam_policy_document" "trust" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["sagemaker.amazonaws.com"]
    }
  }
}
data "aws_iam_policy_document" "merged" {
  source_policy_documents = [data.aws_iam_policy_document.read.json]
}
resource "aws_iam_policy" "p" { policy = data.aws_iam_policy_document.read.json }
resource "aws_iam_role" "r" { assume_role_policy = data.aws_iam_policy_document.trust.json }
resource "aws_iam_policy" "m" { policy = data.aws_iam_policy_document.merged.json }
resource "aws_iam_policy" "missing" { policy = data.aws_iam_policy_document.nope.json }
"#)]);
    assert!(e.is_empty(), "{e:?}");
    let p = s(find(&r, "aws_iam_policy.p"), "policy").expect("rendered");
    let doc: serde_json::Value = serde_json::from_str(p).expect("JSON");
    assert_eq!(
        doc,
        serde_json::json!({"Version": "2012-10-17", "Statement": [
            {"Sid": "Read", "Effect": "Allow", "Action": ["s3:GetObject", "s3:ListBucket"],
             "Resource": ["arn:aws:s3:::training-data", "arn:aws:s3:::training-data/*"],
             "Condition": {"DateGreaterThan": {"aws:TokenIssueTime": ["2020-01-01T00:00:01Z"]}}},
            {"Effect": "Deny", "NotAction": ["s3:*"], "Resource": ["*"]}]})
    );
    let trust = s(find(&r, "aws_iam_role.r"), "assume_role_policy").expect("rendered");
    let trust = tightrope_core::PolicyDocument::parse(trust).expect("valid policy");
    assert_eq!(trust.statements[0].actions, vec!["sts:AssumeRole".to_string()]);
    // What cannot be rendered exactly stays unknown rather than wrong.
    assert_eq!(s(find(&r, "aws_iam_policy.m"), "policy"), None);
    assert_eq!(s(find(&r, "aws_iam_policy.missing"), "policy"), None);
}

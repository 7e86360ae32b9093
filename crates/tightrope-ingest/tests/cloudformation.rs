//! CloudFormation reader and adapter: intrinsics, conditions, suppressions, errors, and end to end
//! on real templates (`shared/data/iac-cfn-templates`) and Trivy's good/bad snippets.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use tightrope_core::state::Link;
use tightrope_core::CloudState;
use tightrope_ingest::cloudformation;
use tightrope_ingest::{Node, RawResource, Value};

fn adapted(raw: &[RawResource]) -> CloudState {
    let mut state = CloudState::default();
    cloudformation::adapt::adapt(&raw.iter().collect::<Vec<_>>(), &mut state);
    state
}

fn shared_data(set: &str) -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data").join(set);
    dir.is_dir().then_some(dir)
}

#[test]
fn reads_every_real_template() {
    let Some(dir) = shared_data("iac-cfn-templates") else {
        eprintln!("skipping: ../shared/data not present");
        return;
    };
    let (mut files, mut clean, mut resources) = (0, 0, 0);
    for f in tightrope_ingest::detect::walk(&dir) {
        if tightrope_ingest::detect::detect(&f).ok().flatten() != Some(tightrope_ingest::Format::CloudFormation) {
            continue;
        }
        files += 1;
        let text = std::fs::read_to_string(&f).unwrap();
        let name: Arc<str> = Arc::from(f.display().to_string());
        let (r, errors) = cloudformation::read_all(&name, &text);
        resources += r.len();
        if errors.is_empty() {
            clean += 1;
        }
        for e in &errors {
            eprintln!("{}:{:?}: {}", e.path, e.line, e.message);
        }
    }
    eprintln!("{clean}/{files} templates read cleanly, {resources} resources");
}

fn fixture(name: &str) -> (Vec<RawResource>, Vec<tightrope_core::InputError>) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/cfn").join(name);
    let text = std::fs::read_to_string(&path).unwrap();
    cloudformation::read_all(&Arc::from(name), &text)
}

fn resource<'a>(raw: &'a [RawResource], id: &str) -> &'a RawResource {
    raw.iter().find(|r| r.address == id).unwrap_or_else(|| panic!("no resource {id}"))
}

fn unknown_refs(n: &Node) -> Option<Vec<&str>> {
    match &n.value {
        Value::Unknown { refs } => Some(refs.iter().map(String::as_str).collect()),
        _ => None,
    }
}

#[test]
fn resolves_intrinsics() {
    let (raw, errors) = fixture("intrinsics.yaml");
    assert!(errors.is_empty(), "{errors:?}");
    let b = &resource(&raw, "Data").body;
    let s = |p: &str| b.get(p).and_then(Node::as_str).map(str::to_string);
    assert_eq!(s("BucketName").as_deref(), Some("prod-data-${Literal}"));
    assert_eq!(unknown_refs(b.get("Region").unwrap()), Some(vec![]));
    assert_eq!(unknown_refs(b.get("KeyArn").unwrap()), Some(vec!["Key"]));
    assert_eq!(unknown_refs(b.get("KeyRef").unwrap()), Some(vec!["Key"]));
    assert_eq!(s("Joined").as_deref(), Some("a-prod-b"));
    assert_eq!(unknown_refs(b.get("JoinedUnknown").unwrap()), Some(vec!["Key"]));
    assert_eq!(s("Second").as_deref(), Some("subnet-b"));
    assert_eq!(b.get("Split").and_then(Node::as_list).map(<[Node]>::len), Some(3));
    assert_eq!(s("Size").as_deref(), Some("ml.m5.xlarge"));
    assert_eq!(s("Encoded").as_deref(), Some("#!/bin/bash"));
    assert_eq!(s("Chosen").as_deref(), Some("yes-prod"));
    assert!(b.get("Dropped").is_none(), "AWS::NoValue removes the key");
    assert_eq!(unknown_refs(b.get("Open").unwrap()), Some(vec!["Key"]), "unknown condition");
    assert!(b.get("Imported").is_some_and(Node::is_unknown));
    assert!(b.get("Zones").is_some_and(Node::is_unknown));
    assert!(b.get("Ami").is_some_and(Node::is_unknown), "an SSM parameter default is a name, not a value");
    assert!(b.get("NoDefault").is_some_and(Node::is_unknown));
    assert_eq!(unknown_refs(b.get("SubVars").unwrap()), Some(vec!["Key"]));
    assert_eq!(s("Long").as_deref(), Some("xprod"));
    // The attribute's span starts at its key.
    assert_eq!(b.get("SubVars").unwrap().span.start_line, 53);
}

#[test]
fn evaluates_conditions() {
    let (raw, _) = fixture("intrinsics.yaml");
    let ids: Vec<&str> = raw.iter().map(|r| r.address.as_str()).collect();
    assert!(!ids.contains(&"DevOnly"), "false condition skips the resource");
    assert!(ids.contains(&"OwnerOnly"), "unknown condition keeps the resource");
    let text = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/cfn/intrinsics.yaml")).unwrap();
    let doc = cloudformation::yaml::parse(&text).unwrap();
    let ctx = cloudformation::intrinsics::Context { params: [("Env".to_string(), doc.get("Parameters.Env.Default").cloned())].into(), ..Default::default() };
    let c = cloudformation::conditions::evaluate(doc.get("Conditions"), &ctx);
    assert_eq!(c["IsProd"], Some(true));
    assert_eq!(c["IsDev"], Some(false));
    assert_eq!(c["HasOwner"], None);
    assert_eq!(c["ProdOrOwner"], Some(true));
    assert_eq!(c["DevAndOwner"], Some(false));
}

#[test]
fn json_template_with_metadata_suppressions_and_a_bad_resource() {
    let (raw, errors) = fixture("suppressions.json");
    assert_eq!(raw.len(), 2, "the other resources still read");
    let lines: Vec<Option<u32>> = errors.iter().map(|e| e.line).collect();
    assert!(errors.iter().any(|e| e.message.contains("`Broken` has no `Type`") && e.line == Some(21)), "{errors:?}");
    assert!(errors.iter().any(|e| e.message.contains("reason") && e.line == Some(9)), "{lines:?}");
    let quiet = resource(&raw, "Quiet");
    assert_eq!(quiet.span.start_line, 3);
    assert_eq!(quiet.span.end_line, 20);
    assert_eq!(quiet.suppressions.len(), 1);
    assert_eq!(quiet.suppressions[0].rule, "TR-AWS-S3-001");
    let state = adapted(&raw);
    let b = &state.aws.s3.buckets[0];
    let enc = b.encryption.as_ref().unwrap();
    assert!(enc.algorithm.is(&"aws:kms".to_string()));
    assert_eq!(enc.kms_key.get(), Some(&Link::Resource("Key".into())));
    assert_eq!(enc.kms_key.origin.lines(), Some((16, 16)));
    assert!(state.aws.kms.keys[0].rotation_enabled.is(&true));
}

#[test]
fn comment_suppressions_attachments_and_defaults() {
    let (raw, errors) = fixture("commented.yaml");
    assert!(errors.is_empty(), "{errors:?}");
    let nb = resource(&raw, "Notebook");
    assert_eq!((nb.span.start_line, nb.span.end_line), (3, 7));
    assert_eq!(nb.suppressions.len(), 1);
    assert!(resource(&raw, "Role").suppressions.is_empty());
    let state = adapted(&raw);
    let n = &state.aws.sagemaker.notebook_instances[0];
    assert!(n.direct_internet_access.is(&true) && !n.direct_internet_access.is_explicit());
    assert!(n.root_access.is(&true));
    assert!(n.minimum_imds_version.is(&"v1".to_string()));
    assert_eq!(n.role.get(), Some(&Link::Resource("Role".into())));
    let role = &state.aws.iam.roles[0];
    assert_eq!(role.inline_policies.len(), 1, "AWS::IAM::Policy merged by Roles");
    assert!(role.inline_policies[0].document.get().is_some_and(|d| d.allows().any(|s| s.grants_all_actions())));
    let sg = &state.aws.network.security_groups[0];
    assert_eq!(sg.ingress.len(), 2, "standalone ingress merged by GroupId");
    assert!(sg.ingress.iter().all(|r| r.open_to_world()));
    assert_eq!(sg.ingress[1].covers_port(443), Some(true));
    assert_eq!(sg.egress.len(), 1, "default allow-all egress");
    assert!(!sg.egress[0].protocol.is_explicit());
    assert_eq!(state.unmodelled.get("AWS::CloudFormation::Stack"), Some(&1));
}

#[test]
fn invalid_documents_are_errors_not_panics() {
    let f: Arc<str> = Arc::from("bad.yaml");
    let e = cloudformation::read(&f, "Resources:\n  A:\n    Type: [unclosed\n").unwrap_err();
    assert!(e.line.is_some() && e.message.contains("invalid YAML/JSON"), "{e:?}");
    let e = cloudformation::read(&f, "{\"Resources\": {\"A\": }}").unwrap_err();
    assert_eq!(e.line, Some(1));
    let e = cloudformation::read(&f, "Resources: [1, 2]\n").unwrap_err();
    assert!(e.message.contains("`Resources` must be a map"));
    let e = cloudformation::read(&f, "Description: no resources\n").unwrap_err();
    assert!(e.message.contains("Resources"));
    assert!(cloudformation::read(&f, "").is_err());
}

#[test]
fn alias_bomb_is_refused_quickly() {
    let mut doc = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
    for i in 1..12 {
        let p = i - 1;
        doc.push_str(&format!("a{i}: &a{i} [*a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}]\n"));
    }
    doc.push_str("Resources:\n  B:\n    Type: AWS::S3::Bucket\n    Properties: {X: *a11}\n");
    let started = std::time::Instant::now();
    let e = cloudformation::read(&Arc::from("bomb.yaml"), &doc).unwrap_err();
    assert!(e.message.contains("alias"), "{e:?}");
    assert!(started.elapsed().as_secs() < 5);
}

fn read_real(path: &Path) -> CloudState {
    let text = std::fs::read_to_string(path).unwrap();
    let (raw, errors) = cloudformation::read_all(&Arc::from(path.display().to_string()), &text);
    assert!(errors.is_empty(), "{errors:?}");
    adapted(&raw)
}

#[test]
fn real_eks_and_s3_templates_have_their_typed_values() {
    let Some(dir) = shared_data("iac-cfn-templates") else {
        eprintln!("skipping: ../shared/data not present");
        return;
    };
    let eks = read_real(&dir.join("EKS/template.yaml"));
    let c = &eks.aws.containers.eks_clusters[0];
    assert_eq!(c.meta.address, "ControlPlane");
    assert!(c.endpoint_public_access.is(&true) && !c.endpoint_public_access.is_explicit(), "default: public");
    assert!(c.endpoint_private_access.is(&false));
    assert_eq!(c.role.get(), Some(&Link::Resource("EKSClusterRole".into())));
    assert!(c.secrets_kms_key.is_absent());
    assert!(c.enabled_log_types.is_empty());
    assert!(c.name.is_unknown(), "${{AWS::StackName}} is known only at deploy time");
    // Its trust policy's principal is `!FindInMap [..., !Ref AWS::Partition, ...]`: unknown offline.
    assert!(eks.aws.iam.roles.iter().any(|r| r.meta.address == "EKSClusterRole" && r.trust_policy.is_unknown()));

    let s3 = read_real(&dir.join("S3/compliant-bucket.yaml"));
    let b = s3.aws.s3.buckets.iter().find(|b| b.meta.address == "ObjectStorageBucket").unwrap();
    let enc = b.encryption.as_ref().unwrap();
    assert!(enc.algorithm.is(&"AES256".to_string()) && enc.algorithm.is_explicit());
    assert_eq!(enc.algorithm.origin.lines(), Some((26, 26)));
    assert_eq!(b.logging_target.get(), Some(&Link::Resource("ObjectStorageLogBucket".into())));
    assert!(b.object_lock.is(&false) && b.object_lock.is_explicit());
    let pab = b.public_access_block.as_ref().unwrap();
    assert!(pab.block_public_acls.is(&true) && pab.restrict_public_buckets.is(&true));
    assert!(b.versioning.is(&true));
}

/// One Trivy check and the typed value it is about, rendered for comparison.
type Probe = (&'static str, fn(&CloudState) -> String);

const TRIVY_PROBES: &[Probe] = &[
    ("s3/enable_bucket_encryption.yaml", |s| format!("{:?}", s.aws.s3.buckets[0].encryption.as_ref().map(|e| e.algorithm.value.clone()))),
    ("s3/block_public_acls.yaml", |s| format!("{:?}", s.aws.s3.buckets[0].public_access_block.as_ref().map(|p| p.block_public_acls.value))),
    ("s3/enable_versioning.yaml", |s| format!("{:?}", s.aws.s3.buckets[0].versioning.value)),
    ("s3/enable_logging.yaml", |s| format!("{:?}", s.aws.s3.buckets[0].logging_target.value.is_some())),
    ("eks/no_public_cluster_access.yaml", |s| format!("{:?}", s.aws.containers.eks_clusters[0].endpoint_public_access.value)),
    ("eks/encrypt_secrets.yaml", |s| format!("{:?}", s.aws.containers.eks_clusters[0].secrets_kms_key.value.is_some())),
    ("eks/enable_control_plane_logging.yaml", |s| format!("{:?}", s.aws.containers.eks_clusters[0].enabled_log_types.len())),
    ("ecr/enable_image_scans.yaml", |s| format!("{:?}", s.aws.containers.ecr_repositories[0].scan_on_push.value)),
    ("ecr/enforce_immutable_repository.yaml", |s| format!("{:?}", s.aws.containers.ecr_repositories[0].image_tag_mutability.value)),
    ("cloudtrail/enable_all_regions.yaml", |s| format!("{:?}", s.aws.cloudtrail.trails[0].multi_region.value)),
    ("cloudtrail/enable_log_validation.yaml", |s| format!("{:?}", s.aws.cloudtrail.trails[0].log_file_validation.value)),
    ("ec2/no_public_ingress_sgr.yaml", |s| format!("{:?}", s.aws.network.security_groups[0].ingress.iter().any(|r| r.open_to_world()))),
    ("elasticsearch/enable_in_transit_encryption.yaml", |s| format!("{:?}", s.aws.opensearch.domains[0].node_to_node_encryption.value)),
    ("elasticsearch/enforce_https.yaml", |s| format!("{:?}", s.aws.opensearch.domains[0].enforce_https.value)),
];

#[test]
fn trivy_good_and_bad_snippets_differ_on_the_checked_attribute() {
    let Some(dir) = shared_data("iac-trivy-check-examples") else {
        eprintln!("skipping: ../shared/data not present");
        return;
    };
    let mut checked = 0;
    for (file, probe) in TRIVY_PROBES {
        let path = dir.join("checks/cloud/aws").join(file);
        let Ok(text) = std::fs::read_to_string(&path) else { panic!("missing {}", path.display()) };
        let examples = cloudformation::yaml::parse(&text).unwrap();
        let values = |which: &str| -> Vec<String> {
            examples
                .get(&format!("cloudformation.{which}"))
                .and_then(Node::as_list)
                .unwrap_or_default()
                .iter()
                .filter_map(Node::as_str)
                .map(|snippet| {
                    let (raw, errors) = cloudformation::read_all(&Arc::from(*file), snippet);
                    assert!(errors.is_empty(), "{file}: {errors:?}");
                    probe(&adapted(&raw))
                })
                .collect()
        };
        let (good, bad) = (values("good"), values("bad"));
        assert!(!good.is_empty() && !bad.is_empty(), "{file} has CloudFormation examples");
        for b in &bad {
            assert!(!good.contains(b), "{file}: bad value {b} also in good {good:?}");
        }
        checked += good.len() + bad.len();
    }
    eprintln!("{} checks, {checked} snippets compared", TRIVY_PROBES.len());
}

#[test]
fn every_trivy_cloudformation_snippet_reads() {
    let Some(dir) = shared_data("iac-trivy-check-examples") else {
        eprintln!("skipping: ../shared/data not present");
        return;
    };
    let (mut snippets, mut resources, mut malformed) = (0, 0, 0);
    for f in tightrope_ingest::detect::walk(&dir.join("checks/cloud/aws")) {
        let Ok(examples) = cloudformation::yaml::parse(&std::fs::read_to_string(&f).unwrap()) else { continue };
        for which in ["good", "bad"] {
            for snippet in examples.get(&format!("cloudformation.{which}")).and_then(Node::as_list).unwrap_or_default().iter().filter_map(Node::as_str) {
                let (raw, errors) = cloudformation::read_all(&Arc::from(f.display().to_string()), snippet);
                // The one malformed upstream snippet: its policy's `Version`/`Statement` are
                // indented as if they were resources.
                let known_bad = f.ends_with("iam/no_policy_wildcards.yaml") && errors.iter().all(|e| e.message.contains("`Version` has no") || e.message.contains("`Statement` has no"));
                assert!(errors.is_empty() || known_bad, "{}: {errors:?}", f.display());
                malformed += usize::from(!errors.is_empty());
                snippets += 1;
                resources += raw.len();
                adapted(&raw);
            }
        }
    }
    eprintln!("{snippets} snippets, {resources} resources, {malformed} malformed");
    assert!(snippets > 150);
    assert_eq!(malformed, 1);
}

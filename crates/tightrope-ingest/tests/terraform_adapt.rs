//! Terraform adapter: resources built from JSON (one of every service, split-resource merging,
//! defaults vs explicit provenance, unknowns), and end to end on real HCL (terragoat, checkov
//! fixtures) when ../shared/data is present.

use serde_json::json;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use tightrope_core::state::Link;
use tightrope_core::{Attr, CloudState, Origin, Provenance};
use tightrope_ingest::terraform::adapt::adapt;
use tightrope_ingest::{Node, RawResource, Span, Value, Vocabulary};

const FILE: &str = "main.tf";

/// Resources under test; each gets its own 10-line block in `main.tf` (resource i spans lines
/// 10*i+1 ..= 10*i+9), so origins tell which resource a merged setting came from.
#[derive(Default)]
struct Set {
    raw: Vec<RawResource>,
}

impl Set {
    /// Add `kind.name` with `body`. Strings `"${ref:ADDR}"` become unknown values that referenced
    /// `ADDR`; `"${unknown}"` an unknown without references.
    fn add(&mut self, kind: &str, name: &str, body: serde_json::Value) -> &mut Self {
        let span = span_of(self.raw.len());
        let address = if name.contains(&format!("{kind}.")) { name.to_string() } else { format!("{kind}.{name}") };
        self.raw.push(RawResource {
            vocabulary: Vocabulary::Terraform,
            kind: kind.into(),
            address,
            file: Arc::from(FILE),
            span,
            body: unknowns(Node::from_json(&body, span)),
            suppressions: Vec::new(),
        });
        self
    }

    /// Give the `index`-th element of the list at `path` in the last resource its own line.
    fn line_of(&mut self, path: &str, index: usize, line: u32) -> &mut Self {
        let last = self.raw.last_mut().expect("a resource was added");
        if let Some(Value::List(items)) = get_mut(&mut last.body, path).map(|n| &mut n.value)
            && let Some(item) = items.get_mut(index)
        {
            item.span = Span::new(line, line);
        }
        self
    }

    fn state(&self) -> CloudState {
        let mut state = CloudState::default();
        adapt(&self.raw.iter().collect::<Vec<_>>(), &mut state);
        state
    }
}

fn span_of(i: usize) -> Span {
    let start = 10 * i as u32 + 1;
    Span::new(start, start + 8)
}

fn lines(i: usize) -> Origin {
    let s = span_of(i);
    Origin::file(&Arc::from(FILE), s.start_line, s.end_line)
}

fn get_mut<'a>(n: &'a mut Node, path: &str) -> Option<&'a mut Node> {
    let mut cur = n;
    for seg in path.split('.') {
        cur = match &mut cur.value {
            Value::Map(entries) => entries.iter_mut().find(|(k, _)| k == seg).map(|(_, v)| v)?,
            _ => return None,
        };
    }
    Some(cur)
}

fn unknowns(mut n: Node) -> Node {
    n.value = match n.value {
        Value::String(s) if s == "${unknown}" => Value::Unknown { refs: Vec::new() },
        Value::String(s) if s.starts_with("${ref:") && s.ends_with('}') => Value::Unknown { refs: vec![s[6..s.len() - 1].to_string()] },
        Value::List(items) => Value::List(items.into_iter().map(unknowns).collect()),
        Value::Map(entries) => Value::Map(entries.into_iter().map(|(k, v)| (k, unknowns(v))).collect()),
        v => v,
    };
    n
}

fn explicit<T: PartialEq + std::fmt::Debug>(attr: &Attr<T>, value: T) {
    assert_eq!(attr.provenance, Provenance::Explicit, "{attr:?}");
    assert_eq!(attr.value.as_ref(), Some(&value));
}

fn default<T: PartialEq + std::fmt::Debug>(attr: &Attr<T>, value: Option<T>) {
    assert_eq!(attr.provenance, Provenance::Default, "{attr:?}");
    assert_eq!(attr.value, value);
}

fn lit(s: &str) -> Link {
    Link::Literal(s.into())
}

fn res(s: &str) -> Link {
    Link::Resource(s.into())
}

fn s(x: &str) -> String {
    x.to_string()
}

// ---------------------------------------------------------------- S3

#[test]
fn s3_split_resources_merge_into_their_bucket_with_their_own_origins() {
    let mut set = Set::default();
    set.add("aws_s3_bucket", "data", json!({"bucket": "ml-data", "tags": {"team": "ml"}}))
        .add("aws_s3_bucket", "other", json!({"bucket": "other"}))
        .add("aws_s3_bucket_public_access_block", "data", json!({"bucket": "${ref:aws_s3_bucket.data}", "block_public_acls": true, "block_public_policy": true}))
        .add(
            "aws_s3_bucket_server_side_encryption_configuration",
            "data",
            json!({"bucket": "ml-data", "rule": [{"apply_server_side_encryption_by_default": [{"sse_algorithm": "aws:kms", "kms_master_key_id": "${ref:aws_kms_key.k}"}]}]}),
        )
        .add("aws_s3_bucket_versioning", "data", json!({"bucket": "${ref:aws_s3_bucket.data}", "versioning_configuration": [{"status": "Suspended"}]}))
        .add("aws_s3_bucket_versioning", "other", json!({"bucket": "other", "versioning_configuration": [{"status": "Enabled", "mfa_delete": "Enabled"}]}))
        .add("aws_s3_bucket_logging", "data", json!({"bucket": "${ref:aws_s3_bucket.data}", "target_bucket": "${ref:aws_s3_bucket.other}"}))
        .add(
            "aws_s3_bucket_policy",
            "data",
            json!({"bucket": "${ref:aws_s3_bucket.data}", "policy": "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"s3:GetObject\",\"Resource\":\"*\"}]}"}),
        )
        .add("aws_s3_bucket_acl", "data", json!({"bucket": "${ref:aws_s3_bucket.data}", "acl": "public-read"}));
    let state = set.state();
    let [data, other] = &state.aws.s3.buckets[..] else { panic!("two buckets: {:?}", state.aws.s3.buckets) };
    assert!(state.unmodelled.is_empty(), "{:?}", state.unmodelled);
    assert_eq!(data.meta.tags.get("team").map(String::as_str), Some("ml"));

    let pab = data.public_access_block.as_ref().expect("public access block merged");
    explicit(&pab.block_public_acls, true);
    assert_eq!(pab.block_public_acls.origin, lines(2));
    default(&pab.restrict_public_buckets, Some(false));
    assert_eq!(pab.restrict_public_buckets.origin, lines(2), "a default points at the split resource");
    assert!(other.public_access_block.is_none());

    let enc = data.encryption.as_ref().expect("encryption merged by literal bucket name");
    explicit(&enc.algorithm, s("aws:kms"));
    explicit(&enc.kms_key, res("aws_kms_key.k"));
    assert_eq!(enc.algorithm.origin, lines(3));
    assert!(other.encryption.is_none());

    explicit(&data.versioning, false);
    assert_eq!(data.versioning.origin, lines(4));
    default(&data.mfa_delete, Some(false));
    explicit(&other.versioning, true);
    explicit(&other.mfa_delete, true);

    explicit(&data.logging_target, res("aws_s3_bucket.other"));
    let policy = data.policy.get().expect("policy parsed");
    assert_eq!(policy.statements[0].actions, vec![s("s3:GetObject")]);
    assert_eq!(data.policy.origin, lines(7));
    explicit(&data.acl, s("public-read"));
    default(&other.acl, Some(s("private")));
}

#[test]
fn s3_inline_legacy_settings_and_defaults() {
    let mut set = Set::default();
    set.add(
        "aws_s3_bucket",
        "legacy",
        json!({
            "bucket": "legacy", "acl": "public-read-write",
            "versioning": [{"enabled": true}],
            "logging": [{"target_bucket": "logs"}],
            "server_side_encryption_configuration": [{"rule": [{"apply_server_side_encryption_by_default": [{"sse_algorithm": "AES256"}]}]}],
            "object_lock_enabled": true
        }),
    )
    .add("aws_s3_bucket", "bare", json!({"bucket": "bare"}));
    let state = set.state();
    let legacy = &state.aws.s3.buckets[0];
    explicit(&legacy.acl, s("public-read-write"));
    explicit(&legacy.versioning, true);
    explicit(&legacy.logging_target, lit("logs"));
    explicit(&legacy.object_lock, true);
    let enc = legacy.encryption.as_ref().expect("inline encryption");
    explicit(&enc.algorithm, s("AES256"));
    default(&enc.kms_key, None);

    let bare = &state.aws.s3.buckets[1];
    assert!(bare.encryption.is_none() && bare.public_access_block.is_none());
    default(&bare.versioning, Some(false));
    default(&bare.object_lock, Some(false));
    assert!(bare.logging_target.is_absent());
    assert!(bare.policy.is_absent());
    assert_eq!(bare.versioning.origin, lines(1), "a default points at the resource block");
}

#[test]
fn split_resource_for_a_bucket_outside_the_scan_is_unmodelled() {
    let mut set = Set::default();
    set.add("aws_s3_bucket", "data", json!({"bucket": "data"}))
        .add(
            "aws_s3_bucket_public_access_block",
            "elsewhere",
            json!({"bucket": "${ref:aws_s3_bucket.elsewhere}", "block_public_acls": true}),
        )
        .add("aws_s3_bucket_policy", "var", json!({"bucket": "${unknown}", "policy": "{}"}))
        .add("aws_s3_bucket_versioning", "named", json!({"bucket": "someone-elses", "versioning_configuration": [{"status": "Enabled"}]}));
    let state = set.state();
    assert!(state.aws.s3.buckets[0].public_access_block.is_none());
    default(&state.aws.s3.buckets[0].versioning, Some(false));
    assert_eq!(state.unmodelled.get("aws_s3_bucket_public_access_block"), Some(&1));
    assert_eq!(state.unmodelled.get("aws_s3_bucket_policy"), Some(&1));
    assert_eq!(state.unmodelled.get("aws_s3_bucket_versioning"), Some(&1));
}

#[test]
fn references_resolve_within_the_module_and_pair_count_instances() {
    let mut set = Set::default();
    set.add("aws_s3_bucket", "module.m.aws_s3_bucket.b[0]", json!({}))
        .add("aws_s3_bucket", "module.m.aws_s3_bucket.b[1]", json!({}))
        .add("aws_s3_bucket", "aws_s3_bucket.b", json!({}))
        // Unqualified reference from inside the module, paired by the `[1]` index.
        .add(
            "aws_s3_bucket_public_access_block",
            "module.m.aws_s3_bucket_public_access_block.p[1]",
            json!({"bucket": "${ref:aws_s3_bucket.b}"}),
        )
        // Qualified, indexed reference (as the HCL reader writes it).
        .add(
            "aws_s3_bucket_versioning",
            "module.m.aws_s3_bucket_versioning.v",
            json!({"bucket": "${ref:module.m.aws_s3_bucket.b[0]}", "versioning_configuration": [{"status": "Enabled"}]}),
        )
        // Root reference: only the root bucket.
        .add("aws_s3_bucket_logging", "aws_s3_bucket_logging.l", json!({"bucket": "${ref:aws_s3_bucket.b}", "target_bucket": "logs"}));
    let state = set.state();
    let b = &state.aws.s3.buckets;
    assert_eq!(b.iter().map(|x| x.public_access_block.is_some()).collect::<Vec<_>>(), [false, true, false]);
    assert_eq!(b.iter().map(|x| x.versioning.is(&true)).collect::<Vec<_>>(), [true, false, false]);
    assert_eq!(b.iter().map(|x| x.logging_target.is_explicit()).collect::<Vec<_>>(), [false, false, true]);
}

// ---------------------------------------------------------------- KMS

#[test]
fn kms_key_defaults_explicit_and_unknown() {
    let mut set = Set::default();
    set.add("aws_kms_key", "default", json!({"description": "d"}))
        .add("aws_kms_key", "set", json!({"enable_key_rotation": true, "customer_master_key_spec": "RSA_2048", "deletion_window_in_days": 7, "multi_region": true}))
        .add("aws_kms_key", "var", json!({"enable_key_rotation": "${unknown}"}));
    let state = set.state();
    let [d, e, v] = &state.aws.kms.keys[..] else { panic!() };
    default(&d.rotation_enabled, Some(false));
    default(&d.key_spec, Some(s("SYMMETRIC_DEFAULT")));
    default(&d.deletion_window_days, Some(30));
    explicit(&e.rotation_enabled, true);
    explicit(&e.key_spec, s("RSA_2048"));
    explicit(&e.deletion_window_days, 7);
    explicit(&e.multi_region, true);
    assert!(v.rotation_enabled.is_unknown() && v.rotation_enabled.get().is_none());
}

// ---------------------------------------------------------------- IAM

const ADMIN: &str = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}"#;
const TRUST: &str = r#"{"Statement":{"Effect":"Allow","Principal":{"Service":"sagemaker.amazonaws.com"},"Action":"sts:AssumeRole"}}"#;

#[test]
fn iam_policies_and_attachments_merge_into_principals() {
    let mut set = Set::default();
    set.add(
        "aws_iam_role",
        "ml",
        json!({
            "name": "ml-role", "assume_role_policy": TRUST,
            "inline_policy": [{"name": "admin", "policy": ADMIN}, {}],
            "managed_policy_arns": ["arn:aws:iam::aws:policy/ReadOnlyAccess"],
            "permissions_boundary": "${ref:aws_iam_policy.boundary}"
        }),
    )
    .line_of("inline_policy", 0, 3)
    .add("aws_iam_role_policy", "by_name", json!({"role": "ml-role", "name": "extra", "policy": ADMIN}))
    .add("aws_iam_role_policy_attachment", "custom", json!({"role": "${ref:aws_iam_role.ml}", "policy_arn": "${ref:aws_iam_policy.custom}"}))
    .add("aws_iam_policy", "custom", json!({"name": "custom", "policy": ADMIN}))
    .add("aws_iam_user", "alice", json!({"name": "alice"}))
    .add("aws_iam_user_policy_attachment", "alice", json!({"user": "${ref:aws_iam_user.alice}", "policy_arn": "arn:aws:iam::aws:policy/AdministratorAccess"}))
    .add("aws_iam_access_key", "alice", json!({"user": "alice"}))
    .add("aws_iam_user_login_profile", "alice", json!({"user": "${ref:aws_iam_user.alice}"}))
    .add("aws_iam_group", "ops", json!({"name": "ops"}))
    .add("aws_iam_group_policy", "ops", json!({"group": "${ref:aws_iam_group.ops}", "name": "g", "policy": ADMIN}))
    .add(
        "aws_iam_policy_attachment",
        "everyone",
        json!({"name": "x", "roles": ["${ref:aws_iam_role.ml}"], "users": ["alice"], "groups": ["${ref:aws_iam_group.ops}"], "policy_arn": "arn:aws:iam::aws:policy/PowerUserAccess"}),
    )
    .add("aws_iam_user", "bob", json!({"name": "bob"}));
    let state = set.state();
    let iam = &state.aws.iam;
    assert!(state.unmodelled.is_empty(), "{:?}", state.unmodelled);

    let role = &iam.roles[0];
    let trust = role.trust_policy.get().expect("trust policy");
    assert_eq!(trust.statements[0].principals, vec![(s("Service"), vec![s("sagemaker.amazonaws.com")])]);
    assert_eq!(role.inline_policies.len(), 2, "the empty inline_policy block is not a policy");
    explicit(&role.inline_policies[0].name, s("admin"));
    assert_eq!(role.inline_policies[0].meta.origin, Origin::file(&Arc::from(FILE), 3, 3));
    explicit(&role.inline_policies[1].name, s("extra"));
    assert_eq!(role.inline_policies[1].meta.address, "aws_iam_role_policy.by_name");
    let managed: Vec<_> = role.managed_policies.iter().filter_map(|p| p.value.clone()).collect();
    assert_eq!(
        managed,
        vec![lit("arn:aws:iam::aws:policy/ReadOnlyAccess"), res("aws_iam_policy.custom"), lit("arn:aws:iam::aws:policy/PowerUserAccess")]
    );
    explicit(&role.permissions_boundary, res("aws_iam_policy.boundary"));
    default(&role.max_session_seconds, Some(3600));

    assert_eq!(iam.policies[0].document.get().map(|d| d.statements.len()), Some(1));

    let (alice, bob) = (&iam.users[0], &iam.users[1]);
    assert_eq!(alice.managed_policies.len(), 2);
    assert_eq!(alice.access_keys.len(), 1);
    assert_eq!(alice.access_keys[0].address, "aws_iam_access_key.alice");
    explicit(&alice.has_login_profile, true);
    default(&bob.has_login_profile, Some(false));
    assert!(bob.managed_policies.is_empty() && bob.access_keys.is_empty());

    let ops = &iam.groups[0];
    assert_eq!(ops.inline_policies.len(), 1);
    assert_eq!(ops.managed_policies.len(), 1);
}

// ---------------------------------------------------------------- Network

#[test]
fn security_group_rules_inline_and_split() {
    let mut set = Set::default();
    set.add(
        "aws_security_group",
        "web",
        json!({
            "name": "web", "vpc_id": "${ref:aws_vpc.main}",
            "ingress": [
                {"from_port": 22, "to_port": 22, "protocol": "tcp", "cidr_blocks": ["0.0.0.0/0"]},
                {"from_port": 443, "to_port": 443, "protocol": "tcp", "security_groups": ["${ref:aws_security_group.lb}"]}
            ],
            "egress": [{"from_port": 0, "to_port": 0, "protocol": "-1", "cidr_blocks": ["0.0.0.0/0"]}, {"from_port": 0, "to_port": 0, "protocol": "-1", "self": true}]
        }),
    )
    .line_of("ingress", 0, 4)
    .line_of("ingress", 1, 5)
    .add("aws_security_group", "lb", json!({"name": "lb"}))
    .add(
        "aws_security_group_rule",
        "ssh6",
        json!({"type": "ingress", "security_group_id": "${ref:aws_security_group.web}", "from_port": 22, "to_port": 22, "protocol": "tcp", "ipv6_cidr_blocks": ["::/0"], "self": true}),
    )
    .add(
        "aws_security_group_rule",
        "out",
        json!({"type": "egress", "security_group_id": "${ref:aws_security_group.lb}", "from_port": 443, "to_port": 443, "protocol": "tcp", "source_security_group_id": "${ref:aws_security_group.web}"}),
    )
    .add("aws_vpc_security_group_ingress_rule", "any", json!({"security_group_id": "${ref:aws_security_group.lb}", "cidr_ipv4": "0.0.0.0/0", "ip_protocol": "-1"}))
    .add("aws_vpc_security_group_egress_rule", "v6", json!({"security_group_id": "${ref:aws_security_group.lb}", "cidr_ipv6": "::/0", "ip_protocol": "tcp", "from_port": 80, "to_port": 80}))
    .add("aws_security_group_rule", "lost", json!({"type": "ingress", "security_group_id": "sg-0123", "protocol": "tcp"}));
    let state = set.state();
    let [web, lb] = &state.aws.network.security_groups[..] else { panic!() };
    default(&web.description, Some(s("Managed by Terraform")));
    explicit(&web.vpc, res("aws_vpc.main"));

    assert_eq!(web.ingress.len(), 3);
    let ssh = &web.ingress[0];
    assert!(ssh.open_to_world() && ssh.covers_port(22) == Some(true) && ssh.covers_port(80) == Some(false));
    assert_eq!(ssh.origin, Origin::file(&Arc::from(FILE), 4, 4), "each inline block has its own origin");
    assert_eq!(web.ingress[1].origin, Origin::file(&Arc::from(FILE), 5, 5));
    assert!(!web.ingress[1].open_to_world());
    explicit(&web.ingress[1].security_groups[0], res("aws_security_group.lb"));
    default(&web.ingress[1].description, None);
    assert_eq!(web.ingress[1].description.origin, Origin::file(&Arc::from(FILE), 5, 5), "a default inside a block points at the block");
    assert!(web.ingress[2].open_to_world() && web.ingress[2].origin == lines(2), "split rule merged with its own origin");
    explicit(&web.ingress[2].security_groups[0], res("aws_security_group.web"));
    assert!(web.egress[0].all_protocols());
    explicit(&web.egress[1].security_groups[0], res("aws_security_group.web"));
    assert!(web.egress[0].security_groups.is_empty());

    assert_eq!(lb.ingress.len(), 1);
    assert!(lb.ingress[0].open_to_world() && lb.ingress[0].all_protocols() && lb.ingress[0].covers_port(5432) == Some(true));
    assert_eq!(lb.egress.len(), 2);
    explicit(&lb.egress[0].security_groups[0], res("aws_security_group.web"));
    assert!(lb.egress[1].open_to_world());
    assert_eq!(state.unmodelled.get("aws_security_group_rule"), Some(&1), "a rule for a group outside the scan");
}

#[test]
fn plan_and_state_json_targets_match_by_their_aws_ids() {
    let mut set = Set::default();
    set.add("aws_vpc", "main", json!({"id": "vpc-0abc", "cidr_block": "10.0.0.0/16"}))
        .add("aws_security_group", "web", json!({"id": "sg-0abc", "arn": "arn:aws:ec2:us-east-1:1:security-group/sg-0abc", "name": "web"}))
        .add("aws_default_security_group", "default", json!({"vpc_id": "vpc-0abc"}))
        .add("aws_default_subnet", "a", json!({"availability_zone": "us-east-1a"}))
        .add("aws_secretsmanager_secret", "db", json!({"id": "arn:aws:secretsmanager:us-east-1:1:secret:db-AbCdEf", "name": "db"}))
        .add("aws_flow_log", "main", json!({"vpc_id": "vpc-0abc"}))
        .add("aws_security_group_rule", "ssh", json!({"type": "ingress", "security_group_id": "sg-0abc", "from_port": 22, "to_port": 22, "protocol": "tcp", "cidr_blocks": ["0.0.0.0/0"]}))
        .add("aws_secretsmanager_secret_rotation", "db", json!({"secret_id": "arn:aws:secretsmanager:us-east-1:1:secret:db-AbCdEf"}))
        .add("aws_security_group_rule", "other", json!({"type": "ingress", "security_group_id": "sg-0def"}));
    let state = set.state();
    let net = &state.aws.network;
    assert_eq!(net.vpcs[0].flow_logs.len(), 1, "flow log merged by VPC ID");
    let [web, dflt] = &net.security_groups[..] else { panic!() };
    assert!(web.ingress[0].open_to_world() && web.ingress[0].origin == lines(6), "rule merged by group ID");
    assert!(dflt.ingress.is_empty() && dflt.egress.is_empty());
    assert_eq!(dflt.meta.kind, "aws_default_security_group");
    default(&net.subnets[0].map_public_ip_on_launch, Some(true));
    explicit(&state.aws.secretsmanager.secrets[0].rotation_enabled, true);
    assert_eq!(state.unmodelled.get("aws_security_group_rule"), Some(&1));
}

#[test]
fn vpcs_flow_logs_subnets_and_endpoints() {
    let mut set = Set::default();
    set.add("aws_vpc", "main", json!({"cidr_block": "10.0.0.0/16"}))
        .add("aws_default_vpc", "default", json!({}))
        .add("aws_flow_log", "main", json!({"vpc_id": "${ref:aws_vpc.main}", "traffic_type": "ALL"}))
        .add("aws_subnet", "public", json!({"vpc_id": "${ref:aws_vpc.main}", "cidr_block": "10.0.1.0/24", "map_public_ip_on_launch": true}))
        .add("aws_subnet", "private", json!({"vpc_id": "${ref:aws_vpc.main}"}))
        .add("aws_vpc_endpoint", "bedrock", json!({"vpc_id": "${ref:aws_vpc.main}", "service_name": "com.amazonaws.us-east-1.bedrock-runtime", "vpc_endpoint_type": "Interface", "private_dns_enabled": true}))
        .add("aws_vpc_endpoint", "s3", json!({"vpc_id": "${ref:aws_vpc.main}", "service_name": "com.amazonaws.us-east-1.s3"}));
    let state = set.state();
    let net = &state.aws.network;
    let [main, dflt] = &net.vpcs[..] else { panic!() };
    assert!(!main.is_default && dflt.is_default);
    explicit(&main.cidr_block, s("10.0.0.0/16"));
    assert_eq!(main.flow_logs.len(), 1);
    assert!(dflt.flow_logs.is_empty());
    explicit(&net.subnets[0].map_public_ip_on_launch, true);
    default(&net.subnets[1].map_public_ip_on_launch, Some(false));
    explicit(&net.vpc_endpoints[0].endpoint_type, s("Interface"));
    default(&net.vpc_endpoints[1].endpoint_type, Some(s("Gateway")));
    default(&net.vpc_endpoints[1].private_dns_enabled, Some(false));
}

// ---------------------------------------------------------------- Compute

#[test]
fn instances_launch_templates_and_lambda() {
    let mut set = Set::default();
    set.add(
        "aws_instance",
        "web",
        json!({"ami": "ami-1", "instance_type": "t3.micro", "vpc_security_group_ids": ["${ref:aws_security_group.web}"], "user_data": "export AWS_SECRET=x",
               "ebs_block_device": [{"device_name": "/dev/sdb"}, {"device_name": "/dev/sdc", "encrypted": true}]}),
    )
    .line_of("ebs_block_device", 0, 5)
    .add(
        "aws_instance",
        "hardened",
        json!({"metadata_options": [{"http_tokens": "required", "http_endpoint": "disabled"}], "root_block_device": [{"encrypted": true}], "associate_public_ip_address": false, "monitoring": true, "iam_instance_profile": "${ref:aws_iam_instance_profile.p}"}),
    )
    .add(
        "aws_launch_template",
        "lt",
        json!({"image_id": "ami-2", "metadata_options": [{"http_tokens": "required"}], "block_device_mappings": [{"ebs": [{"encrypted": "true"}]}], "iam_instance_profile": [{"name": "p"}]}),
    )
    .add("aws_launch_configuration", "lc", json!({"image_id": "ami-3", "security_groups": ["sg-1"]}))
    .add(
        "aws_lambda_function",
        "fn",
        json!({"function_name": "infer", "role": "${ref:aws_iam_role.lambda}", "runtime": "python3.12",
               "environment": [{"variables": {"MODEL": "llama", "TOKEN": "${unknown}"}}], "vpc_config": [{"subnet_ids": ["subnet-1"], "security_group_ids": []}]}),
    )
    .add("aws_lambda_function", "plain", json!({"function_name": "plain", "tracing_config": [{"mode": "Active"}], "reserved_concurrent_executions": 5}))
    .add("aws_lambda_function_url", "fn", json!({"function_name": "${ref:aws_lambda_function.fn}", "authorization_type": "NONE"}));
    let state = set.state();
    let c = &state.aws.compute;
    let [web, hard, lt, lc] = &c.instances[..] else { panic!("{:?}", c.instances.len()) };
    default(&web.metadata_http_tokens, Some(s("optional")));
    default(&web.metadata_http_endpoint, Some(s("enabled")));
    default(&web.root_volume_encrypted, Some(false));
    default(&web.associate_public_ip, None);
    default(&web.ebs_volumes_encrypted[0], Some(false));
    assert_eq!(web.ebs_volumes_encrypted[0].origin, Origin::file(&Arc::from(FILE), 5, 5));
    explicit(&web.ebs_volumes_encrypted[1], true);
    explicit(&web.security_groups[0], res("aws_security_group.web"));
    assert!(web.user_data.is_explicit());
    explicit(&hard.metadata_http_tokens, s("required"));
    explicit(&hard.metadata_http_endpoint, s("disabled"));
    explicit(&hard.root_volume_encrypted, true);
    explicit(&hard.associate_public_ip, false);
    explicit(&hard.monitoring, true);
    explicit(&hard.iam_instance_profile, res("aws_iam_instance_profile.p"));
    assert_eq!(lt.meta.kind, "aws_launch_template");
    explicit(&lt.ami, s("ami-2"));
    explicit(&lt.metadata_http_tokens, s("required"));
    explicit(&lt.ebs_volumes_encrypted[0], true);
    explicit(&lt.iam_instance_profile, lit("p"));
    assert_eq!(lc.meta.kind, "aws_launch_configuration");
    default(&lc.metadata_http_tokens, Some(s("optional")));
    default(&lc.monitoring, Some(true));

    let [f, plain] = &c.lambda_functions[..] else { panic!() };
    explicit(&f.environment["MODEL"], s("llama"));
    assert!(f.environment["TOKEN"].is_unknown());
    explicit(&f.in_vpc, true);
    explicit(&f.role, res("aws_iam_role.lambda"));
    explicit(&f.url_auth_type, s("NONE"));
    assert_eq!(f.url_auth_type.origin, lines(6));
    default(&f.tracing_mode, Some(s("PassThrough")));
    default(&f.reserved_concurrency, Some(-1));
    explicit(&plain.tracing_mode, s("Active"));
    explicit(&plain.reserved_concurrency, 5);
    default(&plain.in_vpc, Some(false));
    default(&plain.url_auth_type, None);
}

// ---------------------------------------------------------------- SageMaker

#[test]
fn sagemaker_notebooks_domains_models_endpoint_configs() {
    let mut set = Set::default();
    set.add("aws_sagemaker_notebook_instance", "open", json!({"name": "open", "role_arn": "${ref:aws_iam_role.sm}", "instance_type": "ml.t3.medium"}))
        .add(
            "aws_sagemaker_notebook_instance",
            "closed",
            json!({"name": "closed", "direct_internet_access": "Disabled", "root_access": "Disabled", "subnet_id": "${ref:aws_subnet.private}",
                   "kms_key_id": "${ref:aws_kms_key.k}", "instance_metadata_service_configuration": [{"minimum_instance_metadata_service_version": "2"}]}),
        )
        .add("aws_sagemaker_notebook_instance", "var", json!({"direct_internet_access": "${unknown}"}))
        .add("aws_sagemaker_domain", "studio", json!({"domain_name": "studio", "auth_mode": "IAM", "vpc_id": "${ref:aws_vpc.main}", "default_user_settings": [{"execution_role": "${ref:aws_iam_role.sm}"}]}))
        .add("aws_sagemaker_model", "llm", json!({"name": "llm", "execution_role_arn": "${ref:aws_iam_role.sm}", "primary_container": [{"image": "123.dkr.ecr/llm:1", "model_data_url": "s3://m/model.tar.gz"}]}))
        .add("aws_sagemaker_model", "iso", json!({"enable_network_isolation": true, "vpc_config": [{"subnets": ["s"], "security_group_ids": ["g"]}], "container": [{"image": "a"}, {"image": "b"}]}))
        .add("aws_sagemaker_endpoint_configuration", "capture", json!({"name": "c", "production_variants": [{"model_name": "${ref:aws_sagemaker_model.llm}"}], "data_capture_config": [{"initial_sampling_percentage": 100}]}))
        .add("aws_sagemaker_endpoint_configuration", "plain", json!({"kms_key_arn": "arn:aws:kms:us-east-1:1:key/x", "production_variants": [{"model_name": "a"}, {"model_name": "b"}]}));
    let state = set.state();
    let sm = &state.aws.sagemaker;
    let [open, closed, var] = &sm.notebook_instances[..] else { panic!() };
    default(&open.direct_internet_access, Some(true));
    default(&open.root_access, Some(true));
    default(&open.minimum_imds_version, Some(s("v1")));
    assert!(open.kms_key.is_absent());
    explicit(&closed.direct_internet_access, false);
    explicit(&closed.root_access, false);
    explicit(&closed.minimum_imds_version, s("v2"));
    explicit(&closed.subnet, res("aws_subnet.private"));
    explicit(&closed.kms_key, res("aws_kms_key.k"));
    assert!(var.direct_internet_access.is_unknown() && var.direct_internet_access.get().is_none());

    let d = &sm.domains[0];
    default(&d.app_network_access_type, Some(s("PublicInternetOnly")));
    explicit(&d.auth_mode, s("IAM"));
    explicit(&d.execution_role, res("aws_iam_role.sm"));
    assert!(d.kms_key.is_absent());

    let [llm, iso] = &sm.models[..] else { panic!() };
    default(&llm.network_isolation, Some(false));
    default(&llm.in_vpc, Some(false));
    explicit(&llm.containers[0].model_data_url, s("s3://m/model.tar.gz"));
    explicit(&iso.network_isolation, true);
    explicit(&iso.in_vpc, true);
    assert_eq!(iso.containers.len(), 2);

    let [cap, plain] = &sm.endpoint_configs[..] else { panic!() };
    default(&cap.data_capture_enabled, Some(true));
    assert!(cap.kms_key.is_absent());
    explicit(&cap.variant_models[0], res("aws_sagemaker_model.llm"));
    default(&plain.data_capture_enabled, Some(false));
    explicit(&plain.kms_key, lit("arn:aws:kms:us-east-1:1:key/x"));
    assert_eq!(plain.variant_models.len(), 2);
}

// ---------------------------------------------------------------- Bedrock

#[test]
fn bedrock_guardrails_agents_knowledge_bases_logging_custom_models() {
    let mut set = Set::default();
    set.add(
        "aws_bedrock_guardrail",
        "g",
        json!({"name": "g", "kms_key_arn": "${ref:aws_kms_key.k}",
               "content_policy_config": [{"filters_config": [{"type": "PROMPT_ATTACK", "input_strength": "HIGH", "output_strength": "NONE"}, {"type": "HATE", "input_strength": "MEDIUM", "output_strength": "MEDIUM"}]}],
               "sensitive_information_policy_config": [{"pii_entities_config": [{"type": "EMAIL", "action": "BLOCK"}]}],
               "contextual_grounding_policy_config": [{"filters_config": [{"type": "GROUNDING", "threshold": 0.5}, {"type": "RELEVANCE", "threshold": 0.5}]}]}),
    )
    .add("aws_bedrock_guardrail", "bare", json!({"name": "bare"}))
    .add(
        "aws_bedrockagent_agent",
        "a",
        json!({"agent_name": "a", "agent_resource_role_arn": "${ref:aws_iam_role.agent}", "foundation_model": "anthropic.claude-v2", "guardrail_configuration": [{"guardrail_identifier": "${ref:aws_bedrock_guardrail.g}", "guardrail_version": "1"}]}),
    )
    .add("aws_bedrockagent_knowledge_base", "kb", json!({"name": "kb", "role_arn": "${ref:aws_iam_role.kb}", "storage_configuration": [{"type": "OPENSEARCH_SERVERLESS"}]}))
    .add("aws_bedrock_model_invocation_logging_configuration", "log", json!({"logging_config": [{"text_data_delivery_enabled": false, "s3_config": [{"bucket_name": "${ref:aws_s3_bucket.logs}"}]}]}))
    .add("aws_bedrock_custom_model", "cm", json!({"custom_model_name": "cm", "base_model_identifier": "amazon.titan", "role_arn": "r", "custom_model_kms_key_id": "${ref:aws_kms_key.k}"}));
    let state = set.state();
    let b = &state.aws.bedrock;
    let [g, bare] = &b.guardrails[..] else { panic!() };
    assert_eq!(g.content_filters.len(), 2);
    explicit(&g.content_filters[0].filter_type, s("PROMPT_ATTACK"));
    explicit(&g.content_filters[0].input_strength, s("HIGH"));
    explicit(&g.content_filters[1].output_strength, s("MEDIUM"));
    explicit(&g.sensitive_information, true);
    assert_eq!(g.contextual_grounding.iter().filter_map(|a| a.value.clone()).collect::<Vec<_>>(), [s("GROUNDING"), s("RELEVANCE")]);
    explicit(&g.kms_key, res("aws_kms_key.k"));
    default(&bare.sensitive_information, Some(false));
    assert!(bare.content_filters.is_empty() && bare.kms_key.is_absent());

    let a = &b.agents[0];
    explicit(&a.guardrail, res("aws_bedrock_guardrail.g"));
    explicit(&a.role, res("aws_iam_role.agent"));
    assert!(a.kms_key.is_absent());
    explicit(&b.knowledge_bases[0].storage_type, s("OPENSEARCH_SERVERLESS"));
    let log = &b.invocation_logging[0];
    explicit(&log.text_data_delivery, false);
    explicit(&log.s3_bucket, res("aws_s3_bucket.logs"));
    assert!(log.cloudwatch_log_group.is_absent());
    let cm = &b.custom_models[0];
    explicit(&cm.kms_key, res("aws_kms_key.k"));
    default(&cm.in_vpc, Some(false));
}

// ---------------------------------------------------------------- Containers

#[test]
fn eks_and_ecr() {
    let mut set = Set::default();
    set.add("aws_eks_cluster", "open", json!({"name": "open", "role_arn": "${ref:aws_iam_role.eks}", "vpc_config": [{"subnet_ids": ["a"]}]}))
        .add(
            "aws_eks_cluster",
            "closed",
            json!({"name": "closed", "version": "1.29", "enabled_cluster_log_types": ["api", "audit"],
                   "vpc_config": [{"endpoint_public_access": false, "endpoint_private_access": true, "public_access_cidrs": ["10.0.0.0/8"]}],
                   "encryption_config": [{"resources": ["secrets"], "provider": [{"key_arn": "${ref:aws_kms_key.eks}"}]}]}),
        )
        .add("aws_eks_node_group", "gpu", json!({"cluster_name": "${ref:aws_eks_cluster.open}", "instance_types": ["p4d.24xlarge"], "ami_type": "AL2_x86_64_GPU", "remote_access": [{"ec2_ssh_key": "ops"}]}))
        .add("aws_ecr_repository", "models", json!({"name": "models"}))
        .add("aws_ecr_repository", "safe", json!({"name": "safe", "image_tag_mutability": "IMMUTABLE", "image_scanning_configuration": [{"scan_on_push": true}], "encryption_configuration": [{"encryption_type": "KMS", "kms_key": "${ref:aws_kms_key.ecr}"}]}))
        .add("aws_ecr_repository_policy", "models", json!({"repository": "${ref:aws_ecr_repository.models}", "policy": ADMIN}));
    let state = set.state();
    let c = &state.aws.containers;
    let [open, closed] = &c.eks_clusters[..] else { panic!() };
    default(&open.endpoint_public_access, Some(true));
    default(&open.endpoint_private_access, Some(false));
    assert_eq!(open.public_access_cidrs.len(), 1);
    default(&open.public_access_cidrs[0], Some(s("0.0.0.0/0")));
    assert!(open.secrets_kms_key.is_absent() && open.enabled_log_types.is_empty());
    explicit(&closed.endpoint_public_access, false);
    explicit(&closed.endpoint_private_access, true);
    explicit(&closed.public_access_cidrs[0], s("10.0.0.0/8"));
    explicit(&closed.secrets_kms_key, res("aws_kms_key.eks"));
    assert_eq!(closed.enabled_log_types.len(), 2);

    let ng = &c.eks_node_groups[0];
    explicit(&ng.ssh_key, s("ops"));
    assert!(ng.ssh_source_security_groups.is_empty());
    explicit(&ng.cluster, res("aws_eks_cluster.open"));
    explicit(&ng.instance_types[0], s("p4d.24xlarge"));

    let [models, safe] = &c.ecr_repositories[..] else { panic!() };
    default(&models.image_tag_mutability, Some(s("MUTABLE")));
    default(&models.scan_on_push, Some(false));
    default(&models.encryption_type, Some(s("AES256")));
    assert!(models.policy.is_explicit() && models.policy.origin == lines(5));
    explicit(&safe.image_tag_mutability, s("IMMUTABLE"));
    explicit(&safe.scan_on_push, true);
    explicit(&safe.kms_key, res("aws_kms_key.ecr"));
    assert!(safe.policy.is_absent());
}

// ---------------------------------------------------------------- CloudTrail, OpenSearch, Secrets Manager

#[test]
fn cloudtrail_trails_with_data_event_selectors() {
    let mut set = Set::default();
    set.add("aws_cloudtrail", "bare", json!({"name": "bare", "s3_bucket_name": "${ref:aws_s3_bucket.trail}"}))
        .add(
            "aws_cloudtrail",
            "full",
            json!({"name": "full", "is_multi_region_trail": true, "enable_log_file_validation": true, "kms_key_id": "k", "enable_logging": false,
                   "event_selector": [{"data_resource": [{"type": "AWS::S3::Object", "values": ["arn:aws:s3"]}, {"type": "AWS::Lambda::Function", "values": ["arn:aws:lambda"]}]}],
                   "advanced_event_selector": [{"field_selector": [{"field": "eventCategory", "equals": ["Data"]}, {"field": "resources.type", "equals": ["AWS::Bedrock::Model"]}]}]}),
        );
    let state = set.state();
    let [bare, full] = &state.aws.cloudtrail.trails[..] else { panic!() };
    default(&bare.multi_region, Some(false));
    default(&bare.log_file_validation, Some(false));
    default(&bare.include_global_service_events, Some(true));
    default(&bare.logging_enabled, Some(true));
    explicit(&bare.s3_bucket, res("aws_s3_bucket.trail"));
    assert!(bare.data_event_resource_types.is_empty());
    explicit(&full.multi_region, true);
    explicit(&full.logging_enabled, false);
    let types: Vec<_> = full.data_event_resource_types.iter().filter_map(|a| a.value.clone()).collect();
    assert_eq!(types, [s("AWS::S3::Object"), s("AWS::Lambda::Function"), s("AWS::Bedrock::Model")]);
}

#[test]
fn opensearch_and_elasticsearch_domains_with_policies() {
    let mut set = Set::default();
    set.add("aws_opensearch_domain", "vec", json!({"domain_name": "vectors", "engine_version": "OpenSearch_2.11"}))
        .add(
            "aws_elasticsearch_domain",
            "es",
            json!({"domain_name": "es", "elasticsearch_version": "7.10", "encrypt_at_rest": [{"enabled": true, "kms_key_id": "${ref:aws_kms_key.es}"}],
                   "node_to_node_encryption": [{"enabled": true}], "domain_endpoint_options": [{"enforce_https": true, "tls_security_policy": "Policy-Min-TLS-1-2-2019-07"}],
                   "vpc_options": [{"subnet_ids": ["s"]}], "advanced_security_options": [{"enabled": true}],
                   "log_publishing_options": [{"log_type": "AUDIT_LOGS", "cloudwatch_log_group_arn": "x"}, {"log_type": "INDEX_SLOW_LOGS", "cloudwatch_log_group_arn": "y", "enabled": false}]}),
        )
        .add("aws_opensearch_domain_policy", "vec", json!({"domain_name": "${ref:aws_opensearch_domain.vec}", "access_policies": ADMIN}));
    let state = set.state();
    let [vec, es] = &state.aws.opensearch.domains[..] else { panic!() };
    default(&vec.encrypt_at_rest, Some(false));
    default(&vec.node_to_node_encryption, Some(false));
    default(&vec.enforce_https, Some(false));
    default(&vec.in_vpc, Some(false));
    default(&vec.fine_grained_access_control, Some(false));
    explicit(&vec.engine_version, s("OpenSearch_2.11"));
    assert!(vec.access_policy.is_explicit() && vec.access_policy.origin == lines(2));
    explicit(&es.encrypt_at_rest, true);
    explicit(&es.kms_key, res("aws_kms_key.es"));
    explicit(&es.engine_version, s("7.10"));
    explicit(&es.enforce_https, true);
    explicit(&es.tls_security_policy, s("Policy-Min-TLS-1-2-2019-07"));
    explicit(&es.in_vpc, true);
    explicit(&es.fine_grained_access_control, true);
    assert_eq!(es.log_types.iter().filter_map(|a| a.value.clone()).collect::<Vec<_>>(), [s("AUDIT_LOGS")]);
}

#[test]
fn opensearch_enforce_https_defaults_to_true_only_inside_its_block() {
    let mut set = Set::default();
    set.add("aws_opensearch_domain", "with_block", json!({"domain_name": "a", "domain_endpoint_options": [{"tls_security_policy": "Policy-Min-TLS-1-2-2019-07"}]}))
        .add("aws_opensearch_domain", "without", json!({"domain_name": "b"}));
    let state = set.state();
    let [with_block, without] = &state.aws.opensearch.domains[..] else { panic!() };
    default(&with_block.enforce_https, Some(true));
    default(&without.enforce_https, Some(false));
}

#[test]
fn secrets_with_rotation_merged() {
    let mut set = Set::default();
    set.add("aws_secretsmanager_secret", "db", json!({"name": "db", "kms_key_id": "${ref:aws_kms_key.k}"}))
        .add("aws_secretsmanager_secret", "api", json!({"name": "api"}))
        .add(
            "aws_secretsmanager_secret_rotation",
            "db",
            json!({"secret_id": "${ref:aws_secretsmanager_secret.db}", "rotation_rules": [{"automatically_after_days": 30}]}),
        );
    let state = set.state();
    let [db, api] = &state.aws.secretsmanager.secrets[..] else { panic!() };
    explicit(&db.rotation_enabled, true);
    assert_eq!(db.rotation_enabled.origin, lines(2));
    explicit(&db.rotation_days, 30);
    explicit(&db.kms_key, res("aws_kms_key.k"));
    default(&api.rotation_enabled, Some(false));
    assert!(api.kms_key.is_absent());
}

#[test]
fn policies_for_principals_declared_elsewhere_are_kept_at_the_granting_resource() {
    let mut set = Set::default();
    set.add("aws_iam_user_policy_attachment", "a", json!({"user": "ci-bot", "policy_arn": "arn:aws:iam::aws:policy/AdministratorAccess"}))
        .add("aws_iam_user_policy", "b", json!({"user": "ci-bot", "name": "extra", "policy": "{\"Statement\": []}"}))
        .add("aws_iam_group_policy_attachment", "c", json!({"group": "${ref:aws_iam_group.missing}", "policy_arn": "arn:x"}));
    let state = set.state();
    let [user] = &state.aws.iam.users[..] else { panic!("{:?}", state.aws.iam.users) };
    assert!(["aws_iam_user_policy.b", "aws_iam_user_policy_attachment.a"].contains(&user.meta.address.as_str()), "located where a grant is");
    explicit(&user.name, s("ci-bot"));
    assert_eq!(user.managed_policies.len(), 1);
    assert_eq!(user.inline_policies.len(), 1, "the second resource naming ci-bot merges into the same principal");
    assert!(state.aws.iam.groups.is_empty(), "a reference to a resource outside the scan declares nothing");
    assert_eq!(state.unmodelled.get("aws_iam_group_policy_attachment"), Some(&1));
}

#[test]
fn other_resource_types_are_counted_as_unmodelled() {
    let mut set = Set::default();
    set.add("aws_sns_topic", "a", json!({})).add("aws_sns_topic", "b", json!({})).add("aws_neptune_cluster", "n", json!({})).add(
        "aws_kms_key",
        "k",
        json!({}),
    );
    let state = set.state();
    assert_eq!(state.unmodelled.get("aws_sns_topic"), Some(&2));
    assert_eq!(state.unmodelled.get("aws_neptune_cluster"), Some(&1));
    assert!(!state.unmodelled.contains_key("aws_kms_key"));
    assert_eq!(state.aws.kms.keys.len(), 1);
}

// ---------------------------------------------------------------- End to end on real HCL

fn shared_data(name: &str) -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data").join(name);
    dir.is_dir().then_some(dir)
}

fn tf_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|rd| rd.filter_map(Result::ok).map(|e| e.path()).filter(|p| p.extension().is_some_and(|x| x == "tf")).collect())
        .unwrap_or_default();
    files.sort();
    files
}

fn read_dir_state(dir: &Path) -> CloudState {
    let (raw, errors) = tightrope_ingest::terraform::hcl::read_files(&tf_files(dir));
    assert!(errors.is_empty(), "{}: {errors:?}", dir.display());
    let mut state = CloudState::default();
    adapt(&raw.iter().collect::<Vec<_>>(), &mut state);
    state
}

#[test]
fn terragoat_aws_end_to_end() {
    let Some(dir) = shared_data("iac-terragoat") else {
        eprintln!("skipping: ../shared/data not present");
        return;
    };
    let state = read_dir_state(&dir.join("terraform/aws"));

    let bucket = |addr: &str| state.aws.s3.buckets.iter().find(|b| b.meta.address == addr).unwrap_or_else(|| panic!("no {addr}"));
    let data = bucket("aws_s3_bucket.data");
    assert!(data.encryption.is_none(), "terragoat's data bucket has no default encryption");
    assert!(data.public_access_block.is_none());
    assert!(data.meta.origin.path().is_some_and(|p| p.ends_with("s3.tf")));
    // `aws_s3_bucket.data` logs to `aws_s3_bucket.logs`, which is KMS-encrypted inline.
    let logs = bucket("aws_s3_bucket.logs");
    assert!(logs.encryption.as_ref().is_some_and(|e| e.algorithm.is(&s("aws:kms"))), "{:?}", logs.encryption);

    let web = state.aws.compute.instances.iter().find(|i| i.meta.address == "aws_instance.web_host").expect("aws_instance.web_host");
    default(&web.metadata_http_tokens, Some(s("optional")));
    assert!(!web.user_data.is_absent(), "web_host declares user_data");

    let eks = &state.aws.containers.eks_clusters;
    assert_eq!(eks.len(), 1);
    assert!(eks[0].endpoint_public_access.is(&true), "{:?}", eks[0].endpoint_public_access);
    assert!(eks[0].public_access_cidrs.iter().any(|c| c.is(&s("0.0.0.0/0"))));

    let es = &state.aws.opensearch.domains;
    assert_eq!(es.len(), 1);
    assert!(es[0].encrypt_at_rest.is(&false) || es[0].encrypt_at_rest.is_unknown());

    let ecr = &state.aws.containers.ecr_repositories;
    assert!(ecr.iter().any(|r| r.image_tag_mutability.is(&s("MUTABLE"))));
    let keys = &state.aws.kms.keys;
    assert!(!keys.is_empty() && keys.iter().all(|k| k.rotation_enabled.is(&false)), "terragoat's KMS key does not rotate");
    assert!(!state.aws.iam.users.is_empty() && state.aws.iam.users.iter().any(|u| !u.access_keys.is_empty()));
    let rds = &state.aws.rds.instances;
    assert!(!rds.is_empty() && rds.iter().any(|d| d.storage_encrypted.is(&false)), "terragoat's RDS instance is unencrypted");
}

fn read_state_json(path: &Path) -> CloudState {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let raw = tightrope_ingest::terraform::plan::read(&Arc::from(path.display().to_string()), &text).unwrap_or_else(|e| panic!("{e:?}"));
    let mut state = CloudState::default();
    adapt(&raw.iter().collect::<Vec<_>>(), &mut state);
    state
}

#[test]
fn driftctl_state_files_end_to_end() {
    let Some(dir) = shared_data("iac-tfplan-json") else {
        eprintln!("skipping: ../shared/data not present");
        return;
    };
    let states = dir.join("pkg/iac/terraform/state/test");

    // Three buckets, each with an `aws_s3_bucket_policy` naming it by its literal name.
    let s3 = read_state_json(&states.join("aws_s3_full/terraform.tfstate"));
    assert_eq!(s3.aws.s3.buckets.len(), 3);
    for b in &s3.aws.s3.buckets {
        assert!(b.policy.is_explicit(), "{}: policy not merged: {:?}", b.meta.address, b.policy);
        assert!(b.policy.origin != b.meta.origin, "the policy's origin is the policy resource");
    }
    assert!(!s3.unmodelled.contains_key("aws_s3_bucket_policy"));
    assert_eq!(s3.unmodelled.get("aws_s3_bucket_analytics_configuration"), Some(&6));

    // A public access block whose bucket is not in the state.
    let pab = read_state_json(&states.join("aws_s3_bucket_public_access_block/terraform.tfstate"));
    assert!(pab.aws.s3.buckets.is_empty());
    assert_eq!(pab.unmodelled.get("aws_s3_bucket_public_access_block"), Some(&1));

    let lt = read_state_json(&states.join("aws_launch_template/terraform.tfstate"));
    explicit(&lt.aws.compute.instances[0].metadata_http_tokens, s("required"));
    assert_eq!(lt.aws.compute.instances[0].meta.kind, "aws_launch_template");

    let trail = read_state_json(&states.join("aws_cloudtrail/terraform.tfstate"));
    explicit(&trail.aws.cloudtrail.trails[0].multi_region, false);

    let roles = read_state_json(&states.join("aws_iam_role_multiple/terraform.tfstate"));
    let names: Vec<_> = roles.aws.iam.roles.iter().filter_map(|r| r.name.value.clone()).collect();
    assert_eq!(names, [s("test_role_0"), s("test_role_1"), s("test_role_2")]);
    assert!(roles.aws.iam.roles.iter().all(|r| r.trust_policy.get().is_some()), "trust policies parse");

    let subnets = read_state_json(&states.join("aws_subnet/terraform.tfstate"));
    assert_eq!(subnets.aws.network.subnets.len(), 6);
}

/// One checkov fixture label: the fixture directory and its passing / failing resource addresses.
struct Label {
    dir: PathBuf,
    passing: Vec<String>,
    failing: Vec<String>,
}

fn label(root: &Path, check_id: &str) -> Option<Label> {
    let text = std::fs::read_to_string(root.join("labels.json")).ok()?;
    let all: serde_json::Value = serde_json::from_str(&text).ok()?;
    let entry = all.as_array()?.iter().find(|e| e["check_id"] == check_id)?;
    let list = |k: &str| entry[k].as_array().map(|a| a.iter().filter_map(|x| x.as_str().map(str::to_string)).collect()).unwrap_or_default();
    Some(Label { dir: root.join(entry["fixture_dir"].as_str()?), passing: list("passing_resources"), failing: list("failing_resources") })
}

/// For every labelled notebook, `fails(notebook)` must say what the label says.
fn check_notebook_label(root: &Path, check_id: &str, fails: impl Fn(&tightrope_core::state::aws::sagemaker::NotebookInstance) -> bool) {
    let l = label(root, check_id).unwrap_or_else(|| panic!("label {check_id}"));
    let state = read_dir_state(&l.dir);
    let mut checked = 0;
    for (addresses, expect_fail) in [(&l.passing, false), (&l.failing, true)] {
        for addr in addresses.iter().filter(|a| a.starts_with("aws_sagemaker_notebook_instance.")) {
            let nb = state
                .aws
                .sagemaker
                .notebook_instances
                .iter()
                .find(|n| &n.meta.address == addr)
                .unwrap_or_else(|| panic!("{check_id}: no {addr}"));
            assert_eq!(fails(nb), expect_fail, "{check_id} {addr}: {nb:?}");
            // No fixture sets direct_internet_access, so it is enabled by default everywhere.
            default(&nb.direct_internet_access, Some(true));
            checked += 1;
        }
    }
    assert!(checked >= 2, "{check_id}: only {checked} notebooks checked");
}

#[test]
fn checkov_sagemaker_notebook_fixtures_match_labels() {
    let Some(root) = shared_data("iac-checkov-tf-aws-resource") else {
        eprintln!("skipping: ../shared/data not present");
        return;
    };
    // CKV_AWS_307: root access enabled (explicitly, or by default when left out) fails.
    check_notebook_label(&root, "CKV_AWS_307", |nb| nb.root_access.is(&true));
    // CKV_AWS_371: IMDSv1 allowed fails.
    check_notebook_label(&root, "CKV_AWS_371", |nb| !nb.minimum_imds_version.is(&s("v2")));
    // CKV_AWS_187: no customer-managed KMS key fails.
    check_notebook_label(&root, "CKV_AWS_187", |nb| nb.kms_key.is_absent());
    // CKV_AWS_306: not launched into a subnet fails.
    check_notebook_label(&root, "CKV_AWS_306", |nb| nb.subnet.is_absent());

    let l = label(&root, "CKV_AWS_307").expect("label");
    let state = read_dir_state(&l.dir);
    let by = |name: &str| state.aws.sagemaker.notebook_instances.iter().find(|n| n.meta.address.ends_with(name)).expect("notebook");
    explicit(&by(".fail").root_access, true);
    default(&by(".fail2").root_access, Some(true));
    explicit(&by(".pass").root_access, false);
}

//! Hand-checked reachability questions on Batfish's `hybrid-cloud-aws` snapshot (raw
//! `aws ec2 describe-*` outputs of four VPCs in us-west-2). Each expected answer is reasoned from
//! the JSON files in the comment above it.

use crate::common;

use tightrope_reach::config::ReachConfig;
use tightrope_reach::model::Model;
use tightrope_reach::query::{Answer, ask};
use tightrope_reach::space::{DST, SRC};

fn model() -> Option<Model> {
    let dir = common::data("net-batfish-hybrid-cloud-aws")?;
    Some(common::model_of(
        &dir.join("networks/hybrid-cloud-aws/aws_configs/us-west-2"),
        &ReachConfig::default(),
    ))
}

fn q(m: &Model, from: &str, to: &str) -> Answer {
    ask(m, from, to, None).unwrap()
}

#[test]
fn reads_the_whole_snapshot() {
    let Some(m) = model() else { return };
    assert_eq!(m.vpcs.len(), 4);
    assert_eq!(m.subnets.len(), 10);
    assert_eq!(m.route_tables.len(), 5);
    assert_eq!(m.acls.len(), 4);
    assert_eq!(m.groups.len(), 11);
    // 9 interfaces (4 instances own 7 of them), the RDS instance, and the VPC OpenSearch domain in 2 subnets.
    assert_eq!(m.endpoints.len(), 12);
}

/// eni-822b55ac (10.0.0.30, sg-83b348fe: egress all) to eni-0681f828 (10.0.0.54, sg-94df21e9),
/// both in subnet-62f14104: same subnet, so no route or ACL; sg-94df21e9 admits tcp 80, 22, 443 and
/// ICMP from 0.0.0.0/0, nothing else.
#[test]
fn same_subnet_is_limited_by_the_destination_group() {
    let Some(m) = model() else { return };
    let a = q(&m, "eni-822b55ac", "eni-0681f828");
    let t = &a.pairs[0].trace;
    assert_eq!(t.allowed.describe_services(), "tcp 22, 80, 443; icmp");
    assert!(
        t.blocks.iter().all(|b| b.component == "sg-94df21e9"),
        "{:?}",
        t.blocks
    );
    assert!(
        !t.hops.iter().any(|h| h.step.contains("ACL")),
        "no ACL inside one subnet"
    );
}

/// The other way round, sg-83b348fe admits everything from 10.0.0.0/16 and sg-94df21e9 lets all
/// out: all traffic.
#[test]
fn reverse_direction_is_open() {
    let Some(m) = model() else { return };
    assert_eq!(
        q(&m, "eni-0681f828", "eni-822b55ac").pairs[0]
            .trace
            .allowed
            .describe_services(),
        "all traffic"
    );
}

/// vpc-925131f4 (10.0.0.0/16) and vpc-b390fad5 (192.168.0.0/16) are not peered: rtb-7b73bf02 of
/// subnet-62f14104 sends 192.168.1.186 to its internet gateway, which cannot deliver to a private
/// address of another VPC. Both of core_01's interfaces are blocked at that route.
#[test]
fn unpeered_vpcs_are_blocked_at_the_route() {
    let Some(m) = model() else { return };
    let a = q(&m, "eni-822b55ac", "core_01");
    assert_eq!(a.pairs.len(), 2);
    assert!(!a.reachable());
    for p in &a.pairs {
        assert_eq!(p.trace.blocks.len(), 1);
        assert_eq!(p.trace.blocks[0].component, "rtb-7b73bf02");
        assert!(p.trace.blocks[0].reason.contains("igw-fac5839d"));
    }
}

/// test-rds is publicly accessible, in subnet-1641fa70 (its AZ us-west-2b in the subnet group),
/// whose table rtb-9fa476e6 has 0.0.0.0/0 -> igw-9b93ddfc; acl-7b78771d allows all. Its group
/// sg-55510831 admits tcp 3306 from four public /32s, 10.193.0.0/16 (private, not internet) and
/// sg-cf3f86b3 (absent). So: tcp 3306 from exactly those four addresses.
#[test]
fn public_database_is_open_to_four_addresses_on_3306() {
    let Some(m) = model() else { return };
    let t = &q(&m, "internet", "test-rds").pairs[0].trace;
    assert_eq!(t.allowed.describe_services(), "tcp 3306");
    assert_eq!(
        t.allowed.describe_dimension(SRC),
        "67.170.86.87, 104.236.156.171, 107.170.243.58, 162.243.144.192"
    );
    assert_eq!(
        t.allowed.describe_dimension(DST),
        "192.168.1.0-192.168.1.255"
    );
    let steps: Vec<&str> = t.hops.iter().map(|h| h.step.as_str()).collect();
    assert_eq!(
        steps,
        [
            "source",
            "route (replies to the internet)",
            "network ACL in",
            "security group ingress",
            "destination"
        ]
    );
}

/// subnet-8d0cbdeb (10.0.1.0/24) has no explicit table, so the main table rtb-f28e418b applies:
/// its default route points at nat-055c00735cace0ec4 in state `blackhole`. Nothing leaves.
#[test]
fn private_subnet_default_route_is_a_blackhole() {
    let Some(m) = model() else { return };
    let t = &q(&m, "10.0.1.5", "internet").pairs[0].trace;
    assert!(t.allowed.is_empty());
    assert!(
        t.blocks
            .iter()
            .any(|b| b.component == "rtb-f28e418b" && b.reason.contains("blackhole"))
    );
}

/// core_01's eth1 (eni-297b5c07, 192.168.2.23 in subnet-073b8061, sg-331ad04e) to the OpenSearch
/// domain in subnet-7044ff16: route local, acl-7b78771d allows all, but sg-3dfb3140 only admits
/// members of sg-55510831 (test-rds, somewhere in 192.168.1.0/24): blocked by sg-3dfb3140.
#[test]
fn search_domain_admits_only_the_database_group() {
    let Some(m) = model() else { return };
    let a = q(&m, "eni-297b5c07", "es-domain");
    assert!(!a.reachable());
    for p in &a.pairs {
        assert!(
            p.trace.blocks.iter().all(|b| b.component == "sg-3dfb3140"),
            "{:?}",
            p.trace.blocks
        );
    }
    // The database itself gets through, across subnets, with route, ACLs and return route on the path.
    let a = q(&m, "test-rds", "es-domain");
    assert!(
        a.pairs
            .iter()
            .all(|p| p.trace.allowed.describe_services() == "all traffic")
    );
}

/// eni-0681f828 has no public address (no `Association`): the internet cannot reach it, whatever
/// its group (open on 22/80/443) says.
#[test]
fn private_interface_is_not_exposed() {
    let Some(m) = model() else { return };
    let t = &q(&m, "internet", "eni-0681f828").pairs[0].trace;
    assert!(t.allowed.is_empty());
    assert!(t.blocks[0].reason.contains("no public address"));
}

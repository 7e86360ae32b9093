//! VPCs, subnets and security groups.

use crate::attr::Attr;
use crate::origin::Origin;
use crate::state::{LinkAttr, Meta};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Network {
    pub vpcs: Vec<Vpc>,
    pub subnets: Vec<Subnet>,
    pub security_groups: Vec<SecurityGroup>,
    /// VPC endpoints (interface or gateway), e.g. for `bedrock-runtime` or `sagemaker.api`.
    pub vpc_endpoints: Vec<VpcEndpoint>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Vpc {
    pub meta: Meta,
    pub cidr_block: Attr<String>,
    /// Flow logs declared for this VPC.
    pub flow_logs: Vec<Meta>,
    pub is_default: bool,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Subnet {
    pub meta: Meta,
    pub vpc: LinkAttr,
    pub cidr_block: Attr<String>,
    pub map_public_ip_on_launch: Attr<bool>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct SecurityGroup {
    pub meta: Meta,
    pub name: Attr<String>,
    pub description: Attr<String>,
    pub vpc: LinkAttr,
    pub ingress: Vec<SgRule>,
    pub egress: Vec<SgRule>,
}

/// One ingress or egress rule (inline, or a separate `aws_security_group_rule` /
/// `aws_vpc_security_group_ingress_rule` merged into its group).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct SgRule {
    pub origin: Origin,
    /// `tcp`, `udp`, `icmp`, `-1` (all) or a protocol number.
    pub protocol: Attr<String>,
    pub from_port: Attr<i64>,
    pub to_port: Attr<i64>,
    pub cidr_blocks: Vec<Attr<String>>,
    pub ipv6_cidr_blocks: Vec<Attr<String>>,
    /// Source or destination security groups.
    pub security_groups: Vec<LinkAttr>,
    pub description: Attr<String>,
}

impl SgRule {
    /// The rule admits traffic from (or to) anywhere on the internet.
    pub fn open_to_world(&self) -> bool {
        self.cidr_blocks.iter().any(|c| c.is(&"0.0.0.0/0".to_string()))
            || self.ipv6_cidr_blocks.iter().any(|c| c.is(&"::/0".to_string()))
    }

    /// All protocols (`-1` / `all`).
    pub fn all_protocols(&self) -> bool {
        self.protocol.get().is_some_and(|p| p == "-1" || p.eq_ignore_ascii_case("all"))
    }

    /// The rule's port range covers `port`; all-protocol rules cover every port. `None` when the
    /// ports are not known.
    pub fn covers_port(&self, port: i64) -> Option<bool> {
        if self.all_protocols() {
            return Some(true);
        }
        let (from, to) = (self.from_port.get()?, self.to_port.get()?);
        // `-1`/`-1` is "every port" (ICMP-style rules).
        Some((*from <= port && port <= *to) || (*from == -1 && *to == -1))
    }
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct VpcEndpoint {
    pub meta: Meta,
    pub vpc: LinkAttr,
    /// e.g. `com.amazonaws.us-east-1.bedrock-runtime`.
    pub service_name: Attr<String>,
    /// `Interface` or `Gateway`.
    pub endpoint_type: Attr<String>,
    pub private_dns_enabled: Attr<bool>,
}

//! Elastic Load Balancing v2 (application, network and gateway load balancers), for the
//! reachability step: scheme, subnets, security groups, listeners, and the targets registered in
//! the load balancer's target groups.

use crate::gaps::Gaps;
use crate::services::{each, Fragment};
use crate::session::{client, Ctx};
use crate::values::{api, links, meta, opt, text};
use aws_sdk_elasticloadbalancingv2::types::LoadBalancer as ApiLoadBalancer;
use aws_sdk_elasticloadbalancingv2::Client;
use tightrope_core::state::aws::network::{Listener, LoadBalancer};
use tightrope_core::Attr;

pub(crate) async fn collect(ctx: &Ctx, f: &mut Fragment) {
    let elb = client!(aws_sdk_elasticloadbalancingv2, ctx);
    let Some(list) = pages!(f.gaps, "DescribeLoadBalancers", elb.describe_load_balancers(), load_balancers) else { return };
    let lbs = each(&mut f.gaps, list, |lb, g| load_balancer(&elb, lb, g)).await;
    f.aws.network.load_balancers.extend(lbs);
}

/// One load balancer with its listeners and registered targets (three more calls, plus one per
/// target group).
async fn load_balancer(elb: &Client, lb: ApiLoadBalancer, mut g: Gaps) -> (Option<LoadBalancer>, Gaps) {
    let Some(arn) = lb.load_balancer_arn().map(str::to_string) else { return (None, g) };
    let arn = arn.as_str();
    let listeners = match g.sub("DescribeListeners", elb.describe_listeners().load_balancer_arn(arn).send().await, &[]) {
        Ok(Some(out)) => out
            .listeners()
            .iter()
            .map(|l| Listener {
                origin: api(arn, "Listeners"),
                protocol: text(l.protocol().map(|p| p.as_str()), arn, "Listeners.Protocol"),
                port: opt(l.port().map(i64::from), arn, "Listeners.Port"),
            })
            .collect(),
        _ => Vec::new(),
    };
    let mut targets = Vec::new();
    if let Ok(Some(groups)) = g.sub("DescribeTargetGroups", elb.describe_target_groups().load_balancer_arn(arn).send().await, &[]) {
        for tg in groups.target_groups().iter().filter_map(|t| t.target_group_arn()) {
            if let Ok(Some(health)) = g.sub("DescribeTargetHealth", elb.describe_target_health().target_group_arn(tg).send().await, &[]) {
                let ids = health.target_health_descriptions().iter().filter_map(|d| d.target().and_then(|t| t.id()));
                targets.extend(links(ids, arn, "TargetHealthDescriptions.Target.Id"));
            }
        }
    }
    let out = LoadBalancer {
        meta: meta(arn, "AWS::ElasticLoadBalancingV2::LoadBalancer", "LoadBalancers"),
        name: text(lb.load_balancer_name(), arn, "LoadBalancerName"),
        lb_type: text(lb.r#type().map(|t| t.as_str()), arn, "Type"),
        internal: match lb.scheme() {
            Some(s) => Attr::explicit(s.as_str() == "internal", api(arn, "Scheme")),
            None => opt(None, arn, "Scheme"),
        },
        subnets: links(lb.availability_zones().iter().filter_map(|z| z.subnet_id()), arn, "AvailabilityZones.SubnetId"),
        security_groups: links(lb.security_groups().iter().map(String::as_str), arn, "SecurityGroups"),
        listeners,
        targets,
    };
    (Some(out), g)
}

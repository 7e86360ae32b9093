//! Privilege-escalation graph: nodes are principals plus two sinks (administrator access, AI
//! assets); an edge `A → B` means A can act as (or with the permissions of) B through one known
//! technique, each checked with the policy engine. Paths are shortest first, every hop explained.

pub mod techniques;

use crate::engine::{Request, RequestPrincipal, evaluate};
use crate::model::{Account, Kind, Principal};
use crate::probe::{can, probe_resource};
use petgraph::Direction;
use petgraph::stable_graph::{NodeIndex, StableDiGraph};
use petgraph::visit::EdgeRef;
use serde::Serialize;
use std::collections::{BTreeMap, VecDeque};
use techniques::{TECHNIQUES, Target};

/// A node of the graph.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Node {
    /// Index into `Account::principals`.
    Principal { index: usize, arn: String },
    /// Full administrative access.
    Admin,
    /// SageMaker / Bedrock data plane and model assets.
    AiAssets,
}

/// Why an edge exists.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Hop {
    pub technique: String,
    /// What the source does, in words.
    pub explanation: String,
    /// The statement that grants the decisive permission.
    pub granted_by: Option<String>,
    /// Depends on something the input does not show (unresolved trust policy, unknown membership).
    pub assumed: bool,
}

/// The escalation graph of one account.
pub struct Graph {
    pub graph: StableDiGraph<Node, Hop>,
    pub principal_nodes: Vec<NodeIndex>,
    pub admin: NodeIndex,
    pub ai: NodeIndex,
}

/// One path from a principal to a sink.
#[derive(Debug, Clone, Serialize)]
pub struct EscalationPath {
    pub from: String,
    /// `admin` or `ai-assets`.
    pub to: &'static str,
    /// Principals along the way (ARNs), start excluded.
    pub via: Vec<String>,
    pub hops: Vec<Hop>,
}

impl EscalationPath {
    /// `A --[technique]--> B --[...]--> admin`.
    pub fn render(&self) -> String {
        let mut s = String::new();
        for (i, hop) in self.hops.iter().enumerate() {
            let to = self.via.get(i).map_or(self.to, |v| v.as_str());
            s.push_str(&format!("--[{}]--> {to} ", hop.technique));
        }
        s.trim_end().to_string()
    }
}

/// A principal holds administrator-equivalent permissions: all of these are allowed on resources
/// no narrow grant names.
pub fn is_admin(p: &Principal, account: &str) -> Option<String> {
    let probes = [
        ("iam:AttachRolePolicy", probe_resource("iam", account)),
        (
            "iam:CreateAccessKey",
            format!("arn:aws:iam::{account}:user/tightrope-probe"),
        ),
        ("iam:PassRole", probe_resource("iam", account)),
        ("s3:GetObject", probe_resource("s3", account)),
        ("ec2:RunInstances", "*".to_string()),
        ("kms:Decrypt", probe_resource("kms", account)),
    ];
    let mut first = None;
    for (action, res) in &probes {
        let d = can(p, action, res, &[])?;
        first.get_or_insert(d.statement.map(|s| s.to_string()).unwrap_or_default());
    }
    first
}

/// Direct access to AI assets: invoke models and endpoints, read SageMaker and Bedrock assets.
fn ai_access(
    p: &Principal,
    account: &str,
    assets: &[(String, String)],
) -> Option<(String, String)> {
    let probes = [
        (
            "bedrock:InvokeModel",
            "arn:aws:bedrock:us-east-1::foundation-model/tightrope-probe".to_string(),
        ),
        (
            "sagemaker:InvokeEndpoint",
            format!("arn:aws:sagemaker:us-east-1:{account}:endpoint/tightrope-probe"),
        ),
        (
            "sagemaker:CreatePresignedNotebookInstanceUrl",
            format!("arn:aws:sagemaker:us-east-1:{account}:notebook-instance/tightrope-probe"),
        ),
        (
            "bedrock:InvokeAgent",
            format!("arn:aws:bedrock:us-east-1:{account}:agent-alias/tightrope-probe/x"),
        ),
    ];
    let named = assets.iter().map(|(a, r)| (a.as_str(), r.clone()));
    probes
        .iter()
        .map(|(a, r)| (*a, r.clone()))
        .chain(named)
        .find_map(|(a, r)| {
            can(p, a, &r, &[]).map(|d| {
                (
                    a.to_string(),
                    d.statement.map(|s| s.to_string()).unwrap_or_default(),
                )
            })
        })
}

/// Does the role's trust policy let `who` assume it? `None` when the trust policy is unknown.
fn trust_allows(role: &Principal, who: RequestPrincipal) -> Option<bool> {
    let trust = role.trust.as_ref()?;
    let mut req = Request::new(who, "sts:AssumeRole", &role.arn);
    crate::probe::attacker_context(&mut req.context);
    let set = crate::engine::PolicySet {
        resource: vec![trust],
        ..Default::default()
    };
    Some(evaluate(&set, &req).allowed())
}

fn trusts_service(role: &Principal, service: &str) -> bool {
    role.kind == Kind::Role && trust_allows(role, RequestPrincipal::service(service)) == Some(true)
}

fn hop(technique: &str, explanation: String, d: &crate::engine::Decision, assumed: bool) -> Hop {
    Hop {
        technique: technique.to_string(),
        explanation,
        granted_by: d.statement.as_ref().map(|s| s.to_string()),
        assumed,
    }
}

/// Build the graph: every technique from every user and role.
pub fn build(account: &Account) -> Graph {
    let mut graph = StableDiGraph::new();
    let principal_nodes: Vec<NodeIndex> = account
        .principals
        .iter()
        .enumerate()
        .map(|(index, p)| {
            graph.add_node(Node::Principal {
                index,
                arn: p.arn.clone(),
            })
        })
        .collect();
    let admin = graph.add_node(Node::Admin);
    let ai = graph.add_node(Node::AiAssets);
    let acct = account.id.as_str();
    let ps = &account.principals;
    let membership_known = ps.iter().any(|p| !p.groups.is_empty());
    for (i, p) in ps.iter().enumerate() {
        let from = principal_nodes[i];
        if let Some(by) = is_admin(p, acct) {
            let h = Hop {
                technique: "AdminPolicy".into(),
                explanation: "holds administrator-equivalent permissions".into(),
                granted_by: Some(by),
                assumed: false,
            };
            graph.add_edge(from, admin, h);
        }
        if let Some((action, by)) = ai_access(p, acct, &account.ai_assets) {
            let h = Hop {
                technique: "DirectAccess".into(),
                explanation: format!("is allowed {action}"),
                granted_by: Some(by),
                assumed: false,
            };
            graph.add_edge(from, ai, h);
        }
        for t in TECHNIQUES {
            match t.target {
                Target::OwnManagedPolicy { action } => {
                    for pol in p
                        .policies
                        .iter()
                        .filter(|x| !x.name.contains('/') || x.name.starts_with("arn:"))
                    {
                        let arn = if pol.name.starts_with("arn:") {
                            pol.name.clone()
                        } else {
                            format!("arn:aws:iam::{acct}:policy/{}", pol.name)
                        };
                        if arn.starts_with("arn:aws:iam::aws:") {
                            continue; // AWS managed policies cannot be changed
                        }
                        if let Some(d) = can(p, action, &arn, &[]) {
                            graph.add_edge(
                                from,
                                admin,
                                hop(
                                    t.id,
                                    format!("can {} ({action} on {arn})", t.title),
                                    &d,
                                    false,
                                ),
                            );
                            break;
                        }
                    }
                }
                Target::SelfPrincipal {
                    user_action,
                    role_action,
                } => {
                    let group_action = user_action.replace("User", "Group");
                    let action = match p.kind {
                        Kind::User => user_action,
                        Kind::Role => role_action,
                        Kind::Group => group_action.as_str(),
                    };
                    if let Some(d) = can(p, action, &p.arn, &[]) {
                        let boundary_only = action.contains("Boundary");
                        if !boundary_only || p.boundary.is_some() {
                            graph.add_edge(
                                from,
                                admin,
                                hop(
                                    t.id,
                                    format!("can {} ({action} on itself)", t.title),
                                    &d,
                                    false,
                                ),
                            );
                        }
                    }
                }
                Target::OwnGroup { action } if p.kind == Kind::User => {
                    let groups: Vec<&Principal> = ps
                        .iter()
                        .filter(|g| {
                            g.kind == Kind::Group
                                && (!membership_known || p.groups.contains(&g.name))
                        })
                        .collect();
                    for g in groups {
                        if let Some(d) = can(p, action, &g.arn, &[]) {
                            let assumed = !membership_known;
                            graph.add_edge(
                                from,
                                admin,
                                hop(
                                    t.id,
                                    format!("can {} ({action} on {})", t.title, g.arn),
                                    &d,
                                    assumed,
                                ),
                            );
                            break;
                        }
                    }
                }
                Target::JoinGroup if p.kind == Kind::User => {
                    for (j, g) in ps
                        .iter()
                        .enumerate()
                        .filter(|(_, g)| g.kind == Kind::Group && !p.groups.contains(&g.name))
                    {
                        if let Some(d) = can(p, "iam:AddUserToGroup", &g.arn, &[]) {
                            graph.add_edge(
                                from,
                                principal_nodes[j],
                                hop(
                                    t.id,
                                    format!("can add itself to group {}", g.name),
                                    &d,
                                    false,
                                ),
                            );
                        }
                    }
                }
                Target::OtherUser { action } => {
                    for (j, u) in ps
                        .iter()
                        .enumerate()
                        .filter(|(j, u)| u.kind == Kind::User && *j != i)
                    {
                        if let Some(d) = can(p, action, &u.arn, &[]) {
                            graph.add_edge(
                                from,
                                principal_nodes[j],
                                hop(
                                    t.id,
                                    format!("can {} ({action} on {})", t.title, u.name),
                                    &d,
                                    false,
                                ),
                            );
                        }
                    }
                }
                Target::RewriteTrust => {
                    for (j, r) in ps
                        .iter()
                        .enumerate()
                        .filter(|(j, r)| r.kind == Kind::Role && *j != i)
                    {
                        if let Some(d) = can(p, "iam:UpdateAssumeRolePolicy", &r.arn, &[]) {
                            graph.add_edge(
                                from,
                                principal_nodes[j],
                                hop(t.id, format!("can {} ({})", t.title, r.name), &d, false),
                            );
                        }
                    }
                    // rewriting its own trust policy gains nothing
                }
                Target::AssumeRole => {
                    for (j, r) in ps
                        .iter()
                        .enumerate()
                        .filter(|(j, r)| r.kind == Kind::Role && *j != i)
                    {
                        let trusted = trust_allows(r, p.request_principal());
                        if trusted == Some(false) {
                            continue;
                        }
                        // same account: a trust policy naming the principal's ARN is enough
                        let named = r.trust.as_ref().is_some_and(|t| {
                            t.statements
                                .iter()
                                .any(|s| s.principals.iter().any(|(_, v)| v.contains(&p.arn)))
                        });
                        let d = can(p, "sts:AssumeRole", &r.arn, &[]);
                        match (d, named) {
                            (Some(d), _) => {
                                graph.add_edge(
                                    from,
                                    principal_nodes[j],
                                    hop(
                                        t.id,
                                        format!("can assume role {}", r.name),
                                        &d,
                                        trusted.is_none(),
                                    ),
                                );
                            }
                            (None, true) => {
                                let h = Hop {
                                    technique: t.id.into(),
                                    explanation: format!(
                                        "is named in the trust policy of {}",
                                        r.name
                                    ),
                                    granted_by: Some(format!("{} trust policy", r.name)),
                                    assumed: false,
                                };
                                graph.add_edge(from, principal_nodes[j], h);
                            }
                            _ => {}
                        }
                    }
                }
                Target::ModifyAssumableRole { action } => {
                    for r in ps.iter().filter(|r| r.kind == Kind::Role && r.arn != p.arn) {
                        if trust_allows(r, p.request_principal()) == Some(true)
                            && can(p, "sts:AssumeRole", &r.arn, &[]).is_some()
                            && let Some(d) = can(p, action, &r.arn, &[])
                        {
                            graph.add_edge(
                                from,
                                admin,
                                hop(
                                    t.id,
                                    format!("can {} ({action} on {})", t.title, r.name),
                                    &d,
                                    false,
                                ),
                            );
                            break;
                        }
                    }
                }
                Target::PassRoleTo { service, create } => {
                    let svc = service.split('.').next().unwrap_or(service);
                    let creatable = create.iter().all(|a| {
                        can(
                            p,
                            a,
                            &probe_resource(a.split(':').next().unwrap_or(svc), acct),
                            &[],
                        )
                        .is_some()
                    });
                    if !creatable {
                        continue;
                    }
                    for (j, r) in ps
                        .iter()
                        .enumerate()
                        .filter(|(j, r)| *j != i && trusts_service(r, service))
                    {
                        if let Some(d) = can(
                            p,
                            "iam:PassRole",
                            &r.arn,
                            &[("iam:PassedToService", service)],
                        ) {
                            graph.add_edge(
                                from,
                                principal_nodes[j],
                                hop(
                                    t.id,
                                    format!(
                                        "can {} {} (iam:PassRole + {})",
                                        t.title,
                                        r.name,
                                        create.join(" + ")
                                    ),
                                    &d,
                                    false,
                                ),
                            );
                        }
                    }
                }
                Target::ExistingResource { service, action } => {
                    let svc = action.split(':').next().unwrap_or("");
                    let Some(d) = can(p, action, &probe_resource(svc, acct), &[]) else {
                        continue;
                    };
                    for (j, r) in ps
                        .iter()
                        .enumerate()
                        .filter(|(j, r)| *j != i && trusts_service(r, service))
                    {
                        let h = hop(
                            t.id,
                            format!(
                                "can {} {} ({action}; assumes such a resource exists)",
                                t.title, r.name
                            ),
                            &d,
                            true,
                        );
                        graph.add_edge(from, principal_nodes[j], h);
                    }
                }
                _ => {}
            }
        }
    }
    Graph {
        graph,
        principal_nodes,
        admin,
        ai,
    }
}

impl Graph {
    /// Shortest path (fewest hops) from a principal to `sink`, via BFS.
    pub fn shortest(
        &self,
        account: &Account,
        start: usize,
        sink: NodeIndex,
    ) -> Option<EscalationPath> {
        let s = *self.principal_nodes.get(start)?;
        let mut prev: BTreeMap<NodeIndex, (NodeIndex, petgraph::stable_graph::EdgeIndex)> =
            BTreeMap::new();
        let mut queue = VecDeque::from([s]);
        let mut seen = std::collections::BTreeSet::from([s]);
        while let Some(n) = queue.pop_front() {
            if n == sink {
                break;
            }
            for e in self.graph.edges_directed(n, Direction::Outgoing) {
                if seen.insert(e.target()) {
                    prev.insert(e.target(), (n, e.id()));
                    queue.push_back(e.target());
                }
            }
        }
        let mut hops = Vec::new();
        let mut via = Vec::new();
        let mut cur = sink;
        while cur != s {
            let (p, e) = *prev.get(&cur)?;
            hops.push(self.graph[e].clone());
            if let Node::Principal { arn, .. } = &self.graph[cur] {
                via.push(arn.clone());
            }
            cur = p;
        }
        hops.reverse();
        via.reverse();
        let to = if sink == self.admin {
            "admin"
        } else {
            "ai-assets"
        };
        Some(EscalationPath {
            from: account.principals[start].arn.clone(),
            to,
            via,
            hops,
        })
    }
}

/// For each user and role, the shortest path to administrator access (if it is not admin already)
/// and the shortest indirect path into AI assets, shortest first.
pub fn paths(account: &Account, g: &Graph) -> Vec<EscalationPath> {
    let mut out = Vec::new();
    for (i, p) in account.principals.iter().enumerate() {
        if p.kind == Kind::Group {
            continue;
        }
        if let Some(path) = g.shortest(account, i, g.admin)
            && !(path.hops.len() == 1 && path.hops[0].technique == "AdminPolicy")
        {
            out.push(path);
        }
        if let Some(path) = g.shortest(account, i, g.ai)
            && path.hops.len() > 1
        {
            out.push(path);
        }
    }
    out.sort_by(|a, b| {
        a.hops
            .len()
            .cmp(&b.hops.len())
            .then_with(|| a.from.cmp(&b.from))
    });
    out
}

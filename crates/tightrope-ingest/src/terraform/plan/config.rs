//! The plan's `configuration` section: which resources an attribute's expression referenced.
//!
//! `configuration.root_module` holds `resources[].expressions.<attr>.references` and, for child
//! modules, `module_calls.<name>.module` (recursively) plus the call's own `expressions` (its input
//! variables) and the module's `outputs`. A reference is followed through `var.x` (to the calling
//! module's argument) and `module.m.out` (to the output's expression), so that an attribute computed
//! from a module input still links to the resource behind it.

use super::address::{Reference, join, module_path, normalise, parse_reference};
use serde_json::Value as J;

/// At most this many references are followed for one attribute (cycles, huge configurations).
const RESOLVE_BUDGET: u32 = 256;

pub struct Config<'a> {
    root: Option<&'a J>,
}

/// One module instance of the configuration.
#[derive(Clone)]
struct Scope<'a> {
    module: &'a J,
    /// The `module_calls` entry that instantiated it (none for the root module).
    call: Option<&'a J>,
    /// Its instance address: `""`, `module.a[0]`.
    prefix: String,
}

/// A step into an attribute: an object key or a list index.
#[derive(Debug, Clone, Copy)]
pub enum Step<'a> {
    Key(&'a str),
    Index(usize),
}

/// The configuration of one resource instance.
pub struct ResourceConfig<'a> {
    scopes: Vec<Scope<'a>>,
    expressions: &'a J,
}

impl<'a> Config<'a> {
    pub fn new(doc: &'a J) -> Self {
        Config { root: doc.pointer("/configuration/root_module") }
    }

    /// The configuration of resource `local` (`aws_x.y`, without index) in module instance `module`.
    pub fn resource(&self, module: &str, local: &str) -> Option<ResourceConfig<'a>> {
        let mut scopes = vec![Scope { module: self.root?, call: None, prefix: String::new() }];
        for (name, prefix) in module_path(module) {
            let call = scopes.last()?.module.get("module_calls")?.get(&name)?;
            scopes.push(Scope { module: call.get("module")?, call: Some(call), prefix });
        }
        let resources = scopes.last()?.module.get("resources")?.as_array()?;
        let found = resources.iter().find(|r| r.get("address").and_then(J::as_str) == Some(local))?;
        Some(ResourceConfig { scopes, expressions: found.get("expressions")? })
    }
}

impl ResourceConfig<'_> {
    /// Resource addresses (with module prefix) referenced by the expression that produced the
    /// attribute at `path`. When the path goes below what the configuration spells out (a map
    /// attribute set as a whole), the enclosing expression's references are used.
    pub fn refs_at(&self, path: &[Step]) -> Vec<String> {
        let mut cur = self.expressions;
        for step in path {
            if is_expression(cur) {
                break;
            }
            let next = match step {
                Step::Key(k) => cur.get(*k),
                Step::Index(i) => cur.get(*i),
            };
            match next {
                Some(n) => cur = n,
                None => return Vec::new(),
            }
        }
        if !is_expression(cur) {
            return Vec::new();
        }
        let mut out = Vec::new();
        let mut budget = RESOLVE_BUDGET;
        if let Some(refs) = cur.get("references") {
            resolve(&self.scopes, refs, &mut budget, &mut out);
        }
        normalise(out)
    }
}

/// An expression object (`{"references": [...]}` / `{"constant_value": ...}`), as opposed to a
/// nested block's map of expressions.
fn is_expression(v: &J) -> bool {
    v.get("constant_value").is_some() || v.get("references").is_some_and(J::is_array)
}

fn resolve(scopes: &[Scope], refs: &J, budget: &mut u32, out: &mut Vec<String>) {
    let Some(scope) = scopes.last() else { return };
    for r in refs.as_array().into_iter().flatten().filter_map(J::as_str) {
        if *budget == 0 {
            return;
        }
        *budget -= 1;
        match parse_reference(r) {
            Reference::Resource(a) => out.push(join(&scope.prefix, &a)),
            Reference::Variable(name) => {
                let arg = scope.call.and_then(|c| c.get("expressions")?.get(name)?.get("references"));
                if let Some(arg_refs) = arg {
                    resolve(&scopes[..scopes.len() - 1], arg_refs, budget, out);
                }
            }
            Reference::ModuleOutput { call, key, output } => {
                let Some(c) = scope.module.get("module_calls").and_then(|m| m.get(call)) else { continue };
                let Some(module) = c.get("module") else { continue };
                let Some(out_refs) = module.get("outputs").and_then(|o| o.get(output)?.get("expression")?.get("references")) else {
                    continue;
                };
                let prefix = join(&scope.prefix, &format!("module.{call}{}", key.unwrap_or("")));
                let mut inner = scopes.to_vec();
                inner.push(Scope { module, call: Some(c), prefix });
                resolve(&inner, out_refs, budget, out);
            }
            Reference::Other => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn follows_variables_and_outputs() {
        let doc = json!({"configuration": {"root_module": {
            "resources": [{"address": "aws_s3_bucket_policy.p", "expressions": {
                "bucket": {"references": ["module.m.id", "module.m"]},
                "rule": [{"kms": {"references": ["aws_kms_key.k.arn", "aws_kms_key.k", "local.x"]}}]
            }}],
            "module_calls": {"m": {
                "expressions": {"key": {"references": ["aws_kms_key.k.arn", "aws_kms_key.k"]}},
                "module": {
                    "outputs": {"id": {"expression": {"references": ["aws_s3_bucket.b[0].id", "aws_s3_bucket.b[0]", "aws_s3_bucket.b"]}}},
                    "resources": [{"address": "aws_s3_bucket.b", "expressions": {"kms": {"references": ["var.key"]}}}]
                }
            }}
        }}});
        let cfg = Config::new(&doc);
        let p = cfg.resource("", "aws_s3_bucket_policy.p").expect("root resource");
        assert_eq!(p.refs_at(&[Step::Key("bucket")]), vec!["module.m.aws_s3_bucket.b[0]"]);
        assert_eq!(p.refs_at(&[Step::Key("rule"), Step::Index(0), Step::Key("kms")]), vec!["aws_kms_key.k"]);
        assert!(p.refs_at(&[Step::Key("rule"), Step::Index(1), Step::Key("kms")]).is_empty());
        let b = cfg.resource("module.m", "aws_s3_bucket.b").expect("module resource");
        assert_eq!(b.refs_at(&[Step::Key("kms")]), vec!["aws_kms_key.k"], "var.key resolves in the caller");
        assert_eq!(b.refs_at(&[Step::Key("kms"), Step::Key("deeper")]), vec!["aws_kms_key.k"]);
    }
}

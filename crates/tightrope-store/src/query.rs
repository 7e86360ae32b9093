//! Server-side queries over a scan's findings: filter, sort and page in the database, so that a
//! scan of 50,000 findings is never loaded whole to show 50 of them.
//!
//! [`FindingQuery::to_sql`] builds the `WHERE` / `ORDER BY` / `LIMIT` text once for every engine;
//! only the placeholder syntax and the case-insensitive match differ ([`Dialect`]). Every value
//! is a bound parameter, never spliced into the SQL.

use crate::backend::FindingRow;
use serde::Serialize;

/// Largest page a query returns.
pub const MAX_LIMIT: u32 = 1000;

/// Sort key of a findings query.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum FindingSort {
    /// Most severe first (then in scan order).
    #[default]
    Severity,
    Rule,
    Resource,
    Step,
}

impl std::str::FromStr for FindingSort {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s {
            "severity" => Ok(FindingSort::Severity),
            "rule" => Ok(FindingSort::Rule),
            "resource" => Ok(FindingSort::Resource),
            "step" => Ok(FindingSort::Step),
            other => Err(format!(
                "unknown sort `{other}`: expected severity, rule, resource or step"
            )),
        }
    }
}

/// Which findings of which scan, in what order, which page.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FindingQuery {
    pub scan_id: i64,
    /// Any of these severities (lowercase); empty = all.
    pub severities: Vec<String>,
    /// Only this step (`audit`, `access`, ...).
    pub step: Option<String>,
    /// Rule ids starting with this prefix (`TR-AWS-S3`).
    pub rule: Option<String>,
    /// Case-insensitive substring of the resource, rule id or title.
    pub text: Option<String>,
    pub ai: Option<bool>,
    pub suppressed: Option<bool>,
    pub sort: FindingSort,
    /// Reverse the sort (for severity: least severe first).
    pub reverse: bool,
    pub offset: u64,
    /// Page size, at most [`MAX_LIMIT`].
    pub limit: u32,
}

/// One finding as a query returns it: its position in the scan and its index row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FindingHit {
    pub seq: i64,
    #[serde(flatten)]
    pub row: FindingRow,
}

/// A page of findings and how many match in total.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FindingPage {
    pub total: u64,
    pub offset: u64,
    pub limit: u32,
    pub findings: Vec<FindingHit>,
}

/// SQL flavour of an engine.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dialect {
    Sqlite,
    Postgres,
}

/// A bound value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SqlParam {
    Int(i64),
    Text(String),
    Bool(bool),
}

/// The generated clauses: `where_sql` starts with `WHERE`, `tail_sql` holds `ORDER BY ... LIMIT ...`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FindingSql {
    pub where_sql: String,
    pub order_sql: String,
    /// Parameters of `where_sql`, in placeholder order.
    pub params: Vec<SqlParam>,
}

/// Columns a finding row is read from, in [`FindingRow`] order after `seq`.
pub const FINDING_COLUMNS: &str =
    "seq, rule_id, severity, resource, kind, ai, suppressed, step, title, message, evidence";

/// Severity rank stored with each finding (sorting without a CASE per row).
pub fn severity_rank(severity: &str) -> i64 {
    match severity {
        "critical" => 4,
        "high" => 3,
        "medium" => 2,
        "low" => 1,
        _ => 0,
    }
}

/// `%`, `_` and `\` escaped for a LIKE pattern with `ESCAPE '\'`.
fn like_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    for c in s.chars() {
        if matches!(c, '%' | '_' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

impl FindingQuery {
    /// The page size actually used (1..=[`MAX_LIMIT`], 50 when unset).
    pub fn effective_limit(&self) -> u32 {
        match self.limit {
            0 => 50,
            n => n.min(MAX_LIMIT),
        }
    }

    /// The SQL clauses and parameters for this query in `dialect`.
    pub fn to_sql(&self, dialect: Dialect) -> FindingSql {
        let mut params = Vec::new();
        let mut conds = Vec::new();
        let bind = |p: SqlParam, params: &mut Vec<SqlParam>| -> String {
            params.push(p);
            match dialect {
                Dialect::Sqlite => format!("?{}", params.len()),
                Dialect::Postgres => format!("${}", params.len()),
            }
        };
        let like = match dialect {
            Dialect::Sqlite => "LIKE",
            Dialect::Postgres => "ILIKE",
        };
        conds.push(format!(
            "scan_id = {}",
            bind(SqlParam::Int(self.scan_id), &mut params)
        ));
        if !self.severities.is_empty() {
            let marks: Vec<String> = self
                .severities
                .iter()
                .map(|s| bind(SqlParam::Int(severity_rank(s)), &mut params))
                .collect();
            conds.push(format!("rank IN ({})", marks.join(", ")));
        }
        if let Some(step) = &self.step {
            conds.push(format!(
                "step = {}",
                bind(SqlParam::Text(step.clone()), &mut params)
            ));
        }
        if let Some(rule) = &self.rule {
            let p = bind(
                SqlParam::Text(format!("{}%", like_escape(rule))),
                &mut params,
            );
            conds.push(format!("rule_id {like} {p} ESCAPE '\\'"));
        }
        if let Some(text) = &self.text {
            let p = bind(
                SqlParam::Text(format!("%{}%", like_escape(text))),
                &mut params,
            );
            conds.push(format!(
                "(resource {like} {p} ESCAPE '\\' OR rule_id {like} {p} ESCAPE '\\' OR title {like} {p} ESCAPE '\\')"
            ));
        }
        if let Some(ai) = self.ai {
            conds.push(format!("ai = {}", bind(SqlParam::Bool(ai), &mut params)));
        }
        if let Some(s) = self.suppressed {
            conds.push(format!(
                "suppressed = {}",
                bind(SqlParam::Bool(s), &mut params)
            ));
        }
        let (key, default_desc) = match self.sort {
            FindingSort::Severity => ("rank", true),
            FindingSort::Rule => ("rule_id", false),
            FindingSort::Resource => ("resource", false),
            FindingSort::Step => ("step", false),
        };
        let desc = default_desc != self.reverse;
        let dir = if desc { "DESC" } else { "ASC" };
        FindingSql {
            where_sql: format!("WHERE {}", conds.join(" AND ")),
            order_sql: format!(
                "ORDER BY {key} {dir}, seq ASC LIMIT {} OFFSET {}",
                self.effective_limit(),
                self.offset
            ),
            params,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn filters_become_bound_parameters() {
        let q = FindingQuery {
            scan_id: 7,
            severities: vec!["high".into(), "critical".into()],
            text: Some("50%_off".into()),
            ..Default::default()
        };
        let sql = q.to_sql(Dialect::Postgres);
        assert_eq!(
            sql.where_sql,
            "WHERE scan_id = $1 AND rank IN ($2, $3) AND (resource ILIKE $4 ESCAPE '\\' OR rule_id ILIKE $4 ESCAPE '\\' OR title ILIKE $4 ESCAPE '\\')"
        );
        assert_eq!(
            sql.params,
            vec![
                SqlParam::Int(7),
                SqlParam::Int(3),
                SqlParam::Int(4),
                SqlParam::Text("%50\\%\\_off%".into())
            ]
        );
        assert!(sql.order_sql.starts_with("ORDER BY rank DESC"));
    }

    #[test]
    fn limit_is_capped() {
        let q = FindingQuery {
            limit: 1_000_000,
            sort: FindingSort::Rule,
            reverse: true,
            ..Default::default()
        };
        assert_eq!(
            q.to_sql(Dialect::Sqlite).order_sql,
            "ORDER BY rule_id DESC, seq ASC LIMIT 1000 OFFSET 0"
        );
    }
}

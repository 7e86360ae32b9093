//! What the YAML readers (CloudFormation, Kubernetes) share: saphyr scalars as [`Value`]s.

use crate::node::Value;
use saphyr::Scalar;

/// A YAML 1.2 scalar as a node value.
pub fn scalar(s: &Scalar<'_>) -> Value {
    match s {
        Scalar::Null => Value::Null,
        Scalar::Boolean(b) => Value::Bool(*b),
        Scalar::Integer(i) => Value::Number(*i as f64),
        Scalar::FloatingPoint(f) => Value::Number(f.into_inner()),
        Scalar::String(s) => Value::String(s.to_string()),
    }
}

//! CloudFormation reader (in progress).
pub mod adapt;
use crate::raw::RawResource;
use std::sync::Arc;
use tightrope_core::InputError;

pub fn read(_file: &Arc<str>, _text: &str) -> Result<Vec<RawResource>, InputError> {
    Ok(Vec::new())
}

//! Terraform plan / state JSON reader (in progress).
use crate::raw::RawResource;
use std::sync::Arc;
use tightrope_core::InputError;

pub fn read(_file: &Arc<str>, _text: &str) -> Result<Vec<RawResource>, InputError> {
    Ok(Vec::new())
}

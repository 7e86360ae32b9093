//! Kubernetes manifests reader (in progress).
use crate::raw::RawResource;
use std::sync::Arc;
use tightrope_core::{CloudState, InputError};

pub fn read(_file: &Arc<str>, _text: &str) -> Result<Vec<RawResource>, Vec<InputError>> {
    Ok(Vec::new())
}

pub fn adapt(_raw: &[&RawResource], _state: &mut CloudState) {}

//! Terraform HCL reader (in progress).
use crate::raw::RawResource;
use std::path::PathBuf;
use tightrope_core::InputError;

pub fn read_files(_files: &[PathBuf]) -> (Vec<RawResource>, Vec<InputError>) {
    (Vec::new(), Vec::new())
}

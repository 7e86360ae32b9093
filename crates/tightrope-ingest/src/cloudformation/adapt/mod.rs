//! CloudFormation vocabulary -> typed state (in progress).
use crate::raw::RawResource;
use tightrope_core::CloudState;

pub fn adapt(_raw: &[&RawResource], _state: &mut CloudState) {}

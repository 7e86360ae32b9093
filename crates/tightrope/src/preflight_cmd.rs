//! `tightrope preflight` and `tightrope init`: the arguments and the work live in
//! `tightrope-preflight` (like every step's `cli.rs`); this module only dispatches.

pub use tightrope_preflight::cli::{run, run_init};

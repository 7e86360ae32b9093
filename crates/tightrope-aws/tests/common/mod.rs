//! Shared by the emulator tests: the moto harness, the account seeds and the replay server.

#![allow(dead_code)]

pub mod moto;
pub mod replay;
pub mod seed;

pub use moto::{test_credentials_env, Moto};

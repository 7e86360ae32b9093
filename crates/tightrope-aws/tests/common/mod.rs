//! Shared by the emulator tests: the moto harness and the account seeds.

#![allow(dead_code)]

pub mod moto;
pub mod seed;

pub use moto::{test_credentials_env, Moto};

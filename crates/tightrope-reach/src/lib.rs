//! Step 6, network segmentation: zones, sound offline reachability with explained paths, and a
//! segmentation policy.
//!
//! The network of a [`CloudState`](tightrope_core::CloudState) (from IaC, a snapshot, or raw AWS
//! API outputs read by [`api`]) is compiled into a [`model::Model`]. Questions are answered on
//! packet sets ([`space`]): every security group rule, ACL entry and route is a box over
//! (protocol, port, source, destination), so one answer covers all ports and addresses.
//!
//! Library entry points for later steps: [`model::Model::build`], [`query::ask`],
//! [`check::check`] (findings), [`check::zone_flows`].

pub mod api;
pub mod check;
pub mod cli;
pub mod config;
pub mod dot;
mod endpoints;
pub mod model;
pub mod policy;
pub mod query;
pub mod render;
pub mod space;
pub mod trace;
pub mod zones;

//! # cyberdip
//!
//! A reproducible, parallel agent-based model of cyber diplomacy between states, built from
//! four source documents (see `../shared/seeds/DIGEST.md` and docs/MODEL.md).
//!
//! Architecture, from input to output:
//!
//! - [`scenario`]: TOML files (with `extends` and `--set`) → a validated [`scenario::Scenario`];
//!   every error carries file, line, column and key.
//! - [`params`]: the registry of every parameter (range, unit, seed source).
//! - [`model`]: one file per mechanism, each naming the seed row it implements.
//! - [`engine`]: the world and the tick loop (snapshot → parallel decide → ordered resolve →
//!   update → record); pure, no IO; random draws from ChaCha streams keyed by
//!   (seed, point, run, state, tick, purpose).
//! - [`metrics`]: outcome metrics declared once; online summaries.
//! - [`output`]: CSV and JSON exporters, atomic files.
//! - [`experiment`]: replicates in memory (tests, comparisons).
//! - [`app`]: the commands, where files meet the engine; [`cli`]: the flags.
#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod app;
pub mod cli;
pub mod engine;
pub mod error;
pub mod experiment;
pub mod metrics;
pub mod model;
pub mod output;
pub mod params;
pub mod report;
pub mod scenario;
pub mod sweep;

//! # cyberdip
//!
//! A reproducible, parallel agent-based model of cyber diplomacy between states, built from
//! four source documents (see `../shared/seeds/DIGEST.md` and docs/MODEL.md).
//!
//! Architecture, in layers that import downward only (tests/structure.rs checks):
//!
//! - [`core`]: ids, the parameter registry (range, unit, seed source), random streams keyed
//!   by (seed, point, run, agent, tick, purpose, subject), parallel loops.
//! - [`model`]: the world's data and its rules, one file per mechanism, each naming the
//!   seed row it implements and declaring its parameters, state, phases, streams and
//!   metrics; `model/mod.rs` is the registry.
//! - [`engine`]: the schedule (snapshot → parallel decide → ordered resolve → update);
//!   pure, no IO.
//! - [`metrics`]: outcome metrics gathered from the mechanisms; online summaries.
//! - [`output`]: CSV and JSON exporters, atomic files.
//! - [`scenario`]: TOML files, `extends`, `--set`, sweep points → one document → a
//!   validated [`scenario::Scenario`] → the model; every error carries file, line, column
//!   and key.
//! - [`sweep`]: designs and estimators (which know nothing of the model) and the sweep
//!   runner; [`experiment`]: replicates in memory (and at many points, for SALib and the
//!   EMA Workbench) and in output folders; [`tables`]: the five tables of `cyberdip run` in
//!   memory (for the Python package); [`report`]: HTML and SVG charts; [`calibrate`]:
//!   targets from public data, ABC-SMC calibration, validation.
//! - [`serve`]: the interactive browser page (`cyberdip serve`), on the layers below.
//! - [`app`]: the commands, where files meet the engine; [`cli`]: the flags;
//!   [`error`]: typed errors (a leaf every layer may use).
#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod app;
pub mod calibrate;
pub mod cli;
pub mod core;
pub mod engine;
pub mod error;
pub mod experiment;
pub mod metrics;
pub mod model;
pub mod output;
pub mod report;
pub mod scenario;
pub mod serve;
pub mod sweep;
pub mod tables;

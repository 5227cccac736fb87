//! Parameter sweeps and sensitivity analysis (`cyberdip sweep`, `cyberdip merge`).
//!
//! A sweep is a list of work units (point, run) in a fixed order: point-major, runs
//! 0..R-1 within a point. Unit u's random streams depend only on (seed, point, run), so
//! any subset of units can be computed anywhere, in any order, and give the same rows.
//! Shard I of N takes the contiguous units [U·I/N, U·(I+1)/N). Work is saved in atomic
//! chunks of [`exec::CHUNK`] units, so `--resume` skips what is done. Final files are
//! assembled by streaming chunks (or shards, for `merge`) in unit order, so memory does
//! not grow with the number of runs and every way of splitting the work gives the same
//! bytes.
//!
//! - [`spec`]: sweep files → [`spec::SweepSpec`]
//! - [`math`]: designs (grid, OAT, LHS, Sobol'/Saltelli, Morris) and estimators
//! - [`exec`]: running units into chunks, shards, resume
//! - [`finish`]: points.csv, runs.csv, summary.csv, sensitivity.csv, manifest.json

pub mod exec;
pub mod finish;
pub mod math;
pub mod spec;

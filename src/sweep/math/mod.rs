//! Pure-math core of parameter sweeps: the Sobol' sequence, experimental designs (grid,
//! one-at-a-time, Latin hypercube, Saltelli/Sobol', Morris), variance-based and Morris
//! sensitivity analysis with seeded bootstrap intervals, and analytic test functions.
//!
//! Everything is deterministic: the same inputs and seed give bit-identical outputs.
//! Randomness comes only from `ChaCha8Rng::seed_from_u64(seed)`; no hash-map iteration and
//! no threads. Invalid input is reported as a `DesignError`, never a panic.
//! Modules refer to each other through `super::`, so this file can become a `mod.rs`.

pub mod design;
pub mod sensitivity;
pub mod sobol_seq;
pub mod testfns;
mod util;

pub use design::{Design, DesignError, Factor, MAX_POINTS, generate, point_count};
pub use sensitivity::{MAX_BOOTSTRAP, MorrisIndex, SobolIndex, SobolSecond, morris_analyze, sobol_analyze};
pub use sobol_seq::Sobol;
pub use util::inverse_normal_cdf;

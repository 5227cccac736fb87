//! The bottom layer: ids, the parameter registry, random streams and parallel loops.
//! Nothing here knows of the model, files or the command line.

pub mod par;
pub mod params;
pub mod rng;

/// Index of a state in the world (its position in the scenario).
pub type Sid = u32;

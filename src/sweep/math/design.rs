//! Experimental designs for parameter sweeps: owns `Factor`, `Design`, `DesignError`,
//! validation, point counting and generation of design points as parameter values.
//!
//! Conventions (all designs):
//! - Points are returned as actual parameter values, one `Vec<f64>` per point with one
//!   entry per factor, in factor order.
//! - A `Range { low, high }` maps a unit coordinate `u` in `[0, 1)` to `low + u * (high - low)`;
//!   a `Values(list)` maps it to `list[floor(u * len)]` (clamped to the last entry).
//! - A constant factor (`Range` with `low == high`, or a one-entry `Values`) is allowed in
//!   every design. It behaves exactly like `Values(vec![low])`: it contributes one level to
//!   `Grid` and `Oat` (so no extra points), and it never varies in `Lhs`, `Sobol` or `Morris`
//!   (its sensitivity indices come out as 0). `low > high` is an error.
//! - `seed` feeds a `ChaCha8Rng` for `Lhs` and `Morris`; `Grid`, `Oat` and `Sobol` are fully
//!   deterministic and ignore it (`Sobol` uses the unscrambled sequence).
//! - At most `MAX_POINTS` points per design.

use std::fmt;

use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;

use super::sobol_seq::{MAX_DIMS, Sobol};
use super::util::{below, coin, permutation, unit_f64};

/// Largest number of points a design may have.
pub const MAX_POINTS: u64 = 10_000_000;

/// Largest number of factors a `Sobol` design supports (it needs `2k` sequence dimensions).
pub const MAX_SOBOL_FACTORS: usize = MAX_DIMS / 2;

/// A swept parameter: a continuous range or an explicit list of values.
#[derive(Debug, Clone, PartialEq)]
pub enum Factor {
    /// Continuous range `[low, high]`; `low == high` is a constant.
    Range {
        /// Lower end (inclusive).
        low: f64,
        /// Upper end (inclusive for `Grid`/`Oat`/`Morris` levels; LHS/Sobol draw from `[low, high)`).
        high: f64,
    },
    /// Explicit values, used in list order (they need not be sorted).
    Values(Vec<f64>),
}

impl Factor {
    /// True when the factor can take only one value.
    pub fn is_constant(&self) -> bool {
        match self {
            Factor::Range { low, high } => low == high,
            Factor::Values(v) => v.len() == 1,
        }
    }

    /// Number of levels this factor has in `Grid` and `Oat` designs with `levels` levels:
    /// `levels` for a non-constant range, 1 for a constant range, the list length for values.
    pub fn level_count(&self, levels: usize) -> usize {
        match self {
            Factor::Range { .. } if self.is_constant() => 1,
            Factor::Range { .. } => levels,
            Factor::Values(v) => v.len(),
        }
    }

    /// The levels this factor takes in `Grid` and `Oat` designs: `levels` evenly spaced
    /// values including both ends for a non-constant range (the last is exactly `high`),
    /// `[low]` for a constant range, the list itself for values.
    pub fn grid_levels(&self, levels: usize) -> Vec<f64> {
        match self {
            Factor::Range { low, .. } if self.is_constant() => vec![*low],
            Factor::Range { .. } => (0..levels).map(|i| self.from_level(i, levels)).collect(),
            Factor::Values(v) => v.clone(),
        }
    }

    /// Maps a unit coordinate `u` in `[0, 1)` to a value (`low + u * (high - low)`, or list
    /// entry `floor(u * len)` clamped to the list).
    pub fn from_unit(&self, u: f64) -> f64 {
        match self {
            Factor::Range { low, high } => low + u * (high - low),
            Factor::Values(v) => {
                let len = v.len();
                let idx = (u.max(0.0) * len as f64) as usize;
                v.get(idx.min(len.saturating_sub(1))).copied().unwrap_or(0.0)
            }
        }
    }

    /// Maps level `i` of a `p`-level grid on `[0, 1]` (unit position `i / (p - 1)`) to a value.
    /// Ranges end exactly at `high`; lists use the exact integer index
    /// `min(i * len / (p - 1), len - 1)`, i.e. `floor(u * len)` without rounding error.
    pub fn from_level(&self, i: usize, p: usize) -> f64 {
        let top = p.saturating_sub(1).max(1);
        match self {
            Factor::Range { low, high } => {
                if i >= top {
                    *high
                } else {
                    low + (high - low) * (i as f64 / top as f64)
                }
            }
            Factor::Values(v) => {
                let len = v.len();
                let idx = (i as u128 * len as u128 / top as u128) as usize;
                v.get(idx.min(len.saturating_sub(1))).copied().unwrap_or(0.0)
            }
        }
    }
}

/// An experimental design over the factors.
#[derive(Debug, Clone, PartialEq)]
pub enum Design {
    /// Full factorial. Non-constant ranges get `levels` evenly spaced values including both
    /// ends; lists use their values. Points are in odometer order: the last factor varies
    /// fastest.
    Grid {
        /// Levels per non-constant `Range` factor (>= 2).
        levels: usize,
    },
    /// One-at-a-time around a baseline. Point 0 is the baseline; then, for each factor in
    /// order, one point per level of that factor (levels as in `Grid`, in level order) with
    /// the other factors at baseline, skipping the level nearest the baseline value (ties:
    /// the first). So there are exactly `1 + sum_j (L_j - 1)` points; if the baseline is
    /// not itself a level, the nearest level is the one left out.
    Oat {
        /// Levels per non-constant `Range` factor (>= 2).
        levels: usize,
    },
    /// Latin hypercube with `samples` points: each factor's `[0, 1)` is cut into `samples`
    /// equal strata and each stratum holds exactly one point. Seeded.
    Lhs {
        /// Number of points (>= 2).
        samples: usize,
    },
    /// Saltelli's scheme on the unscrambled Sobol' sequence of `2k` dimensions (first `k`
    /// columns = matrix A, last `k` = matrix B), base rows `0..n` (row 0 is the all-zero
    /// point). Per base row, in order: A, AB_1..AB_k (A with column j from B),
    /// BA_1..BA_k (B with column j from A; only with `second_order`), B.
    /// `n * (k + 2)` points, or `n * (2k + 2)` with second order.
    Sobol {
        /// Base sample size N: a power of two >= 2.
        n: usize,
        /// Also produce the BA_j rows needed for second-order indices.
        second_order: bool,
    },
    /// Morris elementary-effects screening: `trajectories` trajectories of `k + 1` points
    /// on a `levels`-level grid (`levels` even), step `delta = p / (2 (p - 1))`. Seeded.
    Morris {
        /// Number of trajectories r (>= 2).
        trajectories: usize,
        /// Grid levels p (even, >= 2).
        levels: usize,
    },
}

impl Design {
    /// Short lower-case name used in messages.
    pub fn name(&self) -> &'static str {
        match self {
            Design::Grid { .. } => "grid",
            Design::Oat { .. } => "oat",
            Design::Lhs { .. } => "lhs",
            Design::Sobol { .. } => "sobol",
            Design::Morris { .. } => "morris",
        }
    }
}

/// Everything that can be wrong with a design request or an analysis input.
#[derive(Debug, Clone, PartialEq)]
pub enum DesignError {
    /// The factor list is empty.
    NoFactors,
    /// A `Range` has `low > high`.
    InvertedRange {
        /// Factor index.
        factor: usize,
        /// Given lower end.
        low: f64,
        /// Given upper end.
        high: f64,
    },
    /// A bound, range width, list value or baseline value is NaN or infinite.
    NonFinite {
        /// Factor index.
        factor: usize,
        /// Which number ("low", "high", "range width", "value", "baseline value").
        what: &'static str,
        /// The offending number.
        value: f64,
    },
    /// A `Values` factor has an empty list.
    EmptyValues {
        /// Factor index.
        factor: usize,
    },
    /// `levels < 2`.
    TooFewLevels {
        /// Design name.
        design: &'static str,
        /// Given levels.
        levels: usize,
    },
    /// Morris needs an even number of levels.
    OddMorrisLevels {
        /// Given levels.
        levels: usize,
    },
    /// A count (samples, trajectories, bootstrap replicates) is below its minimum.
    TooFewSamples {
        /// Design or analysis name.
        design: &'static str,
        /// Which count.
        what: &'static str,
        /// Given value.
        got: usize,
        /// Minimum allowed.
        min: usize,
    },
    /// More bootstrap replicates than `sensitivity::MAX_BOOTSTRAP`.
    TooManyBootstrap {
        /// Analysis name.
        analysis: &'static str,
        /// Given replicates.
        got: usize,
        /// Maximum allowed.
        max: usize,
    },
    /// Sobol base size is not a power of two >= 2.
    SobolNotPowerOfTwo {
        /// Given N.
        n: usize,
        /// Nearest valid N.
        suggestion: usize,
    },
    /// The design would exceed `MAX_POINTS` points.
    TooManyPoints {
        /// Design name.
        design: &'static str,
        /// Point count it would have (saturated at `u128::MAX`).
        count: u128,
        /// The limit.
        limit: u64,
    },
    /// More factors than the design supports.
    TooManyFactors {
        /// Design name.
        design: &'static str,
        /// Given factor count.
        factors: usize,
        /// Maximum supported.
        max: usize,
    },
    /// `Sobol::new` with 0 or too many dimensions.
    SobolDimensions {
        /// Requested dimensions.
        dims: usize,
        /// Maximum supported.
        max: usize,
    },
    /// OAT baseline does not have one value per factor.
    BaselineLength {
        /// Number of factors.
        expected: usize,
        /// Baseline length given.
        got: usize,
    },
    /// Sobol analysis: the output count does not fit `N * (k + 2)` (or `N * (2k + 2)`), N >= 2.
    SobolOutputLength {
        /// Number of outputs given.
        len: usize,
        /// Number of factors given.
        k: usize,
        /// Second order flag given.
        second_order: bool,
    },
    /// Morris analysis: points/outputs do not number `trajectories * (k + 1)`.
    MorrisShape {
        /// Expected count.
        expected: usize,
        /// Points given.
        points: usize,
        /// Outputs given.
        outputs: usize,
    },
    /// A point does not have one coordinate per factor.
    PointWidth {
        /// Point index.
        index: usize,
        /// Number of factors.
        expected: usize,
        /// Coordinates given.
        got: usize,
    },
    /// An output is NaN or infinite.
    NonFiniteOutput {
        /// Output index.
        index: usize,
        /// The value.
        value: f64,
    },
    /// A point coordinate is NaN or infinite.
    NonFinitePoint {
        /// Point index.
        index: usize,
        /// Factor index.
        factor: usize,
        /// The value.
        value: f64,
    },
    /// Confidence level outside `(0, 1)`.
    BadConfidence {
        /// Given confidence.
        value: f64,
    },
    /// Morris analysis: a step changes more than one factor.
    MorrisStepChangesSeveral {
        /// Trajectory index.
        trajectory: usize,
        /// Step within the trajectory (1-based: point `step` vs point `step - 1`).
        step: usize,
        /// First changed factor.
        first: usize,
        /// Second changed factor.
        second: usize,
    },
    /// Morris analysis: a factor changes twice in one trajectory.
    MorrisFactorRepeated {
        /// Trajectory index.
        trajectory: usize,
        /// Step within the trajectory (1-based).
        step: usize,
        /// The factor.
        factor: usize,
    },
    /// Morris analysis: a range factor moved by something other than `delta` of its range.
    MorrisStepSize {
        /// Trajectory index.
        trajectory: usize,
        /// Step within the trajectory (1-based).
        step: usize,
        /// The factor.
        factor: usize,
        /// Step as a fraction of the factor's range.
        got: f64,
        /// Expected `delta = p / (2 (p - 1))`.
        expected: f64,
    },
    /// Morris analysis: a `Values` factor holds a value that is not in its list.
    ValueNotInList {
        /// Point index.
        index: usize,
        /// Factor index.
        factor: usize,
        /// The value.
        value: f64,
    },
    /// A result does not fit in an `f64` (outputs of magnitude near `f64::MAX`).
    NumericOverflow {
        /// What overflowed.
        what: &'static str,
    },
}

impl fmt::Display for DesignError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use DesignError::*;
        match self {
            NoFactors => write!(f, "a design needs at least one factor; got none"),
            InvertedRange { factor, low, high } => {
                write!(f, "factor {factor}: range low {low} is greater than high {high} (swap them)")
            }
            NonFinite { factor, what, value } => write!(f, "factor {factor}: {what} must be finite; got {value}"),
            EmptyValues { factor } => write!(f, "factor {factor}: value list is empty (give at least one value)"),
            TooFewLevels { design, levels } => {
                write!(f, "{design} needs levels >= 2; got {levels}")
            }
            OddMorrisLevels { levels } => write!(
                f,
                "morris needs an even number of levels so that the step delta = p/(2(p-1)) \
                 lands on the grid; got {levels} (try {})",
                levels.saturating_add(1)
            ),
            TooFewSamples { design, what, got, min } => write!(f, "{design} needs {what} >= {min}; got {got}"),
            TooManyBootstrap { analysis, got, max } => {
                write!(f, "{analysis} allows at most {max} bootstrap replicates; got {got}")
            }
            SobolNotPowerOfTwo { n, suggestion } => {
                write!(f, "sobol needs N >= 2 and a power of two; got {n} (try {suggestion})")
            }
            TooManyPoints { design, count, limit } => {
                if *count == u128::MAX {
                    write!(
                        f,
                        "{design} design would have more than {count} points, far more than \
                         the limit of {limit}"
                    )
                } else {
                    write!(f, "{design} design would have {count} points, more than the limit of {limit}")
                }
            }
            TooManyFactors { design, factors, max } => {
                write!(f, "{design} design supports at most {max} factors; got {factors}")
            }
            SobolDimensions { dims, max } => write!(f, "sobol sequence supports 1 to {max} dimensions; got {dims}"),
            BaselineLength { expected, got } => {
                write!(f, "oat needs one baseline value per factor: expected {expected}, got {got}")
            }
            SobolOutputLength { len, k, second_order } => {
                let row = if *second_order { (*k as u128) * 2 + 2 } else { *k as u128 + 2 };
                write!(
                    f,
                    "sobol analysis: {len} outputs is not N * {row} for any N >= 2 \
                     (k = {k}, second_order = {second_order}); check that k and second_order \
                     match the design"
                )
            }
            MorrisShape { expected, points, outputs } => write!(
                f,
                "morris analysis: expected trajectories * (factors + 1) = {expected} points and \
                 outputs; got {points} points and {outputs} outputs"
            ),
            PointWidth { index, expected, got } => {
                write!(f, "point {index} has {got} coordinates; expected {expected} (one per factor)")
            }
            NonFiniteOutput { index, value } => write!(
                f,
                "output {index} is {value}; analysis needs finite outputs (drop or re-run \
                 failed points)"
            ),
            NonFinitePoint { index, factor, value } => {
                write!(f, "point {index}, factor {factor} is {value}; points must be finite")
            }
            BadConfidence { value } => {
                write!(f, "confidence must be strictly between 0 and 1 (e.g. 0.95); got {value}")
            }
            MorrisStepChangesSeveral { trajectory, step, first, second } => write!(
                f,
                "morris analysis: trajectory {trajectory}, step {step} changes factors {first} \
                 and {second}; each step must change one factor (pass the points generate() \
                 returned, in order)"
            ),
            MorrisFactorRepeated { trajectory, step, factor } => write!(
                f,
                "morris analysis: trajectory {trajectory}, step {step} changes factor {factor} \
                 a second time; each factor moves once per trajectory (pass the points \
                 generate() returned, in order)"
            ),
            MorrisStepSize { trajectory, step, factor, got, expected } => write!(
                f,
                "morris analysis: trajectory {trajectory}, step {step} moves factor {factor} by \
                 {got} of its range; expected delta = {expected} (do levels and factors match \
                 the design?)"
            ),
            ValueNotInList { index, factor, value } => write!(
                f,
                "point {index}, factor {factor} is {value}, which is not in the factor's value \
                 list (do the factors match the design?)"
            ),
            NumericOverflow { what } => {
                write!(f, "{what} overflowed f64; rescale the outputs (they are near f64::MAX)")
            }
        }
    }
}

impl std::error::Error for DesignError {}

/// Checks every factor: at least one; finite bounds and width; `low <= high`; non-empty,
/// finite lists.
///
/// # Errors
///
/// `NoFactors`, `NonFinite`, `InvertedRange` or `EmptyValues`, for the first bad factor.
pub fn validate_factors(factors: &[Factor]) -> Result<(), DesignError> {
    if factors.is_empty() {
        return Err(DesignError::NoFactors);
    }
    for (i, f) in factors.iter().enumerate() {
        match f {
            Factor::Range { low, high } => {
                for (what, value) in [("low", *low), ("high", *high)] {
                    if !value.is_finite() {
                        return Err(DesignError::NonFinite { factor: i, what, value });
                    }
                }
                if low > high {
                    return Err(DesignError::InvertedRange { factor: i, low: *low, high: *high });
                }
                let width = high - low;
                if !width.is_finite() {
                    return Err(DesignError::NonFinite { factor: i, what: "range width (high - low)", value: width });
                }
            }
            Factor::Values(v) => {
                if v.is_empty() {
                    return Err(DesignError::EmptyValues { factor: i });
                }
                if let Some(&value) = v.iter().find(|x| !x.is_finite()) {
                    return Err(DesignError::NonFinite { factor: i, what: "value", value });
                }
            }
        }
    }
    Ok(())
}

/// The power of two >= 2 nearest to `n` (ties go up).
fn nearest_power_of_two(n: usize) -> usize {
    if n <= 2 {
        return 2;
    }
    let up = n.checked_next_power_of_two();
    let down = up.map_or(1usize << (usize::BITS - 1), |u| u / 2);
    match up {
        Some(u) if u - n <= n - down => u,
        _ => down,
    }
}

fn check_levels(design: &'static str, levels: usize) -> Result<(), DesignError> {
    if levels < 2 { Err(DesignError::TooFewLevels { design, levels }) } else { Ok(()) }
}

fn check_count(design: &'static str, what: &'static str, got: usize, min: usize) -> Result<(), DesignError> {
    if got < min { Err(DesignError::TooFewSamples { design, what, got, min }) } else { Ok(()) }
}

/// Validates the Morris parameters (shared with the analysis).
pub(super) fn check_morris(trajectories: usize, levels: usize) -> Result<(), DesignError> {
    check_count("morris", "trajectories", trajectories, 2)?;
    check_levels("morris", levels)?;
    if levels % 2 != 0 {
        return Err(DesignError::OddMorrisLevels { levels });
    }
    Ok(())
}

/// Number of points `generate` returns for this design and these factors (validating both).
///
/// Grid: product of per-factor level counts (see `Factor::level_count`). Oat:
/// `1 + sum (L_j - 1)`. Lhs: `samples`. Sobol: `n * (k + 2)` or `n * (2k + 2)`.
/// Morris: `trajectories * (k + 1)`.
///
/// # Errors
///
/// Factor errors (see `validate_factors`), `TooFewLevels`, `OddMorrisLevels`,
/// `TooFewSamples` (lhs samples or morris trajectories below 2), `SobolNotPowerOfTwo`,
/// `TooManyFactors` (sobol with more than `MAX_SOBOL_FACTORS`), `TooManyPoints`.
pub fn point_count(design: &Design, factors: &[Factor]) -> Result<u64, DesignError> {
    validate_factors(factors)?;
    let k = factors.len() as u128;
    let name = design.name();
    let count: u128 = match *design {
        Design::Grid { levels } => {
            check_levels(name, levels)?;
            factors.iter().fold(1u128, |acc, f| acc.saturating_mul(f.level_count(levels) as u128))
        }
        Design::Oat { levels } => {
            check_levels(name, levels)?;
            factors.iter().fold(1u128, |acc, f| acc.saturating_add(f.level_count(levels) as u128 - 1))
        }
        Design::Lhs { samples } => {
            check_count(name, "samples", samples, 2)?;
            samples as u128
        }
        Design::Sobol { n, second_order } => {
            if n < 2 || !n.is_power_of_two() {
                return Err(DesignError::SobolNotPowerOfTwo { n, suggestion: nearest_power_of_two(n) });
            }
            if factors.len() > MAX_SOBOL_FACTORS {
                return Err(DesignError::TooManyFactors {
                    design: name,
                    factors: factors.len(),
                    max: MAX_SOBOL_FACTORS,
                });
            }
            let row = if second_order { 2 * k + 2 } else { k + 2 };
            (n as u128).saturating_mul(row)
        }
        Design::Morris { trajectories, levels } => {
            check_morris(trajectories, levels)?;
            (trajectories as u128).saturating_mul(k + 1)
        }
    };
    if count > u128::from(MAX_POINTS) {
        return Err(DesignError::TooManyPoints { design: name, count, limit: MAX_POINTS });
    }
    Ok(count as u64)
}

/// Generates the design points as parameter values (see the module docs for the mapping).
///
/// `baseline` (actual values, one per factor) is used by `Oat` only and ignored otherwise.
/// `seed` is used by `Lhs` and `Morris` only. The result has exactly
/// `point_count(design, factors)` points.
///
/// # Errors
///
/// Everything `point_count` reports, plus, for `Oat` only, `BaselineLength` and
/// `NonFinite` (baseline value).
pub fn generate(
    design: &Design,
    factors: &[Factor],
    baseline: &[f64],
    seed: u64,
) -> Result<Vec<Vec<f64>>, DesignError> {
    let count = point_count(design, factors)? as usize;
    let points = match *design {
        Design::Grid { levels } => grid(factors, levels, count),
        Design::Oat { levels } => oat(factors, levels, baseline, count)?,
        Design::Lhs { samples } => lhs(factors, samples, seed),
        Design::Sobol { n, second_order } => saltelli(factors, n, second_order, count)?,
        Design::Morris { trajectories, levels } => morris(factors, trajectories, levels, seed, count),
    };
    debug_assert_eq!(points.len(), count);
    Ok(points)
}

fn grid(factors: &[Factor], levels: usize, count: usize) -> Vec<Vec<f64>> {
    let lv: Vec<Vec<f64>> = factors.iter().map(|f| f.grid_levels(levels)).collect();
    let mut idx = vec![0usize; factors.len()];
    let mut out = Vec::with_capacity(count);
    for _ in 0..count {
        out.push(idx.iter().zip(&lv).map(|(&i, l)| l[i]).collect());
        // Odometer increment, last factor fastest.
        for j in (0..idx.len()).rev() {
            idx[j] += 1;
            if idx[j] < lv[j].len() {
                break;
            }
            idx[j] = 0;
        }
    }
    out
}

fn oat(factors: &[Factor], levels: usize, baseline: &[f64], count: usize) -> Result<Vec<Vec<f64>>, DesignError> {
    if baseline.len() != factors.len() {
        return Err(DesignError::BaselineLength { expected: factors.len(), got: baseline.len() });
    }
    if let Some((factor, &value)) = baseline.iter().enumerate().find(|(_, b)| !b.is_finite()) {
        return Err(DesignError::NonFinite { factor, what: "baseline value", value });
    }
    let mut out = Vec::with_capacity(count);
    out.push(baseline.to_vec());
    for (j, f) in factors.iter().enumerate() {
        let lv = f.grid_levels(levels);
        // The level nearest the baseline (first on ties) stands for the baseline itself.
        let mut skip = 0;
        for (i, v) in lv.iter().enumerate() {
            if (v - baseline[j]).abs() < (lv[skip] - baseline[j]).abs() {
                skip = i;
            }
        }
        for (i, &v) in lv.iter().enumerate() {
            if i != skip {
                let mut p = baseline.to_vec();
                p[j] = v;
                out.push(p);
            }
        }
    }
    Ok(out)
}

fn lhs(factors: &[Factor], samples: usize, seed: u64) -> Vec<Vec<f64>> {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let n = samples as f64;
    let below_one = 1.0 - f64::EPSILON / 2.0;
    let mut out = vec![vec![0.0; factors.len()]; samples];
    // Draw order (part of the reproducibility contract): factor by factor, a permutation
    // of the strata, then one jitter per point in point order.
    for (j, f) in factors.iter().enumerate() {
        let perm = permutation(&mut rng, samples);
        for (p, &stratum) in out.iter_mut().zip(&perm) {
            let u = ((stratum as f64 + unit_f64(&mut rng)) / n).min(below_one);
            p[j] = f.from_unit(u);
        }
    }
    out
}

fn saltelli(factors: &[Factor], n: usize, second_order: bool, count: usize) -> Result<Vec<Vec<f64>>, DesignError> {
    let k = factors.len();
    let mut seq = Sobol::new(2 * k)?;
    let map = |u: &[f64]| -> Vec<f64> { u.iter().zip(factors).map(|(&x, f)| f.from_unit(x)).collect() };
    let mut out = Vec::with_capacity(count);
    for _ in 0..n {
        let p = seq.next_point();
        let a = map(&p[..k]);
        let b = map(&p[k..]);
        out.push(a.clone());
        for j in 0..k {
            let mut ab = a.clone();
            ab[j] = b[j];
            out.push(ab);
        }
        if second_order {
            for j in 0..k {
                let mut ba = b.clone();
                ba[j] = a[j];
                out.push(ba);
            }
        }
        out.push(b);
    }
    Ok(out)
}

fn morris(factors: &[Factor], trajectories: usize, levels: usize, seed: u64, count: usize) -> Vec<Vec<f64>> {
    let k = factors.len();
    let half = levels / 2;
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let map = |lv: &[usize]| -> Vec<f64> { lv.iter().zip(factors).map(|(&i, f)| f.from_level(i, levels)).collect() };
    let mut out = Vec::with_capacity(count);
    // Draw order per trajectory (part of the reproducibility contract): base level of each
    // factor in 0..p/2, then a direction coin per factor, then the factor order.
    for _ in 0..trajectories {
        let base: Vec<usize> = (0..k).map(|_| below(&mut rng, half as u64) as usize).collect();
        let up: Vec<bool> = (0..k).map(|_| coin(&mut rng)).collect();
        let order = permutation(&mut rng, k);
        let mut lv: Vec<usize> = (0..k).map(|j| if up[j] { base[j] } else { base[j] + half }).collect();
        out.push(map(&lv));
        for &j in &order {
            lv[j] = if up[j] { base[j] + half } else { base[j] };
            out.push(map(&lv));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unit_ranges(k: usize) -> Vec<Factor> {
        vec![Factor::Range { low: 0.0, high: 1.0 }; k]
    }

    fn bits(points: &[Vec<f64>]) -> Vec<Vec<u64>> {
        points.iter().map(|p| p.iter().map(|x| x.to_bits()).collect()).collect()
    }

    #[test]
    fn lhs_has_one_point_per_stratum() {
        for n in [2usize, 7, 100, 1000] {
            let pts = generate(&Design::Lhs { samples: n }, &unit_ranges(5), &[], 42).unwrap();
            assert_eq!(pts.len(), n);
            for j in 0..5 {
                let mut seen = vec![0; n];
                for p in &pts {
                    assert!((0.0..1.0).contains(&p[j]));
                    seen[(p[j] * n as f64) as usize] += 1;
                }
                assert!(seen.iter().all(|&c| c == 1), "n={n} dim {j}");
            }
        }
    }

    #[test]
    fn lhs_maps_ranges_and_values() {
        let factors = vec![Factor::Range { low: -2.0, high: 6.0 }, Factor::Values(vec![10.0, 20.0, 30.0, 40.0])];
        let pts = generate(&Design::Lhs { samples: 8 }, &factors, &[], 1).unwrap();
        let mut counts = [0; 4];
        let mut strata = [0; 8];
        for p in &pts {
            assert!((-2.0..6.0).contains(&p[0]));
            strata[((p[0] + 2.0) / 8.0 * 8.0) as usize] += 1;
            counts[(p[1] / 10.0) as usize - 1] += 1;
        }
        assert!(strata.iter().all(|&c| c == 1));
        // 8 strata over 4 values: each value exactly twice.
        assert_eq!(counts, [2, 2, 2, 2]);
    }

    #[test]
    fn grid_is_full_factorial_last_factor_fastest() {
        let factors = vec![
            Factor::Range { low: 0.0, high: 1.0 },
            Factor::Values(vec![5.0, 7.0]),
            Factor::Range { low: 3.0, high: 3.0 },
        ];
        let pts = generate(&Design::Grid { levels: 3 }, &factors, &[], 0).unwrap();
        assert_eq!(
            pts,
            vec![
                vec![0.0, 5.0, 3.0],
                vec![0.0, 7.0, 3.0],
                vec![0.5, 5.0, 3.0],
                vec![0.5, 7.0, 3.0],
                vec![1.0, 5.0, 3.0],
                vec![1.0, 7.0, 3.0],
            ]
        );
        assert_eq!(point_count(&Design::Grid { levels: 3 }, &factors).unwrap(), 6);
        // The top level is exactly `high` even when the spacing is inexact.
        let f = Factor::Range { low: 0.1, high: 0.7 };
        assert_eq!(f.grid_levels(7).last(), Some(&0.7));
        assert_eq!(f.grid_levels(7)[0], 0.1);
    }

    #[test]
    fn grid_count_is_product_of_levels() {
        let factors = vec![
            Factor::Range { low: 0.0, high: 1.0 },
            Factor::Range { low: 0.0, high: 2.0 },
            Factor::Values(vec![1.0, 2.0, 3.0]),
        ];
        for levels in 2..6 {
            let d = Design::Grid { levels };
            let n = point_count(&d, &factors).unwrap();
            assert_eq!(n, (levels * levels * 3) as u64);
            assert_eq!(generate(&d, &factors, &[], 0).unwrap().len() as u64, n);
        }
    }

    #[test]
    fn oat_varies_one_factor_at_a_time_around_the_baseline() {
        let factors = vec![Factor::Range { low: 0.0, high: 1.0 }, Factor::Values(vec![1.0, 2.0, 4.0])];
        let d = Design::Oat { levels: 5 };
        let pts = generate(&d, &factors, &[0.5, 2.0], 0).unwrap();
        assert_eq!(
            pts,
            vec![
                vec![0.5, 2.0],
                vec![0.0, 2.0],
                vec![0.25, 2.0],
                vec![0.75, 2.0],
                vec![1.0, 2.0],
                vec![0.5, 1.0],
                vec![0.5, 4.0],
            ]
        );
        // 1 + sum(L_j - 1) = 1 + 4 + 2.
        assert_eq!(point_count(&d, &factors).unwrap(), 7);
        // A baseline that is not a level: the nearest level (0.25) is left out.
        let pts = generate(&d, &factors, &[0.3, 3.5], 0).unwrap();
        assert_eq!(pts.len(), 7);
        assert_eq!(pts[0], vec![0.3, 3.5]);
        let firsts: Vec<f64> = pts[1..5].iter().map(|p| p[0]).collect();
        assert_eq!(firsts, vec![0.0, 0.5, 0.75, 1.0]);
        assert_eq!(pts[5], vec![0.3, 1.0]);
        assert_eq!(pts[6], vec![0.3, 2.0]);
    }

    #[test]
    fn oat_count_rule() {
        let factors = vec![
            Factor::Range { low: 0.0, high: 1.0 },
            Factor::Range { low: 2.0, high: 2.0 },
            Factor::Values(vec![1.0, 2.0, 3.0, 4.0]),
            Factor::Values(vec![9.0]),
        ];
        for levels in 2..7 {
            let d = Design::Oat { levels };
            let n = point_count(&d, &factors).unwrap();
            // Range: levels - 1; constant range: 0; four values: 3; one value: 0.
            assert_eq!(n, 1 + (levels as u64 - 1) + 3);
            let pts = generate(&d, &factors, &[0.0, 2.0, 1.0, 9.0], 0).unwrap();
            assert_eq!(pts.len() as u64, n);
        }
    }

    #[test]
    fn sobol_design_follows_saltelli_layout() {
        let k = 3;
        let factors = unit_ranges(k);
        for second_order in [false, true] {
            let d = Design::Sobol { n: 16, second_order };
            let row = if second_order { 2 * k + 2 } else { k + 2 };
            let pts = generate(&d, &factors, &[], 0).unwrap();
            assert_eq!(pts.len(), 16 * row);
            assert_eq!(point_count(&d, &factors).unwrap() as usize, 16 * row);
            let seq = Sobol::new(2 * k).unwrap();
            for i in 0..16 {
                let p = seq.point(i as u64);
                let r = &pts[i * row..(i + 1) * row];
                assert_eq!(r[0], p[..k].to_vec(), "A row {i}");
                assert_eq!(r[row - 1], p[k..].to_vec(), "B row {i}");
                for j in 0..k {
                    let mut ab = p[..k].to_vec();
                    ab[j] = p[k + j];
                    assert_eq!(r[1 + j], ab);
                    if second_order {
                        let mut ba = p[k..].to_vec();
                        ba[j] = p[j];
                        assert_eq!(r[1 + k + j], ba);
                    }
                }
            }
        }
        // Row 1 of the base sequence maps to the middle of each range.
        let f = vec![Factor::Range { low: -1.0, high: 3.0 }];
        let pts = generate(&Design::Sobol { n: 2, second_order: false }, &f, &[], 0).unwrap();
        assert_eq!(pts, vec![vec![-1.0], vec![-1.0], vec![-1.0], vec![1.0], vec![1.0], vec![1.0]]);
    }

    #[test]
    fn sobol_count_rule() {
        for k in [1usize, 2, 5, MAX_SOBOL_FACTORS] {
            let f = unit_ranges(k);
            let a = Design::Sobol { n: 64, second_order: false };
            let b = Design::Sobol { n: 64, second_order: true };
            assert_eq!(point_count(&a, &f).unwrap(), 64 * (k as u64 + 2));
            assert_eq!(point_count(&b, &f).unwrap(), 64 * (2 * k as u64 + 2));
        }
    }

    #[test]
    fn morris_trajectories_step_one_factor_by_delta() {
        let k = 6;
        let levels = 4;
        let delta = levels as f64 / (2.0 * (levels as f64 - 1.0));
        let r = 30;
        let d = Design::Morris { trajectories: r, levels };
        let pts = generate(&d, &unit_ranges(k), &[], 9).unwrap();
        assert_eq!(pts.len(), r * (k + 1));
        assert_eq!(point_count(&d, &unit_ranges(k)).unwrap() as usize, r * (k + 1));
        let grid: Vec<f64> = (0..levels).map(|i| i as f64 / 3.0).collect();
        let mut level_hits = vec![0usize; levels];
        for t in 0..r {
            let traj = &pts[t * (k + 1)..(t + 1) * (k + 1)];
            let mut moved = vec![false; k];
            for p in traj {
                for &x in p {
                    let l = grid.iter().position(|&g| (g - x).abs() < 1e-12).unwrap();
                    level_hits[l] += 1;
                }
            }
            for s in 1..=k {
                let changed: Vec<usize> = (0..k).filter(|&j| traj[s][j] != traj[s - 1][j]).collect();
                assert_eq!(changed.len(), 1);
                let j = changed[0];
                assert!(!moved[j]);
                moved[j] = true;
                assert!(((traj[s][j] - traj[s - 1][j]).abs() - delta).abs() < 1e-12);
            }
        }
        assert!(level_hits.iter().all(|&h| h > 0), "{level_hits:?}");
    }

    #[test]
    fn morris_count_rule() {
        for k in 1..5 {
            for r in [2usize, 10] {
                let d = Design::Morris { trajectories: r, levels: 6 };
                assert_eq!(point_count(&d, &unit_ranges(k)).unwrap(), (r * (k + 1)) as u64);
            }
        }
    }

    #[test]
    fn values_factors_map_by_floor_of_u_times_len() {
        let f = Factor::Values(vec![1.0, 2.0, 3.0]);
        assert_eq!(f.from_unit(0.0), 1.0);
        assert_eq!(f.from_unit(0.33), 1.0);
        assert_eq!(f.from_unit(0.34), 2.0);
        assert_eq!(f.from_unit(0.999), 3.0);
        assert_eq!(f.from_unit(1.0), 3.0);
        // Morris levels of a 4-level grid on a 3-value list: u = 0, 1/3, 2/3, 1.
        let got: Vec<f64> = (0..4).map(|i| f.from_level(i, 4)).collect();
        assert_eq!(got, vec![1.0, 2.0, 3.0, 3.0]);
    }

    #[test]
    fn determinism_same_seed_same_bits_different_seed_differs() {
        let factors = vec![
            Factor::Range { low: -3.0, high: 5.0 },
            Factor::Values(vec![1.0, 2.0, 3.0]),
            Factor::Range { low: 0.0, high: 1e-3 },
        ];
        let designs = [
            Design::Grid { levels: 4 },
            Design::Oat { levels: 4 },
            Design::Lhs { samples: 50 },
            Design::Sobol { n: 32, second_order: true },
            Design::Morris { trajectories: 10, levels: 4 },
        ];
        let baseline = [1.0, 2.0, 0.0];
        for d in &designs {
            let a = generate(d, &factors, &baseline, 7).unwrap();
            let b = generate(d, &factors, &baseline, 7).unwrap();
            assert_eq!(bits(&a), bits(&b), "{d:?}");
        }
        let a = generate(&designs[2], &factors, &[], 7).unwrap();
        let b = generate(&designs[2], &factors, &[], 8).unwrap();
        assert_ne!(bits(&a), bits(&b));
        let a = generate(&designs[4], &factors, &[], 7).unwrap();
        let b = generate(&designs[4], &factors, &[], 8).unwrap();
        assert_ne!(bits(&a), bits(&b));
        // Seed-free designs ignore the seed.
        for d in &designs[..2] {
            let a = generate(d, &factors, &baseline, 1).unwrap();
            let b = generate(d, &factors, &baseline, 2).unwrap();
            assert_eq!(bits(&a), bits(&b));
        }
    }

    /// Golden values: guard the reproducibility contract (draw order and mapping). If this
    /// fails after an intentional change, old sweeps will no longer reproduce bit-for-bit.
    #[test]
    fn seeded_designs_are_stable_across_versions() {
        let f = unit_ranges(2);
        let lhs = generate(&Design::Lhs { samples: 3 }, &f, &[], 2024).unwrap();
        let morris = generate(&Design::Morris { trajectories: 2, levels: 4 }, &f, &[], 2024).unwrap();
        let lhs_bits: Vec<u64> = lhs.iter().flatten().map(|x| x.to_bits()).collect();
        let morris_vals: Vec<f64> = morris.iter().flatten().map(|x| x * 3.0).collect();
        assert_eq!(lhs_bits, GOLDEN_LHS.to_vec(), "{lhs:?}");
        assert_eq!(
            morris_vals.iter().map(|x| x.round() as i64).collect::<Vec<_>>(),
            GOLDEN_MORRIS.to_vec(),
            "{morris:?}"
        );
    }

    const GOLDEN_LHS: [u64; 6] = [
        4606238814486253567,
        4605121682961966531,
        4603903383148185195,
        4594998270345001877,
        4597474044159735641,
        4603736355156851203,
    ];
    const GOLDEN_MORRIS: [i64; 12] = [0, 1, 2, 1, 2, 3, 2, 2, 0, 2, 0, 0];

    #[test]
    fn constant_factors_are_allowed_everywhere() {
        let factors = vec![Factor::Range { low: 2.0, high: 2.0 }, Factor::Range { low: 0.0, high: 1.0 }];
        for d in [
            Design::Grid { levels: 3 },
            Design::Oat { levels: 3 },
            Design::Lhs { samples: 5 },
            Design::Sobol { n: 4, second_order: false },
            Design::Morris { trajectories: 3, levels: 4 },
        ] {
            let pts = generate(&d, &factors, &[2.0, 0.5], 3).unwrap();
            assert_eq!(pts.len() as u64, point_count(&d, &factors).unwrap());
            assert!(pts.iter().all(|p| p[0] == 2.0), "{d:?}");
        }
    }

    fn err(d: &Design, f: &[Factor], baseline: &[f64]) -> DesignError {
        generate(d, f, baseline, 0).unwrap_err()
    }

    #[test]
    fn every_design_error_is_reported_with_the_offending_value() {
        let ok = unit_ranges(2);
        let grid = Design::Grid { levels: 3 };
        let cases: Vec<(DesignError, &str)> = vec![
            (err(&grid, &[], &[]), "got none"),
            (err(&grid, &[Factor::Range { low: 2.5, high: 1.5 }], &[]), "2.5 is greater than high 1.5"),
            (err(&grid, &[Factor::Range { low: f64::NAN, high: 1.0 }], &[]), "low must be finite; got NaN"),
            (
                err(&grid, &[Factor::Range { low: -f64::MAX, high: f64::MAX }], &[]),
                "range width (high - low) must be finite; got inf",
            ),
            (err(&grid, &[Factor::Values(vec![1.0, f64::INFINITY])], &[]), "value must be finite; got inf"),
            (err(&grid, &[ok[0].clone(), Factor::Values(vec![])], &[]), "factor 1: value list is empty"),
            (err(&Design::Grid { levels: 1 }, &ok, &[]), "levels >= 2; got 1"),
            (err(&Design::Oat { levels: 0 }, &ok, &[0.5, 0.5]), "oat needs levels >= 2; got 0"),
            (err(&Design::Morris { trajectories: 4, levels: 5 }, &ok, &[]), "got 5 (try 6)"),
            (err(&Design::Morris { trajectories: 1, levels: 4 }, &ok, &[]), "morris needs trajectories >= 2; got 1"),
            (err(&Design::Lhs { samples: 1 }, &ok, &[]), "lhs needs samples >= 2; got 1"),
            (
                err(&Design::Sobol { n: 1000, second_order: false }, &ok, &[]),
                "sobol needs N >= 2 and a power of two; got 1000 (try 1024)",
            ),
            (err(&Design::Sobol { n: 1, second_order: false }, &ok, &[]), "got 1 (try 2)"),
            (
                err(&Design::Sobol { n: 8, second_order: false }, &unit_ranges(MAX_SOBOL_FACTORS + 1), &[]),
                "at most 128 factors; got 129",
            ),
            (err(&Design::Lhs { samples: 20_000_000 }, &ok, &[]), "20000000 points, more than the limit of 10000000"),
            (
                err(&Design::Grid { levels: 1000 }, &unit_ranges(20), &[]),
                "more than 340282366920938463463374607431768211455 points",
            ),
            (err(&Design::Oat { levels: 3 }, &ok, &[0.5]), "expected 2, got 1"),
            (
                err(&Design::Oat { levels: 3 }, &ok, &[0.5, f64::NEG_INFINITY]),
                "factor 1: baseline value must be finite; got -inf",
            ),
        ];
        for (e, needle) in cases {
            let msg = e.to_string();
            assert!(msg.contains(needle), "message {msg:?} lacks {needle:?}");
        }
    }

    /// Odd and extreme inputs never panic (run this under `cargo test` in debug too, where
    /// integer overflow would panic): every call returns `Ok` with `point_count` points or
    /// an `Err`.
    #[test]
    fn extreme_inputs_never_panic() {
        let sizes = [0usize, 1, 2, 3, 4, 5, 7, 8, 1000, 1024, usize::MAX / 2, usize::MAX];
        let specials = [0.0, -0.0, 1.0, -1e308, 1e308, f64::MAX, f64::MIN_POSITIVE, f64::NAN];
        let mut factor_sets: Vec<Vec<Factor>> = vec![vec![]];
        for &a in &specials {
            for &b in &specials {
                factor_sets.push(vec![Factor::Range { low: a, high: b }]);
            }
            factor_sets.push(vec![Factor::Values(vec![a]), Factor::Values(vec![a, 1.0])]);
        }
        factor_sets.push(unit_ranges(3));
        for factors in &factor_sets {
            for &m in &sizes {
                let designs = [
                    Design::Grid { levels: m },
                    Design::Oat { levels: m },
                    Design::Lhs { samples: m },
                    Design::Sobol { n: m, second_order: m % 2 == 0 },
                    Design::Morris { trajectories: m, levels: m },
                    Design::Morris { trajectories: 3, levels: m },
                    Design::Morris { trajectories: m, levels: 4 },
                ];
                for d in &designs {
                    let count = point_count(d, factors);
                    for baseline in [vec![], vec![0.5; factors.len()], vec![f64::NAN; 3]] {
                        match (generate(d, factors, &baseline, m as u64), &count) {
                            (Ok(p), Ok(c)) => {
                                assert_eq!(p.len() as u64, *c);
                                assert!(p.iter().flatten().all(|x| x.is_finite()));
                            }
                            (Err(e), _) => assert!(!e.to_string().is_empty()),
                            (Ok(_), Err(e)) => panic!("generate ok but point_count {e}"),
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn nearest_power_of_two_suggestions() {
        assert_eq!(nearest_power_of_two(0), 2);
        assert_eq!(nearest_power_of_two(3), 4);
        assert_eq!(nearest_power_of_two(1000), 1024);
        assert_eq!(nearest_power_of_two(1500), 1024);
        assert_eq!(nearest_power_of_two(1600), 2048);
        assert_eq!(nearest_power_of_two(usize::MAX), 1usize << (usize::BITS - 1));
    }
}

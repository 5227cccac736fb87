//! Sensitivity analysis of sweep outputs: owns the Sobol' variance-based estimators
//! (Saltelli 2010 first order, Jansen total order, Saltelli 2002 second order, as in SALib)
//! and the Morris elementary-effects statistics, each with seeded bootstrap confidence
//! intervals.
//!
//! Conventions:
//! - `y` is in exactly the order `design::generate` produced the points.
//! - Confidence intervals are **normal bootstrap intervals**, `estimate ± z * sd_boot`, with
//!   `z = Φ⁻¹(0.5 + confidence / 2)` and `sd_boot` the sample standard deviation of the
//!   bootstrap replicates (as SALib's `*_conf`, which reports the half-width `z * sd_boot`).
//!   We use this rather than the percentile interval because the Sobol estimators are
//!   biased in small resamples, so a percentile interval can exclude the point estimate;
//!   the normal interval is always centred on it. Sobol intervals are not clamped (index
//!   estimates can be slightly negative); the Morris `mu*` interval is clamped below at 0.
//! - Bootstrap replicates draw indices with a `ChaCha8Rng` seeded from `seed`; one resample
//!   per replicate is shared by all indices of that replicate.
//! - Zero-variance output (all `y` equal) gives indices of exactly 0 with intervals (0, 0).
//!   Results never contain NaN or infinity: non-finite input is an error.

use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;

use super::design::{DesignError, Factor, MAX_SOBOL_FACTORS, check_morris, validate_factors};
use super::util::{below, inverse_normal_cdf, pow2_scale, sample_sd};

/// First- and total-order Sobol' indices of one factor.
#[derive(Debug, Clone, PartialEq)]
pub struct SobolIndex {
    /// Factor index (position in the factor list).
    pub factor: usize,
    /// First-order index S1 (Saltelli et al. 2010).
    pub s1: f64,
    /// Confidence interval of S1.
    pub s1_ci: (f64, f64),
    /// Total-order index ST (Jansen 1999 estimator).
    pub st: f64,
    /// Confidence interval of ST.
    pub st_ci: (f64, f64),
}

/// Second-order Sobol' index of a pair of factors `i < j`.
#[derive(Debug, Clone, PartialEq)]
pub struct SobolSecond {
    /// First factor index.
    pub i: usize,
    /// Second factor index (`j > i`).
    pub j: usize,
    /// Second-order index S2 (Saltelli 2002, as SALib).
    pub s2: f64,
    /// Confidence interval of S2.
    pub s2_ci: (f64, f64),
}

/// Morris screening statistics of one factor.
#[derive(Debug, Clone, PartialEq)]
pub struct MorrisIndex {
    /// Factor index (position in the factor list).
    pub factor: usize,
    /// Mean elementary effect.
    pub mu: f64,
    /// Mean absolute elementary effect.
    pub mu_star: f64,
    /// Bootstrap confidence interval of `mu_star` (over trajectories).
    pub mu_star_ci: (f64, f64),
    /// Sample standard deviation (divisor `r - 1`) of the elementary effects.
    pub sigma: f64,
}

fn check_bootstrap(analysis: &'static str, bootstrap: usize, confidence: f64) -> Result<f64, DesignError> {
    if bootstrap < 2 {
        return Err(DesignError::TooFewSamples { design: analysis, what: "bootstrap", got: bootstrap, min: 2 });
    }
    if bootstrap > MAX_BOOTSTRAP {
        return Err(DesignError::TooManyBootstrap { analysis, got: bootstrap, max: MAX_BOOTSTRAP });
    }
    if !(confidence > 0.0 && confidence < 1.0) {
        return Err(DesignError::BadConfidence { value: confidence });
    }
    Ok(inverse_normal_cdf(0.5 + confidence / 2.0))
}

fn check_outputs(y: &[f64]) -> Result<(), DesignError> {
    match y.iter().position(|v| !v.is_finite()) {
        Some(index) => Err(DesignError::NonFiniteOutput { index, value: y[index] }),
        None => Ok(()),
    }
}

/// Largest number of bootstrap replicates accepted (bounds run time; memory does not grow
/// with it because replicate spreads are accumulated online).
pub const MAX_BOOTSTRAP: usize = 1_000_000;

/// Online mean and spread of bootstrap replicates (Welford), updated in replicate order so
/// the result is deterministic.
#[derive(Clone, Copy, Default)]
struct Spread {
    count: f64,
    mean: f64,
    m2: f64,
}

impl Spread {
    fn push(&mut self, x: f64) {
        self.count += 1.0;
        let d = x - self.mean;
        self.mean += d / self.count;
        self.m2 += d * (x - self.mean);
    }

    /// Sample standard deviation (divisor count - 1); 0 if undefined.
    fn sd(&self) -> f64 {
        if self.count < 2.0 {
            return 0.0;
        }
        let sd = (self.m2 / (self.count - 1.0)).max(0.0).sqrt();
        if sd.is_finite() { sd } else { 0.0 }
    }

    /// Normal interval `estimate ± z * sd`.
    fn ci(&self, estimate: f64, z: f64) -> (f64, f64) {
        let half = z * self.sd();
        (estimate - half, estimate + half)
    }
}

/// The Saltelli blocks of standardised outputs: A, B (length N), AB and BA (n × k,
/// row-major; BA empty without second order).
struct Blocks {
    k: usize,
    a: Vec<f64>,
    b: Vec<f64>,
    ab: Vec<f64>,
    ba: Vec<f64>,
}

/// Point or replicate estimates: S1 and ST per factor, S2 per pair (i < j, row order).
struct Estimates {
    s1: Vec<f64>,
    st: Vec<f64>,
    s2: Vec<f64>,
}

/// Estimates from row weights `w` (how often each base row is in the resample; all ones
/// for the point estimate). Means are over the resample, variance over A and B together
/// (divisor 2n, as SALib's `np.var`).
fn sobol_estimates(bl: &Blocks, w: &[f64], second_order: bool) -> Estimates {
    let k = bl.k;
    let pairs = k * k.saturating_sub(1) / 2;
    let total: f64 = w.iter().sum();
    let mut s1 = vec![0.0; k];
    let mut st = vec![0.0; k];
    let mut s2 = vec![0.0; if second_order { pairs } else { 0 }];
    if total <= 0.0 {
        return Estimates { s1, st, s2 };
    }
    // Rows of the resample: (weight, A, B, AB row, BA row), skipping rows not drawn.
    let rows = || {
        w.iter().zip(bl.a.iter().zip(&bl.b)).enumerate().filter(|(_, (wi, _))| **wi != 0.0).map(
            move |(i, (&wi, (&a, &b)))| {
                let ba = if second_order { &bl.ba[i * k..(i + 1) * k] } else { &[][..] };
                (wi, a, b, &bl.ab[i * k..(i + 1) * k], ba)
            },
        )
    };
    let sum: f64 = rows().map(|(wi, a, b, _, _)| wi * (a + b)).sum();
    let mean = sum / (2.0 * total);
    let ss: f64 = rows().map(|(wi, a, b, _, _)| wi * ((a - mean) * (a - mean) + (b - mean) * (b - mean))).sum();
    let var = ss / (2.0 * total);
    // Also false for NaN: a degenerate resample contributes zeros, never NaN.
    if var.partial_cmp(&f64::EPSILON) != Some(std::cmp::Ordering::Greater) {
        return Estimates { s1, st, s2 };
    }
    let mut ab_prod = 0.0;
    for (wi, a, b, ab, ba) in rows() {
        for ((s1j, stj), &abj) in s1.iter_mut().zip(st.iter_mut()).zip(ab) {
            *s1j += wi * b * (abj - a);
            *stj += wi * (a - abj) * (a - abj);
        }
        if second_order {
            ab_prod += wi * a * b;
            let mut cells = s2.iter_mut();
            for (j, &baj) in ba.iter().enumerate() {
                for (&abm, cell) in ab[j + 1..].iter().zip(cells.by_ref()) {
                    *cell += wi * baj * abm;
                }
            }
        }
    }
    for (s1j, stj) in s1.iter_mut().zip(st.iter_mut()) {
        *s1j = *s1j / total / var;
        *stj = 0.5 * *stj / total / var;
    }
    if second_order {
        let mut cells = s2.iter_mut();
        for (j, &s1j) in s1.iter().enumerate() {
            // The slice leads the zip so that `cells` is not advanced past the row's end.
            for (&s1m, cell) in s1[j + 1..].iter().zip(cells.by_ref()) {
                *cell = (*cell - ab_prod) / total / var - s1j - s1m;
            }
        }
    }
    Estimates { s1, st, s2 }
}

/// Sobol' indices from the outputs of a `Design::Sobol` sweep over `k` factors.
///
/// `y` has `N * (k + 2)` entries (or `N * (2k + 2)` with `second_order`), in generate's
/// order: per base row A, AB_1..AB_k, [BA_1..BA_k], B. Outputs are standardised by their
/// overall mean and standard deviation first (as SALib), which leaves the indices'
/// definitions unchanged but reduces estimator variance. Estimators:
/// - `S1_j = mean(f_B * (f_ABj - f_A)) / V`,
/// - `ST_j = 0.5 * mean((f_A - f_ABj)^2) / V` (Jansen),
/// - `S2_ij = mean(f_BAi * f_ABj - f_A * f_B) / V - S1_i - S1_j`,
///
/// with `V` the variance (divisor 2N) of A and B together. Intervals: `bootstrap`
/// replicates resampling the N base rows with replacement; see the module docs.
/// Second-order pairs come in order (0,1), (0,2), .., (1,2), ..; empty without
/// `second_order`.
///
/// # Errors
///
/// `NoFactors` (k = 0), `TooManyFactors` (k > `MAX_SOBOL_FACTORS`), `SobolOutputLength`,
/// `TooFewSamples`/`TooManyBootstrap` (bootstrap outside 2..=`MAX_BOOTSTRAP`),
/// `BadConfidence`, `NonFiniteOutput`, and (defensively) `NumericOverflow`.
pub fn sobol_analyze(
    y: &[f64],
    k: usize,
    second_order: bool,
    bootstrap: usize,
    confidence: f64,
    seed: u64,
) -> Result<(Vec<SobolIndex>, Vec<SobolSecond>), DesignError> {
    if k == 0 {
        return Err(DesignError::NoFactors);
    }
    if k > MAX_SOBOL_FACTORS {
        return Err(DesignError::TooManyFactors { design: "sobol", factors: k, max: MAX_SOBOL_FACTORS });
    }
    let row = if second_order { k.checked_mul(2).and_then(|x| x.checked_add(2)) } else { k.checked_add(2) };
    let bad_len = DesignError::SobolOutputLength { len: y.len(), k, second_order };
    let row = row.ok_or(bad_len.clone())?;
    if y.len() % row != 0 || y.len() / row < 2 {
        return Err(bad_len);
    }
    let z = check_bootstrap("sobol analysis", bootstrap, confidence)?;
    check_outputs(y)?;
    let n = y.len() / row;

    // Standardise: exact power-of-two prescale (no overflow), then centre and scale.
    let scale = pow2_scale(y.iter().fold(0.0f64, |m, v| m.max(v.abs())));
    let ys: Vec<f64> = y.iter().map(|v| v / scale).collect();
    let len = ys.len() as f64;
    let mean = ys.iter().sum::<f64>() / len;
    let var = ys.iter().map(|v| (v - mean) * (v - mean)).sum::<f64>() / len;
    let constant = y.iter().all(|&v| v == y[0]) || var.is_nan() || var <= 0.0;
    let sd = if constant { 1.0 } else { var.sqrt() };
    let std = |v: f64| (v - mean) / sd;

    let mut bl = Blocks {
        k,
        a: Vec::with_capacity(n),
        b: Vec::with_capacity(n),
        ab: Vec::with_capacity(n * k),
        ba: Vec::with_capacity(if second_order { n * k } else { 0 }),
    };
    for r in ys.chunks_exact(row) {
        bl.a.push(std(r[0]));
        bl.b.push(std(r[row - 1]));
        bl.ab.extend(r[1..=k].iter().map(|&v| std(v)));
        if second_order {
            bl.ba.extend(r[k + 1..=2 * k].iter().map(|&v| std(v)));
        }
    }

    let pairs: Vec<(usize, usize)> =
        if second_order { (0..k).flat_map(|i| (i + 1..k).map(move |j| (i, j))).collect() } else { Vec::new() };
    if constant {
        let first = (0..k)
            .map(|factor| SobolIndex { factor, s1: 0.0, s1_ci: (0.0, 0.0), st: 0.0, st_ci: (0.0, 0.0) })
            .collect();
        let second = pairs.iter().map(|&(i, j)| SobolSecond { i, j, s2: 0.0, s2_ci: (0.0, 0.0) }).collect();
        return Ok((first, second));
    }

    let point = sobol_estimates(&bl, &vec![1.0; n], second_order);
    let mut sp_s1 = vec![Spread::default(); k];
    let mut sp_st = vec![Spread::default(); k];
    let mut sp_s2 = vec![Spread::default(); pairs.len()];
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let mut w = vec![0.0; n];
    for _ in 0..bootstrap {
        w.iter_mut().for_each(|x| *x = 0.0);
        for _ in 0..n {
            w[below(&mut rng, n as u64) as usize] += 1.0;
        }
        let e = sobol_estimates(&bl, &w, second_order);
        for (sp, v) in sp_s1.iter_mut().zip(&e.s1) {
            sp.push(*v);
        }
        for (sp, v) in sp_st.iter_mut().zip(&e.st) {
            sp.push(*v);
        }
        for (sp, v) in sp_s2.iter_mut().zip(&e.s2) {
            sp.push(*v);
        }
    }
    let first: Vec<SobolIndex> = (0..k)
        .map(|factor| SobolIndex {
            factor,
            s1: point.s1[factor],
            s1_ci: sp_s1[factor].ci(point.s1[factor], z),
            st: point.st[factor],
            st_ci: sp_st[factor].ci(point.st[factor], z),
        })
        .collect();
    let second: Vec<SobolSecond> = pairs
        .iter()
        .enumerate()
        .map(|(p, &(i, j))| SobolSecond { i, j, s2: point.s2[p], s2_ci: sp_s2[p].ci(point.s2[p], z) })
        .collect();
    let finite =
        first.iter().all(|s| [s.s1, s.s1_ci.0, s.s1_ci.1, s.st, s.st_ci.0, s.st_ci.1].iter().all(|v| v.is_finite()))
            && second.iter().all(|s| [s.s2, s.s2_ci.0, s.s2_ci.1].iter().all(|v| v.is_finite()));
    if !finite {
        return Err(DesignError::NumericOverflow { what: "sobol indices" });
    }
    Ok((first, second))
}

/// Morris screening statistics from the points and outputs of a `Design::Morris` sweep.
///
/// `points` are the values `generate` returned (used to find which factor each step moved
/// and in which direction), `y` the matching outputs, `factors`, `trajectories` and
/// `levels` as given to the design.
///
/// An elementary effect is `(y_after - y_before) / (±delta)` with `delta = p / (2 (p - 1))`
/// and the sign of the move in the factor's normalised coordinate, so effects are in output
/// units per unit of the *normalised* input (the whole range = 1), as in SALib's unscaled
/// Morris. For a `Range` the direction is the sign of the value change (and the step must be
/// `delta` of the range); for `Values` it is the order of the two values in the list (first
/// occurrence; a list with repeated values can make the sign, hence `mu`, ambiguous, but
/// not `mu_star`). A step that moves no factor (a list mapping two levels to the same value,
/// or a constant factor) gives that trajectory's unmoved factor an effect of 0.
///
/// `mu` is the mean effect, `mu_star` the mean absolute effect, `sigma` the sample standard
/// deviation (divisor r - 1), and `mu_star_ci` a bootstrap interval resampling the
/// trajectories (see the module docs). Results are in factor order.
///
/// # Errors
///
/// Factor validation errors (as `design::validate_factors`), Morris parameter errors (as
/// `point_count`), bootstrap/confidence errors (as `sobol_analyze`), `MorrisShape`,
/// `PointWidth`, `NonFinitePoint`, `NonFiniteOutput`, the trajectory checks
/// `MorrisStepChangesSeveral`, `MorrisFactorRepeated`, `MorrisStepSize`, `ValueNotInList`,
/// and `NumericOverflow` for outputs so large that the statistics exceed `f64`.
#[allow(clippy::too_many_arguments)]
pub fn morris_analyze(
    points: &[Vec<f64>],
    y: &[f64],
    factors: &[Factor],
    trajectories: usize,
    levels: usize,
    bootstrap: usize,
    confidence: f64,
    seed: u64,
) -> Result<Vec<MorrisIndex>, DesignError> {
    validate_factors(factors)?;
    check_morris(trajectories, levels)?;
    let z = check_bootstrap("morris analysis", bootstrap, confidence)?;
    let k = factors.len();
    let r = trajectories;
    let expected = r.saturating_mul(k + 1);
    if points.len() != expected || y.len() != expected {
        return Err(DesignError::MorrisShape { expected, points: points.len(), outputs: y.len() });
    }
    for (index, p) in points.iter().enumerate() {
        if p.len() != k {
            return Err(DesignError::PointWidth { index, expected: k, got: p.len() });
        }
        if let Some((factor, &value)) = p.iter().enumerate().find(|(_, v)| !v.is_finite()) {
            return Err(DesignError::NonFinitePoint { index, factor, value });
        }
    }
    check_outputs(y)?;

    let delta = levels as f64 / (2.0 * (levels as f64 - 1.0));
    let scale = pow2_scale(y.iter().fold(0.0f64, |m, v| m.max(v.abs())));
    // Elementary effects, factor-major: ee[j * r + t], in units of `scale`.
    let mut ee = vec![0.0; k * r];
    for t in 0..r {
        let base = t * (k + 1);
        let mut moved = vec![false; k];
        for step in 1..=k {
            let (prev, cur) = (&points[base + step - 1], &points[base + step]);
            let mut changed = (0..k).filter(|&j| prev[j] != cur[j]);
            let Some(j) = changed.next() else {
                continue;
            };
            if let Some(second) = changed.next() {
                return Err(DesignError::MorrisStepChangesSeveral { trajectory: t, step, first: j, second });
            }
            if moved[j] {
                return Err(DesignError::MorrisFactorRepeated { trajectory: t, step, factor: j });
            }
            moved[j] = true;
            let up = match &factors[j] {
                Factor::Range { low, high } => {
                    let width = high - low;
                    let frac = (cur[j] - prev[j]) / width;
                    let tol = 1e-6 + 8.0 * f64::EPSILON * low.abs().max(high.abs()) / width;
                    if (frac.abs() - delta).abs().is_nan() || (frac.abs() - delta).abs() > tol {
                        return Err(DesignError::MorrisStepSize {
                            trajectory: t,
                            step,
                            factor: j,
                            got: frac.abs(),
                            expected: delta,
                        });
                    }
                    frac > 0.0
                }
                Factor::Values(list) => {
                    let pos = |index: usize| {
                        let value = points[index][j];
                        list.iter().position(|&v| v == value).ok_or(DesignError::ValueNotInList {
                            index,
                            factor: j,
                            value,
                        })
                    };
                    pos(base + step)? > pos(base + step - 1)?
                }
            };
            let dy = y[base + step] / scale - y[base + step - 1] / scale;
            ee[j * r + t] = if up { dy / delta } else { -dy / delta };
        }
    }

    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let mut sp_mu_star = vec![Spread::default(); k];
    let mut counts = vec![0.0; r];
    for _ in 0..bootstrap {
        counts.iter_mut().for_each(|c| *c = 0.0);
        for _ in 0..r {
            counts[below(&mut rng, r as u64) as usize] += 1.0;
        }
        for j in 0..k {
            let e = &ee[j * r..(j + 1) * r];
            let s: f64 = e.iter().zip(&counts).map(|(x, c)| c * x.abs()).sum();
            sp_mu_star[j].push(s / r as f64);
        }
    }

    let mut out = Vec::with_capacity(k);
    for factor in 0..k {
        let e = &ee[factor * r..(factor + 1) * r];
        let mu = e.iter().sum::<f64>() / r as f64;
        let mu_star = e.iter().map(|x| x.abs()).sum::<f64>() / r as f64;
        let sigma = sample_sd(e);
        let half = z * sp_mu_star[factor].sd();
        let lo = (mu_star - half).max(0.0);
        let m = MorrisIndex {
            factor,
            mu: mu * scale,
            mu_star: mu_star * scale,
            mu_star_ci: (lo * scale, (mu_star + half) * scale),
            sigma: sigma * scale,
        };
        let finite = [m.mu, m.mu_star, m.mu_star_ci.0, m.mu_star_ci.1, m.sigma].iter().all(|v| v.is_finite());
        if !finite {
            return Err(DesignError::NumericOverflow { what: "morris statistics" });
        }
        out.push(m);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::super::design::{Design, generate, point_count};
    use super::super::testfns::{ishigami, ishigami_analytic, sobol_g};
    use super::*;
    use std::f64::consts::PI;

    fn ishigami_factors() -> Vec<Factor> {
        vec![Factor::Range { low: -PI, high: PI }; 3]
    }

    fn ishigami_outputs(n: usize, second_order: bool) -> Vec<f64> {
        let d = Design::Sobol { n, second_order };
        generate(&d, &ishigami_factors(), &[], 0).unwrap().iter().map(|x| ishigami(x, 7.0, 0.1)).collect()
    }

    fn covers(ci: (f64, f64), v: f64) -> bool {
        ci.0 <= v && v <= ci.1
    }

    #[test]
    fn ishigami_indices_match_analytic_values() {
        let (s1_true, st_true) = ishigami_analytic(7.0, 0.1);
        let y = ishigami_outputs(1024, false);
        let (first, second) = sobol_analyze(&y, 3, false, 1000, 0.95, 1).unwrap();
        assert!(second.is_empty());
        for (j, s) in first.iter().enumerate() {
            assert_eq!(s.factor, j);
            assert!((s.s1 - s1_true[j]).abs() < 0.05, "S1[{j}] {s:?} vs {}", s1_true[j]);
            assert!((s.st - st_true[j]).abs() < 0.05, "ST[{j}] {s:?} vs {}", st_true[j]);
            assert!(covers(s.s1_ci, s1_true[j]), "S1[{j}] CI {s:?} vs {}", s1_true[j]);
            assert!(covers(s.st_ci, st_true[j]), "ST[{j}] CI {s:?} vs {}", st_true[j]);
            assert!(covers(s.s1_ci, s.s1) && covers(s.st_ci, s.st));
        }
    }

    #[test]
    fn ishigami_second_order_finds_the_x1_x3_interaction() {
        let (s1_true, st_true) = ishigami_analytic(7.0, 0.1);
        let s13 = st_true[2] - s1_true[2];
        let y = ishigami_outputs(4096, true);
        let (first, second) = sobol_analyze(&y, 3, true, 200, 0.95, 2).unwrap();
        assert_eq!(first.len(), 3);
        let pairs: Vec<(usize, usize)> = second.iter().map(|s| (s.i, s.j)).collect();
        assert_eq!(pairs, vec![(0, 1), (0, 2), (1, 2)]);
        let want = [0.0, s13, 0.0];
        for (s, w) in second.iter().zip(want) {
            assert!((s.s2 - w).abs() < 0.06, "{s:?} vs {w}");
            assert!(covers(s.s2_ci, s.s2));
        }
    }

    /// SALib 1.6.0 `sobol.analyze` on the same design (`sobol.sample(.., scramble=False)`,
    /// which equals ours), N = 256, second order: point estimates must agree.
    #[test]
    fn point_estimates_agree_with_salib() {
        let y = ishigami_outputs(256, true);
        let (first, second) = sobol_analyze(&y, 3, true, 10, 0.95, 0).unwrap();
        for (s, (s1, st)) in first.iter().zip(SALIB_S1_ST) {
            assert!((s.s1 - s1).abs() < 1e-10, "{s:?} vs {s1}");
            assert!((s.st - st).abs() < 1e-10, "{s:?} vs {st}");
        }
        for (s, s2) in second.iter().zip(SALIB_S2) {
            assert!((s.s2 - s2).abs() < 1e-10, "{s:?} vs {s2}");
        }
    }

    const SALIB_S1_ST: [(f64, f64); 3] = [
        (0.32603897195923004, 0.5646024820275063),
        (0.4820072841939925, 0.457007142980521),
        (0.011125510338570357, 0.2506488435437758),
    ];
    const SALIB_S2: [f64; 3] = [-0.018110907981888857, 0.2648898732606022, -0.0056458456246105265];

    #[test]
    fn sobol_results_are_deterministic_and_seed_only_moves_the_intervals() {
        let y = ishigami_outputs(64, true);
        let a = sobol_analyze(&y, 3, true, 100, 0.9, 5).unwrap();
        let b = sobol_analyze(&y, 3, true, 100, 0.9, 5).unwrap();
        let c = sobol_analyze(&y, 3, true, 100, 0.9, 6).unwrap();
        let bits = |r: &(Vec<SobolIndex>, Vec<SobolSecond>)| -> Vec<u64> {
            let mut v = Vec::new();
            for s in &r.0 {
                v.extend([s.s1, s.s1_ci.0, s.s1_ci.1, s.st, s.st_ci.0, s.st_ci.1].map(f64::to_bits));
            }
            for s in &r.1 {
                v.extend([s.s2, s.s2_ci.0, s.s2_ci.1].map(f64::to_bits));
            }
            v
        };
        assert_eq!(bits(&a), bits(&b));
        assert_ne!(bits(&a), bits(&c));
        for (x, y) in a.0.iter().zip(&c.0) {
            assert_eq!(x.s1.to_bits(), y.s1.to_bits());
            assert_eq!(x.st.to_bits(), y.st.to_bits());
        }
    }

    #[test]
    fn constant_output_gives_zero_indices_not_nan() {
        for second_order in [false, true] {
            let row = if second_order { 10 } else { 6 };
            let y = vec![3.5; 8 * row];
            let (first, second) = sobol_analyze(&y, 4, second_order, 50, 0.95, 0).unwrap();
            assert_eq!(first.len(), 4);
            assert_eq!(second.len(), if second_order { 6 } else { 0 });
            for s in &first {
                assert_eq!((s.s1, s.s1_ci, s.st, s.st_ci), (0.0, (0.0, 0.0), 0.0, (0.0, 0.0)));
            }
            for s in &second {
                assert_eq!((s.s2, s.s2_ci), (0.0, (0.0, 0.0)));
            }
        }
        let factors = vec![Factor::Range { low: 0.0, high: 1.0 }; 3];
        let pts = generate(&Design::Morris { trajectories: 5, levels: 4 }, &factors, &[], 0).unwrap();
        let y = vec![-2.0; pts.len()];
        for m in morris_analyze(&pts, &y, &factors, 5, 4, 50, 0.95, 0).unwrap() {
            assert_eq!((m.mu, m.mu_star, m.mu_star_ci, m.sigma), (0.0, 0.0, (0.0, 0.0), 0.0));
        }
    }

    #[test]
    fn huge_but_finite_outputs_stay_finite_in_sobol() {
        let mut y = ishigami_outputs(16, false);
        y.iter_mut().for_each(|v| *v *= 1e306);
        let (first, _) = sobol_analyze(&y, 3, false, 20, 0.95, 0).unwrap();
        let small = sobol_analyze(&ishigami_outputs(16, false), 3, false, 20, 0.95, 0).unwrap();
        for (a, b) in first.iter().zip(&small.0) {
            assert!((a.s1 - b.s1).abs() < 1e-9 && (a.st - b.st).abs() < 1e-9);
        }
    }

    fn morris_run(
        factors: &[Factor],
        r: usize,
        p: usize,
        seed: u64,
        f: impl Fn(&[f64]) -> f64,
    ) -> (Vec<Vec<f64>>, Vec<f64>) {
        let d = Design::Morris { trajectories: r, levels: p };
        let pts = generate(&d, factors, &[], seed).unwrap();
        assert_eq!(pts.len() as u64, point_count(&d, factors).unwrap());
        let y = pts.iter().map(|x| f(x)).collect();
        (pts, y)
    }

    #[test]
    fn morris_ranks_unimportant_sobol_g_inputs_last() {
        let a = [0.0, 1.0, 4.5, 9.0, 99.0, 99.0, 99.0, 99.0];
        let factors = vec![Factor::Range { low: 0.0, high: 1.0 }; 8];
        let (pts, y) = morris_run(&factors, 20, 4, 11, |x| sobol_g(x, &a));
        let res = morris_analyze(&pts, &y, &factors, 20, 4, 1000, 0.95, 3).unwrap();
        let mut order: Vec<usize> = (0..8).collect();
        order.sort_by(|&i, &j| res[j].mu_star.total_cmp(&res[i].mu_star));
        let mut last4 = order[4..].to_vec();
        last4.sort_unstable();
        assert_eq!(last4, vec![4, 5, 6, 7], "ranking {order:?}: {res:#?}");
        // And the important ones are ordered by a.
        assert_eq!(order[..4].to_vec(), vec![0, 1, 2, 3], "{res:#?}");
        for m in &res {
            assert!(covers(m.mu_star_ci, m.mu_star) && m.mu_star_ci.0 >= 0.0);
            assert!(m.sigma >= 0.0);
        }
    }

    #[test]
    fn morris_recovers_linear_effects_in_normalised_units() {
        // y = 2 x0 - 3 x1 + 0 x2 + 5 * value(x3); ranges of width 10, 2 and 1.
        let factors = vec![
            Factor::Range { low: 0.0, high: 10.0 },
            Factor::Range { low: -1.0, high: 1.0 },
            Factor::Range { low: 4.0, high: 5.0 },
            Factor::Values(vec![0.0, 1.0, 2.0, 3.0, 4.0, 5.0]),
        ];
        let f = |x: &[f64]| 2.0 * x[0] - 3.0 * x[1] + 5.0 * x[3];
        let (pts, y) = morris_run(&factors, 12, 6, 4, f);
        let res = morris_analyze(&pts, &y, &factors, 12, 6, 100, 0.95, 0).unwrap();
        // Per unit of normalised input: slope times range width.
        let want_mu = [20.0, -6.0, 0.0];
        for j in 0..3 {
            assert!((res[j].mu - want_mu[j]).abs() < 1e-9, "{:?}", res[j]);
            assert!((res[j].mu_star - want_mu[j].abs()).abs() < 1e-9);
            assert!(res[j].sigma < 1e-9);
            assert!(res[j].mu_star_ci.1 - res[j].mu_star_ci.0 < 1e-9);
        }
        // Values factor: 6 levels on 6 values, delta = 3 levels = 3 list steps, effect
        // 5 * 3 / delta with delta = 0.6: 25 per normalised unit.
        assert!((res[3].mu - 25.0).abs() < 1e-9, "{:?}", res[3]);
    }

    #[test]
    fn morris_handles_values_lists_that_merge_levels() {
        // Two values on a 4-level grid: levels 0,1 -> 1.0 and levels 2,3 -> 2.0 ... a step
        // of delta (2 levels) always changes the value here, but a one-entry list never does.
        let factors =
            vec![Factor::Values(vec![1.0, 2.0]), Factor::Values(vec![7.0]), Factor::Range { low: 0.0, high: 1.0 }];
        let (pts, y) = morris_run(&factors, 6, 4, 8, |x| x[0] + x[2] + x[1]);
        let res = morris_analyze(&pts, &y, &factors, 6, 4, 50, 0.95, 0).unwrap();
        assert_eq!(res[1].mu_star, 0.0);
        assert!((res[2].mu - 1.0).abs() < 1e-12);
        assert!(res[0].mu_star > 0.0);
    }

    #[test]
    fn morris_is_deterministic() {
        let a = [0.0, 1.0, 9.0];
        let factors = vec![Factor::Range { low: 0.0, high: 1.0 }; 3];
        let (pts, y) = morris_run(&factors, 10, 4, 1, |x| sobol_g(x, &a));
        let r1 = morris_analyze(&pts, &y, &factors, 10, 4, 100, 0.95, 9).unwrap();
        let r2 = morris_analyze(&pts, &y, &factors, 10, 4, 100, 0.95, 9).unwrap();
        let r3 = morris_analyze(&pts, &y, &factors, 10, 4, 100, 0.95, 10).unwrap();
        let bits = |r: &[MorrisIndex]| -> Vec<u64> {
            r.iter()
                .flat_map(|m| [m.mu, m.mu_star, m.mu_star_ci.0, m.mu_star_ci.1, m.sigma])
                .map(f64::to_bits)
                .collect()
        };
        assert_eq!(bits(&r1), bits(&r2));
        assert_ne!(bits(&r1), bits(&r3));
    }

    /// Odd and extreme analysis inputs never panic and never yield non-finite numbers.
    #[test]
    fn extreme_analysis_inputs_never_panic() {
        let ks = [0usize, 1, 2, 3, 128, 129, usize::MAX];
        let boots = [0usize, 1, 2, 3, MAX_BOOTSTRAP + 1, usize::MAX];
        let confs = [0.0, 0.5, 0.95, 1.0, f64::NAN, -1.0];
        let ys: Vec<Vec<f64>> = [0usize, 1, 5, 6, 8, 10, 12, 16, 20, 40]
            .iter()
            .flat_map(|&n| {
                [
                    (0..n).map(|i| (i as f64).sin()).collect::<Vec<f64>>(),
                    (0..n).map(|i| if i % 3 == 0 { f64::MAX } else { -f64::MAX }).collect(),
                    vec![1.0; n],
                    (0..n).map(|i| if i == 1 { 1e-300 } else { 0.0 }).collect(),
                ]
            })
            .collect();
        for y in &ys {
            for &k in &ks {
                for second_order in [false, true] {
                    for &b in &boots {
                        for &c in &confs {
                            if let Ok((first, second)) = sobol_analyze(y, k, second_order, b, c, 0) {
                                for s in &first {
                                    let v = [s.s1, s.s1_ci.0, s.s1_ci.1, s.st, s.st_ci.0, s.st_ci.1];
                                    assert!(v.iter().all(|x| x.is_finite()));
                                }
                                for s in &second {
                                    assert!([s.s2, s.s2_ci.0, s.s2_ci.1].iter().all(|x| x.is_finite()));
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn every_analysis_error_is_reported_with_the_offending_value() {
        let y = ishigami_outputs(8, false);
        let msg = |e: DesignError| e.to_string();
        let cases: Vec<(String, &str)> = vec![
            (msg(sobol_analyze(&y, 0, false, 10, 0.95, 0).unwrap_err()), "got none"),
            (msg(sobol_analyze(&y[..39], 3, false, 10, 0.95, 0).unwrap_err()), "39 outputs is not N * 5"),
            (msg(sobol_analyze(&y[..5], 3, false, 10, 0.95, 0).unwrap_err()), "5 outputs is not N * 5 for any N >= 2"),
            (msg(sobol_analyze(&y, 2, true, 10, 0.95, 0).unwrap_err()), "second_order = true"),
            (
                msg(sobol_analyze(&y, usize::MAX, true, 10, 0.95, 0).unwrap_err()),
                "sobol design supports at most 128 factors; got 18446744073709551615",
            ),
            (
                msg(sobol_analyze(&y, 3, false, MAX_BOOTSTRAP + 1, 0.95, 0).unwrap_err()),
                "sobol analysis allows at most 1000000 bootstrap replicates; got 1000001",
            ),
            (msg(sobol_analyze(&y, 3, false, 1, 0.95, 0).unwrap_err()), "sobol analysis needs bootstrap >= 2; got 1"),
            (msg(sobol_analyze(&y, 3, false, 10, 1.0, 0).unwrap_err()), "strictly between 0 and 1 (e.g. 0.95); got 1"),
            (msg(sobol_analyze(&y, 3, false, 10, f64::NAN, 0).unwrap_err()), "got NaN"),
            (
                {
                    let mut bad = y.clone();
                    bad[17] = f64::NAN;
                    msg(sobol_analyze(&bad, 3, false, 10, 0.95, 0).unwrap_err())
                },
                "output 17 is NaN",
            ),
        ];
        for (m, needle) in &cases {
            assert!(m.contains(needle), "message {m:?} lacks {needle:?}");
        }

        let factors = vec![Factor::Range { low: 0.0, high: 1.0 }; 2];
        let (pts, y) = morris_run(&factors, 3, 4, 0, |x| x[0] + x[1]);
        let run = |pts: &[Vec<f64>], y: &[f64], f: &[Factor], r: usize, p: usize| {
            morris_analyze(pts, y, f, r, p, 10, 0.95, 0).unwrap_err().to_string()
        };
        let mut swapped = pts.clone();
        swapped.swap(1, 2);
        let mut doubled = pts.clone();
        // Step 2 returns factor moved at step 1 to its start: that factor moves twice.
        doubled[2] = doubled[0].clone();
        let mut two = pts.clone();
        two[1] = vec![two[0][0] + 2.0 / 3.0, two[0][1] + 2.0 / 3.0];
        let mut bad_point = pts.clone();
        bad_point[4][1] = f64::INFINITY;
        let mut narrow = pts.clone();
        narrow[4].pop();
        let mut bad_y = y.clone();
        bad_y[8] = f64::NEG_INFINITY;
        let huge: Vec<f64> = (0..9).map(|i| if i % 2 == 0 { f64::MAX } else { -f64::MAX }).collect();
        let values = vec![Factor::Values(vec![0.0, 1.0]); 2];
        let mut bad_value = generate(&Design::Morris { trajectories: 3, levels: 4 }, &values, &[], 0).unwrap();
        // Put a value that is not in the list on the factor that step 1 moves.
        let moved = (0..2).find(|&j| bad_value[0][j] != bad_value[1][j]).unwrap();
        bad_value[0][moved] = 0.5;
        let cases = vec![
            (run(&pts, &y, &[], 3, 4), "got none".to_string()),
            (run(&pts, &y, &factors, 1, 4), "trajectories >= 2; got 1".into()),
            (run(&pts, &y, &factors, 3, 3), "got 3 (try 4)".into()),
            (run(&pts, &y, &factors, 3, 1), "levels >= 2; got 1".into()),
            (
                morris_analyze(&pts, &y, &factors, 3, 4, 0, 0.95, 0).unwrap_err().to_string(),
                "morris analysis needs bootstrap >= 2; got 0".into(),
            ),
            (
                morris_analyze(&pts, &y, &factors, 3, 4, usize::MAX, 0.95, 0).unwrap_err().to_string(),
                "got 18446744073709551615".into(),
            ),
            (morris_analyze(&pts, &y, &factors, 3, 4, 10, -0.5, 0).unwrap_err().to_string(), "got -0.5".into()),
            (run(&pts[..8], &y, &factors, 3, 4), "= 9 points and outputs; got 8 points and 9".into()),
            (run(&pts, &y, &factors, 4, 4), "= 12 points".into()),
            (run(&narrow, &y, &factors, 3, 4), "point 4 has 1 coordinates; expected 2".into()),
            (run(&bad_point, &y, &factors, 3, 4), "point 4, factor 1 is inf".into()),
            (run(&pts, &bad_y, &factors, 3, 4), "output 8 is -inf".into()),
            (run(&two, &y, &factors, 3, 4), "trajectory 0, step 1 changes factors 0 and 1".into()),
            (run(&doubled, &y, &factors, 3, 4), "trajectory 0, step 2 changes factor".into()),
            (run(&pts, &y, &factors, 3, 6), "expected delta = 0.6".into()),
            (run(&pts, &huge, &factors, 3, 4), "morris statistics overflowed".into()),
            (run(&bad_value, &y, &values, 3, 4), format!("point 0, factor {moved} is 0.5, which is not in")),
        ];
        for (m, needle) in &cases {
            assert!(m.contains(needle.as_str()), "message {m:?} lacks {needle:?}");
        }
        // Keep `swapped` meaningful: reordering points inside a trajectory is detected.
        assert!(morris_analyze(&swapped, &y, &factors, 3, 4, 10, 0.95, 0).is_err());
    }
}

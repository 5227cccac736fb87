//! Approximate Bayesian computation by sequential Monte Carlo (ABC-SMC, in the population
//! Monte Carlo form of Beaumont, Cornuet, Marin & Robert 2009, Biometrika 96(4): 983-990,
//! with the adaptive tolerance schedule of Del Moral, Doucet & Jasra 2012): knows nothing
//! of the model. Generation 0 draws the population from the prior (uniform over each free
//! parameter's range); each later generation sets its tolerance to a quantile of the last
//! generation's distances, proposes by picking a particle by weight and moving it with a
//! Gaussian kernel of twice the population's weighted variance, and accepts proposals that
//! simulate within the tolerance, until the population is full. Weights correct for the
//! proposal: w ∝ prior / Σ_j w_j K(θ | θ_j).
//!
//! Why this method: the model is stochastic and its likelihood is intractable, so
//! likelihood-free inference is the standard; ABC-SMC gives a weighted sample of the
//! posterior (what `calibrate --check` evaluates), needs only distances, and spends its
//! budget where the posterior is, unlike rejection ABC. History matching would give a
//! non-implausible region, not a distribution to propagate.
//!
//! Reproducible and parallel: attempt `k` of generation `g` draws only from the stream
//! keyed by (seed, g, k); attempts are simulated in parallel in batches and examined in
//! attempt order, so the result does not depend on the number of threads.
//!
//! Resumable: a generation depends only on the one before it, so a calibration given its
//! completed generations (saved by the observer's [`Observer::generation`]) continues
//! with the same numbers it would have drawn uninterrupted.

use crate::core::rng::{Draw, fnv1a, stream};
use rayon::prelude::*;

/// Settings of a calibration.
#[derive(Clone, Debug)]
pub struct Settings {
    /// Particles per generation.
    pub population: usize,
    /// At most this many generations after generation 0.
    pub generations: usize,
    /// Tolerance of generation g = this quantile of generation g-1's distances.
    pub quantile: f64,
    /// At most this many simulated particles in all (prior draws included).
    pub budget: u64,
    /// Stop when a generation accepts fewer than this share of its simulations.
    pub min_acceptance: f64,
    /// Seed of every proposal stream.
    pub seed: u64,
}

/// One particle of a population.
#[derive(Clone, Debug, PartialEq)]
pub struct Particle {
    /// Parameter values, in the order of the prior's ranges.
    pub theta: Vec<f64>,
    /// Normalised importance weight.
    pub weight: f64,
    /// Its distance to the observed targets.
    pub distance: f64,
}

/// One generation.
#[derive(Clone, Debug)]
pub struct Generation {
    /// Number (0: prior draws).
    pub number: usize,
    /// Tolerance (infinite for generation 0).
    pub epsilon: f64,
    /// Accepted particles.
    pub particles: Vec<Particle>,
    /// Particles simulated in this generation.
    pub simulations: u64,
}

impl Generation {
    /// Share of simulations accepted.
    pub fn acceptance(&self) -> f64 {
        self.particles.len() as f64 / self.simulations.max(1) as f64
    }
}

/// Why the calibration stopped.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stop {
    /// All generations done.
    Generations,
    /// The next generation would exceed the simulation budget.
    Budget,
    /// Acceptance fell below the minimum.
    Acceptance,
    /// Interrupted (Ctrl-C); the last complete generation is kept.
    Interrupted,
}

/// What the caller sees between batches.
pub trait Observer: Sync {
    /// A batch of `n` simulations finished in generation `g` at tolerance `epsilon`.
    fn simulated(&self, g: usize, epsilon: f64, n: u64);
    /// Generation `g` is complete (e.g. save it, for resuming).
    fn generation(&self, _g: &Generation) {}
    /// Stop early (e.g. on Ctrl-C).
    fn stop(&self) -> bool {
        false
    }
}

/// The uniform box prior: `ranges[d] = (low, high)`.
pub type Ranges = [(f64, f64)];

/// Run ABC-SMC. `simulate(id, theta)` returns the distance of one simulated particle; `id`
/// is unique over the whole calibration (use it to key the simulation's random streams).
/// `done` holds generations completed earlier by the same calibration (empty to start
/// afresh); the run continues after them. Returns the generations done (the last is the
/// posterior) and why it stopped.
pub fn run(
    ranges: &Ranges,
    s: &Settings,
    simulate: &(impl Fn(u64, &[f64]) -> f64 + Sync),
    obs: &dyn Observer,
    done: Vec<Generation>,
) -> (Vec<Generation>, Stop) {
    let n = s.population.max(2);
    let mut used: u64 = done.iter().map(|g| g.simulations).sum();
    let mut gens = done;
    if gens.is_empty() {
        match prior_generation(ranges, s, n, simulate, obs) {
            Some(g0) => {
                used += g0.simulations;
                obs.generation(&g0);
                gens.push(g0);
            }
            None => return (gens, Stop::Budget),
        }
    }
    if gens.len() > 1 && gens.last().is_some_and(|g| g.acceptance() < s.min_acceptance) {
        return (gens, Stop::Acceptance); // the saved run had stopped there
    }
    for g in gens.len()..=s.generations {
        if obs.stop() {
            return (gens, Stop::Interrupted);
        }
        let Some(prev) = gens.last() else { break };
        let mut dist: Vec<f64> = prev.particles.iter().map(|p| p.distance).collect();
        let epsilon = quantile(&mut dist, s.quantile);
        let sigma = kernel_sd(&prev.particles, ranges);
        let cum = cumulative(&prev.particles);
        let mut accepted: Vec<Particle> = Vec::with_capacity(n);
        let mut sims: u64 = 0;
        let mut attempt: u64 = 0;
        while accepted.len() < n {
            if obs.stop() {
                return (gens, Stop::Interrupted);
            }
            // propose a batch of n attempts (those outside the prior cost no simulation)
            let proposals: Vec<Option<Vec<f64>>> = (attempt..attempt + n as u64)
                .map(|k| {
                    let mut r = stream(&[s.seed, fnv1a("calibrate.propose"), g as u64, k]);
                    let u = r.unit();
                    let j = cum.partition_point(|c| *c <= u).min(prev.particles.len() - 1);
                    let theta: Vec<f64> =
                        prev.particles[j].theta.iter().zip(&sigma).map(|(x, sd)| x + sd * r.normal()).collect();
                    theta.iter().zip(ranges).all(|(x, (lo, hi))| x >= lo && x <= hi).then_some(theta)
                })
                .collect();
            let inside: Vec<(u64, Vec<f64>)> =
                proposals.into_iter().enumerate().filter_map(|(i, t)| t.map(|t| (attempt + i as u64, t))).collect();
            attempt += n as u64;
            if used + inside.len() as u64 > s.budget {
                return (gens, Stop::Budget);
            }
            let base = id_base(g);
            let d: Vec<f64> = inside.par_iter().map(|(k, t)| simulate(base + k, t)).collect();
            used += inside.len() as u64;
            obs.simulated(g, epsilon, inside.len() as u64);
            for ((_, theta), distance) in inside.into_iter().zip(d) {
                sims += 1;
                if distance <= epsilon && accepted.len() < n {
                    accepted.push(Particle { theta, weight: 0.0, distance });
                }
            }
            if attempt > 10_000 * n as u64 {
                // the tolerance cannot be met: keep the last complete generation
                return (gens, Stop::Acceptance);
            }
        }
        // importance weights
        let raw: Vec<f64> = accepted
            .iter()
            .map(|p| {
                let k: f64 = prev.particles.iter().map(|q| q.weight * kernel(&p.theta, &q.theta, &sigma)).sum();
                if k > 0.0 { 1.0 / k } else { 0.0 }
            })
            .collect();
        let total: f64 = raw.iter().sum();
        for (p, w) in accepted.iter_mut().zip(raw) {
            p.weight = if total > 0.0 { w / total } else { 1.0 / n as f64 };
        }
        let gen_done = Generation { number: g, epsilon, particles: accepted, simulations: sims };
        let low = gen_done.acceptance() < s.min_acceptance;
        obs.generation(&gen_done);
        gens.push(gen_done);
        if low {
            return (gens, Stop::Acceptance);
        }
    }
    (gens, Stop::Generations)
}

/// Generation 0: `n` draws from the prior, all accepted with equal weights; None when the
/// budget is smaller than the population.
fn prior_generation(
    ranges: &Ranges,
    s: &Settings,
    n: usize,
    simulate: &(impl Fn(u64, &[f64]) -> f64 + Sync),
    obs: &dyn Observer,
) -> Option<Generation> {
    if s.budget < n as u64 {
        return None;
    }
    let thetas: Vec<Vec<f64>> = (0..n as u64)
        .map(|k| {
            let mut r = stream(&[s.seed, fnv1a("calibrate.prior"), 0, k]);
            ranges.iter().map(|&(lo, hi)| lo + (hi - lo) * r.unit()).collect()
        })
        .collect();
    let d = simulate_batch(&thetas, 0, simulate);
    obs.simulated(0, f64::INFINITY, n as u64);
    let w = 1.0 / n as f64;
    Some(Generation {
        number: 0,
        epsilon: f64::INFINITY,
        particles: thetas.into_iter().zip(d).map(|(theta, distance)| Particle { theta, weight: w, distance }).collect(),
        simulations: n as u64,
    })
}

/// Simulation id of attempt 0 of generation `g` (ids of different generations never meet).
fn id_base(g: usize) -> u64 {
    (g as u64) << 40
}

fn simulate_batch(thetas: &[Vec<f64>], g: usize, simulate: &(impl Fn(u64, &[f64]) -> f64 + Sync)) -> Vec<f64> {
    let base = id_base(g);
    thetas.par_iter().enumerate().map(|(k, t)| simulate(base + k as u64, t)).collect()
}

/// Cumulative normalised weights.
fn cumulative(ps: &[Particle]) -> Vec<f64> {
    let total: f64 = ps.iter().map(|p| p.weight).sum();
    let mut acc = 0.0;
    ps.iter()
        .map(|p| {
            acc += p.weight / total;
            acc
        })
        .collect()
}

/// Kernel standard deviations: sqrt(2 × weighted variance) per parameter (Beaumont et al.
/// 2009), at least a thousandth of the range so that a collapsed population still moves.
fn kernel_sd(ps: &[Particle], ranges: &Ranges) -> Vec<f64> {
    (0..ranges.len())
        .map(|d| {
            let total: f64 = ps.iter().map(|p| p.weight).sum();
            let m: f64 = ps.iter().map(|p| p.weight * p.theta[d]).sum::<f64>() / total;
            let v: f64 = ps.iter().map(|p| p.weight * (p.theta[d] - m).powi(2)).sum::<f64>() / total;
            (2.0 * v).sqrt().max((ranges[d].1 - ranges[d].0) * 1e-3)
        })
        .collect()
}

/// Product of Gaussian densities (normalising constants cancel in the weights).
fn kernel(a: &[f64], b: &[f64], sd: &[f64]) -> f64 {
    let z: f64 = a.iter().zip(b).zip(sd).map(|((x, y), s)| ((x - y) / s).powi(2)).sum();
    (-0.5 * z).exp()
}

/// The q-quantile (linear interpolation; NaN ranked last).
pub fn quantile(v: &mut [f64], q: f64) -> f64 {
    if v.is_empty() {
        return f64::NAN;
    }
    v.sort_by(f64::total_cmp);
    let h = (v.len() - 1) as f64 * q.clamp(0.0, 1.0);
    let (lo, hi) = (h.floor() as usize, h.ceil() as usize);
    v[lo] + (v[hi] - v[lo]) * (h - lo as f64)
}

pub use crate::core::weighted_quantile;

#[cfg(test)]
mod tests {
    use super::*;

    struct Quiet;
    impl Observer for Quiet {
        fn simulated(&self, _: usize, _: f64, _: u64) {}
    }

    fn settings(seed: u64) -> Settings {
        Settings { population: 200, generations: 6, quantile: 0.5, budget: 100_000, min_acceptance: 0.0, seed }
    }

    /// A toy with a known posterior: y ~ N(theta, 0.1²) observed at 0.3, flat prior on
    /// [-1, 1]; the posterior is about N(0.3, 0.1²).
    fn toy(id: u64, t: &[f64]) -> f64 {
        let mut r = stream(&[99, id]);
        (t[0] + 0.1 * r.normal() - 0.3).abs()
    }

    #[test]
    fn recovers_a_gaussian_posterior() {
        let (gens, stop) = run(&[(-1.0, 1.0)], &settings(7), &toy, &Quiet, Vec::new());
        assert_eq!(stop, Stop::Generations);
        let post = gens.last().unwrap();
        let mut pairs: Vec<(f64, f64)> = post.particles.iter().map(|p| (p.theta[0], p.weight)).collect();
        let med = weighted_quantile(&mut pairs, 0.5);
        let (lo, hi) = (weighted_quantile(&mut pairs, 0.05), weighted_quantile(&mut pairs, 0.95));
        assert!((med - 0.3).abs() < 0.05, "median {med}");
        // a 90% interval of about ±0.16: neither collapsed nor the prior
        assert!(hi - lo > 0.15 && hi - lo < 0.6, "interval {lo}..{hi}");
        // tolerances shrink
        assert!(gens.windows(2).all(|w| w[1].epsilon <= w[0].epsilon));
        let s: f64 = post.particles.iter().map(|p| p.weight).sum();
        assert!((s - 1.0).abs() < 1e-9);
    }

    #[test]
    fn same_seed_same_posterior_and_budget_stops() {
        let a = run(&[(-1.0, 1.0)], &settings(3), &toy, &Quiet, Vec::new()).0;
        let b = run(&[(-1.0, 1.0)], &settings(3), &toy, &Quiet, Vec::new()).0;
        assert_eq!(a.last().unwrap().particles, b.last().unwrap().particles);
        let mut s = settings(3);
        s.budget = 500;
        let (g, stop) = run(&[(-1.0, 1.0)], &s, &toy, &Quiet, Vec::new());
        assert_eq!(stop, Stop::Budget);
        assert!(g.iter().map(|x| x.simulations).sum::<u64>() <= 500);
    }

    /// Resuming from the first k generations of a run gives the same later generations.
    #[test]
    fn resuming_from_saved_generations_gives_the_same_posterior() {
        let whole = run(&[(-1.0, 1.0)], &settings(5), &toy, &Quiet, Vec::new()).0;
        for k in [1, 3] {
            let (resumed, stop) = run(&[(-1.0, 1.0)], &settings(5), &toy, &Quiet, whole[..k].to_vec());
            assert_eq!(stop, Stop::Generations);
            assert_eq!(resumed.len(), whole.len());
            assert_eq!(resumed.last().unwrap().particles, whole.last().unwrap().particles, "resumed after {k}");
        }
    }
}

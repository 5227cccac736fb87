//! The bottom layer: ids, the parameter registry, random streams and parallel loops.
//! Nothing here knows of the model, files or the command line.

pub mod par;
pub mod params;
pub mod rng;

/// Index of a state in the world (its position in the scenario).
pub type Sid = u32;

/// `x^e` for x >= 0, with fast paths for the exponents parameters usually take (the general
/// `powf` costs tens of nanoseconds and runs on every relation every month).
pub fn pow(x: f64, e: f64) -> f64 {
    match e {
        0.0 => 1.0,
        0.5 => x.sqrt(),
        1.0 => x,
        1.5 => x * x.sqrt(),
        2.0 => x * x,
        2.5 => x * x * x.sqrt(),
        3.0 => x * x * x,
        _ => x.powf(e),
    }
}

/// Weighted q-quantile of `(value, weight)` pairs: the smallest value whose cumulative
/// weight reaches q (NaN for no pairs). One definition for the calibration's posterior
/// summaries and the report's.
pub fn weighted_quantile(pairs: &mut [(f64, f64)], q: f64) -> f64 {
    if pairs.is_empty() {
        return f64::NAN;
    }
    pairs.sort_by(|a, b| a.0.total_cmp(&b.0));
    let total: f64 = pairs.iter().map(|p| p.1).sum();
    let mut acc = 0.0;
    for &(v, w) in pairs.iter() {
        acc += w / total;
        if acc >= q - 1e-12 {
            return v;
        }
    }
    pairs[pairs.len() - 1].0
}

#[cfg(test)]
mod tests {
    #[test]
    fn pow_matches_powf() {
        for e in [0.0, 0.5, 0.8, 1.0, 1.5, 2.0, 2.5, 3.0, 4.2] {
            for x in [0.0, 0.1, 0.5, 0.99, 1.0, 3.7] {
                assert!((super::pow(x, e) - x.powf(e)).abs() < 1e-12, "{x}^{e}");
            }
        }
    }
}

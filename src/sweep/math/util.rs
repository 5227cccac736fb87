//! Small numeric helpers shared by the sweep modules: seeded draws written out by hand
//! (so results never depend on `rand`'s distribution internals), the inverse normal CDF
//! used for confidence intervals, and exact power-of-two rescaling of outputs.

use rand::Rng;
use rand_chacha::ChaCha8Rng;

/// A uniform draw in `[0, 1)` with 53 random bits.
pub(super) fn unit_f64(rng: &mut ChaCha8Rng) -> f64 {
    (rng.next_u64() >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
}

/// A uniform integer in `0..n` (Lemire's multiply-shift with rejection, so unbiased).
/// Returns 0 when `n == 0` (callers never pass 0; this keeps the helper panic-free).
pub(super) fn below(rng: &mut ChaCha8Rng, n: u64) -> u64 {
    if n == 0 {
        return 0;
    }
    let mut m = u128::from(rng.next_u64()) * u128::from(n);
    if (m as u64) < n {
        let threshold = n.wrapping_neg() % n;
        while (m as u64) < threshold {
            m = u128::from(rng.next_u64()) * u128::from(n);
        }
    }
    (m >> 64) as u64
}

/// A fair coin.
pub(super) fn coin(rng: &mut ChaCha8Rng) -> bool {
    rng.next_u64() >> 63 == 1
}

/// A uniformly random permutation of `0..n` (Fisher–Yates, drawing from the top down).
pub(super) fn permutation(rng: &mut ChaCha8Rng, n: usize) -> Vec<usize> {
    let mut p: Vec<usize> = (0..n).collect();
    for i in (1..n).rev() {
        let j = below(rng, i as u64 + 1) as usize;
        p.swap(i, j);
    }
    p
}

/// Largest power of two not above `x` (for exact rescaling); 1.0 for zero, subnormal
/// or non-finite input.
pub(super) fn pow2_scale(x: f64) -> f64 {
    if !x.is_finite() || x < f64::MIN_POSITIVE {
        return 1.0;
    }
    let exp = ((x.to_bits() >> 52) & 0x7ff) as i64 - 1023;
    f64::from_bits(((exp + 1023) as u64) << 52)
}

/// Sample standard deviation (divisor `n - 1`); 0 for fewer than two values.
pub(super) fn sample_sd(xs: &[f64]) -> f64 {
    if xs.len() < 2 {
        return 0.0;
    }
    let n = xs.len() as f64;
    let mean = xs.iter().sum::<f64>() / n;
    let ss: f64 = xs.iter().map(|x| (x - mean) * (x - mean)).sum();
    let sd = (ss / (n - 1.0)).sqrt();
    if sd.is_finite() { sd } else { 0.0 }
}

/// The standard normal quantile function (inverse CDF), Wichura's algorithm AS 241
/// (PPND16, about 1e-16 relative accuracy). `p` must lie in `(0, 1)`; values outside
/// are clamped to the nearest representable open-interval value, so no NaN escapes.
#[allow(clippy::excessive_precision)]
pub fn inverse_normal_cdf(p: f64) -> f64 {
    let p = if p.is_nan() { 0.5 } else { p.clamp(f64::MIN_POSITIVE, 1.0 - f64::EPSILON / 2.0) };
    let q = p - 0.5;
    if q.abs() <= 0.425 {
        let r = 0.180625 - q * q;
        let num = ((((((2.5090809287301226727e3 * r + 3.3430575583588128105e4) * r + 6.7265770927008700853e4) * r
            + 4.5921953931549871457e4)
            * r
            + 1.3731693765509461125e4)
            * r
            + 1.9715909503065514427e3)
            * r
            + 1.3314166789178437745e2)
            * r
            + 3.3871328727963666080e0;
        let den = ((((((5.2264952788528545610e3 * r + 2.8729085735721942674e4) * r + 3.9307895800092710610e4) * r
            + 2.1213794301586595867e4)
            * r
            + 5.3941960214247511077e3)
            * r
            + 6.8718700749205790830e2)
            * r
            + 4.2313330701600911252e1)
            * r
            + 1.0;
        return q * num / den;
    }
    let tail = if q < 0.0 { p } else { 1.0 - p };
    let mut r = (-tail.ln()).sqrt();
    let val = if r <= 5.0 {
        r -= 1.6;
        let num = ((((((7.74545014278341407640e-4 * r + 2.27238449892691845833e-2) * r + 2.41780725177450611770e-1)
            * r
            + 1.27045825245236838258e0)
            * r
            + 3.64784832476320460504e0)
            * r
            + 5.76949722146069140550e0)
            * r
            + 4.63033784615654529590e0)
            * r
            + 1.42343711074968357734e0;
        let den = ((((((1.05075007164441684324e-9 * r + 5.47593808499534494600e-4) * r + 1.51986665636164571966e-2)
            * r
            + 1.48103976427480074590e-1)
            * r
            + 6.89767334985100004550e-1)
            * r
            + 1.67638483018380384940e0)
            * r
            + 2.05319162663775882187e0)
            * r
            + 1.0;
        num / den
    } else {
        r -= 5.0;
        let num = ((((((2.01033439929228813265e-7 * r + 2.71155556874348757815e-5) * r + 1.24266094738807843860e-3)
            * r
            + 2.65321895265761230930e-2)
            * r
            + 2.96560571828504891230e-1)
            * r
            + 1.78482653991729133580e0)
            * r
            + 5.46378491116411436990e0)
            * r
            + 6.65790464350110377720e0;
        let den =
            ((((((2.04426310338993978564e-15 * r + 1.42151175831644588870e-7) * r + 1.84631831751005468180e-5) * r
                + 7.86869131145613259100e-4)
                * r
                + 1.48753612908506148525e-2)
                * r
                + 1.36929880922735805310e-1)
                * r
                + 5.99832206555887937690e-1)
                * r
                + 1.0;
        num / den
    };
    if q < 0.0 { -val } else { val }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;

    #[test]
    fn inverse_normal_matches_reference_values() {
        // Reference values from scipy.stats.norm.ppf.
        let cases = [
            (0.5, 0.0),
            (0.975, 1.959963984540054),
            (0.995, 2.5758293035489004),
            (0.95, 1.6448536269514722),
            (0.025, -1.9599639845400545),
            (1e-10, -6.361340902404056),
            (0.999999, 4.753424308817087),
            (1e-300, -37.0470962993612),
        ];
        for (p, z) in cases {
            let got = inverse_normal_cdf(p);
            assert!((got - z).abs() < 1e-12, "p={p}: got {got}, want {z}");
        }
        assert!(inverse_normal_cdf(0.0).is_finite());
        assert!(inverse_normal_cdf(1.0).is_finite());
        assert!(inverse_normal_cdf(f64::NAN).is_finite());
    }

    #[test]
    fn below_is_in_range_and_roughly_uniform() {
        let mut rng = ChaCha8Rng::seed_from_u64(1);
        let mut counts = [0u32; 7];
        for _ in 0..70_000 {
            counts[below(&mut rng, 7) as usize] += 1;
        }
        for c in counts {
            assert!((9_000..11_000).contains(&c), "{counts:?}");
        }
        assert_eq!(below(&mut rng, 0), 0);
        assert_eq!(below(&mut rng, 1), 0);
    }

    #[test]
    fn permutation_is_a_permutation() {
        let mut rng = ChaCha8Rng::seed_from_u64(2);
        let mut p = permutation(&mut rng, 50);
        p.sort_unstable();
        assert_eq!(p, (0..50).collect::<Vec<_>>());
        assert!(permutation(&mut rng, 0).is_empty());
    }

    #[test]
    fn pow2_scale_is_a_power_of_two_below() {
        assert_eq!(pow2_scale(3.0), 2.0);
        assert_eq!(pow2_scale(4.0), 4.0);
        assert_eq!(pow2_scale(0.3), 0.25);
        assert_eq!(pow2_scale(0.0), 1.0);
        assert_eq!(pow2_scale(f64::INFINITY), 1.0);
        assert_eq!(pow2_scale(f64::MAX), 2f64.powi(1023));
    }

    #[test]
    fn unit_draws_are_in_unit_interval() {
        let mut rng = ChaCha8Rng::seed_from_u64(3);
        for _ in 0..10_000 {
            let u = unit_f64(&mut rng);
            assert!((0.0..1.0).contains(&u));
        }
    }
}

//! Analytic test functions for checking designs and sensitivity estimators: the Ishigami
//! function and Sobol's G function, each with its exact Sobol' indices.

use std::f64::consts::PI;

/// Ishigami function `sin x1 + a sin^2 x2 + b x3^4 sin x1`, inputs uniform on `[-pi, pi]`.
/// Uses the first three coordinates; missing ones count as 0, extra ones are ignored.
pub fn ishigami(x: &[f64], a: f64, b: f64) -> f64 {
    let c = |i: usize| x.get(i).copied().unwrap_or(0.0);
    let (x1, x2, x3) = (c(0), c(1), c(2));
    x1.sin() + a * x2.sin().powi(2) + b * x3.powi(4) * x1.sin()
}

/// Exact first-order and total-order Sobol' indices `(S1, ST)` of the Ishigami function
/// (inputs uniform on `[-pi, pi]`):
/// `V1 = (1 + b pi^4 / 5)^2 / 2`, `V2 = a^2 / 8`, `V3 = 0`, `V13 = 8 b^2 pi^8 / 225`,
/// `V = V1 + V2 + V13`. For `a = 7, b = 0.1`: S1 = (0.314, 0.442, 0), ST = (0.558, 0.442, 0.244).
pub fn ishigami_analytic(a: f64, b: f64) -> ([f64; 3], [f64; 3]) {
    let pi4 = PI.powi(4);
    let v1 = 0.5 * (1.0 + b * pi4 / 5.0).powi(2);
    let v2 = a * a / 8.0;
    let v13 = 8.0 * b * b * pi4 * pi4 / 225.0;
    let v = v1 + v2 + v13;
    // V > 0 for all finite a, b (V13 > 0 whenever V1 = 0); the guard only catches NaN input.
    if v.is_nan() || v <= 0.0 {
        return ([0.0; 3], [0.0; 3]);
    }
    ([v1 / v, v2 / v, 0.0], [(v1 + v13) / v, v2 / v, v13 / v])
}

/// Sobol's G function `prod_i (|4 x_i - 2| + a_i) / (1 + a_i)`, inputs uniform on `[0, 1]`.
/// Uses `min(x.len(), a.len())` coordinates. Larger `a_i` means a less important input
/// (`a_i = 0` very important, `a_i = 99` negligible); `a_i` should be `>= 0`.
pub fn sobol_g(x: &[f64], a: &[f64]) -> f64 {
    x.iter().zip(a).map(|(&xi, &ai)| ((4.0 * xi - 2.0).abs() + ai) / (1.0 + ai)).product()
}

/// Exact first-order and total-order Sobol' indices `(S1, ST)` of the G function:
/// `V_i = 1 / (3 (1 + a_i)^2)`, `V = prod (1 + V_i) - 1`, `S1_i = V_i / V`,
/// `ST_i = V_i prod_{j != i} (1 + V_j) / V`. All zeros for an empty `a`.
pub fn sobol_g_analytic(a: &[f64]) -> (Vec<f64>, Vec<f64>) {
    let vi: Vec<f64> = a.iter().map(|&ai| 1.0 / (3.0 * (1.0 + ai).powi(2))).collect();
    let prod: f64 = vi.iter().map(|v| 1.0 + v).product();
    let v = prod - 1.0;
    if !v.is_finite() || v <= 0.0 {
        return (vec![0.0; a.len()], vec![0.0; a.len()]);
    }
    let s1 = vi.iter().map(|x| x / v).collect();
    let st = vi.iter().map(|x| x * prod / (1.0 + x) / v).collect();
    (s1, st)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ishigami_values_and_analytic_indices() {
        assert_eq!(ishigami(&[0.0, 0.0, 0.0], 7.0, 0.1), 0.0);
        let x = [PI / 2.0, PI / 2.0, 1.0];
        assert!((ishigami(&x, 7.0, 0.1) - (1.0 + 7.0 + 0.1)).abs() < 1e-12);
        assert_eq!(ishigami(&[PI / 2.0], 7.0, 0.1), 1.0);
        let (s1, st) = ishigami_analytic(7.0, 0.1);
        let want_s1 = [0.3139, 0.4424, 0.0];
        let want_st = [0.5576, 0.4424, 0.2437];
        for j in 0..3 {
            assert!((s1[j] - want_s1[j]).abs() < 1e-4, "{s1:?}");
            assert!((st[j] - want_st[j]).abs() < 1e-4, "{st:?}");
        }
    }

    #[test]
    fn ishigami_variance_matches_monte_carlo() {
        // Crude check of the analytic total variance by a midpoint grid.
        let n = 60;
        let mut sum = 0.0;
        let mut sum2 = 0.0;
        let h = 2.0 * PI / n as f64;
        for i in 0..n {
            for j in 0..n {
                for k in 0..n {
                    let x = [-PI + (i as f64 + 0.5) * h, -PI + (j as f64 + 0.5) * h, -PI + (k as f64 + 0.5) * h];
                    let y = ishigami(&x, 7.0, 0.1);
                    sum += y;
                    sum2 += y * y;
                }
            }
        }
        let m = (n * n * n) as f64;
        let var = sum2 / m - (sum / m).powi(2);
        let pi4 = PI.powi(4);
        let v = 49.0 / 8.0 + 0.1 * pi4 / 5.0 + 0.01 * pi4 * pi4 / 18.0 + 0.5;
        assert!((var - v).abs() / v < 1e-2, "{var} vs {v}");
    }

    #[test]
    fn sobol_g_values_and_analytic_indices() {
        let a = [0.0, 1.0, 4.5, 9.0, 99.0, 99.0, 99.0, 99.0];
        assert!((sobol_g(&[0.5; 8], &a) - a.iter().map(|ai| ai / (1.0 + ai)).product::<f64>()).abs() < 1e-15);
        assert_eq!(sobol_g(&[0.0, 1.0], &[0.0, 0.0]), 4.0);
        assert_eq!(sobol_g(&[], &a), 1.0);
        let (s1, st) = sobol_g_analytic(&a);
        assert!(s1.windows(2).all(|w| w[0] >= w[1]));
        for j in 0..8 {
            assert!(st[j] >= s1[j]);
        }
        assert!(s1.iter().sum::<f64>() <= 1.0 && s1.iter().sum::<f64>() > 0.9);
        // One input: S1 = ST = 1.
        let (s1, st) = sobol_g_analytic(&[2.0]);
        assert!((s1[0] - 1.0).abs() < 1e-12 && (st[0] - 1.0).abs() < 1e-12);
        assert_eq!(sobol_g_analytic(&[]), (vec![], vec![]));
    }
}

//! Small statistics: online mean and variance, quantiles, Welch's interval, a bounded
//! deterministic sample.

/// Mean and variance by Welford's algorithm.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct Welford {
    pub n: u64,
    mean: f64,
    m2: f64,
}

impl Welford {
    pub fn push(&mut self, x: f64) {
        self.n += 1;
        let d = x - self.mean;
        self.mean += d / self.n as f64;
        self.m2 += d * (x - self.mean);
    }

    pub fn mean(&self) -> f64 {
        if self.n == 0 { f64::NAN } else { self.mean }
    }

    /// Sample variance (0 when n = 1).
    pub fn var(&self) -> f64 {
        if self.n < 2 { 0.0 } else { self.m2 / (self.n - 1) as f64 }
    }

    pub fn sd(&self) -> f64 {
        self.var().sqrt()
    }
}

/// Quantile of sorted values by linear interpolation (R's type 7); NaN when empty.
pub(super) fn quantile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() { f64::NAN } else { crate::metrics::summary::quantile_sorted(sorted, p.clamp(0.0, 1.0)) }
}

/// Sort finite values ascending (NaN never reaches here: callers keep finite values only).
pub(super) fn sort(values: &mut [f64]) {
    values.sort_by(f64::total_cmp);
}

/// The five numbers of a box plot and the mean.
#[derive(Debug, Clone, Copy)]
pub(super) struct Spread {
    pub p05: f64,
    pub p25: f64,
    pub p50: f64,
    pub p75: f64,
    pub p95: f64,
}

impl Spread {
    pub fn of_sorted(s: &[f64]) -> Spread {
        Spread {
            p05: quantile(s, 0.05),
            p25: quantile(s, 0.25),
            p50: quantile(s, 0.5),
            p75: quantile(s, 0.75),
            p95: quantile(s, 0.95),
        }
    }
}

/// Two-sided 95% quantile of Student's t (0.975) for `df` degrees of freedom (Welch's df
/// are fractional: the smaller whole df is used, a slightly wider interval).
pub(super) fn t975(df: f64) -> f64 {
    if !df.is_finite() {
        return 1.959_963_984_540_054;
    }
    crate::metrics::summary::t975(df.floor().max(1.0) as u64)
}

/// Difference of means (b − a) with Welch's 95% confidence interval.
#[derive(Debug, Clone, Copy)]
pub(super) struct Diff {
    pub diff: f64,
    /// `None` when either side has fewer than two runs.
    pub ci: Option<(f64, f64)>,
}

impl Diff {
    /// True when the interval lies entirely on one side of zero.
    pub fn excludes_zero(&self) -> bool {
        match self.ci {
            Some((lo, hi)) => lo > 0.0 || hi < 0.0,
            None => false,
        }
    }
}

pub(super) fn welch(a: &Welford, b: &Welford) -> Diff {
    let diff = b.mean() - a.mean();
    if a.n < 2 || b.n < 2 {
        return Diff { diff, ci: None };
    }
    let (va, vb) = (a.var() / a.n as f64, b.var() / b.n as f64);
    let se2 = va + vb;
    if se2 <= 0.0 {
        return Diff { diff, ci: Some((diff, diff)) };
    }
    let df = se2 * se2 / (va * va / (a.n - 1) as f64 + vb * vb / (b.n - 1) as f64);
    let h = t975(df) * se2.sqrt();
    Diff { diff, ci: Some((diff - h, diff + h)) }
}

/// At most `cap` values, a uniform sample of all pushed (reservoir sampling with a fixed
/// seed): the same values pushed in the same order give the same sample.
#[derive(Debug, Clone)]
pub(super) struct Reservoir {
    pub values: Vec<f64>,
    seen: u64,
    cap: usize,
    rng: u64,
}

impl Reservoir {
    pub fn new(cap: usize) -> Reservoir {
        Reservoir { values: Vec::new(), seen: 0, cap: cap.max(1), rng: 0x9E37_79B9_7F4A_7C15 }
    }

    pub fn push(&mut self, x: f64) {
        self.seen += 1;
        if self.values.len() < self.cap {
            self.values.push(x);
        } else {
            let j = self.next() % self.seen;
            if (j as usize) < self.cap {
                self.values[j as usize] = x;
            }
        }
    }

    /// Values pushed, kept or not.
    #[cfg(test)]
    pub fn seen(&self) -> u64 {
        self.seen
    }

    /// True when some values were dropped.
    pub fn sampled(&self) -> bool {
        self.seen > self.values.len() as u64
    }

    fn next(&mut self) -> u64 {
        // splitmix64
        self.rng = self.rng.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.rng;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quantiles_match_r_type_7() {
        let s = [1.0, 2.0, 3.0, 4.0, 10.0];
        assert_eq!(quantile(&s, 0.5), 3.0);
        assert_eq!(quantile(&s, 0.0), 1.0);
        assert_eq!(quantile(&s, 1.0), 10.0);
        assert!((quantile(&s, 0.25) - 2.0).abs() < 1e-12);
        assert!((quantile(&s, 0.95) - 8.8).abs() < 1e-12);
        assert!(quantile(&[], 0.5).is_nan());
        assert_eq!(quantile(&[7.0], 0.05), 7.0);
    }

    #[test]
    fn welford_matches_two_pass() {
        let xs = [3.0, 5.0, 8.0, 13.0, 21.0];
        let mut w = Welford::default();
        xs.iter().for_each(|&x| w.push(x));
        let mean = xs.iter().sum::<f64>() / 5.0;
        let var = xs.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / 4.0;
        assert!((w.mean() - mean).abs() < 1e-12 && (w.var() - var).abs() < 1e-9);
    }

    #[test]
    fn t_table_is_monotone_and_ends_at_1_96() {
        let mut last = f64::INFINITY;
        for df in 1..2000 {
            let t = t975(df as f64);
            assert!(t <= last, "df {df}");
            last = t;
        }
        assert!((t975(1e6) - 1.96).abs() < 1e-3);
        assert_eq!(t975(19.0), 2.093);
        assert!((t975(98.0) - 1.9845).abs() < 1e-3, "R: qt(0.975, 98) = 1.984467");
    }

    #[test]
    fn welch_interval_for_a_known_case() {
        let mut a = Welford::default();
        let mut b = Welford::default();
        for i in 0..50 {
            a.push(10.0 + (i % 5) as f64);
            b.push(12.0 + (i % 5) as f64);
        }
        let d = welch(&a, &b);
        assert!((d.diff - 2.0).abs() < 1e-12);
        let (lo, hi) = d.ci.unwrap();
        // sd = 1.4286, se = sqrt(2 * 2.0408/50) = 0.2857, df = 98 → t = 1.9845
        assert!((hi - lo - 2.0 * t975(98.0) * (2.0 * a.var() / 50.0).sqrt()).abs() < 1e-9);
        assert!(d.excludes_zero());
        let one = Welford::default();
        assert!(welch(&one, &b).ci.is_none());
    }

    #[test]
    fn reservoir_is_bounded_and_deterministic() {
        let fill = || {
            let mut r = Reservoir::new(100);
            (0..10_000).for_each(|i| r.push(i as f64));
            r
        };
        let (a, b) = (fill(), fill());
        assert_eq!(a.values.len(), 100);
        assert_eq!(a.values, b.values);
        assert!(a.sampled() && a.seen() == 10_000);
        let mut s = a.values.clone();
        sort(&mut s);
        let med = quantile(&s, 0.5);
        assert!((3000.0..7000.0).contains(&med), "median {med}");
    }
}

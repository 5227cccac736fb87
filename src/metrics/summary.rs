//! Summaries of replicate runs without storing them all (statrs habit: online
//! accumulators). Mean and variance by Welford's method; quantiles exact (R type 7, linear
//! interpolation) while at most [`EXACT`] values have been seen, then estimated by a
//! merging t-digest (Dunning 2019, compression [`COMPRESSION`]), so memory stays flat
//! however many runs there are. Values must be pushed in a fixed order (run order) for
//! results to be reproducible; they then are, bit for bit.

/// Values kept exactly before switching to the digest.
pub const EXACT: usize = 1_000;
/// t-digest compression (about 2x this many centroids at most).
pub const COMPRESSION: f64 = 200.0;

/// The statistics of summary.csv.
#[derive(Clone, Debug, PartialEq)]
pub struct Stats {
    /// Count.
    pub n: u64,
    /// Mean.
    pub mean: f64,
    /// Sample standard deviation (0 for n < 2).
    pub sd: f64,
    /// Lower end of the 95% confidence interval of the mean (Student t).
    pub ci95_low: f64,
    /// Upper end of the 95% confidence interval of the mean.
    pub ci95_high: f64,
    /// Minimum.
    pub min: f64,
    /// 5th percentile.
    pub p05: f64,
    /// 25th percentile.
    pub p25: f64,
    /// Median.
    pub p50: f64,
    /// 75th percentile.
    pub p75: f64,
    /// 95th percentile.
    pub p95: f64,
    /// Maximum.
    pub max: f64,
}

/// Online summary of one metric.
#[derive(Clone, Debug, Default)]
pub struct Summary {
    n: u64,
    mean: f64,
    m2: f64,
    min: f64,
    max: f64,
    exact: Vec<f64>,
    digest: Option<Digest>,
}

impl Summary {
    /// Add one value.
    pub fn push(&mut self, x: f64) {
        self.n += 1;
        if self.n == 1 {
            self.min = x;
            self.max = x;
        } else {
            self.min = self.min.min(x);
            self.max = self.max.max(x);
        }
        let d = x - self.mean;
        self.mean += d / self.n as f64;
        self.m2 += d * (x - self.mean);
        match &mut self.digest {
            Some(t) => t.push(x),
            None if self.exact.len() < EXACT => self.exact.push(x),
            None => {
                let mut t = Digest::default();
                for v in self.exact.drain(..) {
                    t.push(v);
                }
                self.exact.shrink_to_fit();
                t.push(x);
                self.digest = Some(t);
            }
        }
    }

    /// Number of values.
    pub fn count(&self) -> u64 {
        self.n
    }

    /// Mean so far.
    pub fn mean(&self) -> f64 {
        self.mean
    }

    /// The statistics (n = 0 gives all zeros).
    pub fn stats(&mut self) -> Stats {
        let n = self.n;
        if n == 0 {
            return Stats {
                n: 0,
                mean: 0.0,
                sd: 0.0,
                ci95_low: 0.0,
                ci95_high: 0.0,
                min: 0.0,
                p05: 0.0,
                p25: 0.0,
                p50: 0.0,
                p75: 0.0,
                p95: 0.0,
                max: 0.0,
            };
        }
        let sd = if n > 1 { (self.m2 / (n - 1) as f64).max(0.0).sqrt() } else { 0.0 };
        let half = if n > 1 { t975(n - 1) * sd / (n as f64).sqrt() } else { 0.0 };
        let q = |s: &mut Summary, p: f64| s.quantile(p);
        Stats {
            n,
            mean: self.mean,
            sd,
            ci95_low: self.mean - half,
            ci95_high: self.mean + half,
            min: self.min,
            p05: q(self, 0.05),
            p25: q(self, 0.25),
            p50: q(self, 0.5),
            p75: q(self, 0.75),
            p95: q(self, 0.95),
            max: self.max,
        }
    }

    fn quantile(&mut self, p: f64) -> f64 {
        match &mut self.digest {
            Some(t) => t.quantile(p).clamp(self.min, self.max),
            None => {
                self.exact.sort_by(f64::total_cmp);
                quantile_sorted(&self.exact, p)
            }
        }
    }
}

/// R type-7 quantile of sorted values.
pub fn quantile_sorted(v: &[f64], p: f64) -> f64 {
    if v.is_empty() {
        return 0.0;
    }
    let h = (v.len() - 1) as f64 * p;
    let lo = h.floor() as usize;
    let hi = (lo + 1).min(v.len() - 1);
    v[lo] + (h - lo as f64) * (v[hi] - v[lo])
}

/// 97.5% quantile of Student's t with `df` degrees of freedom.
pub fn t975(df: u64) -> f64 {
    const TABLE: [f64; 30] = [
        12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.160, 2.145, 2.131,
        2.120, 2.110, 2.101, 2.093, 2.086, 2.080, 2.074, 2.069, 2.064, 2.060, 2.056, 2.052, 2.048, 2.045, 2.042,
    ];
    if df == 0 {
        return f64::INFINITY;
    }
    if df <= 30 {
        return TABLE[df as usize - 1];
    }
    // Cornish-Fisher expansion around z = 1.959964 (error < 1e-4 for df > 30)
    let z: f64 = 1.959_963_984_540_054;
    let v = df as f64;
    z + (z.powi(3) + z) / (4.0 * v)
        + (5.0 * z.powi(5) + 16.0 * z.powi(3) + 3.0 * z) / (96.0 * v * v)
        + (3.0 * z.powi(7) + 19.0 * z.powi(5) + 17.0 * z.powi(3) - 15.0 * z) / (384.0 * v.powi(3))
}

/// A merging t-digest with the k1 (arcsine) scale function.
#[derive(Clone, Debug, Default)]
struct Digest {
    centroids: Vec<(f64, f64)>,
    buffer: Vec<f64>,
    total: f64,
}

impl Digest {
    fn push(&mut self, x: f64) {
        self.buffer.push(x);
        if self.buffer.len() >= (5.0 * COMPRESSION) as usize {
            self.compress();
        }
    }

    fn compress(&mut self) {
        if self.buffer.is_empty() {
            return;
        }
        self.buffer.sort_by(f64::total_cmp);
        let mut all: Vec<(f64, f64)> = Vec::with_capacity(self.centroids.len() + self.buffer.len());
        let (mut i, mut j) = (0, 0);
        while i < self.centroids.len() || j < self.buffer.len() {
            let take_c = j >= self.buffer.len() || (i < self.centroids.len() && self.centroids[i].0 <= self.buffer[j]);
            if take_c {
                all.push(self.centroids[i]);
                i += 1;
            } else {
                all.push((self.buffer[j], 1.0));
                j += 1;
            }
        }
        self.buffer.clear();
        let total: f64 = all.iter().map(|c| c.1).sum();
        self.total = total;
        let k = |q: f64| COMPRESSION / (2.0 * std::f64::consts::PI) * (2.0 * q.clamp(0.0, 1.0) - 1.0).asin();
        let mut out: Vec<(f64, f64)> = Vec::with_capacity(2 * COMPRESSION as usize);
        let mut so_far = 0.0;
        let mut cur = all[0];
        let mut k_left = k(0.0);
        for &c in &all[1..] {
            let q_right = (so_far + cur.1 + c.1) / total;
            if k(q_right) - k_left <= 1.0 {
                let w = cur.1 + c.1;
                cur = (cur.0 + (c.0 - cur.0) * c.1 / w, w);
            } else {
                so_far += cur.1;
                k_left = k(so_far / total);
                out.push(cur);
                cur = c;
            }
        }
        out.push(cur);
        self.centroids = out;
    }

    fn quantile(&mut self, p: f64) -> f64 {
        self.compress();
        let c = &self.centroids;
        if c.is_empty() {
            return 0.0;
        }
        let target = p * self.total;
        let mut cum = 0.0;
        for (idx, &(mean, w)) in c.iter().enumerate() {
            let mid = cum + w / 2.0;
            if target < mid {
                if idx == 0 {
                    return mean;
                }
                let (pm, pw) = c[idx - 1];
                let prev_mid = cum - pw / 2.0;
                return pm + (mean - pm) * (target - prev_mid) / (mid - prev_mid);
            }
            cum += w;
        }
        c[c.len() - 1].0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::rng::{Draw, stream};

    #[test]
    fn welford_matches_two_pass_and_quantiles_are_type_7() {
        let xs = [3.0, 1.0, 4.0, 1.0, 5.0, 9.0, 2.0, 6.0];
        let mut s = Summary::default();
        for x in xs {
            s.push(x);
        }
        let st = s.stats();
        let mean = xs.iter().sum::<f64>() / 8.0;
        let var = xs.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / 7.0;
        assert!((st.mean - mean).abs() < 1e-12);
        assert!((st.sd - var.sqrt()).abs() < 1e-12);
        // R: quantile(c(3,1,4,1,5,9,2,6), c(.25,.5,.95)) = 1.75 3.5 7.95
        assert!((st.p25 - 1.75).abs() < 1e-12);
        assert!((st.p50 - 3.5).abs() < 1e-12);
        assert!((st.p95 - 7.95).abs() < 1e-12);
        assert_eq!((st.min, st.max), (1.0, 9.0));
        assert!((st.ci95_high - st.mean - 2.365 * st.sd / 8f64.sqrt()).abs() < 1e-9);
    }

    #[test]
    fn t_quantile_is_continuous_at_the_table_edge() {
        assert!((t975(30) - 2.042).abs() < 1e-3);
        assert!((t975(31) - 2.0395).abs() < 1e-3);
        assert!((t975(1000) - 1.9623).abs() < 1e-3);
    }

    #[test]
    fn digest_quantiles_of_a_uniform_sample_are_within_half_a_percent() {
        let mut s = Summary::default();
        let mut r = stream(&[11]);
        let n = 200_000;
        for _ in 0..n {
            s.push(r.unit());
        }
        let st = s.stats();
        // rank error: sd of an empirical quantile of U(0,1) is < 0.0012 at n = 2e5
        for (got, want) in [(st.p05, 0.05), (st.p25, 0.25), (st.p50, 0.5), (st.p75, 0.75), (st.p95, 0.95)] {
            assert!((got - want).abs() < 0.005, "{got} vs {want}");
        }
    }
}

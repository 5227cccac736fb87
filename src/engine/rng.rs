//! Random streams: every draw in a run comes from a ChaCha8 stream keyed by
//! (seed, point, run, agent, tick, purpose, sequence), never from thread order.
//!
//! A stream is created where it is needed and dropped after; two streams with different
//! keys are independent, so adding runs or states never shifts anyone else's draws.
//! Draw helpers are written here (not taken from `rand`'s distributions) so that results
//! do not depend on how a future `rand` version maps bits to numbers.

use rand::{Rng, SeedableRng, TryRng};
use rand_chacha::ChaCha8Rng;
use std::convert::Infallible;

/// Why a stream is drawn from. The discriminant is part of the stream key: never reorder.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u64)]
pub enum Purpose {
    /// A state's decisions in one tick.
    Decide = 1,
    /// The outcome of one operation (success, detection, attribution).
    Attack = 2,
    /// The victim's response to one attributed operation.
    Response = 3,
    /// Sanction dynamics on one sanction episode.
    Sanction = 4,
    /// Alliance dynamics.
    Alliance = 5,
    /// Diplomacy: pledges, agreements, vendor switching.
    Diplomacy = 6,
    /// Synthetic world generation.
    World = 7,
    /// Scripted injects.
    Inject = 8,
}

/// The keys that fix one run: scenario seed, sweep point and replicate number.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RunKey {
    /// The scenario's (or command line's) seed.
    pub seed: u64,
    /// Sweep point (0 for a plain run).
    pub point: u64,
    /// Replicate number, from 0.
    pub run: u64,
}

impl RunKey {
    /// The stream for `agent` at `tick` for `purpose`, `seq`-th of its kind.
    pub fn stream(&self, agent: u64, tick: u64, purpose: Purpose, seq: u64) -> ChaCha8Rng {
        stream(&[self.seed, self.point, self.run, agent, tick, purpose as u64, seq])
    }
}

impl RunKey {
    /// Like [`RunKey::stream`], but the generator is only built at its first draw: decisions
    /// that draw nothing cost nothing. Draws are identical to the eager stream's.
    pub fn lazy(&self, agent: u64, tick: u64, purpose: Purpose, seq: u64) -> Lazy {
        Lazy { words: [self.seed, self.point, self.run, agent, tick, purpose as u64, seq], rng: None }
    }
}

/// A stream built on first use (see [`RunKey::lazy`]).
pub struct Lazy {
    words: [u64; 7],
    rng: Option<ChaCha8Rng>,
}

impl Lazy {
    fn get(&mut self) -> &mut ChaCha8Rng {
        let words = self.words;
        self.rng.get_or_insert_with(|| stream(&words))
    }
}

impl TryRng for Lazy {
    type Error = Infallible;
    fn try_next_u32(&mut self) -> Result<u32, Infallible> {
        Ok(self.get().next_u32())
    }
    fn try_next_u64(&mut self) -> Result<u64, Infallible> {
        Ok(self.get().next_u64())
    }
    fn try_fill_bytes(&mut self, dst: &mut [u8]) -> Result<(), Infallible> {
        self.get().fill_bytes(dst);
        Ok(())
    }
}

/// A ChaCha8 generator keyed by a list of words, mixed by SplitMix64 finalisers.
pub fn stream(words: &[u64]) -> ChaCha8Rng {
    let mut h: u64 = 0x6a09_e667_f3bc_c909; // sqrt(2) fraction: a fixed, documented start
    for &w in words {
        h = mix(h ^ mix(w.wrapping_add(0x9e37_79b9_7f4a_7c15)));
    }
    let mut key = [0u8; 32];
    let mut x = h;
    for chunk in key.chunks_exact_mut(8) {
        x = mix(x.wrapping_add(0x9e37_79b9_7f4a_7c15));
        chunk.copy_from_slice(&x.to_le_bytes());
    }
    ChaCha8Rng::from_seed(key)
}

/// SplitMix64's finaliser: a bijective 64-bit mixer.
pub fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// Draws used by the model, on any generator.
pub trait Draw: Rng {
    /// Uniform in [0, 1), 53 bits.
    fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
    }

    /// True with probability `p` (clamped to [0, 1]).
    fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }

    /// Index drawn with probability proportional to `weights`; None if all are zero.
    fn pick(&mut self, weights: &[f64]) -> Option<usize> {
        let total: f64 = weights.iter().filter(|w| **w > 0.0).sum();
        if total.is_nan() || total <= 0.0 {
            return None;
        }
        let mut x = self.unit() * total;
        let mut last = None;
        for (i, &w) in weights.iter().enumerate() {
            if w > 0.0 {
                if x < w {
                    return Some(i);
                }
                x -= w;
                last = Some(i);
            }
        }
        last
    }

    /// Uniform integer in [0, n) for n > 0 (Lemire's method without bias).
    fn below(&mut self, n: u64) -> u64 {
        debug_assert!(n > 0);
        let threshold = n.wrapping_neg() % n;
        loop {
            let m = u128::from(self.next_u64()) * u128::from(n);
            if (m as u64) >= threshold {
                return (m >> 64) as u64;
            }
        }
    }
}

impl<R: Rng + ?Sized> Draw for R {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn streams_differ_by_every_key_word() {
        let k = RunKey { seed: 1, point: 0, run: 0 };
        let base = k.stream(3, 4, Purpose::Decide, 0).next_u64();
        assert_ne!(base, k.stream(4, 4, Purpose::Decide, 0).next_u64());
        assert_ne!(base, k.stream(3, 5, Purpose::Decide, 0).next_u64());
        assert_ne!(base, k.stream(3, 4, Purpose::Attack, 0).next_u64());
        assert_ne!(base, k.stream(3, 4, Purpose::Decide, 1).next_u64());
        let k2 = RunKey { run: 1, ..k };
        assert_ne!(base, k2.stream(3, 4, Purpose::Decide, 0).next_u64());
        assert_eq!(base, k.stream(3, 4, Purpose::Decide, 0).next_u64());
    }

    #[test]
    fn lazy_streams_draw_exactly_what_eager_streams_draw() {
        let k = RunKey { seed: 9, point: 1, run: 2 };
        let mut eager = k.stream(3, 4, Purpose::Attack, 5);
        let mut lazy = k.lazy(3, 4, Purpose::Attack, 5);
        for _ in 0..100 {
            assert_eq!(eager.next_u64(), lazy.next_u64());
        }
    }

    #[test]
    fn unit_is_in_range_and_roughly_uniform() {
        let mut r = stream(&[42]);
        let n = 100_000;
        let mut sum = 0.0;
        for _ in 0..n {
            let u = r.unit();
            assert!((0.0..1.0).contains(&u));
            sum += u;
        }
        // mean of U(0,1) has sd 0.2887/sqrt(n) = 0.00091; 5 sd tolerance
        assert!((sum / n as f64 - 0.5).abs() < 0.0046);
    }

    #[test]
    fn pick_follows_weights() {
        let mut r = stream(&[7]);
        let w = [0.0, 1.0, 3.0];
        let mut counts = [0u32; 3];
        for _ in 0..40_000 {
            counts[r.pick(&w).unwrap()] += 1;
        }
        assert_eq!(counts[0], 0);
        // expected share 0.75, sd sqrt(.75*.25/40000)=0.0022; 5 sd
        let share = counts[2] as f64 / 40_000.0;
        assert!((share - 0.75).abs() < 0.011, "share {share}");
        assert_eq!(r.pick(&[0.0, 0.0]), None);
    }

    #[test]
    fn below_stays_below() {
        let mut r = stream(&[9]);
        for n in [1u64, 2, 3, 7, 1000] {
            for _ in 0..1000 {
                assert!(r.below(n) < n);
            }
        }
    }
}

//! Random streams: every draw in a run comes from a ChaCha8 stream keyed by
//! (seed, point, run, agent, tick, purpose, subject), never from thread order.
//!
//! A **purpose** names one kind of sub-decision ("attacks.launch", "alliances.seek"); its
//! key word is a hash of its name, so purposes are declared where they are used (in the
//! mechanism's file) and need no central list. The **subject** says which object of that
//! kind the draw is about (the target state, the operation's identity), so an extra draw
//! anywhere never shifts anyone else's: two runs that differ in one place keep the same
//! numbers everywhere else (common random numbers pair).
//!
//! Two ways to draw:
//! - [`RunKey::stream`] / [`RunKey::lazy`]: a whole ChaCha8 stream for one
//!   (agent, tick, purpose, subject), for draws whose number varies (an operation's type
//!   and severity, a response).
//! - [`Slots`]: one agent's per-tick decisions. A ChaCha8 stream per (agent, tick) read by
//!   position: each [`Purpose`] declared with [`Purpose::slot`] owns a fixed word, each
//!   declared with [`Purpose::per_relation`] one word per relation, whatever the other
//!   decisions draw. One ChaCha refill (64 words) serves many of a state's decisions in a
//!   tick (the baseline's 65 words take two), which costs a fraction of a stream per
//!   purpose and pairs exactly as well.
//!
//! Draw helpers are written here (not taken from `rand`'s distributions) so that results
//! do not depend on how a future `rand` version maps bits to numbers.

use rand::{Rng, SeedableRng, TryRng};
use rand_chacha::rand_core::block::Generator;
use rand_chacha::{ChaCha8Core, ChaCha8Rng};
use std::convert::Infallible;

/// How a purpose draws.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Layout {
    /// A stream of its own per (agent, tick, subject).
    Stream,
    /// One word of the agent's per-tick [`Slots`], at this index.
    Slot(u16),
    /// One word per relation of the agent, in block `k` after every single slot.
    PerRelation(u16),
}

/// Why a stream is drawn from: a named sub-decision. Its key is a hash of the name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Purpose {
    /// Name, `mechanism.sub_decision`.
    pub name: &'static str,
    /// Key word (FNV-1a of the name).
    pub key: u64,
    /// How it draws.
    pub layout: Layout,
}

impl Purpose {
    /// A purpose with streams of its own.
    pub const fn stream(name: &'static str) -> Purpose {
        Purpose { name, key: fnv1a(name), layout: Layout::Stream }
    }

    /// A purpose that owns word `index` of each agent's per-tick [`Slots`].
    pub const fn slot(name: &'static str, index: u16) -> Purpose {
        Purpose { name, key: fnv1a(name), layout: Layout::Slot(index) }
    }

    /// A purpose that owns block `k` of one word per relation in each agent's per-tick
    /// [`Slots`] (blocks follow the single slots; the registry test checks they are distinct).
    pub const fn per_relation(name: &'static str, k: u16) -> Purpose {
        Purpose { name, key: fnv1a(name), layout: Layout::PerRelation(k) }
    }
}

/// FNV-1a, 64 bits: a fixed, documented hash of a purpose's name.
pub const fn fnv1a(s: &str) -> u64 {
    let b = s.as_bytes();
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut i = 0;
    while i < b.len() {
        h ^= b[i] as u64;
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
        i += 1;
    }
    h
}

/// Word of the "slots" stream kind in a key (distinct from every purpose hash in practice;
/// the registry test checks).
const SLOTS_KEY: u64 = fnv1a("core.slots");

/// The keys that fix one run: scenario seed, sweep point and replicate number.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RunKey {
    /// The scenario's (or command line's) seed.
    pub seed: u64,
    /// Sweep point (0 for a plain run, and for every point under common random numbers).
    pub point: u64,
    /// Replicate number, from 0.
    pub run: u64,
}

impl RunKey {
    /// The stream for `agent` at `tick` for `purpose`, about `subject`.
    pub fn stream(&self, agent: u64, tick: u64, purpose: &Purpose, subject: u64) -> ChaCha8Rng {
        stream(&[self.seed, self.point, self.run, agent, tick, purpose.key, subject])
    }

    /// Like [`RunKey::stream`], but the generator is only built at its first draw: decisions
    /// that draw nothing cost nothing. Draws are identical to the eager stream's.
    pub fn lazy(&self, agent: u64, tick: u64, purpose: &Purpose, subject: u64) -> Lazy {
        Lazy { words: [self.seed, self.point, self.run, agent, tick, purpose.key, subject], rng: None }
    }

    /// The per-tick decision slots of `agent` at `tick`; `relations` is its number of
    /// relations and `singles` the number of single slots declared in the model.
    pub fn slots(&self, agent: u64, tick: u64, singles: usize, relations: usize) -> Slots {
        Slots {
            words: [self.seed, self.point, self.run, agent, tick, SLOTS_KEY, 0],
            core: None,
            next: 0,
            lines: [[0; LINE]; LINES],
            tags: [usize::MAX; LINES],
            singles,
            relations,
        }
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

/// Words of a ChaCha8 refill (four 64-byte blocks): one line of the [`Slots`] cache.
const LINE: usize = 64;

/// Lines the [`Slots`] cache holds (direct-mapped: word `pos` lives in line
/// `(pos / LINE) % LINES`). Four lines cover 256 words, every slot of a state with up to
/// about 120 relations, so each refill is made once per state and tick.
const LINES: usize = 4;

/// One agent's decision draws for one tick, read by position (see the module doc).
///
/// The words are cached a refill at a time: reading word `pos` gives the word of the
/// ChaCha8 stream at that position, whatever order the words are read in. For up to four
/// refills of words (about 120 relations in the baseline's layout) each refill is made
/// once; beyond that a refill may be made again (same words, more work).
pub struct Slots {
    /// The key words of the slots stream (see [`RunKey::slots`]).
    words: [u64; 7],
    /// Its ChaCha8 core, built at the first draw; it writes refills straight into a line
    /// (the words the stream's generator would hand out, without its buffer and copies).
    core: Option<ChaCha8Core>,
    /// The refill `core` makes next.
    next: usize,
    lines: [[u32; LINE]; LINES],
    /// Which refill each line holds (`usize::MAX`: none yet).
    tags: [usize; LINES],
    singles: usize,
    relations: usize,
}

impl Slots {
    /// The cache line holding refill `refill` (words `64 * refill` onward), made if needed.
    #[inline]
    fn line(&mut self, refill: usize) -> &[u32; LINE] {
        let line = refill % LINES;
        if self.tags[line] != refill {
            self.fill(refill);
        }
        &self.lines[line]
    }

    /// Word `pos` of the stream. It repeats `line`'s check rather than calling it: written
    /// as `self.line(pos / LINE)[pos % LINE]`, the baseline ran 1.5% more instructions
    /// (callgrind), this being on every relation of the attack plan.
    #[inline]
    fn word(&mut self, pos: usize) -> u32 {
        let (refill, at) = (pos / LINE, pos % LINE);
        let line = refill % LINES;
        if self.tags[line] != refill {
            self.fill(refill);
        }
        self.lines[line][at]
    }

    /// Position of relation `sub`'s word in per-relation block `k`.
    #[inline(always)]
    fn relation_word(&self, k: u16, sub: usize) -> usize {
        self.singles + usize::from(k) * self.relations + sub
    }

    /// Make refill `refill` (and any before it not yet made since the core started) and
    /// cache it in line `refill % LINES`. The core only runs forward: a refill read after
    /// it was evicted (a state with more than four refills of words, about 120 relations in
    /// the baseline's layout) restarts the core from the key and regenerates from refill 0,
    /// which gives the same words again at the cost of the refills before it.
    #[cold]
    fn fill(&mut self, refill: usize) {
        if refill < self.next {
            self.core = None;
        }
        let words = self.words;
        let core = self.core.get_or_insert_with(|| {
            self.next = 0;
            ChaCha8Core::from_seed(seed_of(&words))
        });
        while self.next <= refill {
            let at = self.next % LINES;
            core.generate(&mut self.lines[at]);
            self.tags[at] = self.next;
            self.next += 1;
        }
        debug_assert_eq!(self.tags[refill % LINES], refill);
    }

    /// Uniform in [0, 1) with 32 bits from `purpose`'s word: its single slot (`sub` is
    /// ignored), or relation number `sub` of its per-relation block.
    #[inline]
    pub fn unit(&mut self, purpose: &Purpose, sub: usize) -> f64 {
        debug_assert!(purpose.layout != Layout::Stream, "{} is not a slot purpose", purpose.name);
        debug_assert!(sub < self.relations.max(1), "relation {sub} of {}", self.relations);
        let pos = match purpose.layout {
            Layout::Slot(i) => usize::from(i),
            Layout::PerRelation(k) => self.relation_word(k, sub),
            // not reachable from the model (the registry test checks every purpose used
            // here is a slot); a fixed word keeps a release build deterministic anyway
            Layout::Stream => 0,
        };
        to_unit(self.word(pos))
    }

    /// Call `f(k, u)` for every relation `k` in order, `u` being what
    /// `self.unit(purpose, k)` gives (the per-relation block read a refill at a time).
    pub fn each_unit(&mut self, purpose: &Purpose, mut f: impl FnMut(usize, f64)) {
        let Layout::PerRelation(b) = purpose.layout else {
            debug_assert!(false, "{} is not a per-relation purpose", purpose.name);
            return;
        };
        let (start, end) = (self.relation_word(b, 0), self.relation_word(b, self.relations));
        let mut pos = start;
        while pos < end {
            let at = pos % LINE;
            let n = (LINE - at).min(end - pos);
            for (j, &w) in self.line(pos / LINE)[at..at + n].iter().enumerate() {
                f(pos - start + j, to_unit(w));
            }
            pos += n;
        }
    }

    /// True with probability `p`, from `purpose`'s word (see [`Slots::unit`]).
    #[inline]
    pub fn chance(&mut self, purpose: &Purpose, sub: usize, p: f64) -> bool {
        self.unit(purpose, sub) < p
    }
}

/// A 32-bit word as a uniform number in [0, 1).
#[inline(always)]
fn to_unit(w: u32) -> f64 {
    f64::from(w) * (1.0 / 4_294_967_296.0)
}

/// A ChaCha8 generator keyed by a list of words, mixed by SplitMix64 finalisers.
pub fn stream(words: &[u64]) -> ChaCha8Rng {
    ChaCha8Rng::from_seed(seed_of(words))
}

/// The ChaCha8 key of the stream keyed by `words`.
fn seed_of(words: &[u64]) -> [u8; 32] {
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
    key
}

/// SplitMix64's finaliser: a bijective 64-bit mixer.
pub const fn mix(mut z: u64) -> u64 {
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

    /// Standard normal draw (Box–Muller on two uniforms; always consumes two words).
    fn normal(&mut self) -> f64 {
        let u1 = 1.0 - self.unit(); // in (0, 1]
        let u2 = self.unit();
        (-2.0 * u1.ln()).sqrt() * (std::f64::consts::TAU * u2).cos()
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

    const A: Purpose = Purpose::stream("test.a");
    const B: Purpose = Purpose::stream("test.b");
    const S0: Purpose = Purpose::slot("test.s0", 0);
    const S1: Purpose = Purpose::slot("test.s1", 1);
    const R: Purpose = Purpose::per_relation("test.r", 0);

    #[test]
    fn streams_differ_by_every_key_word() {
        let k = RunKey { seed: 1, point: 0, run: 0 };
        let base = k.stream(3, 4, &A, 0).next_u64();
        assert_ne!(base, k.stream(4, 4, &A, 0).next_u64());
        assert_ne!(base, k.stream(3, 5, &A, 0).next_u64());
        assert_ne!(base, k.stream(3, 4, &B, 0).next_u64());
        assert_ne!(base, k.stream(3, 4, &A, 1).next_u64());
        let k2 = RunKey { run: 1, ..k };
        assert_ne!(base, k2.stream(3, 4, &A, 0).next_u64());
        assert_eq!(base, k.stream(3, 4, &A, 0).next_u64());
    }

    #[test]
    fn purpose_keys_hash_their_names() {
        assert_eq!(fnv1a(""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a("a"), 0xaf63_dc4c_8601_ec8c); // FNV-1a 64 reference value
        assert_ne!(A.key, B.key);
    }

    #[test]
    fn lazy_streams_draw_exactly_what_eager_streams_draw() {
        let k = RunKey { seed: 9, point: 1, run: 2 };
        let mut eager = k.stream(3, 4, &A, 5);
        let mut lazy = k.lazy(3, 4, &A, 5);
        for _ in 0..100 {
            assert_eq!(eager.next_u64(), lazy.next_u64());
        }
    }

    #[test]
    fn slots_are_positional_whatever_is_read_first() {
        let k = RunKey { seed: 5, point: 0, run: 7 };
        let mut a = k.slots(2, 9, 2, 100);
        let mut b = k.slots(2, 9, 2, 100);
        // a reads relation 99 (beyond the first refill) before the singles; b the other way
        let a99 = a.unit(&R, 99);
        let a0 = a.unit(&S0, 0);
        let a1 = a.unit(&S1, 0);
        let b0 = b.unit(&S0, 0);
        let b1 = b.unit(&S1, 0);
        let b99 = b.unit(&R, 99);
        assert_eq!((a0, a1, a99), (b0, b1, b99));
        assert_ne!(a0, a1);
        // another agent or tick gets other words
        assert_ne!(k.slots(3, 9, 2, 100).unit(&S0, 0), a0);
        assert_ne!(k.slots(2, 10, 2, 100).unit(&S0, 0), a0);
    }

    // Guards the slot cache (issue 16): every word read through it, in any order and far
    // beyond its four lines, is the word at that position of the stream read from its start.
    #[test]
    fn slot_words_are_the_streams_words_in_any_order() {
        let k = RunKey { seed: 3, point: 1, run: 4 };
        let mut whole = stream(&[3, 1, 4, 6, 8, SLOTS_KEY, 0]);
        let expect: Vec<u32> = (0..1200).map(|_| whole.next_u32()).collect();
        let (singles, relations) = (11, 590);
        let mut s = k.slots(6, 8, singles, relations);
        // backwards, then a stride that hops between lines that share a cache slot
        let order: Vec<usize> = (0..1200).rev().chain((0..1200).step_by(257)).chain((0..1200).step_by(61)).collect();
        for pos in order {
            let (purpose, sub) = if pos < singles {
                (Purpose::slot("test.any", pos as u16), 0)
            } else {
                let k = (pos - singles) / relations;
                (Purpose::per_relation("test.rel", k as u16), (pos - singles) % relations)
            };
            if purpose.layout == Layout::PerRelation(2) {
                continue; // past the two blocks the test declares
            }
            let got = s.unit(&purpose, sub);
            assert_eq!(got, f64::from(expect[pos]) / 4_294_967_296.0, "word {pos}");
        }
    }

    #[test]
    fn each_unit_reads_what_unit_reads() {
        let k = RunKey { seed: 8, point: 0, run: 2 };
        let r1 = Purpose::per_relation("test.r1", 1);
        for relations in [0, 1, 27, 53, 64, 200, 333] {
            for block in [&R, &r1] {
                // a single slot before and after: with 333 relations block 1 spans refills
                // 5 to 10, so the cache evicts and the core restarts from the key
                let mut a = k.slots(1, 5, 11, relations);
                let mut b = k.slots(1, 5, 11, relations);
                let before = a.unit(&S1, 0);
                let mut seen = Vec::new();
                a.each_unit(block, |k, u| seen.push((k, u)));
                let after = a.unit(&S1, 0);
                let expect: Vec<(usize, f64)> = (0..relations).map(|k| (k, b.unit(block, k))).collect();
                assert_eq!(seen, expect, "{relations} relations, {}", block.name);
                assert_eq!((before, after), (b.unit(&S1, 0), b.unit(&S1, 0)));
            }
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
    fn normal_has_mean_zero_and_unit_variance() {
        let mut r = stream(&[11]);
        let n = 100_000;
        let xs: Vec<f64> = (0..n).map(|_| r.normal()).collect();
        let mean = xs.iter().sum::<f64>() / n as f64;
        let var = xs.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / (n - 1) as f64;
        // sd of the mean 1/sqrt(n) = 0.0032; of the variance sqrt(2/n) = 0.0045; 5 sd
        assert!(mean.abs() < 0.016, "{mean}");
        assert!((var - 1.0).abs() < 0.023, "{var}");
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

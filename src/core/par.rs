//! Parallel loops over states and relations that stay sequential for small worlds.
//!
//! rayon costs a little per call; in a world of a few dozen states that is a noticeable
//! share of a tick, while whole runs are already spread over threads. Below [`SMALL`]
//! items these helpers loop in place; above, they split the work with rayon. Each item's
//! result depends only on its index and the read-only inputs, so both paths give the same
//! values in the same order.

use rayon::prelude::*;

/// Below this many items, loops run sequentially.
pub const SMALL: usize = 128;

/// `out = (0..n).map(f)`, in parallel chunks of at least `min_len` when `n` is large.
pub fn map_into<T: Send>(n: usize, min_len: usize, f: impl Fn(usize) -> T + Sync + Send, out: &mut Vec<T>) {
    if n < SMALL {
        out.clear();
        out.extend((0..n).map(f));
    } else {
        (0..n).into_par_iter().with_min_len(min_len).map(f).collect_into_vec(out);
    }
}

/// Call `f(i, item_i)` on every item, in parallel when there are many.
pub fn for_each_mut<T: Send>(items: &mut [T], min_len: usize, f: impl Fn(usize, &mut T) + Sync + Send) {
    if items.len() < SMALL {
        for (i, x) in items.iter_mut().enumerate() {
            f(i, x);
        }
    } else {
        items.par_iter_mut().with_min_len(min_len).enumerate().for_each(|(i, x)| f(i, x));
    }
}

/// Compute `f(i)` for every `i` in `range` on as many threads as the rayon pool has, and
/// hand the results to `sink` in index order, on a thread of its own, while later indices
/// are computed.
///
/// No barrier between groups of items: every worker takes the next index as soon as it is
/// free, so a slow item holds up no one but the sink. Memory stays bounded: a worker waits
/// before taking an index `window` or more ahead of the next one the sink needs. The
/// workers are plain threads, not rayon jobs, so `f` may use rayon itself (large worlds)
/// and no rayon worker ever blocks here. When `stop` is set, workers take no new index.
/// Returns `Ok(true)` when every result reached the sink, `Ok(false)` when `stop` cut it
/// short, and the sink's first error otherwise (then the workers stop too). A panic in `f`
/// or in `sink` stops everyone and is raised again here.
pub fn ordered<T: Send, E: Send>(
    range: std::ops::Range<u64>,
    window: u64,
    stop: &std::sync::atomic::AtomicBool,
    f: impl Fn(u64) -> T + Sync,
    mut sink: impl FnMut(T) -> Result<(), E> + Send,
) -> Result<bool, E> {
    use std::collections::BTreeMap;
    use std::sync::atomic::{AtomicU64, Ordering};
    let window = window.max(1);
    let next = AtomicU64::new(range.start);
    let gate = Gate::new(range.start);
    let (tx, rx) = std::sync::mpsc::channel::<(u64, T)>();
    let end = range.end;
    std::thread::scope(|scope| {
        let gate = &gate;
        let writer = scope.spawn(move || -> Result<u64, E> {
            let _quit = gate.closer(); // on return or unwind, no worker waits for this thread
            let mut held: BTreeMap<u64, T> = BTreeMap::new();
            let mut want = range.start;
            for (i, x) in rx {
                held.insert(i, x);
                while let Some(x) = held.remove(&want) {
                    sink(x)?;
                    want += 1;
                }
                gate.advance(want);
            }
            Ok(want)
        });
        for _ in 0..rayon::current_num_threads().max(1) {
            let tx = tx.clone();
            let (next, f) = (&next, &f);
            scope.spawn(move || {
                let _quit = gate.closer_on_panic(); // a panic in `f` releases the others
                loop {
                    if stop.load(Ordering::Relaxed) {
                        return;
                    }
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    if i >= end || !gate.wait_for_room(i, window) || tx.send((i, f(i))).is_err() {
                        return;
                    }
                }
            });
        }
        drop(tx);
        let done = writer.join().unwrap_or_else(|p| std::panic::resume_unwind(p))?;
        Ok(done == end)
    })
}

/// The sink's progress, which bounds how far ahead the workers of [`ordered`] may run.
struct Gate {
    /// (index the sink needs next, closed: nobody waits any more)
    state: std::sync::Mutex<(u64, bool)>,
    moved: std::sync::Condvar,
}

impl Gate {
    fn new(start: u64) -> Gate {
        Gate { state: std::sync::Mutex::new((start, false)), moved: std::sync::Condvar::new() }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, (u64, bool)> {
        self.state.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    fn advance(&self, want: u64) {
        self.lock().0 = want;
        self.moved.notify_all();
    }

    fn close(&self) {
        self.lock().1 = true;
        self.moved.notify_all();
    }

    /// Wait until index `i` is less than `window` ahead of the sink; false when closed.
    fn wait_for_room(&self, i: u64, window: u64) -> bool {
        let mut g = self.lock();
        while i >= g.0.saturating_add(window) && !g.1 {
            g = self.moved.wait(g).unwrap_or_else(std::sync::PoisonError::into_inner);
        }
        !g.1
    }

    /// Closes the gate when dropped (the sink's thread ends, however it ends).
    fn closer(&self) -> Closer<'_> {
        Closer { gate: self, always: true }
    }

    /// Closes the gate when dropped during a panic.
    fn closer_on_panic(&self) -> Closer<'_> {
        Closer { gate: self, always: false }
    }
}

struct Closer<'a> {
    gate: &'a Gate,
    always: bool,
}

impl Drop for Closer<'_> {
    fn drop(&mut self) {
        if self.always || std::thread::panicking() {
            self.gate.close();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::AtomicBool;

    #[test]
    fn ordered_hands_results_in_index_order_on_any_pool() {
        for threads in [1, 2, 5] {
            let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build().unwrap();
            let never = AtomicBool::new(false);
            let mut seen = Vec::new();
            let done = pool
                .install(|| {
                    ordered(
                        3..500,
                        4,
                        &never,
                        |i| (i, (i * 7919) % 13),
                        |x| {
                            seen.push(x);
                            Ok::<(), ()>(())
                        },
                    )
                })
                .unwrap();
            assert!(done);
            assert_eq!(seen.iter().map(|x| x.0).collect::<Vec<_>>(), (3..500).collect::<Vec<_>>());
        }
    }

    #[test]
    fn ordered_stops_on_request_and_on_a_sink_error() {
        let stop = AtomicBool::new(false);
        let mut n = 0;
        let done = ordered(
            0..10_000,
            8,
            &stop,
            |i| i,
            |_| {
                n += 1;
                if n == 50 {
                    stop.store(true, std::sync::atomic::Ordering::Relaxed);
                }
                Ok::<(), ()>(())
            },
        );
        assert_eq!(done, Ok(false));
        assert!((50..=50 + 8 + rayon::current_num_threads()).contains(&n), "{n} results after the stop");
        let never = AtomicBool::new(false);
        let r = ordered(0..10_000, 8, &never, |i| i, |i| if i == 20 { Err(i) } else { Ok(()) });
        assert_eq!(r, Err(20));
    }

    /// A panic in `f` or in the sink comes back out instead of leaving the others waiting.
    #[test]
    fn ordered_raises_a_panic_of_f_or_of_the_sink() {
        for threads in [1, 3] {
            let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build().unwrap();
            let never = AtomicBool::new(false);
            let caught = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                pool.install(|| {
                    ordered(0..1000, 2, &never, |i| if i == 1 { panic!("boom") } else { i }, |_| Ok::<(), ()>(()))
                })
            }));
            assert!(caught.is_err(), "a panic in f is raised ({threads} threads)");
            let caught = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                pool.install(|| {
                    ordered(0..1000, 2, &never, |i| i, |i| if i == 5 { panic!("sink") } else { Ok::<(), ()>(()) })
                })
            }));
            assert!(caught.is_err(), "a panic in the sink is raised ({threads} threads)");
        }
    }

    /// `f` may itself use rayon (as large worlds do) on any pool size, with a small window.
    #[test]
    fn ordered_allows_rayon_inside_f() {
        for threads in [1, 3, 6] {
            let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build().unwrap();
            let never = AtomicBool::new(false);
            let mut sums = Vec::new();
            let done = pool
                .install(|| {
                    ordered(
                        0..64,
                        3,
                        &never,
                        |i| (0..500u64).into_par_iter().map(|k| k * i).sum::<u64>(),
                        |x| {
                            sums.push(x);
                            Ok::<(), ()>(())
                        },
                    )
                })
                .unwrap();
            assert!(done);
            assert_eq!(sums, (0..64u64).map(|i| i * 500 * 499 / 2).collect::<Vec<_>>());
        }
    }
}

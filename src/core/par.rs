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

/// Compute `f(i)` for every `i` in `range` on the rayon pool, and hand the results to
/// `sink` in index order, on a thread of its own, while later indices are computed.
///
/// No barrier between groups of items: every worker takes the next index as soon as it is
/// free, so a slow item holds up no one but the sink. Memory stays bounded: a worker waits
/// before taking an index more than `window` ahead of the next one the sink needs, so at
/// most about `window` results are held at once. When `stop` is set, workers take no new
/// index. Returns `Ok(true)` when every result reached the sink, `Ok(false)` when `stop`
/// cut it short, and the sink's first error otherwise (then the workers stop too).
pub fn ordered<T: Send, E: Send>(
    range: std::ops::Range<u64>,
    window: u64,
    stop: &std::sync::atomic::AtomicBool,
    f: impl Fn(u64) -> T + Sync,
    mut sink: impl FnMut(T) -> Result<(), E> + Send,
) -> Result<bool, E> {
    use std::collections::BTreeMap;
    use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
    use std::sync::{Condvar, Mutex};
    let window = window.max(1);
    let next = AtomicU64::new(range.start);
    // the index the sink needs next, and whether the sink has quit
    let progress = (Mutex::new((range.start, false)), Condvar::new());
    let failed = AtomicBool::new(false);
    let (tx, rx) = std::sync::mpsc::channel::<(u64, T)>();
    std::thread::scope(|scope| {
        let progress = &progress;
        let failed = &failed;
        let end = range.end;
        let writer = scope.spawn(move || -> Result<u64, E> {
            let mut held: BTreeMap<u64, T> = BTreeMap::new();
            let mut want = range.start;
            let mut result = Ok(());
            for (i, x) in rx {
                held.insert(i, x);
                while let Some(x) = held.remove(&want) {
                    if result.is_ok() {
                        result = sink(x);
                    }
                    want += 1;
                }
                let (lock, cv) = progress;
                let mut g = lock.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
                g.0 = want;
                if result.is_err() {
                    g.1 = true;
                    failed.store(true, Ordering::Relaxed);
                }
                cv.notify_all();
            }
            result.map(|()| want)
        });
        rayon::scope(|s| {
            for _ in 0..rayon::current_num_threads() {
                let tx = tx.clone();
                let (next, f) = (&next, &f);
                s.spawn(move |_| {
                    loop {
                        if stop.load(Ordering::Relaxed) || failed.load(Ordering::Relaxed) {
                            return;
                        }
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        if i >= end {
                            return;
                        }
                        {
                            let (lock, cv) = progress;
                            let mut g = lock.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
                            while i >= g.0 + window && !g.1 {
                                g = cv.wait(g).unwrap_or_else(std::sync::PoisonError::into_inner);
                            }
                            if g.1 {
                                return;
                            }
                        }
                        if tx.send((i, f(i))).is_err() {
                            return;
                        }
                    }
                });
            }
        });
        drop(tx);
        let done = writer.join().unwrap_or_else(|p| std::panic::resume_unwind(p))?;
        Ok(done == range.end)
    })
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
}

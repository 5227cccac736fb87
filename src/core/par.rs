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

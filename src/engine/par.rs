//! Parallel loops over states and relations that stay sequential for small worlds.
//!
//! rayon costs a little per call; in a world of a few dozen states that is a noticeable
//! share of a tick, while whole runs are already spread over threads. Below [`SMALL`]
//! items these helpers loop in place; above, they split the work with rayon. Each item's
//! result depends only on its index and the read-only inputs, so both paths give the same
//! values in the same order.

use crate::engine::world::{Relation, Relations};
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

/// Call `f(i, row_i)` on every state's relations, in parallel when there are many states.
pub fn for_each_row(rel: &mut Relations, n: usize, f: impl Fn(usize, &mut [Relation]) + Sync + Send) {
    if n < SMALL {
        for i in 0..n {
            f(i, rel.of_mut(i as u32));
        }
    } else {
        rel.rows_mut().into_par_iter().with_min_len(64).enumerate().for_each(|(i, row)| f(i, row));
    }
}

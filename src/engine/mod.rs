//! The engine: the schedule. It runs a [`Model`] tick by tick (see [`tick::step`]) and
//! returns what happened as records; it is pure — no files, no printing, no exit — and
//! knows nothing of scenarios, metrics or CSV. Per-tick observation (time series) is a
//! callback the caller passes in.
//!
//! Reproducibility: every random draw comes from a stream keyed by (seed, point, run,
//! agent, tick, purpose, subject) (see [`crate::core::rng`]); decisions read an immutable
//! snapshot; resolution runs in a fixed order. So results do not depend on the number of
//! threads.

pub mod tick;

use crate::core::rng::RunKey;
use crate::model::record::Recorder;
use crate::model::world::World;
use crate::model::{self, Context, Model};

/// The outcome of one run.
#[derive(Clone, Debug)]
pub struct RunResult {
    /// Which run.
    pub key: RunKey,
    /// The world after the last tick.
    pub world: World,
    /// The snapshot of the last tick.
    pub ctx: Context,
    /// Tallies and events.
    pub rec: Recorder,
}

/// Run `model` once with `key`: `model.spinup` ticks unrecorded, then `model.ticks`
/// recorded ones; keep events if `events`; call `observe` after every recorded tick. Event
/// ticks count recorded ticks (1 = the first after the spin-up).
pub fn run(
    model: &Model,
    key: RunKey,
    events: bool,
    mut observe: impl FnMut(&World, &Context, &Recorder),
) -> RunResult {
    let mut w = model.initial.clone();
    let mut scratch = tick::Scratch::default();
    let mut warm = Recorder::new(w.len(), false);
    for _ in 0..model.spinup {
        tick::step(model, &mut w, &key, &mut scratch, &mut warm);
    }
    let mut rec = Recorder::new(w.len(), events);
    for _ in 0..model.ticks {
        tick::step(model, &mut w, &key, &mut scratch, &mut rec);
        observe(&w, &scratch.ctx, &rec);
    }
    for e in &mut rec.events {
        e.tick -= model.spinup;
    }
    // the snapshot of the end state, for metrics that read derived quantities
    model::snapshot(model, &w, &mut scratch.ctx);
    RunResult { key, world: w, ctx: scratch.ctx, rec }
}

//! One tick, in the five steps of MODEL-BRIEF §2. This is the whole schedule: which phase
//! runs when, and which run in parallel. What each phase does is the registered
//! mechanisms' business (`crate::model`, in registry order).

use crate::core::rng::RunKey;
use crate::core::{Sid, par};
use crate::model::record::Recorder;
use crate::model::world::World;
use crate::model::{self, Act, Context, Decision, Look, Model, SINGLE_SLOTS, StateVars};

/// Buffers reused from tick to tick.
#[derive(Default)]
pub struct Scratch {
    /// The snapshot.
    pub ctx: Context,
    /// This tick's decisions, by state.
    pub decisions: Vec<Decision>,
    /// Next month's keys, by state.
    pub next: Vec<StateVars>,
}

/// The decide phase: every state decides in parallel (rayon; small worlds in one task,
/// see [`crate::core::par`]), reading only the snapshot; decisions land in state order.
/// `on_task` is called on the worker that decides each state (a no-op in runs; tests use
/// it to see which threads did the work).
pub fn decide_all(
    m: &Model,
    w: &World,
    ctx: &Context,
    key: &RunKey,
    out: &mut Vec<Decision>,
    on_task: impl Fn(Sid) + Sync,
) {
    let look = Look { m, w, ctx, decisions: &[], key };
    let task = |i: usize| {
        on_task(i as Sid);
        let mut slots = key.slots(i as u64, u64::from(w.tick), SINGLE_SLOTS, w.rel.of(i as Sid).len());
        model::decide(i as Sid, &look, &mut slots)
    };
    par::map_into(w.len(), 32, task, out);
}

/// Advance `w` by one tick.
pub fn step(m: &Model, w: &mut World, key: &RunKey, s: &mut Scratch, rec: &mut Recorder) {
    w.tick += 1;
    // 1. snapshot: derived quantities every decision reads
    model::snapshot(m, w, &mut s.ctx);
    // 2. decide, in parallel: one task per state, each with its own streams
    decide_all(m, w, &s.ctx, key, &mut s.decisions, |_| ());
    // 3. resolve, in registry order (injects, alliances, sanctions, ..., operations, vendors)
    model::resolve(&mut Act { m, w, ctx: &s.ctx, decisions: &s.decisions, key, rec });
    // 4. update: every state's variables in parallel from the resolved world, then
    //    relations and alliances
    let look = Look { m, w, ctx: &s.ctx, decisions: &s.decisions, key };
    par::map_into(
        w.len(),
        64,
        |i| {
            let mut next = look.w.states[i].p.vars.clone();
            model::update_state(i as Sid, &look, &mut next);
            next
        },
        &mut s.next,
    );
    for (st, next) in w.states.iter_mut().zip(s.next.drain(..)) {
        st.p.vars = next;
    }
    model::update_world(&mut Act { m, w, ctx: &s.ctx, decisions: &s.decisions, key, rec });
}

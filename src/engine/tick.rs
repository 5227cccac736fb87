//! One tick, in the five steps of MODEL-BRIEF §2. This is the whole schedule.

use crate::engine::context::Context;
use crate::engine::decide::{Decision, decide};
use crate::engine::record::Recorder;
use crate::engine::rng::RunKey;
use crate::engine::world::{SanctionCause, Sid, World};
use crate::engine::{Model, injects, update};
use crate::model::state_vars::StateVars;
use crate::model::{alliances, attacks, data_security, norms, sanctions, vendors};

/// Buffers reused from tick to tick.
#[derive(Default)]
pub struct Scratch {
    /// The snapshot context.
    pub ctx: Context,
    /// This tick's decisions, by state.
    pub decisions: Vec<Decision>,
    /// Damage suffered this tick, by state.
    pub damage: Vec<f64>,
    /// Next state variables, by state.
    pub next: Vec<StateVars>,
}

/// The decide phase: every state decides in parallel (rayon; small worlds in one task,
/// see [`crate::engine::par`]), reading only the snapshot;
/// decisions land in state order. `on_task` is called on the worker that decides each
/// state (a no-op in runs; tests use it to see which threads did the work).
pub fn decide_all(
    w: &World,
    ctx: &Context,
    p: &crate::model::Params,
    key: &RunKey,
    out: &mut Vec<Decision>,
    on_task: impl Fn(Sid) + Sync,
) {
    let task = |i: usize| {
        on_task(i as Sid);
        decide(i as Sid, w, ctx, p, key)
    };
    crate::engine::par::map_into(w.len(), 32, task, out);
}

/// Advance `w` by one tick.
pub fn step(m: &Model, w: &mut World, key: &RunKey, s: &mut Scratch, rec: &mut Recorder) {
    let p = &m.params;
    w.tick += 1;
    // 1. snapshot: derived quantities every decision reads
    s.ctx.refresh(w, p);
    // 2. decide, in parallel: one task per state, each with its own streams
    decide_all(w, &s.ctx, p, key, &mut s.decisions, |_| ());
    // 3. resolve, in a fixed order: injects, alliances, diplomacy, operations, sanctions, vendors
    injects::apply(m, w, rec);
    alliances::resolve(w, &s.decisions, p, rec);
    for (i, d) in s.decisions.iter().enumerate() {
        if d.adopt_pledges {
            data_security::adopt(i as Sid, w, rec);
        }
        if let Some(j) = d.agreement {
            norms::conclude(i as Sid, j, w, p, rec);
        }
    }
    s.damage.clear();
    s.damage.resize(w.len(), 0.0);
    let mut ops = std::mem::take(&mut w.queued);
    ops.extend(s.decisions.iter().flat_map(|d| d.ops.iter().copied()));
    for (seq, op) in ops.into_iter().enumerate() {
        attacks::resolve(op, seq as u64, w, &s.ctx, p, key, &mut s.damage, rec);
    }
    for (i, d) in s.decisions.iter().enumerate() {
        if let Some(t) = d.sanction {
            sanctions::impose(i as Sid, t, SanctionCause::Policy, w, &p.sanctions, rec);
        }
    }
    sanctions::lifecycle(w, &s.ctx, &p.sanctions, key, rec);
    vendors::pressure(&p.vendor, w, key, rec);
    // 4. update: capabilities, economy, trust, cohesion
    update::apply(m, w, &s.ctx, &s.decisions, &s.damage, &mut s.next, rec);
}

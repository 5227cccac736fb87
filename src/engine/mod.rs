//! The engine: builds a run's world from a validated scenario and advances it tick by
//! tick (see [`tick::step`]). It is pure — no files, no printing, no exit — and returns
//! what happened as records; the `metrics` and `output` modules turn them into numbers and
//! bytes.
//!
//! Reproducibility: every random draw comes from a stream keyed by (seed, point, run,
//! state, tick, purpose, sequence) (see [`rng`]); decisions read an immutable snapshot;
//! resolution runs in a fixed order. So results do not depend on the number of threads.

pub mod context;
pub mod decide;
pub mod injects;
pub mod par;
pub mod record;
pub mod rng;
pub mod tick;
pub mod update;
pub mod world;

use crate::model::Params;
use crate::model::institutions;
use crate::model::trust;
use crate::scenario::{Inject, Scenario};
use context::Context;
use record::Recorder;
use rng::RunKey;
use world::{Relation, Relations, Sanction, SanctionCause, Sid, State, World};

/// Everything fixed for all runs of a scenario.
#[derive(Clone, Debug)]
pub struct Model {
    /// Global parameters.
    pub params: Params,
    /// The world at tick 0.
    pub initial: World,
    /// Initial foreign dependency of each state (its ceiling as indigenous capacity grows).
    pub init_dependency: Vec<f64>,
    /// Scripted injects, by tick.
    pub injects: Vec<Inject>,
    /// Ticks per run.
    pub ticks: u32,
    /// Bits of the regional bodies among institutions.
    pub regional_mask: u16,
}

impl Model {
    /// Build the model of a validated scenario.
    pub fn new(sc: &Scenario) -> Model {
        let params = sc.params.clone();
        let mut regions: Vec<&str> = sc.states.iter().map(|s| s.region.as_str()).collect();
        regions.sort_unstable();
        regions.dedup();
        let states: Vec<State> = sc
            .states
            .iter()
            .map(|s| State {
                p: s.params.clone(),
                supplier: s.supplier,
                pledges: s.pledges,
                alliances: Vec::new(),
                institutions: s.institutions,
                region: regions.binary_search(&s.region.as_str()).unwrap_or(0) as u16,
            })
            .collect();
        let n = states.len();
        let mut rows: Vec<Vec<Relation>> = vec![Vec::new(); n];
        let blank =
            |other: Sid| Relation { other, trust: -1.0, rivalry: 0.0, grievance: 0.0, escalation: 0, agreement: false };
        if sc.complete {
            for (i, row) in rows.iter_mut().enumerate() {
                row.extend((0..n as Sid).filter(|&j| j as usize != i).map(blank));
            }
        }
        for r in &sc.relations {
            for (a, b) in [(r.a, r.b), (r.b, r.a)] {
                let row = &mut rows[a as usize];
                let rel = match row.iter_mut().find(|x| x.other == b) {
                    Some(x) => x,
                    None => {
                        row.push(blank(b));
                        row.last_mut().expect("invariant: a row was pushed on the line above")
                    }
                };
                rel.rivalry = r.rivalry;
                rel.agreement = r.agreement;
                if let Some(t) = r.trust {
                    rel.trust = t;
                }
            }
        }
        let mut w = World {
            tick: 0,
            states,
            rel: Relations::from_rows(rows),
            alliances: Vec::new(),
            sanctions: Vec::new(),
            queued: Vec::new(),
        };
        let mut rec = Recorder::new(n, false);
        for a in &sc.alliances {
            crate::model::alliances::found(
                a.members.clone(),
                Some(a.name.clone()),
                a.cohesion,
                &mut w,
                &mut rec,
                false,
            );
        }
        for s in &sc.sanctions {
            w.sanctions.push(Sanction {
                label: s.id.clone(),
                lead: s.senders[0],
                target: s.target,
                senders: s.senders.clone(),
                intensity: s.intensity,
                start: 0,
                quiet: 0,
                evasion_sum: 0.0,
                ticks: 0,
                cause: SanctionCause::Initial,
                active: true,
            });
        }
        // Trust not given by the scenario starts at the trust model's target level.
        let ctx = Context::observe(&w, &params);
        let zero = [0.0; crate::model::doctrine::N_LEVERS];
        let World { states: all, rel, .. } = &mut w;
        let peers: Vec<trust::Peer> =
            all.iter().enumerate().map(|(i, s)| trust::peer(&params, s, ctx.filter[i], &zero)).collect();
        for (i, row) in rel.rows_mut().into_iter().enumerate() {
            for r in row.iter_mut().filter(|r| r.trust < 0.0) {
                let j = r.other as usize;
                let pair = trust::Pair {
                    me: &peers[i],
                    them: &peers[j],
                    allied: trust::allied(&all[i], &all[j]),
                    sanctions_me: ctx.sanctions(r.other, i as Sid),
                };
                r.trust = trust::target(&params, r, &pair);
            }
        }
        Model {
            init_dependency: w.states.iter().map(|s| s.p.vars.foreign_dependency).collect(),
            params,
            initial: w,
            injects: sc.injects.clone(),
            ticks: sc.sim.ticks,
            regional_mask: institutions::regional_mask(),
        }
    }
}

/// What to keep from a run besides tallies.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Keep {
    /// Keep every event.
    pub events: bool,
    /// Keep a row of world statistics per tick.
    pub series: bool,
}

/// The outcome of one run.
#[derive(Clone, Debug)]
pub struct RunResult {
    /// Which run.
    pub key: RunKey,
    /// The world after the last tick.
    pub world: World,
    /// Context of the last tick (derived quantities at the end).
    pub ctx: Context,
    /// Tallies and events.
    pub rec: Recorder,
    /// Per-tick statistics, if kept (see `metrics::SERIES`).
    pub series: Vec<Vec<f64>>,
}

/// Run `model` once with `key`.
pub fn run(model: &Model, key: RunKey, keep: Keep, focus: &[Sid]) -> RunResult {
    let mut w = model.initial.clone();
    let mut rec = Recorder::new(w.len(), keep.events);
    let mut scratch = tick::Scratch::default();
    let mut series = Vec::new();
    let mut last = crate::metrics::SeriesMark::default();
    for _ in 0..model.ticks {
        tick::step(model, &mut w, &key, &mut scratch, &mut rec);
        if keep.series {
            series.push(crate::metrics::series_row(&w, &scratch.ctx, &rec, focus, &mut last));
        }
    }
    let ctx = Context::observe(&w, &model.params);
    RunResult { key, world: w, ctx, rec, series }
}

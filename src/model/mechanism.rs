//! What a mechanism is. A mechanism is one file that implements one seed row (or a few
//! closely tied ones) and declares, in that file:
//!
//! - its global parameters (`type Params`, a `param_group!`: name, default, range, unit,
//!   source) and any per-state keys of its own (`type Keys`);
//! - the state variables it writes in the update phase (`OWNS`);
//! - the phases it acts in (`PHASES`) and the code for each (the trait's methods);
//! - its random-stream purposes (`PURPOSES`), the event kinds it records (`EVENTS`) and the
//!   metrics it reports (`METRICS`, `STATE_METRICS`).
//!
//! The registry (`model/mod.rs`, one line per mechanism) gathers these into the model's
//! parameter set, snapshot, decisions and tallies, and runs every mechanism's phase in the
//! registry's order. Tests read the declarations back: purposes are unique, every owned
//! variable has one owner and is the only one a mechanism's update changes, every declared
//! phase is implemented, every parameter is read (tests/structure.rs).

use crate::core::Sid;
use crate::core::params::Group;
use crate::core::rng::{Purpose, RunKey, Slots};
use crate::model::StateVars;
use crate::model::attacks::Op;
use crate::model::record::{EventKind, Recorder};
use crate::model::world::World;
use crate::model::{Context, Decision, Model, Params, Tally};
use std::fmt::Debug;

/// The phases of a tick (MODEL-BRIEF §2), in schedule order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Phase {
    /// Before the first tick: set derived initial values.
    Init,
    /// Derive this tick's read-only quantities from the world.
    Snapshot,
    /// Each state decides, in parallel, reading only the snapshot.
    Decide,
    /// Resolve decisions in a fixed order (registry order, then state order).
    Resolve,
    /// React to each attributed operation during resolution.
    OnAttributed,
    /// Move each state's variables for one month, in parallel (synchronous update: every
    /// mechanism reads the world as resolution left it and writes only what it owns).
    UpdateState,
    /// Move relations, alliances and other world-level quantities.
    UpdateWorld,
}

impl Phase {
    /// Name in docs.
    pub fn name(self) -> &'static str {
        match self {
            Phase::Init => "init",
            Phase::Snapshot => "snapshot",
            Phase::Decide => "decide",
            Phase::Resolve => "resolve",
            Phase::OnAttributed => "on_attributed",
            Phase::UpdateState => "update_state",
            Phase::UpdateWorld => "update_world",
        }
    }

    /// The trait method that implements the phase.
    pub fn method(self) -> &'static str {
        match self {
            Phase::Init => "fn init(",
            Phase::Snapshot => "fn snapshot(",
            Phase::Decide => "fn decide(",
            Phase::Resolve => "fn resolve(",
            Phase::OnAttributed => "fn on_attributed(",
            Phase::UpdateState => "fn update_state(",
            Phase::UpdateWorld => "fn update_world(",
        }
    }
}

/// What a mechanism reads when it decides or updates a state: the model, the world (the
/// snapshot during decide, the resolved world during update), the tick's derived
/// quantities, and (in the update phase) every state's decisions.
pub struct Look<'a> {
    /// The model (parameters, initial world, injects).
    pub m: &'a Model,
    /// The world.
    pub w: &'a World,
    /// This tick's snapshot.
    pub ctx: &'a Context,
    /// This tick's decisions, by state (empty while deciding).
    pub decisions: &'a [Decision],
    /// The run's stream keys.
    pub key: &'a RunKey,
}

impl Look<'_> {
    /// The global parameters.
    pub fn p(&self) -> &Params {
        &self.m.params
    }
}

/// What a mechanism may change when it resolves or updates the world.
pub struct Act<'a> {
    /// The model.
    pub m: &'a Model,
    /// The world.
    pub w: &'a mut World,
    /// This tick's snapshot.
    pub ctx: &'a Context,
    /// This tick's decisions, by state.
    pub decisions: &'a [Decision],
    /// The run's stream keys.
    pub key: &'a RunKey,
    /// Tallies and events.
    pub rec: &'a mut Recorder,
}

impl Act<'_> {
    /// The global parameters.
    pub fn p(&self) -> &Params {
        &self.m.params
    }
}

/// What a world-level metric reads: the world, snapshot and tallies at the end of a run
/// (or of a tick, for time series).
pub struct Facts<'a> {
    /// The model.
    pub m: &'a Model,
    /// The world.
    pub w: &'a World,
    /// The last snapshot.
    pub ctx: &'a Context,
    /// Tallies so far.
    pub t: &'a Tally,
}

/// A world-level metric of a run (a runs.csv column).
pub struct Metric {
    /// Column name.
    pub name: &'static str,
    /// Unit.
    pub unit: &'static str,
    /// Meaning.
    pub doc: &'static str,
    /// How to compute it.
    pub f: fn(&Facts) -> f64,
}

/// A per-state metric of a run (a states.csv metric).
pub struct StateMetric {
    /// Metric name.
    pub name: &'static str,
    /// Unit.
    pub unit: &'static str,
    /// Meaning.
    pub doc: &'static str,
    /// How to compute it for one state.
    pub f: fn(&Facts, Sid) -> f64,
}

/// A mechanism: see the module doc. Every method has a do-nothing default; `PHASES` says
/// which ones the mechanism implements (a test checks the two agree).
pub trait Mechanism {
    /// The seed row(s) it implements ("001 Table 4 #7 weak internal coordination").
    const SOURCE: &'static str;
    /// Phases it acts in.
    const PHASES: &'static [Phase];
    /// State variables it writes in the update phase (its own; each has one owner).
    const OWNS: &'static [&'static str] = &[];
    /// Random-stream purposes it draws from.
    const PURPOSES: &'static [Purpose] = &[];
    /// Event kinds it records.
    const EVENTS: &'static [EventKind] = &[];
    /// World-level metrics it reports (runs.csv columns, in this order).
    const METRICS: &'static [Metric] = &[];
    /// Per-state metrics it reports (states.csv).
    const STATE_METRICS: &'static [StateMetric] = &[];

    /// Global parameters (`[parameters]`), a `param_group!` (or `Nothing`).
    type Params: Group;
    /// Per-state keys of its own (`[[state]]`), a `param_group!`/`param_set!` (or `Nothing`).
    type Keys: Group;
    /// What it derives for every reader at the start of a tick.
    type Snapshot: Default + Clone + Debug + Send + Sync;
    /// What one state decides in one tick.
    type Decision: Default + Clone + Debug + PartialEq + Send + Sync;
    /// Counters over a run.
    type Tally: Clone + Debug + Send + Sync;

    /// Fresh counters for a world of `n` states.
    fn tally(n: usize) -> Self::Tally;

    /// Set derived initial values of the world (before tick 1).
    fn init(_m: &Model, _w: &mut World) {}
    /// Compute this mechanism's part of the snapshot (earlier mechanisms' parts are ready).
    fn snapshot(_m: &Model, _w: &World, _ctx: &mut Context) {}
    /// State `i`'s decision this tick; draws come from its per-tick slots.
    fn decide(_i: Sid, _x: &Look, _slots: &mut Slots) -> Self::Decision {
        Self::Decision::default()
    }
    /// Resolve this tick's decisions (in state order where order matters).
    fn resolve(_x: &mut Act) {}
    /// React to an attributed operation (called in registry order for each one).
    fn on_attributed(_op: &Op, _x: &mut Act) {}
    /// Write next month's values of the variables it owns for state `i`, reading the world
    /// as resolution left it.
    fn update_state(_i: Sid, _x: &Look, _next: &mut StateVars) {}
    /// Update world-level quantities (relations, alliances) after every state's update.
    fn update_world(_x: &mut Act) {}
}

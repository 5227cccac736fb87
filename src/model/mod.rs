//! The model: the world's data and its rules, one file per mechanism, each opening with the
//! seed row it implements. This file is the registry: one line per mechanism, in the order
//! the engine runs them within each phase. From it come the model's parameter set
//! ([`Params`]), a state's keys ([`StateParams`]), the tick's snapshot ([`Context`]), a
//! state's decisions ([`Decision`]), the run's counters ([`Tally`]) and one function per
//! phase ([`snapshot`], [`decide`], [`resolve`], [`on_attributed`], [`update_state`],
//! [`update_world`]) that the schedule (the engine module) calls.
//!
//! Adding a mechanism: write `src/model/<name>.rs` implementing [`Mechanism`], add one line
//! below, and regenerate docs/MODEL.md's tables (`python3 scripts/gen-docs.py`). See
//! docs/MODEL.md, "Adding a mechanism".
//!
//! Besides the mechanisms: [`world`] (the data), [`state`] (the state variables every
//! mechanism may read), [`doctrine`] (the per-state defaults of 001 Tables 2-3),
//! [`record`] (events and tallies), [`mechanism`] (the trait).

pub mod doctrine;
pub mod mechanism;
pub mod record;
pub mod state;
pub mod world;

pub use mechanism::{Act, Facts, Look, Mechanism, Metric, Phase, StateMetric};
pub use state::StateVars;

use crate::core::Sid;
use crate::core::params::{Group, Spec};
use crate::core::rng::{Layout, Purpose, Slots};
use record::EventKind;
use world::World;

/// What one mechanism declares (for docs, `explain` and the structure tests).
pub struct Info {
    /// Its file name (`src/model/<name>.rs`) and its field in the registry's structs.
    pub name: &'static str,
    /// Seed row(s).
    pub source: &'static str,
    /// Phases it acts in.
    pub phases: &'static [Phase],
    /// State variables it owns.
    pub owns: &'static [&'static str],
    /// Random-stream purposes.
    pub purposes: &'static [Purpose],
    /// Event kinds.
    pub events: &'static [EventKind],
    /// World-level metrics.
    pub metrics: &'static [Metric],
    /// Per-state metrics.
    pub state_metrics: &'static [StateMetric],
    /// Its global parameters' specs.
    pub params: fn() -> Vec<&'static Spec>,
    /// Its own per-state keys' specs.
    pub keys: fn() -> Vec<&'static Spec>,
    /// Its update of one state alone (tests check it writes only what it owns).
    pub update_state: fn(Sid, &Look, &mut StateVars),
}

/// Declares the mechanisms, in run order, and everything gathered from them.
macro_rules! mechanisms {
    ($( #[doc = $doc:literal] $name:ident: $ty:ident, )*) => {
        $( #[doc = $doc] pub mod $name; )*

        /// Every global parameter (`[parameters]`), one group per mechanism.
        #[derive(Clone, Debug, Default, PartialEq)]
        pub struct Params {
            $( #[doc = $doc] pub $name: <$name::$ty as Mechanism>::Params, )*
        }

        impl Group for Params {
            fn each_spec(f: &mut dyn FnMut(&'static Spec)) {
                $( <<$name::$ty as Mechanism>::Params as Group>::each_spec(f); )*
            }
            fn get(&self, path: &str) -> Option<f64> {
                None $( .or_else(|| self.$name.get(path)) )*
            }
            fn get_mut(&mut self, path: &str) -> Option<&mut f64> {
                $( if self.$name.get(path).is_some() { return self.$name.get_mut(path); } )*
                None
            }
        }

        /// Every `[[state]]` key: the state variables, then each mechanism's own keys.
        #[derive(Clone, Debug, Default, PartialEq)]
        pub struct StateParams {
            /// The state variables (capabilities, economy, governance, standing).
            pub vars: StateVars,
            $( #[doc = $doc] pub $name: <$name::$ty as Mechanism>::Keys, )*
        }

        impl Group for StateParams {
            fn each_spec(f: &mut dyn FnMut(&'static Spec)) {
                <StateVars as Group>::each_spec(f);
                $( <<$name::$ty as Mechanism>::Keys as Group>::each_spec(f); )*
            }
            fn get(&self, path: &str) -> Option<f64> {
                self.vars.get(path) $( .or_else(|| self.$name.get(path)) )*
            }
            fn get_mut(&mut self, path: &str) -> Option<&mut f64> {
                if self.vars.get(path).is_some() {
                    return self.vars.get_mut(path);
                }
                $( if self.$name.get(path).is_some() { return self.$name.get_mut(path); } )*
                None
            }
        }

        /// The read-only snapshot of a tick: what each mechanism derives from the world
        /// before the states decide, so every decision reads the same values.
        #[derive(Clone, Debug, Default)]
        pub struct Context {
            $( #[doc = $doc] pub $name: <$name::$ty as Mechanism>::Snapshot, )*
        }

        /// Everything one state decides in one tick, one part per mechanism.
        #[derive(Clone, Debug, Default, PartialEq)]
        pub struct Decision {
            $( #[doc = $doc] pub $name: <$name::$ty as Mechanism>::Decision, )*
        }

        /// Counters over a run, one block per mechanism.
        #[derive(Clone, Debug)]
        pub struct Tally {
            $( #[doc = $doc] pub $name: <$name::$ty as Mechanism>::Tally, )*
        }

        impl Tally {
            /// Fresh counters for `n` states.
            pub fn new(n: usize) -> Tally {
                Tally { $( $name: <$name::$ty as Mechanism>::tally(n), )* }
            }
        }

        /// Before tick 1: every mechanism's derived initial values.
        pub fn init(m: &Model, w: &mut World) {
            $( <$name::$ty as Mechanism>::init(m, w); )*
        }

        /// Phase 1: the snapshot, mechanism by mechanism.
        pub fn snapshot(m: &Model, w: &World, ctx: &mut Context) {
            $( <$name::$ty as Mechanism>::snapshot(m, w, ctx); )*
        }

        /// Phase 2: state `i`'s decisions (called in parallel, one state per task).
        pub fn decide(i: Sid, x: &Look, slots: &mut Slots) -> Decision {
            Decision { $( $name: <$name::$ty as Mechanism>::decide(i, x, slots), )* }
        }

        /// Phase 3: resolution, mechanism by mechanism.
        pub fn resolve(x: &mut Act) {
            $( <$name::$ty as Mechanism>::resolve(x); )*
        }

        /// During resolution: every mechanism's reaction to one attributed operation.
        pub fn on_attributed(op: &attacks::Op, x: &mut Act) {
            $( <$name::$ty as Mechanism>::on_attributed(op, x); )*
        }

        /// Phase 4a: next month's keys of state `i` (called in parallel, one state per task).
        pub fn update_state(i: Sid, x: &Look, next: &mut StateVars) {
            $( <$name::$ty as Mechanism>::update_state(i, x, next); )*
        }

        /// Phase 4b: world-level updates, mechanism by mechanism.
        pub fn update_world(x: &mut Act) {
            $( <$name::$ty as Mechanism>::update_world(x); )*
        }

        /// What every mechanism declares, in registry order.
        pub const REGISTRY: &[Info] = &[
            $( Info {
                name: stringify!($name),
                source: <$name::$ty as Mechanism>::SOURCE,
                phases: <$name::$ty as Mechanism>::PHASES,
                owns: <$name::$ty as Mechanism>::OWNS,
                purposes: <$name::$ty as Mechanism>::PURPOSES,
                events: <$name::$ty as Mechanism>::EVENTS,
                metrics: <$name::$ty as Mechanism>::METRICS,
                state_metrics: <$name::$ty as Mechanism>::STATE_METRICS,
                params: <<$name::$ty as Mechanism>::Params as Group>::specs,
                keys: <<$name::$ty as Mechanism>::Keys as Group>::specs,
                update_state: <$name::$ty as Mechanism>::update_state,
            }, )*
        ];
    };
}

mechanisms! {
    /// Scripted injects (MODEL-BRIEF §2): events a scenario forces at a tick.
    injects: Injects,
    /// Stochastic shocks: economy, capability, diplomatic incidents (001 features; 002).
    shocks: Shocks,
    /// 001 Table 4 #7 weak internal coordination.
    coordination: Coordination,
    /// 001 Table 4 #4-5 filtering; 002 satellite internet (its effect).
    filtering: Filtering,
    /// 002 AI; 001 Table 4 #3 skilled people (effective capability).
    ai: Ai,
    /// 001 Table 4 #6 economic barriers, funding and foreign dependency.
    economy: Economy,
    /// 001 Table 4 #1 sanctions and technology restrictions.
    sanctions: Sanctions,
    /// 002 cryptocurrencies (sanction evasion).
    crypto: Crypto,
    /// 001 Table 5: where a state spends its budget (sixteen levers and 000's three).
    levers: Levers,
    /// 001 Table 5 #1 cyber alliances.
    alliances: Alliances,
    /// 000 standardization; 002 telecom standards.
    standards: Standards,
    /// 000 normative power, WIC, UN role, agreements.
    norms: Norms,
    /// 003 Global Data Security Initiative pledges.
    data_security: DataSecurity,
    /// 001 Table 5 #5 cyber deterrence.
    deterrence: Deterrence,
    /// 001 Table 4 #3 cyber threats; operations of five types.
    attacks: Attacks,
    /// 003 vendors and the pressure campaign; 002 foreign vendors.
    vendors: Vendors,
    /// 001 Table 4 #2 trust and #8 culture.
    trust: Trust,
    /// Responses to attributed operations (MODEL-BRIEF §2).
    responses: Responses,
    /// The escalation ladder (MODEL-BRIEF §2; calibration: escalation is rare).
    escalation: Escalation,
    /// 001 Table 5 #2 cyber soft power.
    soft_power: SoftPower,
    /// 001 Table 5 #8 public diplomacy.
    public_diplomacy: PublicDiplomacy,
    /// 001 Table 5 #3 indigenous capabilities; 000 localization.
    indigenous: Indigenous,
    /// 001 Table 5 #4 presence in institutions.
    institutions: Institutions,
    /// 001 Table 5 #6 cyberspace governance; Table 4 #4 digital law.
    governance: Governance,
    /// 001 Table 5 #7 training and capacity building.
    training: Training,
    /// 002 cross-border and satellite internet.
    satellite: Satellite,
}

/// Everything fixed for all runs of a scenario: what the engine runs.
#[derive(Clone, Debug)]
pub struct Model {
    /// Global parameters.
    pub params: Params,
    /// The world before tick 1 (and before the spin-up).
    pub initial: World,
    /// The policy reference: the world of the scenario's reference (the root of its
    /// `extends` chain, without changes), or the initial world itself. Stocks' steady
    /// states, norm anchors and the like are measured against it, so a what-if that changes
    /// a lever moves what the lever drives (see `levers::Stock`).
    pub reference: World,
    /// The snapshot of the reference world.
    pub reference_ctx: Context,
    /// Each state's effort per lever in the reference world.
    pub reference_effort: Vec<levers::Effort>,
    /// Each state's effort already in place: `levers.effort_floor` x its reference total effort.
    pub effort_floor: Vec<f64>,
    /// Each state's domestic norm anchor ([`norms::home`]): fixed for the model, so
    /// computed once here rather than every month.
    pub norm_home: Vec<f64>,
    /// Each state's training effort in the reference world ([`training::reference`]).
    pub training_reference: Vec<f64>,
    /// Each state's technological tie in the reference world ([`indigenous::tie_strength`]).
    pub tie_reference: Vec<f64>,
    /// Scripted injects (their ticks count from the end of the spin-up).
    pub injects: Vec<injects::Inject>,
    /// Recorded ticks per run.
    pub ticks: u32,
    /// Ticks run before recording starts (`simulation.spinup`).
    pub spinup: u32,
}

impl Model {
    /// A model of `initial` measured against `reference` (the same states; `None`: the
    /// initial world is its own reference): runs every mechanism's initial step on both,
    /// then takes the reference's snapshot and efforts.
    pub fn new(
        params: Params,
        mut initial: World,
        reference: Option<World>,
        injects: Vec<injects::Inject>,
        ticks: u32,
        spinup: u32,
    ) -> Model {
        let mut m = Model {
            params,
            initial: World::default(),
            reference: World::default(),
            reference_ctx: Context::default(),
            reference_effort: Vec::new(),
            effort_floor: Vec::new(),
            norm_home: Vec::new(),
            training_reference: Vec::new(),
            tie_reference: Vec::new(),
            injects,
            ticks,
            spinup,
        };
        init(&m, &mut initial);
        let reference = match reference.filter(|r| r.len() == initial.len()) {
            Some(mut r) => {
                init(&m, &mut r);
                r
            }
            None => initial.clone(),
        };
        let mut ctx = Context::default();
        snapshot(&m, &reference, &mut ctx);
        m.reference_effort =
            (0..reference.len()).map(|i| levers::effort(i as Sid, &reference, &ctx, &m.params)).collect();
        m.effort_floor =
            m.reference_effort.iter().map(|e| m.params.levers.effort_floor * e.iter().sum::<f64>()).collect();
        m.initial = initial;
        m.reference = reference;
        m.reference_ctx = ctx;
        m.norm_home = (0..m.initial.len() as Sid)
            .map(|j| norms::home(&m.params.norms, &m.initial, &m.reference, &m.reference_ctx.norms.list, j))
            .collect();
        m.training_reference = (0..m.reference.len() as Sid).map(|i| training::reference(&m, i)).collect();
        m.tie_reference = (0..m.reference.len() as Sid)
            .map(|i| {
                let pressure = m.reference_ctx.sanctions.pressure[i as usize];
                indigenous::tie_strength(&m.params.indigenous, &m.reference, i, pressure)
            })
            .collect();
        m
    }

    /// The stock of state `i`: its initial value `initial`, the effort driving it now and in
    /// the reference.
    pub fn stock(&self, i: Sid, initial: f64, effort: f64, reference_effort: f64) -> levers::Stock {
        levers::Stock {
            initial,
            effort,
            initial_effort: reference_effort,
            floor: self.effort_floor[i as usize].max(1e-12),
        }
    }
}

/// Number of single decision slots (one past the highest `Purpose::slot` index).
pub const SINGLE_SLOTS: usize = single_slots();

const fn single_slots() -> usize {
    let mut n = 0;
    let mut i = 0;
    while i < REGISTRY.len() {
        let ps = REGISTRY[i].purposes;
        let mut j = 0;
        while j < ps.len() {
            if let Layout::Slot(k) = ps[j].layout {
                if k as usize + 1 > n {
                    n = k as usize + 1;
                }
            }
            j += 1;
        }
        i += 1;
    }
    n
}

/// Every declared purpose, in registry order.
pub fn purposes() -> impl Iterator<Item = &'static Purpose> {
    REGISTRY.iter().flat_map(|m| m.purposes.iter())
}

/// Every world-level metric, in registry order (runs.csv's metric columns).
pub fn metrics() -> impl Iterator<Item = &'static Metric> {
    REGISTRY.iter().flat_map(|m| m.metrics.iter())
}

/// Every per-state metric, in registry order.
pub fn state_metrics() -> impl Iterator<Item = &'static StateMetric> {
    REGISTRY.iter().flat_map(|m| m.state_metrics.iter())
}

/// Every event kind, in registry order.
pub fn event_kinds() -> impl Iterator<Item = &'static EventKind> {
    REGISTRY.iter().flat_map(|m| m.events.iter())
}

/// The mechanism that owns state variable `var` in the update phase, if any.
pub fn owner_of(var: &str) -> Option<&'static Info> {
    REGISTRY.iter().find(|m| m.owns.contains(&var))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    #[test]
    fn every_parameter_has_a_unique_path_a_source_and_a_valid_default() {
        let mut seen = BTreeSet::new();
        let p = Params::default();
        for s in Params::specs() {
            assert!(seen.insert(s.path), "duplicate path {}", s.path);
            assert!(!s.source.is_empty() && !s.doc.is_empty(), "{} lacks source or doc", s.path);
            assert!(s.accepts(s.default), "{} default {} outside [{}, {}]", s.path, s.default, s.min, s.max);
            assert_eq!(p.get(s.path), Some(s.default), "{} does not resolve", s.path);
        }
        assert!(seen.len() > 100);
    }

    #[test]
    fn every_state_key_is_unique_and_resolves() {
        let mut seen = BTreeSet::new();
        let mut p = StateParams::default();
        for s in StateParams::specs() {
            assert!(seen.insert(s.path), "duplicate state key {}", s.path);
            assert_eq!(p.get(s.path), Some(s.default), "{}", s.path);
            *p.get_mut(s.path).unwrap() = s.min;
            assert_eq!(p.get(s.path), Some(s.min), "{}", s.path);
        }
    }

    #[test]
    fn purposes_are_unique_by_name_and_key_and_slots_do_not_overlap() {
        let mut names = BTreeSet::new();
        let mut keys = BTreeSet::new();
        let mut slots = BTreeSet::new();
        let mut blocks = BTreeSet::new();
        keys.insert(crate::core::rng::fnv1a("core.slots"));
        for p in purposes() {
            assert!(names.insert(p.name), "purpose {} declared twice", p.name);
            assert!(keys.insert(p.key), "purpose {} collides with another key", p.name);
            match p.layout {
                Layout::Slot(k) => assert!(slots.insert(k), "slot {k} of {} is taken", p.name),
                Layout::PerRelation(k) => assert!(blocks.insert(k), "block {k} of {} is taken", p.name),
                Layout::Stream => {}
            }
        }
        assert_eq!(slots.len(), SINGLE_SLOTS, "single slots are numbered 0..n without gaps");
        assert!(blocks.iter().copied().eq(0..blocks.len() as u16), "per-relation blocks are 0..n");
    }

    #[test]
    fn owned_variables_have_one_owner_and_exist() {
        let mut seen = BTreeSet::new();
        for m in REGISTRY {
            for v in m.owns {
                assert!(seen.insert(*v), "{v} is owned twice (second: {})", m.name);
                assert!(StateParams::spec(v).is_some(), "{} owns unknown variable {v}", m.name);
            }
        }
    }

    #[test]
    fn metric_and_event_names_are_unique() {
        let mut names = BTreeSet::new();
        for m in metrics() {
            assert!(names.insert(m.name), "metric {} twice", m.name);
        }
        let mut names = BTreeSet::new();
        for m in state_metrics() {
            assert!(names.insert(m.name), "state metric {} twice", m.name);
        }
        let mut names = BTreeSet::new();
        for e in event_kinds() {
            assert!(names.insert(e.name), "event kind {} twice", e.name);
        }
    }
}

//! Scenarios: TOML files (with `extends` chains and `--set` overrides) turned into a
//! validated [`Scenario`], and a scenario into the [`crate::model::Model`] the engine runs.
//!
//! One path for a value: files, `extends`, `--set`, sweep points and exercise choices all
//! change one [`Document`] (the located tree of the files) through [`Document::set`]; the
//! document is then validated and built once ([`Document::build`]).
//!
//! Two tiers, as in MODEL-BRIEF §3: [`source`] reads text into a located tree and layers
//! files; [`build`] checks every key against the registries (unknown keys are errors with
//! a suggestion; values are range-checked) and produces typed values; [`world`] turns the
//! validated scenario into the model's initial world.

pub mod build;
pub mod document;
pub mod files;
pub mod paths;
pub mod source;
pub mod synthetic;
pub mod world;

use crate::core::Sid;
use crate::error::{Loc, Sources};
use crate::model::doctrine::Doctrine;
use crate::model::injects::Inject;
use crate::model::{Params, StateParams};
use std::collections::BTreeMap;

pub use document::{Document, Overrides, load};

/// Hard caps that keep a typo from asking for years of work.
pub mod caps {
    /// Most ticks in a run (one tick = one month: 1,000 years).
    pub const TICKS: i64 = 12_000;
    /// Most runs in one command.
    pub const RUNS: i64 = 10_000_000;
    /// Most states in a world.
    pub const STATES: i64 = 100_000;
    /// Most state-ticks (states x ticks x runs) in one command.
    pub const WORK: f64 = 1e13;
    /// Most states in a world where every pair is related.
    pub const COMPLETE: usize = 600;
}

/// `[simulation]`.
#[derive(Clone, Debug, PartialEq)]
pub struct Simulation {
    /// Ticks per run (one tick = one month).
    pub ticks: u32,
    /// Replicate runs.
    pub runs: u64,
    /// Seed of every random stream.
    pub seed: u64,
    /// Ticks run before recording starts (not recorded; injects count from its end).
    pub spinup: u32,
}

/// One state as the scenario sets it up.
#[derive(Clone, Debug)]
pub struct StateSpec {
    /// Short id used everywhere (e.g. "IRN").
    pub id: String,
    /// Full name.
    pub name: String,
    /// Region (regional levers act within it).
    pub region: String,
    /// Doctrine (001 Tables 2-3).
    pub doctrine: Doctrine,
    /// Every numeric key, after doctrine defaults and scenario values.
    pub params: StateParams,
    /// Institutions it belongs to (bits).
    pub institutions: u16,
    /// Home state of its dominant foreign vendor.
    pub supplier: Option<Sid>,
    /// Pledges held at the start (bits).
    pub pledges: u8,
}

/// An initial pairwise relation (symmetric).
#[derive(Clone, Debug, PartialEq)]
pub struct RelationSpec {
    /// One state.
    pub a: Sid,
    /// The other.
    pub b: Sid,
    /// Structural rivalry.
    pub rivalry: f64,
    /// Initial trust; None = from the trust model.
    pub trust: Option<f64>,
    /// An agreement in force.
    pub agreement: bool,
}

/// An initial alliance.
#[derive(Clone, Debug, PartialEq)]
pub struct AllianceSpec {
    /// Name.
    pub name: String,
    /// Members.
    pub members: Vec<Sid>,
    /// Initial cohesion.
    pub cohesion: f64,
    /// `scope = "regional"` (default: admits only neighbours of a member) or `"global"`.
    pub regional: bool,
}

/// An initial sanction.
#[derive(Clone, Debug, PartialEq)]
pub struct SanctionSpec {
    /// Id (for `extends` and `--set`).
    pub id: String,
    /// Coalition.
    pub senders: Vec<Sid>,
    /// Target.
    pub target: Sid,
    /// Intensity (0 = not in force).
    pub intensity: f64,
}

/// A policy choice of an exercise.
#[derive(Clone, Debug, PartialEq)]
pub struct Choice {
    /// Short name (used on the command line).
    pub name: String,
    /// What it means.
    pub description: String,
    /// `--set` overrides it applies.
    pub set: Vec<String>,
}

/// `[exercise]`: a teaching exercise.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Exercise {
    /// Title.
    pub title: String,
    /// Briefing for students.
    pub briefing: String,
    /// Learning goals.
    pub goals: Vec<String>,
    /// Policy choices.
    pub choices: Vec<Choice>,
    /// Questions to answer from the report.
    pub questions: Vec<String>,
    /// Notes for the teacher.
    pub teacher_notes: String,
}

/// A validated scenario.
#[derive(Clone, Debug)]
pub struct Scenario {
    /// Name (from the file, else the file stem).
    pub name: String,
    /// The question it answers.
    pub description: String,
    /// Files read, base first, and `--set` texts.
    pub sources: Sources,
    /// Hex digest of every input text (files and overrides), in order.
    pub hash: String,
    /// Ticks, runs, seed.
    pub sim: Simulation,
    /// Global parameters.
    pub params: Params,
    /// States.
    pub states: Vec<StateSpec>,
    /// Whether every pair of states is related (small hand-made worlds).
    pub complete: bool,
    /// Listed relations.
    pub relations: Vec<RelationSpec>,
    /// Initial alliances.
    pub alliances: Vec<AllianceSpec>,
    /// Initial sanctions.
    pub sanctions: Vec<SanctionSpec>,
    /// Scripted injects, by tick.
    pub injects: Vec<Inject>,
    /// States whose outcomes get their own columns in runs.csv.
    pub focus: Vec<Sid>,
    /// Teaching exercise, if any.
    pub exercise: Option<Exercise>,
    /// Where each set value came from: path -> location (for `explain`).
    pub set_at: BTreeMap<String, Loc>,
    /// Synthetic generator settings, if the world is generated.
    pub synthetic: Option<synthetic::Synthetic>,
    /// The policy reference: the root of the `extends` chain as written, when this
    /// scenario differs from it (see [`Document`]).
    pub reference: Option<Box<Scenario>>,
}

impl Scenario {
    /// Index of the state with this id.
    pub fn state_index(&self, id: &str) -> Option<Sid> {
        self.states.iter().position(|s| s.id == id).map(|i| i as Sid)
    }

    /// Ids of all states.
    pub fn ids(&self) -> Vec<&str> {
        self.states.iter().map(|s| s.id.as_str()).collect()
    }
}

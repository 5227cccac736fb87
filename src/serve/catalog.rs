//! What the page can run, loaded once at start: the scenario of the what-if view and the
//! exercises. Requests name them by their file stem, looked up here; no request names a
//! file. Also the page's sliders, built from the parameter registry: a state's challenges
//! (001 Table 4) and levers (001 Table 5), its other keys, and the global parameters
//! grouped by mechanism as in `cyberdip explain --mechanisms`.

use crate::core::params::{Group, Kind, Spec, suggest};
use crate::error::{Error, InputError, InputErrors, Result};
use crate::model::{Params, REGISTRY, StateParams, StateVars};
use crate::scenario::{Document, Exercise, Scenario};
use serde_json::{Value, json};
use std::path::{Path, PathBuf};

/// A scenario file the page can run.
pub struct Base {
    /// File stem: how requests name it.
    pub stem: String,
    /// The path as given (for the equivalent command line).
    pub path: PathBuf,
    /// The absolute path (for `extends` in exported files).
    pub abs: PathBuf,
    /// The file and everything it extends, unchanged.
    pub doc: Document,
    /// The scenario as written.
    pub scenario: Scenario,
}

impl Base {
    fn open(path: &Path) -> Result<Base> {
        let doc = Document::open(path)?;
        let scenario = doc.build()?;
        let abs = path.canonicalize().map_err(|e| Error::run(format!("cannot resolve {}", path.display()), e))?;
        let stem = path.file_stem().map_or_else(|| "scenario".into(), |s| s.to_string_lossy().into_owned());
        Ok(Base { stem, path: path.to_path_buf(), abs, doc, scenario })
    }

    /// The exercise section (exercises only).
    pub fn exercise(&self) -> Option<&Exercise> {
        self.scenario.exercise.as_ref()
    }
}

/// Everything the page can run.
pub struct Catalog {
    /// The what-if view's scenario.
    pub main: Base,
    /// Exercises, by file stem.
    pub exercises: Vec<Base>,
}

impl Catalog {
    /// Load and validate every file (errors are input errors, with every problem).
    pub fn load(scenario: &Path, exercises: &[PathBuf]) -> Result<Catalog> {
        let main = Base::open(scenario)?;
        let mut list = Vec::new();
        let mut errors = InputErrors::default();
        for f in exercises {
            match Base::open(f) {
                Ok(b) if b.exercise().is_none() => errors.push(InputError::file(
                    f.display().to_string(),
                    "this scenario has no [exercise] section, so it cannot be listed as an exercise",
                )),
                Ok(b) => list.push(b),
                Err(Error::Input(es)) => errors.append(es),
                Err(e) => return Err(e),
            }
        }
        if !errors.is_empty() {
            return Err(Error::Input(errors));
        }
        list.sort_by(|a, b| a.stem.cmp(&b.stem));
        Ok(Catalog { main, exercises: list })
    }

    /// The exercise with this stem.
    pub fn exercise(&self, stem: &str) -> Option<&Base> {
        self.exercises.iter().find(|b| b.stem == stem)
    }

    /// The exercise with this stem, or an input error with a suggestion.
    pub fn exercise_or_error(&self, stem: &str) -> Result<&Base> {
        self.exercise(stem).ok_or_else(|| Error::input(self.no_exercise(stem)))
    }

    /// "no exercise 'x'", with the nearest name or the list.
    pub fn no_exercise(&self, stem: &str) -> InputError {
        let names: Vec<&str> = self.exercises.iter().map(|b| b.stem.as_str()).collect();
        let e = InputError::file("exercise", format!("no exercise '{stem}'"));
        match suggest(stem, names.iter().copied()) {
            Some(s) => e.help(format!("did you mean '{s}'?")),
            None if names.is_empty() => e.help("no exercises were found when the server started"),
            None => e.help(format!("exercises: {}", names.join(", "))),
        }
    }

    /// What the start page and the views need: scenario, states, exercises, limits.
    pub fn json(&self, limits: &super::Limits, start: Option<&str>) -> Value {
        let sc = &self.main.scenario;
        let states: Vec<Value> = sc
            .states
            .iter()
            .enumerate()
            .map(|(i, s)| {
                json!({"id": s.id, "name": s.name, "region": s.region,
                       "focus": sc.focus.iter().any(|&f| f as usize == i)})
            })
            .collect();
        let exercises: Vec<Value> = self
            .exercises
            .iter()
            .filter_map(|b| {
                let e = b.exercise()?;
                let choices: Vec<Value> = e
                    .choices
                    .iter()
                    .map(|c| json!({"name": c.name, "description": c.description, "set": c.set}))
                    .collect();
                Some(json!({
                    "stem": b.stem, "name": b.scenario.name, "title": e.title, "briefing": e.briefing,
                    "goals": e.goals, "questions": e.questions, "teacher_notes": e.teacher_notes,
                    "choices": choices, "runs": b.scenario.sim.runs, "ticks": b.scenario.sim.ticks,
                    "seed": b.scenario.sim.seed,
                }))
            })
            .collect();
        json!({
            "version": env!("CARGO_PKG_VERSION"),
            "scenario": {
                "stem": self.main.stem, "name": sc.name, "description": sc.description,
                "runs": sc.sim.runs, "ticks": sc.sim.ticks, "seed": sc.sim.seed,
                "states": states, "default_state": default_state(sc),
            },
            "exercises": exercises,
            "limits": {"max_runs": limits.max_runs, "max_ticks": limits.max_ticks, "max_jobs": limits.max_jobs},
            "start": start,
        })
    }

    /// The sliders for state `id` (its challenges, levers and other keys) and the global
    /// parameters by mechanism; None if the scenario has no such state.
    pub fn form(&self, id: &str) -> Option<Value> {
        let sc = &self.main.scenario;
        let i = sc.state_index(id)? as usize;
        let st = &sc.states[i];
        let doctrine = st.doctrine.defaults();
        let key = |spec: &'static Spec| {
            let default = doctrine.get(spec.path).unwrap_or(spec.default);
            let value = st.params.get(spec.path).unwrap_or(default);
            // levers are shown under their level's heading: `alliances`, not `strategy.regional.alliances`
            let short =
                spec.path.strip_prefix("strategy.regional.").or_else(|| spec.path.strip_prefix("strategy.global."));
            slider(format!("state.{id}.{}", spec.path), short.unwrap_or(spec.path), spec, value, default)
        };
        let specs = StateParams::specs();
        let (challenges, levers_regional, levers_global) = (challenges(), levers("regional"), levers("global"));
        let taken = |s: &&'static Spec| {
            !challenges.iter().chain(&levers_regional).chain(&levers_global).any(|t| t.path == s.path)
        };
        let mut groups = vec![
            group(
                "challenges",
                "Challenges (001 Table 4)",
                &format!("{}'s starting position on the challenges of cyber diplomacy.", st.name),
                false,
                challenges.iter().map(|s| key(s)).collect(),
            ),
            group(
                "levers-regional",
                "Levers at regional level (001 Table 5)",
                "Share of the cyber budget spent on each strategy with neighbours.",
                false,
                levers_regional.iter().map(|s| key(s)).collect(),
            ),
            group(
                "levers-global",
                "Levers at global level (001 Table 5)",
                "Share of the cyber budget spent on each strategy worldwide.",
                false,
                levers_global.iter().map(|s| key(s)).collect(),
            ),
            group(
                "state-other",
                &format!("Every other key of {}", st.name),
                "Capabilities, doctrine, operations and responses.",
                true,
                specs.iter().copied().filter(taken).map(key).collect(),
            ),
        ];
        for m in REGISTRY.iter() {
            let params = (m.params)();
            if params.is_empty() {
                continue;
            }
            let rows = params
                .iter()
                .map(|s| {
                    let v = sc.params.get(s.path).unwrap_or(s.default);
                    slider(format!("parameters.{}", s.path), s.path, s, v, s.default)
                })
                .collect();
            let mut g = group(&format!("global-{}", m.name), m.name, m.source, true, rows);
            g["global"] = Value::Bool(true);
            groups.push(g);
        }
        Some(json!({"state": {"id": st.id, "name": st.name}, "groups": groups}))
    }
}

/// The state variables that are Iran's challenges in 001 Table 4 (their source names a row
/// of it), without outcome variables and without doctrinal propensities (Tables 2-3).
pub fn challenges() -> Vec<&'static Spec> {
    StateVars::specs()
        .into_iter()
        .filter(|s| {
            s.source.contains("001 Table 4") && !s.source.contains("outcome") && !s.source.contains("Tables 2-3")
        })
        .collect()
}

/// The strategy levers of 001 Table 5 at one level (`regional` or `global`).
pub fn levers(level: &str) -> Vec<&'static Spec> {
    let prefix = format!("strategy.{level}.");
    StateParams::specs().into_iter().filter(|s| s.path.starts_with(&prefix)).collect()
}

/// Every global parameter path (for tests and listings).
pub fn global_paths() -> Vec<String> {
    Params::specs().into_iter().map(|s| format!("parameters.{}", s.path)).collect()
}

fn default_state(sc: &Scenario) -> String {
    if sc.state_index("IRN").is_some() {
        return "IRN".into();
    }
    let first = sc.focus.first().map(|&f| f as usize).unwrap_or(0);
    sc.states.get(first).map(|s| s.id.clone()).unwrap_or_default()
}

fn group(id: &str, title: &str, intro: &str, folded: bool, params: Vec<Value>) -> Value {
    json!({"id": id, "title": title, "intro": intro, "folded": folded, "params": params})
}

fn slider(path: String, key: &str, s: &Spec, value: f64, default: f64) -> Value {
    json!({
        "path": path, "key": key, "value": value, "default": default, "min": s.min, "max": s.max,
        "int": s.kind == Kind::Int, "unit": s.unit, "source": s.source, "doc": s.doc,
    })
}

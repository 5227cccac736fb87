//! Numeric values of a validated scenario by dotted path — the same paths as `--set` — for
//! sweeps: `parameters.<group>.<name>`, `state.<ID>.<key>`, `sanction.<id>.intensity`,
//! `alliance.<name>.cohesion`. Read-only: values change only through
//! [`super::Document::set`].

use super::Scenario;
use crate::core::params::{Group, Kind, suggest};
use crate::model::{Params, StateParams};

/// Range and kind of a numeric path.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Range {
    /// Smallest value.
    pub min: f64,
    /// Largest value.
    pub max: f64,
    /// Real or integer.
    pub kind: Kind,
}

const UNIT: Range = Range { min: 0.0, max: 1.0, kind: Kind::Real };

/// Why a path cannot be used, with a suggestion when one is near.
#[derive(Clone, Debug, PartialEq)]
pub struct PathError {
    /// What is wrong.
    pub message: String,
    /// A near path, if any.
    pub suggestion: Option<String>,
}

impl Scenario {
    /// Every numeric path of this scenario (for suggestions and listings).
    pub fn numeric_paths(&self) -> Vec<String> {
        let mut v: Vec<String> = Params::specs().into_iter().map(|s| format!("parameters.{}", s.path)).collect();
        for s in &self.states {
            v.extend(StateParams::specs().into_iter().map(|k| format!("state.{}.{}", s.id, k.path)));
        }
        v.extend(self.sanctions.iter().map(|s| format!("sanction.{}.intensity", s.id)));
        v.extend(self.alliances.iter().map(|a| format!("alliance.{}.cohesion", a.name)));
        v
    }

    /// The range of a numeric path, or why it is not one.
    pub fn range_of(&self, path: &str) -> Result<Range, PathError> {
        let fail = |what: String| {
            let all = self.numeric_paths();
            let suggestion = suggest(path, all.iter().map(String::as_str)).map(String::from);
            Err(PathError { message: what, suggestion })
        };
        let segs: Vec<&str> = path.splitn(3, '.').collect();
        match segs.as_slice() {
            ["parameters", rest @ ..] => match Params::spec(&rest.join(".")) {
                Some(s) => Ok(Range { min: s.min, max: s.max, kind: s.kind }),
                None => fail(format!("unknown parameter path '{path}'")),
            },
            ["state", id, key] => {
                if self.state_index(id).is_none() {
                    return fail(format!("no state '{id}' in the scenario"));
                }
                match StateParams::spec(key) {
                    Some(s) => Ok(Range { min: s.min, max: s.max, kind: s.kind }),
                    None => fail(format!("unknown state key '{key}'")),
                }
            }
            ["sanction", id, "intensity"] if self.sanctions.iter().any(|s| s.id == *id) => Ok(UNIT),
            ["alliance", name, "cohesion"] if self.alliances.iter().any(|a| a.name == *name) => Ok(UNIT),
            _ => fail(format!("'{path}' is not a numeric path of this scenario")),
        }
    }

    /// The current value of a numeric path.
    pub fn number(&self, path: &str) -> Option<f64> {
        let segs: Vec<&str> = path.splitn(3, '.').collect();
        match segs.as_slice() {
            ["parameters", rest @ ..] => self.params.get(&rest.join(".")),
            ["state", id, key] => self.state_index(id).and_then(|i| self.states[i as usize].params.get(key)),
            ["sanction", id, _] => self.sanctions.iter().find(|s| s.id == *id).map(|s| s.intensity),
            ["alliance", name, _] => self.alliances.iter().find(|a| a.name == *name).map(|a| a.cohesion),
            _ => None,
        }
    }
}

//! The world of one run: states, sparse pairwise relations, alliances, sanctions and the
//! operations queued for the next tick. Pure data with small lookups; the rules that move
//! it live in the mechanism files beside this one, the schedule in the engine module.

pub use crate::core::Sid;
use crate::model::StateParams;
use crate::model::attacks::Op;

/// One direction of a pairwise relation: how `self` sees `other`.
#[derive(Clone, Debug, PartialEq)]
pub struct Relation {
    /// The other state.
    pub other: Sid,
    /// Trust in the other state (001 Table 4 #2), in [0, 1].
    pub trust: f64,
    /// Structural rivalry from the scenario, in [0, 1].
    pub rivalry: f64,
    /// Grievance from attributed operations by the other state, in [0, 1]; decays.
    pub grievance: f64,
    /// Escalation level of the dyad as seen from here (0 = calm).
    pub escalation: u8,
    /// Tick the dyad's escalation level last changed (the per-pair cool-down clock).
    pub escalated_at: u32,
    /// An intergovernmental agreement is in force (000).
    pub agreement: bool,
    /// What the scenario's initial trust says beyond the trust model (initial trust minus
    /// the model's target then); kept in the target so a given start is a steady state.
    pub history: f64,
}

impl Relation {
    /// A relation to `other` with `trust` and nothing else: no rivalry, grievance,
    /// escalation, agreement or history.
    pub fn new(other: Sid, trust: f64) -> Relation {
        Relation {
            other,
            trust,
            rivalry: 0.0,
            grievance: 0.0,
            escalation: 0,
            escalated_at: 0,
            agreement: false,
            history: 0.0,
        }
    }

    /// Rivalry in force: structural rivalry plus grievance, capped at 1.
    pub fn hostility(&self) -> f64 {
        (self.rivalry + self.grievance).min(1.0)
    }
}

/// Sparse relations in compressed rows: the relations of state `i` are a slice sorted by
/// `other`. Structure is fixed for a run; values change.
#[derive(Clone, Debug, Default)]
pub struct Relations {
    offsets: Vec<usize>,
    rels: Vec<Relation>,
}

impl Relations {
    /// Build from per-state lists (each will be sorted by `other`).
    pub fn from_rows(rows: Vec<Vec<Relation>>) -> Self {
        let mut offsets = Vec::with_capacity(rows.len() + 1);
        let mut rels = Vec::with_capacity(rows.iter().map(Vec::len).sum());
        offsets.push(0);
        for mut row in rows {
            row.sort_by_key(|r| r.other);
            row.dedup_by_key(|r| r.other);
            rels.extend(row);
            offsets.push(rels.len());
        }
        Relations { offsets, rels }
    }

    /// The relations of state `i`, sorted by `other`.
    pub fn of(&self, i: Sid) -> &[Relation] {
        let i = i as usize;
        &self.rels[self.offsets[i]..self.offsets[i + 1]]
    }

    /// The relations of state `i`, mutable.
    pub fn of_mut(&mut self, i: Sid) -> &mut [Relation] {
        let i = i as usize;
        &mut self.rels[self.offsets[i]..self.offsets[i + 1]]
    }

    /// Where `j` is in `row` (the relations of `i`), if there: first where a dense row (every
    /// pair related, as in the bundled scenarios) holds it, then by binary search.
    #[inline]
    fn find(row: &[Relation], i: Sid, j: Sid) -> Option<usize> {
        let guess = j as usize - usize::from(j > i);
        if row.get(guess).is_some_and(|r| r.other == j) {
            return Some(guess);
        }
        row.binary_search_by_key(&j, |r| r.other).ok()
    }

    /// How `i` sees `j`, if they are related.
    #[inline]
    pub fn get(&self, i: Sid, j: Sid) -> Option<&Relation> {
        let row = self.of(i);
        Self::find(row, i, j).map(|k| &row[k])
    }

    /// Mutable view of how `i` sees `j`.
    pub fn get_mut(&mut self, i: Sid, j: Sid) -> Option<&mut Relation> {
        let row = self.of_mut(i);
        Self::find(row, i, j).map(|k| &mut row[k])
    }

    /// Trust of `i` in `j` (0 when unrelated).
    pub fn trust(&self, i: Sid, j: Sid) -> f64 {
        self.get(i, j).map_or(0.0, |r| r.trust)
    }

    /// Every row as a mutable slice, for parallel updates.
    pub fn rows_mut(&mut self) -> Vec<&mut [Relation]> {
        let mut out = Vec::with_capacity(self.offsets.len().saturating_sub(1));
        let mut rest: &mut [Relation] = &mut self.rels;
        for w in self.offsets.windows(2) {
            let (row, tail) = rest.split_at_mut(w[1] - w[0]);
            out.push(row);
            rest = tail;
        }
        out
    }

    /// Every relation of every state, row after row.
    pub fn of_all(&self) -> impl Iterator<Item = &Relation> {
        self.rels.iter()
    }

    /// Every relation of every state, mutable, row after row.
    pub fn of_all_mut(&mut self) -> impl Iterator<Item = &mut Relation> {
        self.rels.iter_mut()
    }

    /// Total number of directed relations.
    pub fn len(&self) -> usize {
        self.rels.len()
    }

    /// True if there are no relations.
    pub fn is_empty(&self) -> bool {
        self.rels.is_empty()
    }
}

/// Bit flags of the three 003 pledges.
pub mod pledge {
    /// Service providers install no backdoors or spyware.
    pub const NO_BACKDOORS: u8 = 1;
    /// No use of technology to damage other states' critical infrastructure.
    pub const NO_CII_ATTACKS: u8 = 2;
    /// No use of technology to steal data.
    pub const NO_DATA_THEFT: u8 = 4;
    /// All three.
    pub const ALL: u8 = 7;
    /// Names in scenario files, in bit order.
    pub const NAMES: [(&str, u8); 3] =
        [("no_backdoors", NO_BACKDOORS), ("no_cii_attacks", NO_CII_ATTACKS), ("no_data_theft", NO_DATA_THEFT)];
}

/// A state's dynamic condition in a run.
#[derive(Clone, Debug)]
pub struct State {
    /// Every numeric key of the state, current values.
    pub p: StateParams,
    /// Home state of the dominant foreign vendor of key ICT (003, 002).
    pub supplier: Option<Sid>,
    /// Pledges held (bits of [`pledge`]).
    pub pledges: u8,
    /// Alliances this state belongs to (indices into [`World::alliances`]), sorted.
    pub alliances: Vec<u32>,
    /// Institutions it belongs to (bits of `crate::model::institutions::Institution`).
    pub institutions: u16,
    /// Region index (for regional levers).
    pub region: u32,
    /// Damage suffered this tick (reset when the tick's operations are resolved).
    pub damage: f64,
}

/// A cyber alliance (001 Table 5 #1).
#[derive(Clone, Debug)]
pub struct Alliance {
    /// Name (from the scenario, or made from the founders' ids).
    pub name: String,
    /// Members, sorted.
    pub members: Vec<Sid>,
    /// Cohesion in [0, 1]: scales pooled defence and intelligence sharing; decays.
    pub cohesion: f64,
    /// A regional alliance admits only neighbours of a member (`institutions::neighbours`);
    /// a global one anyone every member trusts.
    pub regional: bool,
    /// Tick it formed (0 for initial alliances).
    pub formed: u32,
    /// Identity in random-stream keys: (formed, first founder) packed.
    pub key: u64,
    /// False once dissolved (kept so indices stay stable).
    pub active: bool,
}

/// Why a sanction was imposed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SanctionCause {
    /// In the scenario from the start.
    Initial,
    /// A response to an attributed operation.
    Response,
    /// A state's own policy choice.
    Policy,
    /// A scripted inject.
    Injected,
}

/// A sanctions episode against one target (001 Table 4 #1).
#[derive(Clone, Debug)]
pub struct Sanction {
    /// Label (scenario id or generated).
    pub label: String,
    /// The sanctioned state.
    pub target: Sid,
    /// The state that imposed it (first sender); stays even if it leaves.
    pub lead: Sid,
    /// The coalition imposing it, sorted.
    pub senders: Vec<Sid>,
    /// Intensity in [0, 1].
    pub intensity: f64,
    /// Tick imposed.
    pub start: u32,
    /// Ticks since the target's last attributed operation against a sender.
    pub quiet: u32,
    /// Identity of the episode in random-stream keys: (lead, start) packed, stable however
    /// many other episodes exist.
    pub key: u64,
    /// Sum of the evasion share over the ticks in force.
    pub evasion_sum: f64,
    /// Ticks in force.
    pub ticks: u32,
    /// Why it was imposed.
    pub cause: SanctionCause,
    /// False once lifted.
    pub active: bool,
}

/// Everything that changes during one run.
#[derive(Clone, Debug, Default)]
pub struct World {
    /// Current tick (0 before the first).
    pub tick: u32,
    /// States, indexed by [`Sid`].
    pub states: Vec<State>,
    /// Pairwise relations.
    pub rel: Relations,
    /// Alliances, active and dissolved.
    pub alliances: Vec<Alliance>,
    /// Sanctions, active and lifted.
    pub sanctions: Vec<Sanction>,
    /// Operations queued for next tick (retaliation and escalation).
    pub queued: Vec<Op>,
}

impl World {
    /// Number of states.
    pub fn len(&self) -> usize {
        self.states.len()
    }

    /// True for an empty world.
    pub fn is_empty(&self) -> bool {
        self.states.is_empty()
    }

    /// True if `a` and `b` share an active alliance.
    #[inline]
    pub fn allied(&self, a: Sid, b: Sid) -> bool {
        let (x, y) = (&self.states[a as usize].alliances, &self.states[b as usize].alliances);
        x.iter().any(|k| y.binary_search(k).is_ok())
    }

    /// Active sanctions on `target` that `sender` belongs to.
    pub fn sanctioning(&self, sender: Sid, target: Sid) -> bool {
        self.sanctions.iter().any(|s| s.active && s.target == target && s.senders.binary_search(&sender).is_ok())
    }
}

impl State {
    /// A quick filter for alliance co-membership: bit `a % 64` for every alliance `a` of
    /// the state. Two states whose bits do not meet share no alliance; if they meet, ask
    /// [`World::allied`].
    pub fn alliance_bits(&self) -> u64 {
        self.alliances.iter().fold(0, |b, &a| b | 1 << (a % 64))
    }
}

impl Sanction {
    /// The stream-key identity of an episode led by `lead` from tick `start`.
    pub fn key_of(lead: Sid, start: u32) -> u64 {
        (u64::from(lead) << 32) | u64::from(start)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rel(other: Sid, trust: f64) -> Relation {
        Relation::new(other, trust)
    }

    #[test]
    fn relations_are_sorted_and_found() {
        let mut r = Relations::from_rows(vec![vec![rel(2, 0.2), rel(1, 0.1)], vec![], vec![rel(0, 0.5)]]);
        assert_eq!(r.of(0).iter().map(|x| x.other).collect::<Vec<_>>(), vec![1, 2]);
        assert_eq!(r.trust(0, 2), 0.2);
        assert_eq!(r.trust(1, 0), 0.0);
        r.get_mut(2, 0).unwrap().trust = 0.9;
        assert_eq!(r.trust(2, 0), 0.9);
        // a sparse row where the dense guess lands on another state
        let s = Relations::from_rows(vec![vec![], vec![], vec![], vec![rel(0, 0.1), rel(2, 0.2), rel(9, 0.9)]]);
        assert_eq!(s.trust(3, 2), 0.2);
        assert_eq!(s.trust(3, 9), 0.9);
        assert!(s.get(3, 1).is_none() && s.get(3, 3).is_none() && s.get(3, 4).is_none());
        let rows = r.rows_mut();
        assert_eq!(rows.iter().map(|x| x.len()).collect::<Vec<_>>(), vec![2, 0, 1]);
    }
}

//! Synthetic worlds of any size for scaling and teaching: `[world] generator =
//! "synthetic"`. States get ids S00000, S00001, ...; the first five carry the doctrines of
//! 001 Tables 2-3 (great powers); the rest are balanced states with drawn capabilities.
//! Relations are sparse: each state is tied to its region (a ring of neighbours) and to a
//! few random others, `degree` ties on average; a share `rivalry` of ties are rivalries.
//! Everything is drawn from the world's own seed, so the same settings give the same world.

use super::{RelationSpec, StateSpec};
use crate::core::Sid;
use crate::core::rng::{Draw, stream};
use crate::model::doctrine::Doctrine;
use crate::model::institutions;

/// Second key word of the generator's stream (its first is the world's seed).
const WORLD_STREAM: u64 = 7;

/// Generator settings.
#[derive(Clone, Debug, PartialEq)]
pub struct Synthetic {
    /// Number of states.
    pub states: usize,
    /// The world's own seed.
    pub seed: u64,
    /// Mean number of related states per state.
    pub degree: usize,
    /// Number of regions.
    pub regions: usize,
    /// Share of ties that are rivalries.
    pub rivalry: f64,
}

impl Default for Synthetic {
    fn default() -> Self {
        Synthetic { states: 100, seed: 1, degree: 8, regions: 10, rivalry: 0.15 }
    }
}

/// Id of the `i`-th synthetic state.
pub fn id(i: i64) -> String {
    format!("S{i:05}")
}

/// Generate states and relations.
pub fn generate(s: &Synthetic) -> (Vec<StateSpec>, Vec<RelationSpec>) {
    let n = s.states;
    let mut rng = stream(&[s.seed, WORLD_STREAM]);
    let doctrines =
        [Doctrine::UnitedStates, Doctrine::China, Doctrine::Russia, Doctrine::UnitedKingdom, Doctrine::Iran];
    let regions = s.regions.clamp(1, n.max(1));
    let region_of = |i: usize| i * regions / n.max(1);
    let un_itu = institutions::bit("UN").unwrap_or(0) | institutions::bit("ITU").unwrap_or(0);
    let regional =
        [institutions::bit("ECO"), institutions::bit("SCO"), institutions::bit("EU"), institutions::bit("GCC")];
    let mut states = Vec::with_capacity(n);
    for i in 0..n {
        let doctrine = doctrines.get(i).copied().unwrap_or(Doctrine::Balanced);
        let mut p = doctrine.defaults();
        let v = &mut p.vars;
        let great = i < doctrines.len();
        v.economy = if great { 1.0 - 0.15 * i as f64 } else { 0.01 + 0.3 * rng.unit().powi(3) };
        v.offense = if great { 0.6 + 0.3 * rng.unit() } else { 0.1 + 0.4 * rng.unit() };
        v.defense = if great { 0.7 + 0.3 * rng.unit() } else { 0.2 + 0.7 * rng.unit() };
        v.workforce = 0.2 + 0.7 * rng.unit();
        v.coordination = 0.3 + 0.6 * rng.unit();
        v.filtering = 0.6 * rng.unit().powi(2);
        v.culture = rng.unit();
        v.norms = 1.0 - v.culture;
        v.indigenous = if great { 0.6 + 0.3 * rng.unit() } else { 0.1 + 0.4 * rng.unit() };
        v.law_maturity = 0.2 + 0.7 * rng.unit();
        v.cyber_budget = 0.2 + 0.6 * rng.unit();
        v.foreign_dependency = if great { 0.2 } else { 0.3 + 0.6 * rng.unit() };
        let r = region_of(i);
        let mut inst = un_itu;
        if let Some(Some(b)) = regional.get(r % regional.len()) {
            inst |= b;
        }
        let supplier =
            if great || n <= doctrines.len() { None } else { Some(rng.below(doctrines.len() as u64) as Sid) };
        states.push(StateSpec {
            id: id(i as i64),
            name: id(i as i64),
            region: format!("R{r}"),
            doctrine,
            params: p,
            institutions: inst,
            supplier,
            pledges: 0,
        });
    }
    let mut relations = Vec::new();
    let mut seen = std::collections::HashSet::new();
    let mut tie = |a: usize, b: usize, rng: &mut rand_chacha::ChaCha8Rng, relations: &mut Vec<RelationSpec>| {
        if a == b || !seen.insert((a.min(b), a.max(b))) {
            return;
        }
        let rivalry = if rng.chance(s.rivalry) { 0.3 + 0.6 * rng.unit() } else { 0.0 };
        relations.push(RelationSpec { a: a as Sid, b: b as Sid, rivalry, trust: None, agreement: false });
    };
    let half = (s.degree / 2).max(1);
    for a in 0..n {
        // ring neighbours inside the region
        for k in 1..=half.div_ceil(2) {
            let b = a + k;
            if b < n && region_of(b) == region_of(a) {
                tie(a, b, &mut rng, &mut relations);
            }
        }
        // random long ties
        for _ in 0..half / 2 {
            let b = rng.below(n as u64) as usize;
            tie(a, b, &mut rng, &mut relations);
        }
        // everyone knows the great powers' doctrines: tie to one of them
        if a >= doctrines.len() && n > doctrines.len() {
            let g = rng.below(doctrines.len() as u64) as usize;
            tie(a, g, &mut rng, &mut relations);
        }
    }
    for a in 0..doctrines.len().min(n) {
        for b in a + 1..doctrines.len().min(n) {
            tie(a, b, &mut rng, &mut relations);
        }
    }
    (states, relations)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_settings_same_world_and_relations_are_sparse() {
        let s = Synthetic { states: 500, ..Synthetic::default() };
        let (a, ra) = generate(&s);
        let (b, rb) = generate(&s);
        assert_eq!(a.len(), 500);
        assert_eq!(ra, rb);
        assert_eq!(a[7].params.vars.economy, b[7].params.vars.economy);
        let mean_degree = 2.0 * ra.len() as f64 / 500.0;
        assert!(mean_degree > 3.0 && mean_degree < 20.0, "mean degree {mean_degree}");
        let other = generate(&Synthetic { seed: 2, ..s });
        assert_ne!(other.1, ra);
    }
}

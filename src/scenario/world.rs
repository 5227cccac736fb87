//! From a validated [`Scenario`] to the [`Model`] the engine runs: states with their keys,
//! regions and memberships, sparse relations, the initial alliances and sanctions (an
//! intensity of 0 means not in force), then every mechanism's initial values
//! (`crate::model::init`: trust the scenario does not give starts at its target level).

use super::Scenario;
use crate::core::Sid;
use crate::model::record::Recorder;
use crate::model::world::{Relation, Relations, Sanction, SanctionCause, State, World};
use crate::model::{Model, alliances};

impl Scenario {
    /// The model of this scenario: parameters, initial world, policy reference, injects,
    /// ticks.
    pub fn model(&self) -> Model {
        let reference = self.reference.as_ref().filter(|r| r.ids() == self.ids()).map(|r| r.world());
        Model::new(self.params.clone(), self.world(), reference, self.injects.clone(), self.sim.ticks, self.sim.spinup)
    }

    /// The initial world of this scenario (before any mechanism's initial step).
    pub fn world(&self) -> World {
        let mut regions: Vec<&str> = self.states.iter().map(|s| s.region.as_str()).collect();
        regions.sort_unstable();
        regions.dedup();
        let states: Vec<State> = self
            .states
            .iter()
            .map(|s| State {
                p: s.params.clone(),
                supplier: s.supplier,
                pledges: s.pledges,
                alliances: Vec::new(),
                institutions: s.institutions,
                region: regions.binary_search(&s.region.as_str()).map_or(0, |k| k as u32),
                damage: 0.0,
            })
            .collect();
        let n = states.len();
        let mut rows: Vec<Vec<Relation>> = vec![Vec::new(); n];
        let blank = |other: Sid| Relation::new(other, -1.0);
        if self.complete {
            for (i, row) in rows.iter_mut().enumerate() {
                row.extend((0..n).filter(|&j| j != i).map(|j| blank(j as Sid)));
            }
        }
        for r in &self.relations {
            for (a, b) in [(r.a, r.b), (r.b, r.a)] {
                let row = &mut rows[a as usize];
                let k = match row.iter().position(|x| x.other == b) {
                    Some(k) => k,
                    None => {
                        row.push(blank(b));
                        row.len() - 1
                    }
                };
                let rel = &mut row[k];
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
        for a in &self.alliances {
            alliances::found(a.members.clone(), Some(a.name.clone()), a.cohesion, a.regional, &mut w, &mut rec, false);
        }
        for (k, s) in self.sanctions.iter().enumerate().filter(|(_, s)| s.intensity > 0.0) {
            let lead = s.senders.first().copied().unwrap_or(0);
            w.sanctions.push(Sanction {
                label: s.id.clone(),
                lead,
                target: s.target,
                senders: s.senders.clone(),
                intensity: s.intensity,
                start: 0,
                quiet: 0,
                // initial episodes all start at 0: the scenario's order tells them apart
                key: Sanction::key_of(lead, 0) ^ ((k as u64) << 48),
                evasion_sum: 0.0,
                ticks: 0,
                cause: SanctionCause::Initial,
                active: true,
            });
        }
        w
    }
}

//! The read-only snapshot of a tick: quantities derived from the world once, before the
//! states decide, so that every decision and resolution of the tick reads the same values
//! whatever the thread order. Each quantity is computed by the mechanism that owns it.

use crate::engine::world::{Sid, World};
use crate::model::doctrine::{Lever, N_LEVERS};
use crate::model::{self, Params};

/// Derived per-state and world-level quantities for one tick.
#[derive(Clone, Debug, Default)]
pub struct Context {
    /// Coordination effectiveness (001 Table 4 #7).
    pub coord: Vec<f64>,
    /// Effective offence (offence, workforce, AI).
    pub offense: Vec<f64>,
    /// Own effective defence (defence, workforce, AI, coordination).
    pub defense: Vec<f64>,
    /// Defence including pooled allied defence (001 Table 5 #1, #5).
    pub shield: Vec<f64>,
    /// Intelligence-sharing bonus to detection and attribution.
    pub intel: Vec<f64>,
    /// Effective filtering after satellite bypass (001 Table 4 #4-5, 002).
    pub filter: Vec<f64>,
    /// Sanction pressure after evasion (001 Table 4 #1).
    pub pressure: Vec<f64>,
    /// Share of sanction pressure evaded (allies, crypto).
    pub evasion: Vec<f64>,
    /// Lever cost multiplier (>= 1) from sanctions.
    pub lever_cost: Vec<f64>,
    /// Budget for levers (001 Table 4 #6).
    pub budget: Vec<f64>,
    /// Each state's lever weights as shares of their sum (its intent, before budget).
    pub shares: Vec<[f64; N_LEVERS]>,
    /// Share of the world's standards stock (000 standardization).
    pub standards_share: Vec<f64>,
    /// Norm promoters this tick and their norm power (000), strongest first.
    pub promoters: Vec<model::norms::Promoter>,
    /// (target, sender) pairs of active sanctions, sorted.
    pub sanctioners: Vec<(Sid, Sid)>,
    /// Mean effective defence of each alliance's members (index = alliance).
    pub alliance_defense: Vec<f64>,
}

impl Context {
    /// Observe the world at the start of a tick.
    pub fn observe(w: &World, p: &Params) -> Context {
        let mut c = Context::default();
        c.refresh(w, p);
        c
    }

    /// Recompute in place, reusing buffers.
    pub fn refresh(&mut self, w: &World, p: &Params) {
        let n = w.len();
        self.sanctioners.clear();
        for s in w.sanctions.iter().filter(|s| s.active) {
            self.sanctioners.extend(s.senders.iter().map(|&k| (s.target, k)));
        }
        self.sanctioners.sort_unstable();
        self.sanctioners.dedup();

        let states = &w.states;
        let per_state = |i: usize| {
            let v = &states[i].p.vars;
            let coord = model::coordination::effectiveness(&p.coordination, v.coordination);
            let filter = model::filtering::effective(&p.filtering, v.filtering, v.satellite);
            let offense = model::ai::offense(&p.ai, v);
            let defense = model::ai::defense(&p.ai, v) * coord;
            (coord, filter, offense, defense)
        };
        let mut rows: Vec<(f64, f64, f64, f64)> = Vec::with_capacity(n);
        crate::engine::par::map_into(n, 256, per_state, &mut rows);
        resize(&mut self.coord, n);
        resize(&mut self.filter, n);
        resize(&mut self.offense, n);
        resize(&mut self.defense, n);
        for (i, r) in rows.into_iter().enumerate() {
            (self.coord[i], self.filter[i], self.offense[i], self.defense[i]) = r;
        }

        self.alliance_defense.clear();
        self.alliance_defense.extend(w.alliances.iter().map(|a| {
            if !a.active || a.members.is_empty() {
                return 0.0;
            }
            a.members.iter().map(|&m| self.defense[m as usize]).sum::<f64>() / a.members.len() as f64
        }));
        resize(&mut self.shield, n);
        resize(&mut self.intel, n);
        for i in 0..n {
            let (shield, intel) =
                model::alliances::pooled(&p.alliance, w, i as Sid, self.defense[i], &self.alliance_defense);
            self.shield[i] = shield;
            self.intel[i] = intel;
        }

        resize(&mut self.pressure, n);
        resize(&mut self.evasion, n);
        resize(&mut self.lever_cost, n);
        model::sanctions::pressure(
            &p.sanctions,
            &p.crypto,
            w,
            &self.sanctioners,
            &mut self.pressure,
            &mut self.evasion,
        );
        resize(&mut self.budget, n);
        self.shares.clear();
        for (i, s) in states.iter().enumerate() {
            self.lever_cost[i] = 1.0 + p.sanctions.lever_cost * self.pressure[i];
            self.budget[i] = model::economy::budget(&p.economy, &s.p.vars);
            self.shares.push(model::levers::shares(&s.p));
        }

        resize(&mut self.standards_share, n);
        model::standards::shares(w, &mut self.standards_share);
        model::norms::promoters(&p.norms, w, &self.budget, &self.shares, &self.standards_share, &mut self.promoters);
    }

    /// Share of state `i`'s weights on lever `l`.
    pub fn share(&self, i: Sid, l: Lever) -> f64 {
        self.shares[i as usize][l as usize]
    }

    /// True if `sender` is in an active sanction on `target`.
    pub fn sanctions(&self, sender: Sid, target: Sid) -> bool {
        self.sanctioners.binary_search(&(target, sender)).is_ok()
    }

    /// The states sanctioning `target`, sorted (a slice of `sanctioners`).
    pub fn sanctioners_of(&self, target: Sid) -> impl Iterator<Item = Sid> + Clone + '_ {
        let lo = self.sanctioners.partition_point(|&(t, _)| t < target);
        let hi = self.sanctioners.partition_point(|&(t, _)| t <= target);
        self.sanctioners[lo..hi].iter().map(|&(_, s)| s)
    }
}

fn resize(v: &mut Vec<f64>, n: usize) {
    v.clear();
    v.resize(n, 0.0);
}

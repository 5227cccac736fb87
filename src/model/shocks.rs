//! Stochastic shocks to the state of the world: the economic, technical and diplomatic
//! events no seed row models one by one — a recession or a boom, a leak of offensive tools
//! (the Shadow Brokers' release of 2016-17) or a breach that sets a defence back, a
//! diplomatic incident or a rapprochement between two states. 001 lists cyberspace's high
//! speed, decentralisation and unstable rules among its features; 002 says no state is
//! immune and vulnerability differs. Without shocks two runs of the same scenario differ
//! only in their event counts; with them a run's end state varies as its events do.
//!
//! Mechanism: each month every state draws (decide phase, from its per-tick slots) a
//! relative economic shock and a shock to each of offence and defence, normal with the
//! given standard deviations, and for each relation a chance of a diplomatic incident
//! (trust falls) or a rapprochement (trust rises). They are applied in the resolve phase;
//! the mechanisms that own the variables pull them back toward their targets, so shocks
//! persist for a while and fade (an autoregressive path around the steady state).

use crate::core::Sid;
use crate::core::params::Nothing;
use crate::core::rng::{Purpose, Slots};
use crate::model::{Act, Look, Mechanism, Phase};
use crate::param_group;

param_group! {
    /// Stochastic shocks (001 features: high speed, unstable rules; 002 vulnerability differs).
    pub struct ShockParams in "shocks." {
        #[doc = "Standard deviation of the monthly relative shock to a state's economy."]
        economy_sd: Real = 0.009, [0.0, 0.2], "share per month", "assumption: annual GDP growth varies by about 3 percentage points (IMF World Economic Outlook), 0.03 / sqrt(12)";
        #[doc = "Standard deviation of the monthly shock to offence and to defence (each)."]
        capability_sd: Real = 0.01, [0.0, 0.2], "index per month", "assumption: tool leaks and breaches (Shadow Brokers 2016-17)";
        #[doc = "Monthly chance of a diplomatic incident in a relation (and, as often, of a rapprochement)."]
        incident_rate: Real = 0.01, [0.0, 0.5], "per month", "assumption";
        #[doc = "Trust lost in an incident, or gained in a rapprochement."]
        incident_size: Real = 0.05, [0.0, 1.0], "index", "assumption";
    }
}

/// Decide: the economic shock (two words for a normal draw).
pub const ECONOMY: [Purpose; 2] = [Purpose::slot("shocks.economy.1", 4), Purpose::slot("shocks.economy.2", 5)];
/// Decide: the offence shock.
pub const OFFENSE: [Purpose; 2] = [Purpose::slot("shocks.offense.1", 6), Purpose::slot("shocks.offense.2", 7)];
/// Decide: the defence shock.
pub const DEFENSE: [Purpose; 2] = [Purpose::slot("shocks.defense.1", 8), Purpose::slot("shocks.defense.2", 9)];
/// Decide: an incident or rapprochement in each relation (one word per relation).
pub const INCIDENT: Purpose = Purpose::per_relation("shocks.incident", 1);

/// A standard normal draw from two words of the slots (Box–Muller).
fn normal(slots: &mut Slots, pair: &[Purpose; 2]) -> f64 {
    let u1 = 1.0 - slots.unit(&pair[0], 0); // in (0, 1]
    let u2 = slots.unit(&pair[1], 0);
    (-2.0 * u1.ln()).sqrt() * (std::f64::consts::TAU * u2).cos()
}

/// What befalls one state in one month.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Shock {
    /// Relative change of the economy.
    pub economy: f64,
    /// Change of offence.
    pub offense: f64,
    /// Change of defence.
    pub defense: f64,
    /// Relations (index in the state's row) with an incident (-1) or a rapprochement (+1).
    pub trust: Vec<(u32, i8)>,
}

/// The mechanism.
pub struct Shocks;

impl Mechanism for Shocks {
    const SOURCE: &'static str =
        "001 features of cyberspace: high speed, decentralised, rules still unstable; 002 no state is immune, vulnerability differs";
    const PHASES: &'static [Phase] = &[Phase::Decide, Phase::Resolve];
    const PURPOSES: &'static [Purpose] =
        &[ECONOMY[0], ECONOMY[1], OFFENSE[0], OFFENSE[1], DEFENSE[0], DEFENSE[1], INCIDENT];
    type Params = ShockParams;
    type Keys = Nothing;
    type Snapshot = ();
    type Decision = Shock;
    type Tally = ();

    fn tally(_n: usize) {}

    fn decide(_i: Sid, x: &Look, slots: &mut Slots) -> Shock {
        let p = &x.p().shocks;
        let mut trust = Vec::new();
        if p.incident_rate > 0.0 {
            slots.each_unit(&INCIDENT, |k, u| {
                if u < p.incident_rate {
                    trust.push((k as u32, -1));
                } else if u >= 1.0 - p.incident_rate {
                    trust.push((k as u32, 1));
                }
            });
        }
        Shock {
            economy: p.economy_sd * normal(slots, &ECONOMY),
            offense: p.capability_sd * normal(slots, &OFFENSE),
            defense: p.capability_sd * normal(slots, &DEFENSE),
            trust,
        }
    }

    fn resolve(x: &mut Act) {
        let size = x.m.params.shocks.incident_size;
        for (i, d) in x.decisions.iter().enumerate() {
            let s = &d.shocks;
            let v = &mut x.w.states[i].p.vars;
            v.economy = (v.economy * (1.0 + s.economy)).clamp(1e-4, 1.0);
            v.offense = (v.offense + s.offense).clamp(0.0, 1.0);
            v.defense = (v.defense + s.defense).clamp(0.0, 1.0);
            let row = x.w.rel.of_mut(i as Sid);
            for &(k, sign) in &s.trust {
                let r = &mut row[k as usize];
                r.trust = (r.trust + f64::from(sign) * size).clamp(0.0, 1.0);
            }
        }
    }
}

//! Doctrines of the major states (001 Tables 2 and 3): the per-state defaults a doctrine
//! gives — budget weights over the sixteen levers of 001 Table 5 plus China's three 000
//! strategies (`levers`), the mix of operation types (`attacks`), the mix of responses to
//! an attributed attack (`responses`), and aggression, sanction propensity and defiance.
//!
//! | doctrine | Table 2/3 approach | goals |
//! |---|---|---|
//! | united-states | uses cyber power to intervene and influence; builds international frameworks | global influence; national cyber security |
//! | china | domestic cyber governance; economic influence through cyber diplomacy | global economic and political influence |
//! | russia | frameworks of neutrality; counters US hegemony | managing global governance of cyberspace |
//! | united-kingdom | international coordination; European security cooperation | international cooperation; security |
//! | iran | cyber defence; countering foreign interference; defending sovereignty | national security; preventing aggression |
//! | north-korea | (001 history: WannaCry 2017; CFR Cyber Operations Tracker: financial theft, espionage) revenue and coercion under sanctions | regime survival; revenue |
//! | israel | (001 history: Stuxnet 2010; CFR tracker: the 2020 retaliation against Shahid Rajaee port) active defence and rapid response | national security; deterrence |
//! | balanced | (assumption) no doctrine in the seeds: even weights, little offensive activity | — |
//!
//! The seeds give directions, not numbers: every weight below is an assumption that
//! encodes the direction in the table above, and every one can be overridden per state
//! (`strategy.global.deterrence = 0.2` in a `[[state]]` block).

use crate::model::StateParams;
use crate::model::attacks::OpsMix;
use crate::model::levers::{GlobalLevers, Initiatives, RegionalLevers};
use crate::model::responses::ResponseMix;
use crate::model::state::StateVars;

/// A doctrine from 001 Tables 2 and 3.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Doctrine {
    /// No doctrine given: even weights (assumption).
    #[default]
    Balanced,
    /// United States.
    UnitedStates,
    /// China.
    China,
    /// Russia.
    Russia,
    /// United Kingdom.
    UnitedKingdom,
    /// Iran.
    Iran,
    /// North Korea.
    NorthKorea,
    /// Israel.
    Israel,
}

impl Doctrine {
    /// All doctrines with their scenario names.
    pub const ALL: [(&'static str, Doctrine); 8] = [
        ("balanced", Doctrine::Balanced),
        ("united-states", Doctrine::UnitedStates),
        ("china", Doctrine::China),
        ("russia", Doctrine::Russia),
        ("united-kingdom", Doctrine::UnitedKingdom),
        ("iran", Doctrine::Iran),
        ("north-korea", Doctrine::NorthKorea),
        ("israel", Doctrine::Israel),
    ];

    /// The scenario name of this doctrine.
    pub fn name(self) -> &'static str {
        Self::ALL.iter().find(|(_, d)| *d == self).map_or("balanced", |(n, _)| n)
    }

    /// The doctrine with this scenario name.
    pub fn from_name(name: &str) -> Option<Doctrine> {
        Self::ALL.iter().find(|(n, _)| *n == name).map(|(_, d)| *d)
    }

    /// Defaults for a state of this doctrine. Numbers are assumptions encoding Tables 2/3.
    pub fn defaults(self) -> StateParams {
        let mut p = StateParams::default();
        match self {
            Doctrine::Balanced => {
                // most states launch few operations of their own (CFR tracker: a handful of
                // sponsors account for most operations)
                set(&mut p.vars, 0.25, 0.1, 0.5);
            }
            Doctrine::UnitedStates => {
                // intervene and influence; build international frameworks
                p.levers.regional = levers8([0.02, 0.02, 0.02, 0.02, 0.03, 0.02, 0.02, 0.02]);
                p.levers.global = glevers8([0.12, 0.08, 0.06, 0.08, 0.14, 0.16, 0.06, 0.08]);
                p.levers.initiatives = init3([0.0, 0.02, 0.0]);
                p.attacks.ops = ops6([0.65, 0.10, 0.08, 0.10, 0.07, 0.0]);
                p.responses = resp5([0.30, 0.25, 0.30, 0.12, 0.03]);
                set(&mut p.vars, 0.25, 0.7, 0.8);
            }
            Doctrine::China => {
                // domestic governance, economic influence; 000 WIC, UN, agreements, localization
                p.levers.regional = levers8([0.02, 0.02, 0.08, 0.03, 0.02, 0.04, 0.02, 0.02]);
                p.levers.global = glevers8([0.04, 0.05, 0.12, 0.12, 0.06, 0.06, 0.04, 0.05]);
                p.levers.initiatives = init3([0.10, 0.08, 0.10]);
                p.attacks.ops = ops6([0.75, 0.05, 0.02, 0.10, 0.08, 0.0]);
                p.attacks.intent.economic = 0.9;
                p.responses = resp5([0.45, 0.40, 0.08, 0.06, 0.01]);
                set(&mut p.vars, 0.8, 0.15, 0.8);
            }
            Doctrine::Russia => {
                // neutrality frameworks; counter US hegemony; manage global governance
                p.levers.regional = levers8([0.08, 0.03, 0.03, 0.03, 0.06, 0.03, 0.02, 0.03]);
                p.levers.global = glevers8([0.10, 0.08, 0.04, 0.05, 0.12, 0.14, 0.03, 0.10]);
                p.levers.initiatives = init3([0.0, 0.12, 0.02]);
                p.attacks.ops = ops6([0.45, 0.20, 0.06, 0.27, 0.02, 0.0]);
                p.attacks.intent.economic = 0.1;
                p.responses = resp5([0.30, 0.30, 0.05, 0.25, 0.10]);
                set(&mut p.vars, 0.35, 0.1, 0.9);
            }
            Doctrine::UnitedKingdom => {
                // international coordination; European security cooperation
                p.levers.regional = levers8([0.14, 0.03, 0.03, 0.05, 0.14, 0.08, 0.08, 0.03]);
                p.levers.global = glevers8([0.08, 0.06, 0.03, 0.06, 0.05, 0.10, 0.06, 0.06]);
                p.levers.initiatives = init3([0.0, 0.02, 0.0]);
                p.attacks.ops = ops6([0.70, 0.10, 0.04, 0.10, 0.06, 0.0]);
                p.responses = resp5([0.30, 0.35, 0.20, 0.12, 0.03]);
                set(&mut p.vars, 0.45, 0.35, 0.7);
            }
            Doctrine::Iran => {
                // cyber defence, countering interference, defending sovereignty: defensive,
                // protests more than it retaliates
                p.levers.regional = levers8([0.08, 0.05, 0.10, 0.06, 0.12, 0.04, 0.04, 0.05]);
                p.levers.global = glevers8([0.08, 0.03, 0.06, 0.06, 0.14, 0.04, 0.03, 0.04]);
                p.levers.initiatives = init3([0.0, 0.02, 0.0]);
                p.attacks.ops = ops6([0.50, 0.20, 0.05, 0.22, 0.03, 0.0]);
                p.attacks.intent.economic = 0.1;
                p.responses = resp5([0.35, 0.45, 0.0, 0.15, 0.05]);
                set(&mut p.vars, 0.9, 0.02, 0.85);
            }
            Doctrine::NorthKorea => {
                // revenue under sanctions (theft), espionage, coercive disruption; deterrence
                p.levers.regional = levers8([0.02, 0.01, 0.06, 0.01, 0.10, 0.01, 0.02, 0.01]);
                p.levers.global = glevers8([0.04, 0.01, 0.02, 0.01, 0.25, 0.01, 0.04, 0.01]);
                p.levers.initiatives = init3([0.0, 0.0, 0.0]);
                p.attacks.ops = ops6([0.50, 0.12, 0.06, 0.02, 0.0, 0.30]);
                p.attacks.intent.economic = 0.1;
                p.attacks.intent.revenue = 0.3;
                p.responses = resp5([0.50, 0.30, 0.0, 0.15, 0.05]);
                set(&mut p.vars, 0.6, 0.0, 0.95);
            }
            Doctrine::Israel => {
                // active defence, deterrence and rapid response; indigenous start-ups
                p.levers.regional = levers8([0.04, 0.02, 0.06, 0.01, 0.08, 0.02, 0.03, 0.02]);
                p.levers.global = glevers8([0.06, 0.04, 0.08, 0.03, 0.18, 0.03, 0.08, 0.04]);
                p.levers.initiatives = init3([0.0, 0.01, 0.0]);
                p.attacks.ops = ops6([0.60, 0.10, 0.15, 0.10, 0.05, 0.0]);
                p.responses = resp5([0.20, 0.20, 0.05, 0.40, 0.15]);
                set(&mut p.vars, 0.3, 0.1, 0.8);
            }
        }
        p
    }
}

fn set(v: &mut StateVars, aggression: f64, sanction_propensity: f64, defiance: f64) {
    v.aggression = aggression;
    v.sanction_propensity = sanction_propensity;
    v.defiance = defiance;
}

/// The eight Table 5 strategies of one level, from an array in strategy order.
macro_rules! eight {
    ($ty:ident, $w:expr) => {{
        let w: [f64; 8] = $w;
        $ty {
            alliances: w[0],
            soft_power: w[1],
            indigenous: w[2],
            institutions: w[3],
            deterrence: w[4],
            governance: w[5],
            training: w[6],
            public_diplomacy: w[7],
        }
    }};
}

fn levers8(w: [f64; 8]) -> RegionalLevers {
    eight!(RegionalLevers, w)
}

fn glevers8(w: [f64; 8]) -> GlobalLevers {
    eight!(GlobalLevers, w)
}

fn init3(w: [f64; 3]) -> Initiatives {
    Initiatives { world_internet_conference: w[0], un_role: w[1], agreements: w[2] }
}

fn ops6(w: [f64; 6]) -> OpsMix {
    OpsMix {
        espionage: w[0],
        disruption: w[1],
        degradation: w[2],
        disinformation: w[3],
        supply_chain: w[4],
        theft: w[5],
    }
}

fn resp5(w: [f64; 5]) -> ResponseMix {
    ResponseMix { none: w[0], protest: w[1], sanction: w[2], retaliation: w[3], escalation: w[4] }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::params::Group;
    use crate::model::levers::Lever;

    #[test]
    fn every_doctrine_name_round_trips_and_defaults_are_valid() {
        for (name, d) in Doctrine::ALL {
            assert_eq!(Doctrine::from_name(name), Some(d));
            assert_eq!(d.name(), name);
            let p = d.defaults();
            for spec in StateParams::specs() {
                let v = p.get(spec.path).expect("every spec path resolves");
                assert!(spec.accepts(v), "{name}: {} = {v}", spec.path);
            }
            assert!(p.levers.weights().iter().sum::<f64>() > 0.0);
        }
    }

    #[test]
    fn doctrines_follow_tables_2_and_3() {
        let us = Doctrine::UnitedStates.defaults();
        let cn = Doctrine::China.defaults();
        let ru = Doctrine::Russia.defaults();
        let uk = Doctrine::UnitedKingdom.defaults();
        let ir = Doctrine::Iran.defaults();
        // US builds international frameworks: its largest lever is global governance
        let w = us.levers.weights();
        assert_eq!(argmax(&w), Lever::GlobGovernance as usize);
        // China: WIC and agreements are China's own strategies
        assert!(cn.levers.initiatives.world_internet_conference > us.levers.initiatives.world_internet_conference);
        // Russia: strongest UN role and the most disinformation
        assert!(ru.levers.initiatives.un_role > us.levers.initiatives.un_role);
        assert!(ru.attacks.ops.disinformation > us.attacks.ops.disinformation);
        // UK: European security cooperation = regional alliances and joint defence
        assert!(uk.levers.regional.alliances > us.levers.regional.alliances);
        // Iran: cyber defence first; defensive doctrine: retaliates less than Russia or Israel
        let wi = ir.levers.weights();
        assert_eq!(argmax(&wi), Lever::GlobDeterrence as usize);
        let isr = Doctrine::Israel.defaults();
        assert!(
            ir.responses.retaliation < ru.responses.retaliation && ir.responses.retaliation < isr.responses.retaliation
        );
        // North Korea: the only doctrine that steals for revenue
        let nk = Doctrine::NorthKorea.defaults();
        assert!(nk.attacks.intent.revenue > 0.0 && nk.attacks.ops.theft > nk.attacks.ops.disinformation);
        assert!(
            Doctrine::ALL.iter().filter(|(_, d)| *d != Doctrine::NorthKorea).all(|(_, d)| d
                .defaults()
                .attacks
                .intent
                .revenue
                == 0.0)
        );
    }

    fn argmax(w: &[f64]) -> usize {
        let mut best = 0;
        for (i, &x) in w.iter().enumerate() {
            if x > w[best] {
                best = i;
            }
        }
        best
    }

    #[test]
    fn paths_resolve_in_both_directions() {
        let mut p = StateParams::default();
        *p.get_mut("strategy.regional.alliances").unwrap() = 0.33;
        assert_eq!(p.levers.regional.alliances, 0.33);
        assert_eq!(p.get("coordination"), Some(0.6));
        assert!(p.get("strategy.regional").is_none());
        assert!(p.get("nonsense").is_none());
        assert!(StateParams::spec("ops.espionage").is_some());
    }
}

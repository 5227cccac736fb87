//! Doctrines of the major states (001 Tables 2 and 3) and the per-state behaviour keys they
//! set: budget weights over the sixteen levers of 001 Table 5 plus China's three 000
//! strategies, the mix of operation types, and the mix of responses to an attributed attack.
//!
//! | doctrine | Table 2/3 approach | goals |
//! |---|---|---|
//! | united-states | uses cyber power to intervene and influence; builds international frameworks | global influence; national cyber security |
//! | china | domestic cyber governance; economic influence through cyber diplomacy | global economic and political influence |
//! | russia | frameworks of neutrality; counters US hegemony | managing global governance of cyberspace |
//! | united-kingdom | international coordination; European security cooperation | international cooperation; security |
//! | iran | cyber defence; countering foreign interference; defending sovereignty | national security; preventing aggression |
//! | balanced | (assumption) no doctrine in the seeds: even weights | — |
//!
//! The seeds give directions, not numbers: every weight below is an assumption that
//! encodes the direction in the table above, and every one can be overridden per state
//! (`strategy.global.deterrence = 0.2` in a `[[state]]` block).

use crate::model::state_vars::StateVars;
use crate::{param_group, param_set};

param_group! {
    /// Table 5, regional level: budget weights (normalised over all levers each tick).
    pub struct RegionalLevers in "strategy.regional." {
        #[doc = "Alliances with neighbours (Iraq, Pakistan, Turkey for Iran)."]
        alliances: Real = 0.06, [0.0, 1.0], "weight", "001 Table 5 #1 regional: alliances with neighbours";
        #[doc = "Social networks carrying cultural and political messages in the region."]
        soft_power: Real = 0.06, [0.0, 1.0], "weight", "001 Table 5 #2 regional: soft power via social networks";
        #[doc = "Support for regional tech start-ups producing local software."]
        indigenous: Real = 0.06, [0.0, 1.0], "weight", "001 Table 5 #3 regional: regional start-ups";
        #[doc = "Presence in regional bodies (ECO, SCO, EU)."]
        institutions: Real = 0.06, [0.0, 1.0], "weight", "001 Table 5 #4 regional: ECO";
        #[doc = "Joint defence frameworks with regional states."]
        deterrence: Real = 0.06, [0.0, 1.0], "weight", "001 Table 5 #5 regional: joint defence frameworks";
        #[doc = "Common regional rules for cyberspace."]
        governance: Real = 0.05, [0.0, 1.0], "weight", "001 Table 5 #6 regional: common regional rules";
        #[doc = "Training specialists in neighbouring states."]
        training: Real = 0.05, [0.0, 1.0], "weight", "001 Table 5 #7 regional: training specialists of neighbours";
        #[doc = "Regional media for political and cultural messages."]
        public_diplomacy: Real = 0.05, [0.0, 1.0], "weight", "001 Table 5 #8 regional: regional media";
    }
}

param_group! {
    /// Table 5, global level: budget weights (normalised over all levers each tick).
    pub struct GlobalLevers in "strategy.global." {
        #[doc = "Cooperation with great powers (China and Russia for Iran) for a multipolar order."]
        alliances: Real = 0.06, [0.0, 1.0], "weight", "001 Table 5 #1 global: China and Russia, multipolar order";
        #[doc = "Content and programmes that improve the country's image globally."]
        soft_power: Real = 0.06, [0.0, 1.0], "weight", "001 Table 5 #2 global: global content and programmes";
        #[doc = "Scientific and technological ties with advanced states (China, EU)."]
        indigenous: Real = 0.06, [0.0, 1.0], "weight", "001 Table 5 #3 global: ties with China and the EU";
        #[doc = "A stronger role in the ITU and in writing global standards."]
        institutions: Real = 0.06, [0.0, 1.0], "weight", "001 Table 5 #4 global: ITU and global standards";
        #[doc = "Deterrent capabilities and rapid-response policies."]
        deterrence: Real = 0.06, [0.0, 1.0], "weight", "001 Table 5 #5 global: deterrence and rapid response";
        #[doc = "Global negotiations on legal frameworks."]
        governance: Real = 0.05, [0.0, 1.0], "weight", "001 Table 5 #6 global: legal frameworks";
        #[doc = "Scientific exchange; international cyber conferences."]
        training: Real = 0.05, [0.0, 1.0], "weight", "001 Table 5 #7 global: scientific exchange and conferences";
        #[doc = "Public diplomacy tools to reach global publics."]
        public_diplomacy: Real = 0.05, [0.0, 1.0], "weight", "001 Table 5 #8 global: public diplomacy tools";
    }
}

param_group! {
    /// 000: China's matrix of strategies, open to any state.
    pub struct Initiatives in "strategy.initiatives." {
        #[doc = "Hosting the World Internet Conference."]
        world_internet_conference: Real = 0.0, [0.0, 1.0], "weight", "000 strategy: World Internet Conference";
        #[doc = "Strengthening the role of the United Nations in cyberspace governance."]
        un_role: Real = 0.02, [0.0, 1.0], "weight", "000 strategy: stronger UN role; 002 Iran works through the ITU and UN";
        #[doc = "Concluding intergovernmental agreements."]
        agreements: Real = 0.0, [0.0, 1.0], "weight", "000 strategy: intergovernmental agreements";
    }
}

param_group! {
    /// Mix of operation types a state chooses from (weights, normalised).
    pub struct OpsMix in "ops." {
        #[doc = "Espionage and data theft."]
        espionage: Real = 0.6, [0.0, 1.0], "weight", "001 component 1 digital espionage; calibration: espionage most common (MODEL-BRIEF)";
        #[doc = "Disruption of services (Estonia 2007-like)."]
        disruption: Real = 0.12, [0.0, 1.0], "weight", "001 history: attack on Estonia (2007); assumption on weight";
        #[doc = "Degradation and sabotage of infrastructure (Stuxnet-like)."]
        degradation: Real = 0.03, [0.0, 1.0], "weight", "001 component 1 cyber sabotage; Stuxnet (2010); assumption on weight";
        #[doc = "Disinformation and influence operations."]
        disinformation: Real = 0.2, [0.0, 1.0], "weight", "002 interference through disinformation and fake news; 001 Table 1 threats";
        #[doc = "Supply-chain compromise through backdoors in a vendor's products."]
        supply_chain: Real = 0.05, [0.0, 1.0], "weight", "003 backdoors and spyware in products; assumption on weight";
    }
}

param_group! {
    /// How a victim answers an attributed operation (weights, normalised, then modulated).
    pub struct ResponseMix in "response." {
        #[doc = "No public response."]
        none: Real = 0.45, [0.0, 1.0], "weight", "MODEL-BRIEF §2 responses; assumption on weight";
        #[doc = "Diplomatic protest."]
        protest: Real = 0.35, [0.0, 1.0], "weight", "001 cyber diplomacy component 1 crisis management; assumption on weight";
        #[doc = "Sanctions on the attacker (with a coalition)."]
        sanction: Real = 0.08, [0.0, 1.0], "weight", "001 Table 4 #1 sanctions; assumption on weight";
        #[doc = "Retaliation in kind."]
        retaliation: Real = 0.10, [0.0, 1.0], "weight", "001 Table 5 #5 deterrence and rapid response; assumption on weight";
        #[doc = "Escalation: a counter-operation of a higher severity."]
        escalation: Real = 0.02, [0.0, 1.0], "weight", "MODEL-BRIEF calibration: escalation is rare; assumption on weight";
    }
}

param_set! {
    /// Everything a `[[state]]` block can set, by dotted key.
    pub struct StateParams {
        #[doc = "Capabilities, economy, governance, standing."]
        vars: StateVars,
        #[doc = "Table 5 regional levers."]
        regional: RegionalLevers,
        #[doc = "Table 5 global levers."]
        global: GlobalLevers,
        #[doc = "000 initiatives."]
        initiatives: Initiatives,
        #[doc = "Operation type mix."]
        ops: OpsMix,
        #[doc = "Response mix."]
        response: ResponseMix,
    }
}

/// Number of budget levers: 8 strategies x 2 levels + 3 initiatives.
pub const N_LEVERS: usize = 19;

/// A budget lever. Index into [`StateParams::lever_weights`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[allow(missing_docs)]
pub enum Lever {
    RegAlliances,
    RegSoftPower,
    RegIndigenous,
    RegInstitutions,
    RegDeterrence,
    RegGovernance,
    RegTraining,
    RegPublicDiplomacy,
    GlobAlliances,
    GlobSoftPower,
    GlobIndigenous,
    GlobInstitutions,
    GlobDeterrence,
    GlobGovernance,
    GlobTraining,
    GlobPublicDiplomacy,
    Wic,
    UnRole,
    Agreements,
}

impl StateParams {
    /// The lever weights in [`Lever`] order.
    pub fn lever_weights(&self) -> [f64; N_LEVERS] {
        let r = &self.regional;
        let g = &self.global;
        let i = &self.initiatives;
        [
            r.alliances,
            r.soft_power,
            r.indigenous,
            r.institutions,
            r.deterrence,
            r.governance,
            r.training,
            r.public_diplomacy,
            g.alliances,
            g.soft_power,
            g.indigenous,
            g.institutions,
            g.deterrence,
            g.governance,
            g.training,
            g.public_diplomacy,
            i.world_internet_conference,
            i.un_role,
            i.agreements,
        ]
    }

    /// Operation type weights in [`crate::model::attacks::AttackType`] order.
    pub fn ops_weights(&self) -> [f64; 5] {
        let o = &self.ops;
        [o.espionage, o.disruption, o.degradation, o.disinformation, o.supply_chain]
    }

    /// Response weights in [`crate::model::responses::Response`] order.
    pub fn response_weights(&self) -> [f64; 5] {
        let r = &self.response;
        [r.none, r.protest, r.sanction, r.retaliation, r.escalation]
    }
}

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
}

impl Doctrine {
    /// All doctrines with their scenario names.
    pub const ALL: [(&'static str, Doctrine); 6] = [
        ("balanced", Doctrine::Balanced),
        ("united-states", Doctrine::UnitedStates),
        ("china", Doctrine::China),
        ("russia", Doctrine::Russia),
        ("united-kingdom", Doctrine::UnitedKingdom),
        ("iran", Doctrine::Iran),
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
            Doctrine::Balanced => {}
            Doctrine::UnitedStates => {
                // intervene and influence; build international frameworks
                p.regional = levers8([0.02, 0.02, 0.02, 0.02, 0.03, 0.02, 0.02, 0.02]);
                p.global = glevers8([0.12, 0.08, 0.06, 0.08, 0.14, 0.16, 0.06, 0.08]);
                p.initiatives = init3([0.0, 0.02, 0.0]);
                p.ops = ops5([0.65, 0.10, 0.08, 0.10, 0.07]);
                p.response = resp5([0.30, 0.25, 0.25, 0.15, 0.05]);
                set(&mut p.vars, 0.7, 0.6, 0.8);
            }
            Doctrine::China => {
                // domestic governance, economic influence; 000 WIC, UN, agreements, localization
                p.regional = levers8([0.02, 0.02, 0.08, 0.03, 0.02, 0.04, 0.02, 0.02]);
                p.global = glevers8([0.04, 0.05, 0.12, 0.12, 0.06, 0.06, 0.04, 0.05]);
                p.initiatives = init3([0.10, 0.08, 0.10]);
                p.ops = ops5([0.75, 0.05, 0.02, 0.10, 0.08]);
                p.response = resp5([0.40, 0.40, 0.10, 0.08, 0.02]);
                set(&mut p.vars, 0.6, 0.15, 0.8);
            }
            Doctrine::Russia => {
                // neutrality frameworks; counter US hegemony; manage global governance
                p.regional = levers8([0.08, 0.03, 0.03, 0.03, 0.06, 0.03, 0.02, 0.03]);
                p.global = glevers8([0.10, 0.08, 0.04, 0.05, 0.12, 0.14, 0.03, 0.10]);
                p.initiatives = init3([0.0, 0.12, 0.02]);
                p.ops = ops5([0.45, 0.20, 0.05, 0.28, 0.02]);
                p.response = resp5([0.30, 0.30, 0.05, 0.25, 0.10]);
                set(&mut p.vars, 0.8, 0.1, 0.9);
            }
            Doctrine::UnitedKingdom => {
                // international coordination; European security cooperation
                p.regional = levers8([0.14, 0.03, 0.03, 0.05, 0.14, 0.08, 0.08, 0.03]);
                p.global = glevers8([0.08, 0.06, 0.03, 0.06, 0.05, 0.10, 0.06, 0.06]);
                p.initiatives = init3([0.0, 0.02, 0.0]);
                p.ops = ops5([0.70, 0.10, 0.04, 0.10, 0.06]);
                p.response = resp5([0.30, 0.35, 0.20, 0.12, 0.03]);
                set(&mut p.vars, 0.5, 0.35, 0.7);
            }
            Doctrine::Iran => {
                // cyber defence, countering interference, defending sovereignty
                p.regional = levers8([0.08, 0.05, 0.10, 0.06, 0.12, 0.04, 0.04, 0.05]);
                p.global = glevers8([0.08, 0.03, 0.06, 0.06, 0.14, 0.04, 0.03, 0.04]);
                p.initiatives = init3([0.0, 0.02, 0.0]);
                p.ops = ops5([0.50, 0.20, 0.05, 0.22, 0.03]);
                p.response = resp5([0.25, 0.40, 0.0, 0.28, 0.07]);
                set(&mut p.vars, 0.6, 0.02, 0.85);
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

fn ops5(w: [f64; 5]) -> OpsMix {
    OpsMix { espionage: w[0], disruption: w[1], degradation: w[2], disinformation: w[3], supply_chain: w[4] }
}

fn resp5(w: [f64; 5]) -> ResponseMix {
    ResponseMix { none: w[0], protest: w[1], sanction: w[2], retaliation: w[3], escalation: w[4] }
}

#[cfg(test)]
mod tests {
    use super::*;

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
            assert!(p.lever_weights().iter().sum::<f64>() > 0.0);
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
        let w = us.lever_weights();
        assert_eq!(argmax(&w), Lever::GlobGovernance as usize);
        // China: WIC and agreements are China's own strategies
        assert!(cn.initiatives.world_internet_conference > us.initiatives.world_internet_conference);
        // Russia: strongest UN role and the most disinformation
        assert!(ru.initiatives.un_role > us.initiatives.un_role);
        assert!(ru.ops.disinformation > us.ops.disinformation);
        // UK: European security cooperation = regional alliances and joint defence
        assert!(uk.regional.alliances > us.regional.alliances);
        // Iran: cyber defence first
        let wi = ir.lever_weights();
        assert_eq!(argmax(&wi), Lever::GlobDeterrence as usize);
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
        assert_eq!(p.regional.alliances, 0.33);
        assert_eq!(p.get("coordination"), Some(0.6));
        assert!(p.get("strategy.regional").is_none());
        assert!(p.get("nonsense").is_none());
        assert!(StateParams::spec("ops.espionage").is_some());
    }
}

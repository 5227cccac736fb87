//! 001 Table 5 — where a state spends its budget each tick: the sixteen levers (eight
//! strategies at regional and global level) plus China's three 000 strategies (World
//! Internet Conference, UN role, intergovernmental agreements).
//!
//! Mechanism: effort on lever l = budget x share of l x coordination effectiveness /
//! sanction cost. Budget comes from the economy and the cyber budget (001 Table 4 #6);
//! shares are the state's weights (doctrine defaults, 001 Tables 2-3), shifted toward
//! deterrence when the state is hurt and toward indigenous capability when sanctioned.
//! What each lever does lives in its strategy's own file; this file owns the weights
//! (per-state keys `strategy.*`), the allocation, and the response of a stock to effort
//! that every strategy shares ([`Stock`]): the baseline world is a steady state, so a
//! stock's target is its initial value while effort stays at its initial level, and its
//! odds scale with effort relative to that level (elasticity per strategy).

use crate::core::Sid;
use crate::core::rng::Slots;
use crate::model::world::World;
use crate::model::{Look, Mechanism, Model, Phase};
use crate::{param_group, param_set};

param_group! {
    /// Budget allocation over levers (001 Table 5).
    pub struct LeverParams in "levers." {
        #[doc = "Extra weight on both deterrence levers per unit of lost security."]
        threat_shift: Real = 2.0, [0.0, 20.0], "multiplier", "assumption: 001 Table 5 conclusion (combine defence with cooperation)";
        #[doc = "Extra weight on both indigenous levers per unit of sanction pressure."]
        sanction_shift: Real = 1.0, [0.0, 20.0], "multiplier", "assumption: 000 localization; 002 reducing dependencies";
        #[doc = "Effort counted as already in place, as a share of the state's initial total effort (bounds the relative change a lever from zero can make)."]
        effort_floor: Real = 0.05, [0.001, 1.0], "share", "assumption: institutions and capabilities keep working with little new spending";
    }
}

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

param_set! {
    /// A state's budget weights over every lever (`strategy.*` keys).
    pub struct LeverKeys {
        #[doc = "Table 5 regional level."]
        regional: RegionalLevers,
        #[doc = "Table 5 global level."]
        global: GlobalLevers,
        #[doc = "000 initiatives."]
        initiatives: Initiatives,
    }
}

/// Number of budget levers: 8 strategies x 2 levels + 3 initiatives.
pub const N_LEVERS: usize = 19;

/// A budget lever. Index into [`LeverKeys::weights`] and into a state's effort.
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

impl LeverKeys {
    /// The lever weights in [`Lever`] order.
    pub fn weights(&self) -> [f64; N_LEVERS] {
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

    /// The weights as shares of their sum (a state's intent, before budget).
    pub fn shares(&self) -> [f64; N_LEVERS] {
        let wts = self.weights();
        let total: f64 = wts.iter().sum();
        if total > 0.0 { wts.map(|x| x / total) } else { [0.0; N_LEVERS] }
    }
}

/// Effort a state spends on each lever this tick, in [`Lever`] order.
pub type Effort = [f64; N_LEVERS];

/// Each state's lever shares this tick (read by mechanisms that act on intent).
#[derive(Clone, Debug, Default)]
pub struct Shares {
    /// Lever weights as shares of their sum, by state.
    pub of: Vec<[f64; N_LEVERS]>,
}

impl Shares {
    /// Share of state `i`'s weights on lever `l`.
    pub fn get(&self, i: Sid, l: Lever) -> f64 {
        self.of[i as usize][l as usize]
    }
}

/// The mechanism.
pub struct Levers;

impl Mechanism for Levers {
    const SOURCE: &'static str = "001 Table 5 (eight strategies, regional and global); 000 strategies (WIC, UN, agreements); 001 Tables 2-3 doctrines";
    const PHASES: &'static [Phase] = &[Phase::Snapshot, Phase::Decide];
    type Params = LeverParams;
    type Keys = LeverKeys;
    type Snapshot = Shares;
    type Decision = Effort;
    type Tally = ();

    fn tally(_n: usize) {}

    fn snapshot(_m: &Model, w: &World, ctx: &mut crate::model::Context) {
        ctx.levers.of.clear();
        ctx.levers.of.extend(w.states.iter().map(|s| s.p.levers.shares()));
    }

    fn decide(i: Sid, x: &Look, _slots: &mut Slots) -> Effort {
        effort(i, x.w, x.ctx, x.p())
    }
}

/// Effort per lever for state `i`: its weights, shifted by threat and sanctions, scaled to
/// its budget, coordination and the sanction cost of action.
pub fn effort(i: Sid, w: &World, ctx: &crate::model::Context, params: &crate::model::Params) -> Effort {
    let (p, k) = (&params.levers, i as usize);
    let s = &w.states[k];
    let mut wts = s.p.levers.weights();
    let hurt = 1.0 - s.p.vars.security;
    let pressure = ctx.sanctions.pressure[k];
    for l in [Lever::RegDeterrence, Lever::GlobDeterrence] {
        wts[l as usize] *= 1.0 + p.threat_shift * hurt;
    }
    for l in [Lever::RegIndigenous, Lever::GlobIndigenous] {
        wts[l as usize] *= 1.0 + p.sanction_shift * pressure;
    }
    let total: f64 = wts.iter().sum();
    if total <= 0.0 {
        return [0.0; N_LEVERS];
    }
    let scale = ctx.economy.budget[k] * ctx.coordination.effect[k] / ctx.sanctions.lever_cost[k] / total;
    wts.map(|w| w * scale)
}

/// A stock's response to effort, shared by every strategy: the target's odds are the
/// initial value's odds times ((effort + floor) / (initial effort + floor))^elasticity,
/// where floor = `levers.effort_floor` x the state's initial total effort. At the initial
/// effort the target is the initial value, so the baseline does not drift; doubling effort
/// multiplies the odds by 2^elasticity.
#[derive(Clone, Copy, Debug)]
pub struct Stock {
    /// Initial value (the baseline's steady state).
    pub initial: f64,
    /// Effort now (in budget units, as in [`Effort`]).
    pub effort: f64,
    /// Effort at the start.
    pub initial_effort: f64,
    /// Effort already in place (floor x the state's initial total effort).
    pub floor: f64,
}

impl Stock {
    /// The target level for `elasticity`.
    pub fn target(&self, elasticity: f64) -> f64 {
        let r = (self.effort + self.floor) / (self.initial_effort + self.floor);
        with_odds_scaled(self.initial, crate::core::pow(r, elasticity))
    }
}

/// `x` with its odds multiplied by `factor` (x kept inside (0, 1)).
pub fn with_odds_scaled(x: f64, factor: f64) -> f64 {
    let x = x.clamp(1e-4, 1.0 - 1e-4);
    let o = x / (1.0 - x) * factor.max(0.0);
    o / (1.0 + o)
}

/// One month of adjustment: `x` closes `rate` of the gap to `target`.
pub fn relax(x: f64, target: f64, rate: f64) -> f64 {
    (x + rate * (target - x)).clamp(0.0, 1.0)
}

/// Saturating growth: `x` moves toward 1 by `rate * input * (1 - x)`, decays by `decay * x`.
pub fn grow(x: f64, rate: f64, input: f64, decay: f64) -> f64 {
    (x + rate * input * (1.0 - x) - decay * x).clamp(0.0, 1.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grow_saturates_and_decays() {
        assert!(grow(0.5, 1.0, 0.1, 0.0) > 0.5);
        assert!(grow(0.5, 0.0, 0.1, 0.1) < 0.5);
        assert_eq!(grow(1.0, 10.0, 10.0, 0.0), 1.0);
        assert_eq!(grow(0.0, 0.0, 0.0, 0.5), 0.0);
    }

    #[test]
    fn a_stock_at_its_initial_effort_stays_put_and_more_effort_raises_its_odds() {
        let s = Stock { initial: 0.3, effort: 0.01, initial_effort: 0.01, floor: 0.001 };
        assert!((s.target(1.0) - 0.3).abs() < 1e-12);
        let more = Stock { effort: 0.021, ..s };
        let t = more.target(1.0);
        // odds 0.3/0.7 x (0.022/0.011) = 0.857 -> 0.4615
        assert!((t - 0.857142857 / 1.857142857).abs() < 1e-6, "{t}");
        assert!(Stock { effort: 0.0, ..s }.target(0.5) < 0.3);
        assert_eq!(relax(0.2, 0.6, 0.25), 0.3);
    }

    #[test]
    fn shares_sum_to_one() {
        let k = LeverKeys::default();
        assert!((k.shares().iter().sum::<f64>() - 1.0).abs() < 1e-12);
    }
}

//! The decide phase: what one state chooses this tick, reading only the snapshot. All its
//! draws come from one stream keyed by (seed, point, run, state, tick, Decide), taken in a
//! fixed order: operations, alliances, sanctions, pledges, agreements. (One stream rather
//! than one per sub-decision: a ChaCha stream costs a 256-byte block on first use, and
//! most sub-decisions draw once or not at all.)

use crate::engine::context::Context;
use crate::engine::rng::{Purpose, RunKey};
use crate::engine::world::{Sid, World};
use crate::model::attacks::Op;
use crate::model::doctrine::N_LEVERS;
use crate::model::{Params, alliances, attacks, data_security, levers, norms, sanctions};

/// Everything a state decides in one tick.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Decision {
    /// Effort spent on each lever (001 Table 5).
    pub effort: [f64; N_LEVERS],
    /// Operations launched.
    pub ops: Vec<Op>,
    /// Partners it would ally with (sorted; empty if not seeking).
    pub partners: Vec<Sid>,
    /// Alliances it leaves.
    pub leave: Vec<u32>,
    /// Policy sanction target.
    pub sanction: Option<Sid>,
    /// Takes the Data Security Initiative pledges.
    pub adopt_pledges: bool,
    /// Proposes an intergovernmental agreement to.
    pub agreement: Option<Sid>,
}

/// State `i`'s decisions this tick.
pub fn decide(i: Sid, w: &World, ctx: &Context, p: &Params, key: &RunKey) -> Decision {
    let mut rng = key.lazy(u64::from(i), u64::from(w.tick), Purpose::Decide, 0);
    let ops = attacks::plan(i, w, ctx, p, &mut rng);
    let (partners, leave) = alliances::choose(i, w, ctx, p, &mut rng);
    let sanction = sanctions::choose_policy(i, w, ctx, &p.sanctions, &mut rng);
    let adopt_pledges = data_security::choose_adopt(i, w, p, &mut rng);
    let agreement = norms::choose_agreement(i, w, ctx, &p.norms, &mut rng);
    Decision { effort: levers::allocate(i, w, ctx, p), ops, partners, leave, sanction, adopt_pledges, agreement }
}

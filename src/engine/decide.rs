//! The decide phase: what one state chooses this tick, reading only the snapshot. Each
//! sub-decision draws from its own stream, keyed by (seed, point, run, state, tick,
//! Decide, sub-decision), so adding a mechanism never shifts another's draws.

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

/// Sub-decision stream numbers. Never renumber: they are part of the stream key.
mod sub {
    pub const OPS: u64 = 0;
    pub const ALLIANCE: u64 = 1;
    pub const SANCTION: u64 = 2;
    pub const PLEDGE: u64 = 3;
    pub const AGREEMENT: u64 = 4;
}

/// State `i`'s decisions this tick.
pub fn decide(i: Sid, w: &World, ctx: &Context, p: &Params, key: &RunKey) -> Decision {
    let (a, t) = (u64::from(i), u64::from(w.tick));
    let rng = |s| key.stream(a, t, Purpose::Decide, s);
    let (partners, leave) = alliances::choose(i, w, ctx, p, &mut rng(sub::ALLIANCE));
    Decision {
        effort: levers::allocate(i, w, ctx, p),
        ops: attacks::plan(i, w, ctx, p, &mut rng(sub::OPS)),
        partners,
        leave,
        sanction: sanctions::choose_policy(i, w, ctx, &p.sanctions, &mut rng(sub::SANCTION)),
        adopt_pledges: data_security::choose_adopt(i, w, p, &mut rng(sub::PLEDGE)),
        agreement: norms::choose_agreement(i, w, &p.norms, &mut rng(sub::AGREEMENT)),
    }
}

//! Scripted injects (MODEL-BRIEF §2): events a scenario forces at a given tick — an attack
//! of a given type, imposing or lifting sanctions, joining or leaving an alliance, taking a
//! pledge, a shock to a state variable (satellite internet reaching a filtered country), a
//! vendor ban. They are applied at the start of the resolve phase, before any other
//! mechanism resolves, and recorded as injected.

use crate::core::Sid;
use crate::core::params::{Group, Nothing};
use crate::model::attacks::{AttackType, Op, Origin};
use crate::model::record::{Event, EventKind, Recorder};
use crate::model::world::SanctionCause;
use crate::model::{Act, Mechanism, Phase, alliances, data_security, institutions, sanctions, vendors};

/// A scripted inject: an event forced at a tick.
#[derive(Clone, Debug, PartialEq)]
pub struct Inject {
    /// Tick it happens (1-based, counted from the end of the spin-up).
    pub tick: u32,
    /// What happens.
    pub event: InjectEvent,
    /// Optional note shown in events.csv.
    pub note: String,
}

/// Kinds of inject.
#[derive(Clone, Debug, PartialEq)]
pub enum InjectEvent {
    /// A cyber operation.
    Attack {
        /// Attacker.
        actor: Sid,
        /// Target.
        target: Sid,
        /// Type.
        kind: AttackType,
        /// Severity 1-5.
        severity: u8,
    },
    /// Sanctions by `actor` (and its coalition) on `target`.
    Sanction {
        /// Sender.
        actor: Sid,
        /// Target.
        target: Sid,
    },
    /// Lift every sanction on `target`.
    LiftSanctions {
        /// Target.
        target: Sid,
    },
    /// `actor` joins the alliance named, or founds one with `partner`.
    JoinAlliance {
        /// Joining state.
        actor: Sid,
        /// Alliance name.
        alliance: Option<String>,
        /// Partner to found a pact with.
        partner: Option<Sid>,
    },
    /// `actor` leaves the alliance named.
    LeaveAlliance {
        /// Leaving state.
        actor: Sid,
        /// Alliance name.
        alliance: String,
    },
    /// `actor` takes pledges.
    Pledge {
        /// State.
        actor: Sid,
        /// Pledge bits.
        pledges: u8,
    },
    /// A state variable of `target` is set (satellite internet arriving, a reform...).
    Shock {
        /// State.
        target: Sid,
        /// Variable path (a `[[state]]` numeric key).
        variable: String,
        /// New value.
        value: f64,
    },
    /// `actor` bans the vendors of `vendor`: it drops them as supplier.
    VendorBan {
        /// Banning state.
        actor: Sid,
        /// Vendor home state.
        vendor: Sid,
        /// New supplier, if any.
        replacement: Option<Sid>,
    },
}

/// A scripted shock to a state variable.
pub const SHOCK: EventKind =
    EventKind { name: "shock", doc: "A scripted inject set a state variable (value: new value; detail: variable=value)" };

fn mark(rec: &mut Recorder, from: usize, note: &str) {
    for e in &mut rec.events[from..] {
        e.injected = true;
        if !note.is_empty() {
            e.detail = format!("{};{note}", e.detail);
        }
    }
}

/// The mechanism.
pub struct Injects;

impl Mechanism for Injects {
    const SOURCE: &'static str = "MODEL-BRIEF §2 scripted injects";
    const PHASES: &'static [Phase] = &[Phase::Resolve];
    const EVENTS: &'static [EventKind] = &[SHOCK];
    type Params = Nothing;
    type Keys = Nothing;
    type Snapshot = ();
    type Decision = ();
    type Tally = ();

    fn tally(_n: usize) {}

    /// Apply the injects of the current tick, in scenario order.
    fn resolve(x: &mut Act) {
        let (m, tick) = (x.m, x.w.tick);
        let p = &m.params;
        for (idx, inj) in m.injects.iter().enumerate().filter(|(_, x)| x.tick + m.spinup == tick) {
            let (w, rec) = (&mut *x.w, &mut *x.rec);
            let before = rec.events.len();
            match &inj.event {
                InjectEvent::Attack { actor, target, kind, severity } => w.queued.push(Op {
                    actor: *actor,
                    target: *target,
                    kind: *kind,
                    severity: *severity,
                    origin: Origin::Injected,
                    key: idx as u64,
                }),
                InjectEvent::Sanction { actor, target } => {
                    sanctions::impose(*actor, *target, SanctionCause::Injected, w, &p.sanctions, rec);
                }
                InjectEvent::LiftSanctions { target } => sanctions::lift_all(*target, w, rec, true),
                InjectEvent::JoinAlliance { actor, alliance, partner } => {
                    let named = alliance.as_ref().and_then(|n| w.alliances.iter().position(|a| a.active && &a.name == n));
                    match (named, partner) {
                        (Some(a), _) => alliances::join(*actor, a as u32, w, rec, true),
                        (None, Some(q)) if !w.allied(*actor, *q) => {
                            let regional = institutions::neighbours(&w.states[*actor as usize], &w.states[*q as usize]);
                            alliances::found(vec![*actor, *q], alliance.clone(), p.alliances.initial_cohesion, regional, w, rec, true);
                        }
                        _ => {}
                    }
                }
                InjectEvent::LeaveAlliance { actor, alliance } => {
                    if let Some(a) = w.alliances.iter().position(|a| a.active && &a.name == alliance) {
                        alliances::leave(*actor, a as u32, w, rec, true);
                    }
                }
                InjectEvent::Pledge { actor, pledges } => {
                    w.states[*actor as usize].pledges |= pledges;
                    rec.event(|| Event {
                        value: f64::from(*pledges),
                        ..Event::new(tick, data_security::TAKEN, *actor, None)
                    });
                }
                InjectEvent::Shock { target, variable, value } => {
                    if let Some(slot) = w.states[*target as usize].p.get_mut(variable) {
                        *slot = *value;
                    }
                    let detail = format!("{variable}={value}");
                    rec.event(|| Event { value: *value, detail, ..Event::new(tick, SHOCK, *target, None) });
                }
                InjectEvent::VendorBan { actor, vendor, replacement } => match replacement {
                    Some(r) if w.states[*actor as usize].supplier == Some(*vendor) => {
                        vendors::switch(*actor, *r, &p.vendors, w, rec, true)
                    }
                    Some(_) => {}
                    None => vendors::ban(*actor, *vendor, &p.vendors, w, rec),
                },
            }
            mark(rec, before, &inj.note);
        }
    }
}

//! Scripted injects (MODEL-BRIEF §2): events a scenario forces at a given tick — an attack
//! of a given type, imposing or lifting sanctions, joining or leaving an alliance, taking a
//! pledge, a shock to a state variable (satellite internet reaching a filtered country), a
//! vendor ban. They are applied at the start of the resolve phase and recorded as injected.

use crate::engine::Model;
use crate::engine::record::{Event, EventKind, Recorder};
use crate::engine::world::{SanctionCause, World};
use crate::model::attacks::{Op, Origin};
use crate::model::{alliances, sanctions, vendors};
use crate::scenario::InjectEvent;

/// Apply the injects of the current tick.
pub fn apply(m: &Model, w: &mut World, rec: &mut Recorder) {
    let tick = w.tick;
    let p = &m.params;
    for inj in m.injects.iter().filter(|x| x.tick == tick) {
        match &inj.event {
            InjectEvent::Attack { actor, target, kind, severity } => {
                w.queued.push(Op {
                    actor: *actor,
                    target: *target,
                    kind: *kind,
                    severity: *severity,
                    origin: Origin::Injected,
                });
            }
            InjectEvent::Sanction { actor, target } => {
                let before = rec.events.len();
                sanctions::impose(*actor, *target, SanctionCause::Injected, w, &p.sanctions, rec);
                mark(rec, before, &inj.note);
            }
            InjectEvent::LiftSanctions { target } => sanctions::lift_all(*target, w, rec, true),
            InjectEvent::JoinAlliance { actor, alliance, partner } => {
                let named = alliance.as_ref().and_then(|n| w.alliances.iter().position(|a| a.active && &a.name == n));
                match (named, partner) {
                    (Some(a), _) => alliances::join(*actor, a as u32, w, rec, true),
                    (None, Some(q)) if !w.allied(*actor, *q) => {
                        alliances::found(vec![*actor, *q], alliance.clone(), p.alliance.initial_cohesion, w, rec, true);
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
                let note = inj.note.clone();
                rec.event(|| Event {
                    injected: true,
                    value: f64::from(*pledges),
                    detail: note,
                    ..Event::new(tick, EventKind::PledgeTaken, *actor, None)
                });
            }
            InjectEvent::Shock { target, variable, value } => {
                if let Some(slot) = w.states[*target as usize].p.get_mut(variable) {
                    *slot = *value;
                }
                let detail = format!("{variable}={value}");
                rec.event(|| Event {
                    injected: true,
                    value: *value,
                    detail,
                    ..Event::new(tick, EventKind::Shock, *target, None)
                });
            }
            InjectEvent::VendorBan { actor, vendor, replacement } => {
                let s = &mut w.states[*actor as usize];
                if s.supplier == Some(*vendor) {
                    match replacement {
                        Some(r) => vendors::switch(*actor, *r, &p.vendor, w, rec, true),
                        None => {
                            s.supplier = None;
                            s.p.vars.tech_access = (s.p.vars.tech_access - p.vendor.switch_cost).max(0.0);
                            rec.tally.vendor_switches += 1;
                            rec.event(|| Event {
                                injected: true,
                                detail: "ban".into(),
                                ..Event::new(tick, EventKind::VendorSwitch, *actor, Some(*vendor))
                            });
                        }
                    }
                }
            }
        }
    }
}

fn mark(rec: &mut Recorder, from: usize, note: &str) {
    for e in &mut rec.events[from..] {
        e.injected = true;
        if !note.is_empty() {
            e.detail = format!("{};{note}", e.detail);
        }
    }
}

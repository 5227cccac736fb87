//! What a run remembers: event records (when asked for) and the tallies the outcome
//! metrics are computed from. Mechanisms report here; they never write files. Each
//! mechanism declares the event kinds it records ([`EventKind`]) and its own tally type;
//! the registry (`model/mod.rs`) gathers the tallies into [`Tally`].

use crate::core::Sid;
use crate::model::Tally;

/// A kind of event, declared by the mechanism that records it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct EventKind {
    /// Name in events.csv.
    pub name: &'static str,
    /// Meaning, and what the `value` and `detail` columns hold (docs/OUTPUTS.md).
    pub doc: &'static str,
}

/// One event of a run.
#[derive(Clone, Debug, PartialEq)]
pub struct Event {
    /// Tick it happened.
    pub tick: u32,
    /// What happened.
    pub kind: EventKind,
    /// Who acted.
    pub actor: Sid,
    /// Who it was aimed at, if anyone.
    pub target: Option<Sid>,
    /// Operation type (attacks and responses in kind).
    pub attack: Option<&'static str>,
    /// Severity 1-5 of an operation (0 when not an operation).
    pub severity: u8,
    /// Whether an operation succeeded.
    pub success: Option<bool>,
    /// Whether an operation was detected.
    pub detected: Option<bool>,
    /// Whether an operation was attributed to its actor.
    pub attributed: Option<bool>,
    /// Whether an attributed operation was made public (what trackers see).
    pub observed: Option<bool>,
    /// The response chosen (response events).
    pub response: Option<&'static str>,
    /// Damage, intensity or other magnitude (see docs/OUTPUTS.md).
    pub value: f64,
    /// Forced by a scripted inject.
    pub injected: bool,
    /// Free text: alliance or sanction name, outcome.
    pub detail: String,
}

impl Event {
    /// An event with only the required fields set.
    pub fn new(tick: u32, kind: EventKind, actor: Sid, target: Option<Sid>) -> Event {
        Event {
            tick,
            kind,
            actor,
            target,
            attack: None,
            severity: 0,
            success: None,
            detected: None,
            attributed: None,
            observed: None,
            response: None,
            value: 0.0,
            injected: false,
            detail: String::new(),
        }
    }
}

/// Collects tallies, and events when asked to.
#[derive(Clone, Debug)]
pub struct Recorder {
    /// Whether to keep event records.
    pub keep_events: bool,
    /// Events in the order they happened.
    pub events: Vec<Event>,
    /// Counters, one block per mechanism.
    pub tally: Tally,
}

impl Recorder {
    /// A recorder for `n` states.
    pub fn new(n: usize, keep_events: bool) -> Recorder {
        Recorder { keep_events, events: Vec::new(), tally: Tally::new(n) }
    }

    /// Record an event built by `make`, only if events are kept.
    pub fn event(&mut self, make: impl FnOnce() -> Event) {
        if self.keep_events {
            self.events.push(make());
        }
    }
}

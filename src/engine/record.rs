//! What a run remembers: event records (when asked for) and the tallies the outcome
//! metrics are computed from. Mechanisms report here; they never write files.

use crate::engine::world::Sid;
use crate::model::attacks::AttackType;
use crate::model::responses::Response;
use std::collections::HashMap;

/// Kinds of events.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[allow(missing_docs)]
pub enum EventKind {
    Attack,
    Response,
    SanctionImposed,
    SanctionIntensified,
    SanctionJoined,
    SanctionLeft,
    SanctionLifted,
    AllianceFormed,
    AllianceJoined,
    AllianceLeft,
    AllianceDissolved,
    PledgeTaken,
    PledgeViolation,
    Agreement,
    VendorSwitch,
    Shock,
}

impl EventKind {
    /// Name in events.csv.
    pub fn name(self) -> &'static str {
        match self {
            EventKind::Attack => "attack",
            EventKind::Response => "response",
            EventKind::SanctionImposed => "sanction_imposed",
            EventKind::SanctionIntensified => "sanction_intensified",
            EventKind::SanctionJoined => "sanction_joined",
            EventKind::SanctionLeft => "sanction_left",
            EventKind::SanctionLifted => "sanction_lifted",
            EventKind::AllianceFormed => "alliance_formed",
            EventKind::AllianceJoined => "alliance_joined",
            EventKind::AllianceLeft => "alliance_left",
            EventKind::AllianceDissolved => "alliance_dissolved",
            EventKind::PledgeTaken => "pledge_taken",
            EventKind::PledgeViolation => "pledge_violation",
            EventKind::Agreement => "agreement",
            EventKind::VendorSwitch => "vendor_switch",
            EventKind::Shock => "shock",
        }
    }
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
    pub attack: Option<AttackType>,
    /// Severity 1-5 of an operation (0 when not an operation).
    pub severity: u8,
    /// Whether an operation succeeded.
    pub success: Option<bool>,
    /// Whether an operation was attributed to its actor.
    pub attributed: Option<bool>,
    /// The response chosen (response events).
    pub response: Option<Response>,
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
            attributed: None,
            response: None,
            value: 0.0,
            injected: false,
            detail: String::new(),
        }
    }
}

/// Per-state counters over a run.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct StateTally {
    /// Operations launched.
    pub launched: u32,
    /// Operations received.
    pub received: u32,
    /// Successful operations received.
    pub hit: u32,
    /// Operations received that were attributed to their actor.
    pub attributed: u32,
    /// Total damage suffered.
    pub damage: f64,
    /// Damage from disinformation.
    pub disinfo_damage: f64,
    /// Supply-chain operations received.
    pub supply_chain: u32,
    /// Sum of sanction pressure over ticks.
    pub pressure_sum: f64,
}

/// World-level counters over a run.
#[derive(Clone, Debug, Default)]
pub struct Tally {
    /// Operations by type.
    pub attacks: [u32; 5],
    /// Successful operations.
    pub successes: u32,
    /// Detected operations.
    pub detected: u32,
    /// Attributed operations.
    pub attributed: u32,
    /// Operations by severity 1..=5 (index 0 = severity 1).
    pub severity: [u32; 5],
    /// Responses by kind.
    pub responses: [u32; 5],
    /// Escalation episodes (a calm dyad starting to climb).
    pub escalation_episodes: u32,
    /// Highest escalation level reached.
    pub escalation_peak: u8,
    /// Total damage.
    pub damage: f64,
    /// Operations per ordered dyad (actor, target).
    pub dyads: HashMap<(Sid, Sid), u32>,
    /// Supply-chain operations between two states that both hold the no-backdoors pledge.
    pub supply_chain_between_pledged: u32,
    /// Sanction episodes imposed.
    pub sanctions_imposed: u32,
    /// Sanction episodes lifted (any reason).
    pub sanctions_lifted: u32,
    /// Sanction episodes that ended with the target conceding.
    pub sanctions_succeeded: u32,
    /// Sanction episodes whose mean evasion share reached the evasion threshold.
    pub sanctions_evaded: u32,
    /// Alliances formed during the run.
    pub alliances_formed: u32,
    /// Alliances dissolved during the run.
    pub alliances_dissolved: u32,
    /// Pledge violations detected.
    pub violations: u32,
    /// Intergovernmental agreements concluded.
    pub agreements: u32,
    /// Vendor switches.
    pub vendor_switches: u32,
    /// Per-state counters.
    pub states: Vec<StateTally>,
}

/// Collects tallies, and events when asked to.
#[derive(Clone, Debug, Default)]
pub struct Recorder {
    /// Whether to keep event records.
    pub keep_events: bool,
    /// Events in the order they happened.
    pub events: Vec<Event>,
    /// Counters.
    pub tally: Tally,
}

impl Recorder {
    /// A recorder for `n` states.
    pub fn new(n: usize, keep_events: bool) -> Recorder {
        let tally = Tally { states: vec![StateTally::default(); n], ..Tally::default() };
        Recorder { keep_events, events: Vec::new(), tally }
    }

    /// Record an event built by `make`, only if events are kept.
    pub fn event(&mut self, make: impl FnOnce() -> Event) {
        if self.keep_events {
            self.events.push(make());
        }
    }
}

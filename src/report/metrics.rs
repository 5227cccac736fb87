//! Plain-language titles and units of the metrics (docs/OUTPUTS.md), and which ones the
//! report charts.

/// Title and axis unit of a metric, and whether its values lie in [0, 1].
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Meta {
    pub title: String,
    pub unit: String,
    pub bounded01: bool,
}

const SHARE: &str = "share (0–1)";
const INDEX: &str = "index (0–1)";

/// runs.csv world metrics: (column, title, unit).
const RUNS: &[(&str, &str, &str)] = &[
    ("attacks", "Cyber operations launched", "operations per run"),
    ("attacks_espionage", "Espionage operations", "operations per run"),
    ("attacks_disruption", "Disruption operations", "operations per run"),
    ("attacks_degradation", "Sabotage (degradation) operations", "operations per run"),
    ("attacks_disinformation", "Disinformation operations", "operations per run"),
    ("attacks_supply_chain", "Supply-chain compromises", "operations per run"),
    ("espionage_share", "Share of operations that are espionage", SHARE),
    ("success_rate", "Share of operations that succeeded", "share of operations (0–1)"),
    ("detection_rate", "Share of operations detected", "share of operations (0–1)"),
    ("attribution_rate", "Share of operations traced to their attacker", "share of operations (0–1)"),
    ("low_severity_share", "Share of low-severity operations (1–2 of 5)", "share of operations (0–1)"),
    ("top_dyad_share", "Share of operations by the busiest 20% of attacker–target pairs", SHARE),
    ("responses_none", "Traced operations left without response", "responses per run"),
    ("protests", "Diplomatic protests", "responses per run"),
    ("sanction_responses", "Responses by sanctions", "responses per run"),
    ("retaliations", "Retaliations in kind", "responses per run"),
    ("escalations", "Escalations (answer one step harder)", "responses per run"),
    ("escalation_episodes", "Escalation episodes", "episodes per run"),
    ("escalation_peak", "Highest escalation level reached", "level (0–5)"),
    ("damage_total", "Total damage from successful operations", "security units"),
    ("sanctions_imposed", "Sanction episodes imposed", "episodes per run"),
    ("sanctions_active", "Sanction episodes in force at the end", "episodes"),
    ("sanctions_lifted", "Sanction episodes lifted", "episodes per run"),
    ("sanctions_succeeded", "Sanctions lifted because the target gave in", "episodes per run"),
    ("sanctions_evaded", "Sanction episodes largely evaded", "episodes per run"),
    ("sanction_success_rate", "Share of sanction episodes that succeeded", SHARE),
    ("alliances", "Alliances in force at the end", "number of alliances"),
    ("alliance_mean_size", "Average alliance size at the end", "states"),
    ("alliance_max_size", "Size of the largest alliance at the end", "states"),
    ("alliances_formed", "Alliances formed", "alliances per run"),
    ("alliances_dissolved", "Alliances dissolved", "alliances per run"),
    ("blocs", "Blocs at the end (groups of allied states)", "number of blocs"),
    ("trust_within_blocs", "Trust between states of the same bloc", INDEX),
    ("trust_across_blocs", "Trust between states of different blocs", INDEX),
    ("mean_trust", "Average trust between states", INDEX),
    ("pledge_no_backdoors", "States pledging no backdoors", "share of states (0–1)"),
    ("pledge_no_cii_attacks", "States pledging no attacks on critical infrastructure", "share of states (0–1)"),
    ("pledge_no_data_theft", "States pledging no data theft", "share of states (0–1)"),
    ("pledge_violations", "Detected pledge violations", "violations per run"),
    ("supply_chain_between_pledged", "Supply-chain operations between pledged states", "operations per run"),
    ("agreements", "Intergovernmental agreements concluded", "agreements per run"),
    ("vendor_switches", "Clients that changed technology vendor", "switches per run"),
    ("vendor_leader_share", "States supplied by the leading vendor country", "share of states (0–1)"),
    ("standards_share_leader", "Standards share of the leading standard-setter", SHARE),
    ("norm_adoption", "Adoption of cyber-sovereignty norms", INDEX),
    ("wic_participants", "States attending the World Internet Conference", "number of states"),
    ("mean_security", "Average network security of all states", INDEX),
    ("mean_economy", "Average economy index", "share of the largest economy"),
    ("mean_tech_access", "Average access to foreign technology", INDEX),
];

/// timeseries.csv world metrics: (metric, title, unit).
const SERIES: &[(&str, &str, &str)] = &[
    ("attacks", "Cyber operations per month", "operations per month"),
    ("successes", "Successful operations per month", "operations per month"),
    ("damage", "Damage per month", "security units per month"),
    ("sanctions_active", "Sanction episodes in force", "episodes in force"),
    ("alliances_active", "Alliances in force", "alliances in force"),
    ("mean_trust", "Average trust between states", INDEX),
    ("norm_adoption", "Adoption of cyber-sovereignty norms", INDEX),
    ("mean_security", "Average network security of all states", INDEX),
    ("pledge_share", "States holding all three data-security pledges", "share of states (0–1)"),
    ("standards_share_leader", "Standards share of the leading standard-setter", SHARE),
];

/// Per-state metrics (`<ID>_<suffix>`): (suffix, title, unit).
const STATE: &[(&str, &str, &str)] = &[
    ("security", "network security", INDEX),
    ("economy", "economy", "share of the largest economy"),
    ("tech_access", "access to foreign technology", INDEX),
    ("indigenous", "home-grown technology capability", INDEX),
    ("soft_power", "soft power", INDEX),
    ("standards_share", "share of world standards", SHARE),
    ("trust_received", "trust other states place in it", INDEX),
    ("allies", "allies", "number of states"),
    ("successful_attacks_received", "successful operations against it", "operations per run"),
    ("success_rate_received", "share of operations against it that succeeded", "share of operations (0–1)"),
    ("vendor_clients", "states using its technology vendors", "number of states"),
    ("attacks_received", "operations against it", "operations per run"),
    ("damage_received", "damage suffered", "security units"),
    ("disinformation_damage", "damage from disinformation", "security units"),
    ("supply_chain_received", "supply-chain operations against it", "operations per run"),
    ("sanction_pressure_mean", "average sanction pressure on it", INDEX),
    ("sanction_pressure", "sanction pressure on it", INDEX),
];

/// World metrics charted over time, in page order.
pub(super) const KEY_SERIES: &[&str] = &[
    "attacks",
    "mean_security",
    "sanctions_active",
    "alliances_active",
    "mean_trust",
    "norm_adoption",
    "pledge_share",
];

/// Per-state metrics charted over time (small multiples per focus state).
pub(super) const STATE_SERIES: &[&str] = &["security", "tech_access", "indigenous", "economy"];

/// Outcome metrics whose distributions are charted (plus `<ID>_security` of focus states).
pub(super) const HEADLINE: &[&str] = &[
    "attacks",
    "success_rate",
    "attribution_rate",
    "escalation_episodes",
    "sanctions_imposed",
    "alliances",
    "blocs",
    "norm_adoption",
    "damage_total",
];

/// Focus-state metrics shown in the forest plot of the comparison.
pub(super) const FOCUS_COMPARE: &[&str] = &["security", "tech_access", "indigenous", "economy"];

fn bounded(unit: &str) -> bool {
    unit.contains("(0–1)") || unit == "share of the largest economy"
}

fn meta(title: String, unit: &str) -> Meta {
    Meta { title, unit: unit.to_string(), bounded01: bounded(unit) }
}

/// Split `IRN_security` into (`IRN`, `security`); None for world metrics such as `mean_security`.
pub(super) fn split_focus(name: &str) -> Option<(&str, &str)> {
    let mut best: Option<(&str, &str)> = None;
    for (suffix, _, _) in STATE {
        if let Some(id) = name.strip_suffix(suffix).and_then(|p| p.strip_suffix('_')) {
            let ok = id.chars().next().is_some_and(|c| c.is_ascii_uppercase())
                && id.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit());
            if ok && best.is_none_or(|(_, s)| suffix.len() > s.len()) {
                best = Some((id, suffix));
            }
        }
    }
    best
}

/// A state's name for a reader, with its id: "Iran (IRN)".
pub(super) fn state_name(id: &str) -> String {
    const NAMES: &[(&str, &str)] = &[
        ("AFG", "Afghanistan"),
        ("ARE", "United Arab Emirates"),
        ("AUS", "Australia"),
        ("AZE", "Azerbaijan"),
        ("BRA", "Brazil"),
        ("CAN", "Canada"),
        ("CHN", "China"),
        ("CUB", "Cuba"),
        ("DEU", "Germany"),
        ("EST", "Estonia"),
        ("FRA", "France"),
        ("GBR", "United Kingdom"),
        ("IND", "India"),
        ("IRN", "Iran"),
        ("IRQ", "Iraq"),
        ("ISR", "Israel"),
        ("JPN", "Japan"),
        ("KAZ", "Kazakhstan"),
        ("NLD", "Netherlands"),
        ("PAK", "Pakistan"),
        ("PRK", "North Korea"),
        ("RUS", "Russia"),
        ("SAU", "Saudi Arabia"),
        ("TUR", "Turkey"),
        ("UKR", "Ukraine"),
        ("USA", "United States"),
        ("UZB", "Uzbekistan"),
        ("VEN", "Venezuela"),
        ("ZAF", "South Africa"),
    ];
    match NAMES.iter().find(|(k, _)| *k == id) {
        Some((_, n)) => format!("{n} ({id})"),
        None => id.to_string(),
    }
}

/// A metric the tables above do not name: its title and unit come from the model's own
/// declaration (the registry that docs/OUTPUTS.md is generated from), never a raw column
/// name with the unit "value".
fn fallback(name: &str) -> Meta {
    let registered = crate::model::metrics()
        .find(|m| m.name == name)
        .map(|m| (m.doc.to_string(), m.unit))
        .or_else(|| crate::metrics::state_column(name).map(|c| (c.doc(), c.unit())));
    match registered {
        Some((doc, unit)) => meta(sentence(&doc), &reader_unit(unit)),
        None => {
            let mut t = name.replace('_', " ");
            if let Some(c) = t.get_mut(0..1) {
                c.make_ascii_uppercase();
            }
            meta(t, "as recorded")
        }
    }
}

/// The first clause of a doc string, as a title: "Mean trust between allies (end value; …)"
/// → "Mean trust between allies".
fn sentence(doc: &str) -> String {
    let cut = doc.find([';', '(', '.']).unwrap_or(doc.len());
    let t = doc[..cut].trim();
    let mut t = if t.is_empty() { doc.trim().to_string() } else { t.to_string() };
    if let Some(c) = t.get_mut(0..1) {
        c.make_ascii_uppercase();
    }
    t
}

/// A registry unit as the report's axes say it.
fn reader_unit(unit: &str) -> String {
    match unit {
        "share" => SHARE.to_string(),
        "index" | "0-1" => INDEX.to_string(),
        "" => "as recorded".to_string(),
        u => u.to_string(),
    }
}

fn state_meta(id: &str, suffix: &str, unit_override: Option<&str>) -> Meta {
    match STATE.iter().find(|(s, _, _)| *s == suffix) {
        Some((_, title, unit)) => meta(format!("{}: {title}", state_name(id)), unit_override.unwrap_or(unit)),
        None => {
            let f = fallback(suffix);
            let mut title = f.title;
            if let Some(c) = title.get_mut(0..1) {
                c.make_ascii_lowercase();
            }
            meta(format!("{}: {title}", state_name(id)), unit_override.unwrap_or(&f.unit))
        }
    }
}

/// Title and unit of a runs.csv column (an outcome at the end of a run).
pub(super) fn runs_meta(name: &str) -> Meta {
    if let Some((_, title, unit)) = RUNS.iter().find(|(n, _, _)| *n == name) {
        return meta(title.to_string(), unit);
    }
    match split_focus(name) {
        Some((id, suffix)) => state_meta(id, suffix, None),
        None => fallback(name),
    }
}

/// Title and unit of a timeseries.csv metric (a value per month).
pub(super) fn series_meta(name: &str) -> Meta {
    if let Some((_, title, unit)) = SERIES.iter().find(|(n, _, _)| *n == name) {
        return meta(title.to_string(), unit);
    }
    match split_focus(name) {
        Some((id, suffix)) => state_meta(id, suffix, None),
        None => fallback(name),
    }
}

/// Title of a focus-state metric without the state name ("network security").
pub(super) fn state_metric_title(suffix: &str) -> String {
    let t = STATE.iter().find(|(s, _, _)| *s == suffix).map_or(suffix, |(_, t, _)| t);
    let mut t = t.to_string();
    if let Some(c) = t.get_mut(0..1) {
        c.make_ascii_uppercase();
    }
    t
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Issue 13: the report showed raw labels such as "IRN success rate received" with the
    /// unit "value". Every column the model writes now has a readable title and a unit.
    #[test]
    fn every_runs_and_series_column_has_a_title_and_a_unit() {
        for c in crate::metrics::run_columns(&["IRN"]) {
            let m = runs_meta(&c);
            assert!(m.unit != "value" && m.unit != "as recorded" && !m.unit.is_empty(), "{c}: unit {:?}", m.unit);
            assert!(!m.title.contains('_') && m.title != c, "{c}: title {:?}", m.title);
        }
        for s in crate::metrics::SERIES {
            let m = series_meta(s.name);
            assert!(m.unit != "value" && m.unit != "as recorded", "{}: unit {:?}", s.name, m.unit);
        }
    }

    #[test]
    fn focus_columns_are_recognised() {
        assert_eq!(split_focus("IRN_security"), Some(("IRN", "security")));
        assert_eq!(split_focus("S00001_tech_access"), Some(("S00001", "tech_access")));
        assert_eq!(split_focus("USA_successful_attacks_received"), Some(("USA", "successful_attacks_received")));
        assert_eq!(split_focus("CHN_sanction_pressure_mean"), Some(("CHN", "sanction_pressure_mean")));
        assert_eq!(split_focus("mean_security"), None);
        assert_eq!(split_focus("security"), None);
        assert_eq!(split_focus("attacks_received"), None);
    }

    #[test]
    fn titles_and_units() {
        assert_eq!(runs_meta("attacks").unit, "operations per run");
        assert_eq!(series_meta("attacks").unit, "operations per month");
        assert_eq!(runs_meta("IRN_security").title, "Iran (IRN): network security");
        assert!(runs_meta("IRN_security").bounded01);
        assert!(!runs_meta("damage_total").bounded01);
        assert_eq!(runs_meta("new_metric").title, "New metric");
        assert_eq!(
            runs_meta("IRN_success_rate_received").title,
            "Iran (IRN): share of operations against it that succeeded"
        );
        assert_eq!(series_meta("S00001_economy").title, "S00001: economy");
    }
}

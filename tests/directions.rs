//! Issue 4 check 2: every challenge (001 Table 4), every strategy lever (001 Table 5, both
//! levels), China's goals and strategies (000), the Data Security Initiative (003) and the
//! technology issues (002) move their documented outcome in the documented direction.
//!
//! Each case runs the baseline (or a scenario) 200 times with a fixed seed at a low and a
//! high setting (common random numbers: run r of both arms shares its streams) and
//! requires the Welch 95% interval of the difference of the means (high − low) to exclude
//! 0 on the documented side (issue 11: direction claims use the interval of the
//! difference, not overlapping means). The table is the one in docs/MODEL.md (section
//! "Directions"); the effect sizes of 001 Tables 4-5 are tests/effects.rs.

mod common;
use common::path;
use cyberdip::experiment::replicate;
use cyberdip::metrics::summary::t975;
use cyberdip::scenario::{Overrides, load};

const RUNS: u64 = 200;

#[derive(Clone, Copy, PartialEq)]
enum Dir {
    Up,
    Down,
}

/// Run the scenario with `sets` and return the mean, standard deviation and n of `metric`.
fn measure(scenario: &str, ticks: u64, sets: &[&str], metric: &str, states: &[&str]) -> (f64, f64, f64) {
    let ov =
        Overrides { sets: sets.iter().map(|s| s.to_string()).collect(), ticks: Some(ticks), ..Overrides::default() };
    let sc = load(&path(scenario), &ov).unwrap_or_else(|e| panic!("{scenario} {sets:?}: {e}"));
    let out = replicate(&sc, RUNS, states);
    let s = out.stats(metric).unwrap_or_else(|| panic!("no metric {metric}; have {:?}", out.columns));
    assert_eq!(s.n, RUNS);
    (s.mean, s.sd, s.n as f64)
}

fn check(what: &str, scenario: &str, ticks: u64, low: &[&str], high: &[&str], metric: &str, dir: Dir) {
    let states: Vec<&str> = metric
        .split('_')
        .next()
        .filter(|p| p.len() == 3 && p.chars().all(|c| c.is_ascii_uppercase()))
        .into_iter()
        .collect();
    let (lm, ls, ln) = measure(scenario, ticks, low, metric, &states);
    let (hm, hs, hn) = measure(scenario, ticks, high, metric, &states);
    // Welch interval of the difference high − low
    let (vl, vh) = (ls * ls / ln, hs * hs / hn);
    let se = (vl + vh).sqrt();
    let df = if se > 0.0 { (vl + vh).powi(2) / (vl * vl / (ln - 1.0) + vh * vh / (hn - 1.0)) } else { 1.0 };
    let half = t975(df.floor().max(1.0) as u64) * se;
    let (lo, hi) = (hm - lm - half, hm - lm + half);
    let shown = format!("{what}: {metric} low {lm:.5} high {hm:.5}, difference 95% CI [{lo:.5}, {hi:.5}]");
    eprintln!("{shown}");
    match dir {
        Dir::Up => assert!(lo > 0.0, "expected {metric} to rise: {shown}"),
        Dir::Down => assert!(hi < 0.0, "expected {metric} to fall: {shown}"),
    }
}

macro_rules! direction {
    ($name:ident, $what:literal, $scenario:literal, $ticks:literal, [$($low:literal),*], [$($high:literal),*], $metric:literal, $dir:ident) => {
        #[test]
        fn $name() {
            check($what, $scenario, $ticks, &[$($low),*], &[$($high),*], $metric, Dir::$dir);
        }
    };
}

const B: &str = "scenarios/baseline.toml";
const _: &str = B;

// ---- 001 Table 4: the eight challenges (Iran) ----
direction!(
    t4_1_sanctions_cut_tech_access,
    "001 T4 #1 sanctions",
    "scenarios/baseline.toml",
    120,
    ["sanction.iran.intensity=0.3"],
    ["sanction.iran.intensity=1.0"],
    "IRN_tech_access",
    Down
);
direction!(
    t4_1_sanctions_breed_indigenous_capability,
    "001 T4 #1 sanctions (localization)",
    "scenarios/baseline.toml",
    120,
    ["sanction.iran.intensity=0.3"],
    ["sanction.iran.intensity=1.0"],
    "IRN_indigenous",
    Up
);
direction!(
    t4_2_trust_deficit_lowers_trust_received,
    "001 T4 #2 trust",
    "scenarios/baseline.toml",
    60,
    ["state.IRN.trust_deficit=0.1"],
    ["state.IRN.trust_deficit=0.8"],
    "IRN_trust_received",
    Down
);
direction!(
    t4_3_defence_lowers_successful_attacks,
    "001 T4 #3 weak security infrastructure",
    "scenarios/baseline.toml",
    60,
    ["state.IRN.defense=0.5"],
    ["state.IRN.defense=0.95"],
    "IRN_successful_attacks_received",
    Down
);
direction!(
    t4_3_workforce_lowers_attack_success,
    "001 T4 #3 too few skilled people",
    "scenarios/baseline.toml",
    60,
    ["state.IRN.workforce=0.1"],
    ["state.IRN.workforce=0.95"],
    "IRN_success_rate_received",
    Down
);
direction!(
    t4_4_digital_law_raises_attribution,
    "001 T4 #4 outdated digital law",
    "scenarios/baseline.toml",
    60,
    ["state.IRN.law_maturity=0.1"],
    ["state.IRN.law_maturity=0.95"],
    "IRN_attribution_rate_received",
    Up
);
direction!(
    t4_4_filtering_lowers_soft_power,
    "001 T4 #4 governance: filtering",
    "scenarios/baseline.toml",
    120,
    ["state.IRN.filtering=0.1"],
    ["state.IRN.filtering=0.95"],
    "IRN_soft_power",
    Down
);
direction!(
    t4_5_filtering_lowers_disinformation_damage,
    "001 T4 #5 filtering blunts disinformation",
    "scenarios/baseline.toml",
    120,
    ["state.IRN.filtering=0.1"],
    ["state.IRN.filtering=0.95"],
    "IRN_disinformation_damage",
    Down
);
direction!(
    t4_5_filtering_lowers_participation,
    "001 T4 #5 less participation in global governance",
    "scenarios/baseline.toml",
    120,
    ["state.IRN.filtering=0.1"],
    ["state.IRN.filtering=0.95"],
    "IRN_institutional_presence",
    Down
);
direction!(
    t4_6_funding_raises_defence,
    "001 T4 #6 too little funding",
    "scenarios/baseline.toml",
    120,
    ["state.IRN.cyber_budget=0.1"],
    ["state.IRN.cyber_budget=0.9"],
    "IRN_defense",
    Up
);
direction!(
    t4_6_dependency_exposes_to_supply_chain_attacks,
    "001 T4 #6 dependence on foreign suppliers",
    "scenarios/baseline.toml",
    120,
    ["state.IRN.supplier=\"USA\"", "state.IRN.foreign_dependency=0.1"],
    ["state.IRN.supplier=\"USA\"", "state.IRN.foreign_dependency=0.95"],
    "IRN_supply_chain_received",
    Up
);
direction!(
    t4_7_coordination_lowers_successful_attacks,
    "001 T4 #7 weak internal coordination",
    "scenarios/baseline.toml",
    60,
    ["state.IRN.coordination=0.1"],
    ["state.IRN.coordination=0.95"],
    "IRN_successful_attacks_received",
    Down
);
direction!(
    t4_8_culture_gap_lowers_trust,
    "001 T4 #8 cultural and social gaps",
    "scenarios/baseline.toml",
    60,
    ["state.IRN.culture=0.05"],
    ["state.IRN.culture=0.8"],
    "IRN_trust_received",
    Up
);

// ---- 001 Table 5: sixteen levers (Iran) ----
direction!(
    t5_1r_regional_alliances_bring_allies,
    "001 T5 #1 regional alliances",
    "scenarios/baseline.toml",
    120,
    ["state.IRN.strategy.regional.alliances=0"],
    ["state.IRN.strategy.regional.alliances=0.6"],
    "IRN_allies",
    Up
);
direction!(
    t5_1g_global_alliances_bring_allies,
    "001 T5 #1 global alliances (China, Russia)",
    "scenarios/baseline.toml",
    120,
    ["state.IRN.strategy.global.alliances=0"],
    ["state.IRN.strategy.global.alliances=0.6"],
    "IRN_allies",
    Up
);
direction!(
    t5_2r_regional_soft_power,
    "001 T5 #2 regional soft power",
    "scenarios/baseline.toml",
    120,
    ["state.IRN.strategy.regional.soft_power=0"],
    ["state.IRN.strategy.regional.soft_power=0.6"],
    "IRN_soft_power",
    Up
);
direction!(
    t5_2g_global_soft_power,
    "001 T5 #2 global soft power",
    "scenarios/baseline.toml",
    120,
    ["state.IRN.strategy.global.soft_power=0"],
    ["state.IRN.strategy.global.soft_power=0.6"],
    "IRN_soft_power",
    Up
);
direction!(
    t5_3r_regional_startups,
    "001 T5 #3 regional start-ups",
    "scenarios/baseline.toml",
    120,
    ["state.IRN.strategy.regional.indigenous=0"],
    ["state.IRN.strategy.regional.indigenous=0.6"],
    "IRN_indigenous",
    Up
);
direction!(
    t5_3g_ties_with_advanced_states,
    "001 T5 #3 ties with China and the EU",
    "scenarios/baseline.toml",
    120,
    ["state.IRN.strategy.global.indigenous=0"],
    ["state.IRN.strategy.global.indigenous=0.6"],
    "IRN_tech_access",
    Up
);
direction!(
    t5_4r_regional_institutions,
    "001 T5 #4 ECO",
    "scenarios/baseline.toml",
    120,
    ["state.IRN.strategy.regional.institutions=0"],
    ["state.IRN.strategy.regional.institutions=0.6"],
    "IRN_institutional_presence",
    Up
);
direction!(
    t5_4g_itu_and_standards,
    "001 T5 #4 ITU and global standards",
    "scenarios/baseline.toml",
    120,
    ["state.IRN.strategy.global.institutions=0"],
    ["state.IRN.strategy.global.institutions=0.6"],
    "IRN_standards_share",
    Up
);
direction!(
    t5_5r_joint_defence,
    "001 T5 #5 joint regional defence",
    "scenarios/baseline.toml",
    120,
    ["state.IRN.strategy.regional.deterrence=0"],
    ["state.IRN.strategy.regional.deterrence=0.6"],
    "IRN_defense",
    Up
);
direction!(
    t5_5g_deterrence_lowers_attacks,
    "001 T5 #5 deterrence and rapid response",
    "scenarios/baseline.toml",
    120,
    ["state.IRN.strategy.global.deterrence=0"],
    ["state.IRN.strategy.global.deterrence=0.6"],
    "IRN_attacks_received",
    Down
);
direction!(
    t5_6r_common_regional_rules,
    "001 T5 #6 common regional rules",
    "scenarios/baseline.toml",
    120,
    ["state.IRN.strategy.regional.governance=0"],
    ["state.IRN.strategy.regional.governance=0.6"],
    "IRN_regional_trust_received",
    Up
);
direction!(
    t5_6g_legal_frameworks,
    "001 T5 #6 global legal frameworks",
    "scenarios/baseline.toml",
    120,
    ["state.IRN.strategy.global.governance=0"],
    ["state.IRN.strategy.global.governance=0.6"],
    "IRN_law_maturity",
    Up
);
direction!(
    t5_7r_training_neighbours,
    "001 T5 #7 training specialists of neighbours",
    "scenarios/baseline.toml",
    120,
    ["state.IRN.strategy.regional.training=0"],
    ["state.IRN.strategy.regional.training=0.6"],
    "IRQ_workforce",
    Up
);
direction!(
    t5_7g_scientific_exchange,
    "001 T5 #7 scientific exchange, conferences",
    "scenarios/baseline.toml",
    120,
    ["state.IRN.strategy.global.training=0"],
    ["state.IRN.strategy.global.training=0.6"],
    "IRN_ai",
    Up
);
direction!(
    t5_8r_regional_media,
    "001 T5 #8 regional media",
    "scenarios/baseline.toml",
    120,
    ["state.IRN.strategy.regional.public_diplomacy=0"],
    ["state.IRN.strategy.regional.public_diplomacy=0.6"],
    "IRN_regional_trust_received",
    Up
);
direction!(
    t5_8g_global_public_diplomacy,
    "001 T5 #8 global public diplomacy",
    "scenarios/baseline.toml",
    120,
    ["state.IRN.strategy.global.public_diplomacy=0"],
    ["state.IRN.strategy.global.public_diplomacy=0.6"],
    "IRN_trust_received",
    Up
);

// ---- 000: China's goals and strategies ----
direction!(
    c000_wic_spreads_norms,
    "000 World Internet Conference (normative power)",
    "scenarios/baseline.toml",
    120,
    ["state.CHN.strategy.initiatives.world_internet_conference=0"],
    ["state.CHN.strategy.initiatives.world_internet_conference=0.6"],
    "norm_adoption",
    Up
);
direction!(
    c000_un_role_raises_presence,
    "000 stronger UN role",
    "scenarios/baseline.toml",
    120,
    ["state.CHN.strategy.initiatives.un_role=0"],
    ["state.CHN.strategy.initiatives.un_role=0.6"],
    "CHN_institutional_presence",
    Up
);
direction!(
    c000_agreements_build_trust,
    "000 intergovernmental agreements",
    "scenarios/baseline.toml",
    120,
    ["state.CHN.strategy.initiatives.agreements=0"],
    ["state.CHN.strategy.initiatives.agreements=0.6"],
    "CHN_trust_received",
    Up
);
direction!(
    c000_standardization,
    "000 standardization",
    "scenarios/baseline.toml",
    120,
    ["state.CHN.strategy.global.institutions=0"],
    ["state.CHN.strategy.global.institutions=0.6"],
    "CHN_standards_share",
    Up
);
direction!(
    c000_localization,
    "000 localization",
    "scenarios/baseline.toml",
    120,
    ["state.CHN.strategy.regional.indigenous=0", "state.CHN.strategy.global.indigenous=0"],
    ["state.CHN.strategy.regional.indigenous=0.5", "state.CHN.strategy.global.indigenous=0.5"],
    "CHN_indigenous",
    Up
);
direction!(
    c000_cyber_superpower_deters,
    "000 cyber superpower (capability deters)",
    "scenarios/baseline.toml",
    120,
    ["state.CHN.strategy.global.deterrence=0"],
    ["state.CHN.strategy.global.deterrence=0.6"],
    "CHN_attacks_received",
    Down
);

// ---- 003: the Global Data Security Initiative ----
direction!(
    d003_compliance_lowers_violations,
    "003 compliance",
    "scenarios/baseline.toml",
    120,
    ["state.CHN.compliance=0.1"],
    ["state.CHN.compliance=0.95"],
    "pledge_violations",
    Down
);
direction!(
    d003_no_backdoors_pledge_lowers_supply_chain_operations,
    "003 no backdoors (mutual pledges)",
    "scenarios/baseline.toml",
    120,
    ["state.CHN.compliance=0.5"],
    ["state.CHN.compliance=0.5", "parameters.data_security.reciprocity=1.0"],
    "attacks_supply_chain",
    Down
);
direction!(
    d003_violation_detection_costs_trust,
    "003 detection of violations",
    "scenarios/baseline.toml",
    120,
    ["parameters.data_security.violation_trust=0"],
    ["parameters.data_security.violation_trust=0.3"],
    "CHN_trust_received",
    Down
);
direction!(
    d003_promotion_spreads_pledges,
    "003 promotion of the initiative",
    "scenarios/baseline.toml",
    120,
    ["state.CHN.dsi_promotion=0"],
    ["state.CHN.dsi_promotion=1"],
    "pledge_no_backdoors",
    Up
);
direction!(
    d003_pressure_campaign_switches_vendors,
    "003 US pressure campaign against a vendor",
    "scenarios/baseline.toml",
    120,
    ["state.USA.vendor_pressure=0"],
    ["state.USA.vendor_pressure=1"],
    "CHN_vendor_clients",
    Down
);
direction!(
    d003_pledged_vendor_earns_trust,
    "003 vendor trust: no-backdoors pledge",
    "scenarios/baseline.toml",
    120,
    ["parameters.vendors.pledge_trust=0"],
    ["parameters.vendors.pledge_trust=0.3"],
    "CHN_trust_received",
    Up
);

// ---- 002: technology diplomacy ----
direction!(
    t002_disinformation_erodes_soft_power,
    "002 disinformation and influence operations",
    "scenarios/baseline.toml",
    120,
    ["state.RUS.ops.disinformation=0"],
    ["state.RUS.ops.disinformation=0.9"],
    "USA_soft_power",
    Down
);
direction!(
    t002_satellite_weakens_filtering,
    "002 satellite internet",
    "scenarios/baseline.toml",
    120,
    ["state.IRN.satellite=0"],
    ["state.IRN.satellite=0.9"],
    "IRN_soft_power",
    Up
);
direction!(
    t002_ai_raises_defence,
    "002 AI raises defence",
    "scenarios/baseline.toml",
    60,
    ["state.IRN.ai=0"],
    ["state.IRN.ai=1"],
    "IRN_success_rate_received",
    Down
);
direction!(
    t002_ai_raises_offence,
    "002 AI raises offence",
    "scenarios/baseline.toml",
    60,
    ["state.IRN.ai=0"],
    ["state.IRN.ai=1"],
    "IRN_attacks_launched",
    Up
);
direction!(
    t002_crypto_evades_sanctions,
    "002 cryptocurrencies",
    "scenarios/baseline.toml",
    120,
    ["state.IRN.crypto=0"],
    ["state.IRN.crypto=1"],
    "IRN_sanction_pressure_mean",
    Down
);
direction!(
    t002_indigenous_capacity_reduces_dependency,
    "002 indigenous capacity reduces dependency",
    "scenarios/baseline.toml",
    120,
    ["state.IRN.strategy.regional.indigenous=0", "state.IRN.strategy.global.indigenous=0"],
    ["state.IRN.strategy.regional.indigenous=0.4", "state.IRN.strategy.global.indigenous=0.4"],
    "IRN_foreign_dependency",
    Down
);
direction!(
    t002_regional_pacts_build_trust,
    "002 regional pacts (SCO, BRICS)",
    "scenarios/baseline.toml",
    60,
    ["state.IRN.institutions=[\"UN\", \"ITU\"]"],
    ["state.IRN.institutions=[\"UN\", \"ITU\", \"ECO\", \"SCO\", \"BRICS\"]"],
    "IRN_trust_received",
    Up
);

//! Issue 4 check 4: every what-if scenario validates, runs, and moves the outcome its
//! `description` names in the direction it states, against the baseline (200 runs, fixed
//! seed, common random numbers): the Welch 95% interval of the difference must exclude 0 on
//! the promised side (issue 11: the interval of the difference, not overlapping means). The outcomes are read
//! from the description itself ("Outcome: X (expected higher)", "also Y (expected lower)"),
//! so the file's promise and the test cannot drift apart.

mod common;
use common::path;
use cyberdip::experiment::{Outcomes, replicate};
use cyberdip::metrics::summary::{Stats, t975};
use cyberdip::scenario::{Overrides, load};
use std::sync::OnceLock;

const RUNS: u64 = 200;
const STATES: [&str; 4] = ["IRN", "CHN", "USA", "RUS"];

fn outcomes(file: &str) -> (String, Outcomes) {
    let sc = load(&path(file), &Overrides::default()).unwrap_or_else(|e| panic!("{file}: {e}"));
    (sc.description.clone(), replicate(&sc, RUNS, &STATES))
}

fn baseline() -> &'static Outcomes {
    static B: OnceLock<Outcomes> = OnceLock::new();
    B.get_or_init(|| outcomes("scenarios/baseline.toml").1)
}

/// (metric, higher?) pairs promised by a description.
fn promises(description: &str) -> Vec<(String, bool)> {
    let mut out = Vec::new();
    for part in description.split("Outcome: ").skip(1).chain(description.split("also ").skip(1)) {
        let Some((metric, rest)) = part.split_once(" (expected ") else { continue };
        let higher = rest.starts_with("higher");
        assert!(higher || rest.starts_with("lower"), "unclear direction in: {part}");
        out.push((metric.trim().to_string(), higher));
    }
    out.sort();
    out.dedup();
    out
}

/// Difference of means (what-if minus baseline) with a Welch 95% interval.
fn welch(a: &Stats, b: &Stats) -> (f64, f64, f64) {
    let d = a.mean - b.mean;
    let (va, vb) = (a.sd * a.sd / a.n as f64, b.sd * b.sd / b.n as f64);
    let se = (va + vb).sqrt();
    let df = if se > 0.0 { (va + vb).powi(2) / (va * va / (a.n - 1) as f64 + vb * vb / (b.n - 1) as f64) } else { 1.0 };
    let half = t975(df.floor().max(1.0) as u64) * se;
    (d, d - half, d + half)
}

fn check(file: &str) {
    let (description, o) = outcomes(file);
    let promised = promises(&description);
    assert!(!promised.is_empty(), "{file}: the description names no outcome");
    for (metric, higher) in promised {
        let w = o.stats(&metric).unwrap_or_else(|| panic!("{file}: unknown metric {metric}"));
        let b = baseline().stats(&metric).unwrap();
        let (d, lo, hi) = welch(&w, &b);
        eprintln!("| {file} | {metric} | {:.4} | {:.4} | {d:+.4} [{lo:+.4}, {hi:+.4}] |", b.mean, w.mean);
        if higher {
            assert!(lo > 0.0, "{file}: {metric}: the interval of the difference includes 0");
        } else {
            assert!(hi < 0.0, "{file}: {metric}: the interval of the difference includes 0");
        }
    }
}

macro_rules! whatif {
    ($name:ident, $file:literal) => {
        #[test]
        fn $name() {
            check($file);
        }
    };
}

whatif!(iran_regional_alliance, "scenarios/iran-regional-alliance.toml");
whatif!(multipolar_alignment, "scenarios/multipolar-alignment.toml");
whatif!(sanctions_tightened, "scenarios/sanctions-tightened.toml");
whatif!(sanctions_lifted, "scenarios/sanctions-lifted.toml");
whatif!(coordination_reform, "scenarios/coordination-reform.toml");
whatif!(filtering_relaxed, "scenarios/filtering-relaxed.toml");
whatif!(indigenous_push, "scenarios/indigenous-push.toml");
whatif!(dsi_widely_adopted, "scenarios/dsi-widely-adopted.toml");
whatif!(itu_standards_race, "scenarios/itu-standards-race.toml");
whatif!(vendor_pressure_campaign, "scenarios/vendor-pressure-campaign.toml");

#[test]
fn every_what_if_scenario_in_scenarios_is_tested_here() {
    let me = std::fs::read_to_string(path("tests/whatif.rs")).unwrap();
    for e in std::fs::read_dir(path("scenarios")).unwrap() {
        let p = e.unwrap().path();
        let text = std::fs::read_to_string(&p).unwrap_or_default();
        if text.contains("extends = \"baseline.toml\"") && text.contains("Outcome: ") {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            assert!(me.contains(&format!("scenarios/{name}")), "{name} has no what-if test");
        }
    }
}

#![allow(dead_code)]
//! Fixture output folders with the shapes of `cyberdip run` / `cyberdip sweep` outputs
//! (docs/OUTPUTS.md): 20 runs of 24 months, two focus states, events of every kind.

use cyberdip::metrics::summary::Summary;
use cyberdip::output::csv_out::summary_row;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

pub const RUNS: u64 = 20;
pub const TICKS: u64 = 24;
pub const FOCUS: [&str; 2] = ["IRN", "USA"];

/// Which files a fixture folder gets (runs.csv always).
#[derive(Debug, Clone, Copy)]
pub struct Files {
    pub summary: bool,
    pub timeseries: bool,
    pub events: bool,
    pub manifest: bool,
    pub exercise: bool,
    pub sobol: bool,
    pub morris: bool,
    /// Sweep points (1 for a plain run).
    pub points: u64,
}

impl Files {
    pub fn all() -> Files {
        Files {
            summary: true,
            timeseries: true,
            events: true,
            manifest: true,
            exercise: false,
            sobol: false,
            morris: false,
            points: 1,
        }
    }

    pub fn runs_only() -> Files {
        Files { summary: false, timeseries: false, events: false, manifest: false, ..Files::all() }
    }
}

/// splitmix64: deterministic fixture noise.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed ^ 0x5DEE_CE66_D1CE_4E5B)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in [0, 1).
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// Roughly normal (sum of uniforms), mean 0, sd 1.
    pub fn normal(&mut self) -> f64 {
        (0..12).map(|_| self.unit()).sum::<f64>() - 6.0
    }

    pub fn below(&mut self, n: u64) -> u64 {
        self.next_u64() % n.max(1)
    }
}

/// runs.csv metric columns of the fixtures.
pub const RUN_METRICS: [&str; 17] = [
    "attacks",
    "success_rate",
    "attribution_rate",
    "escalation_episodes",
    "escalation_peak",
    "damage_total",
    "sanctions_imposed",
    "sanctions_active",
    "alliances",
    "blocs",
    "mean_trust",
    "norm_adoption",
    "mean_security",
    "pledge_violations",
    "agreements",
    "vendor_switches",
    "constant_zero",
];

const STATE_METRICS: [&str; 4] = ["security", "economy", "tech_access", "indigenous"];

fn clamp01(x: f64) -> f64 {
    x.clamp(0.0, 1.0)
}

/// The value of run-level metric `m` for one run; `shift` moves the scenario.
fn run_value(m: &str, shift: f64, r: &mut Rng) -> f64 {
    let n = r.normal();
    match m {
        "attacks" => (180.0 - 40.0 * shift + 15.0 * n).round(),
        "success_rate" => clamp01(0.6 + 0.05 * n),
        "attribution_rate" => clamp01(0.3 + 0.1 * shift + 0.05 * n),
        "escalation_episodes" => (4.0 - 2.0 * shift + 1.5 * n).round().max(0.0),
        "escalation_peak" => (3.0 + n).round().clamp(0.0, 5.0),
        "damage_total" => (2.5 - shift + 0.4 * n).max(0.0),
        "sanctions_imposed" => (3.0 + 1.2 * n).round().max(0.0),
        "sanctions_active" => (5.0 + n).round().max(0.0),
        "alliances" => (2.0 + shift + 0.8 * n).round().max(0.0),
        "blocs" => (2.0 + 0.7 * n).round().max(1.0),
        "mean_trust" => clamp01(0.45 + 0.1 * shift + 0.03 * n),
        "norm_adoption" => clamp01(0.3 + 0.05 * n),
        "mean_security" => clamp01(0.8 + 0.05 * shift + 0.02 * n),
        "pledge_violations" => (2.0 + n).round().max(0.0),
        "agreements" => (1.0 + 0.5 * n).round().max(0.0),
        "vendor_switches" => (3.0 + n).round().max(0.0),
        "constant_zero" => 0.0,
        _ => clamp01(0.5 + 0.1 * shift + 0.1 * n),
    }
}

fn num(x: f64) -> String {
    if x == 0.0 { "0".to_string() } else { format!("{x}") }
}

/// Write a fixture output folder `dir` for scenario `name`; `shift` makes scenarios differ.
pub fn write_folder(dir: &Path, name: &str, shift: f64, files: Files) -> PathBuf {
    std::fs::create_dir_all(dir).unwrap();
    let mut r = Rng::new(name.bytes().fold(7u64, |h, b| h.wrapping_mul(31).wrapping_add(u64::from(b))));
    let mut cols: Vec<String> = RUN_METRICS.iter().map(|s| s.to_string()).collect();
    for id in FOCUS {
        cols.extend(STATE_METRICS.iter().map(|m| format!("{id}_{m}")));
    }
    let mut runs = format!("scenario,point,run,seed,{}\n", cols.join(","));
    let mut values: Vec<Vec<f64>> = vec![Vec::new(); cols.len()];
    for point in 0..files.points {
        for run in 0..RUNS {
            let row: Vec<f64> = cols.iter().map(|c| run_value(c, shift, &mut r)).collect();
            let _ =
                writeln!(runs, "{name},{point},{run},42,{}", row.iter().map(|v| num(*v)).collect::<Vec<_>>().join(","));
            for (k, v) in row.into_iter().enumerate() {
                values[k].push(v);
            }
        }
    }
    std::fs::write(dir.join("runs.csv"), runs).unwrap();

    if files.summary {
        let mut s = String::from("scenario,point,metric,n,mean,sd,ci95_low,ci95_high,min,p05,p25,p50,p75,p95,max\n");
        for (point, (k, c)) in (0..files.points).flat_map(|p| cols.iter().enumerate().map(move |kc| (p, kc))) {
            let mut sum = Summary::default();
            values[k].iter().for_each(|v| sum.push(*v));
            let _ = writeln!(s, "{}", summary_row(name, point, c, &sum.stats()).join(","));
        }
        std::fs::write(dir.join("summary.csv"), s).unwrap();
    }

    if files.timeseries {
        let world = [
            "attacks",
            "successes",
            "damage",
            "sanctions_active",
            "alliances_active",
            "mean_trust",
            "norm_adoption",
            "mean_security",
            "pledge_share",
            "standards_share_leader",
        ];
        let state = ["security", "economy", "tech_access", "indigenous", "soft_power", "sanction_pressure"];
        let mut s = String::from("scenario,point,run,tick,metric,value\n");
        for point in 0..files.points {
            for run in 0..RUNS {
                for tick in 1..=TICKS {
                    let t = tick as f64 / TICKS as f64;
                    for m in world {
                        let v = match m {
                            "attacks" => (1.5 - shift + 1.2 * r.normal()).round().max(0.0),
                            "successes" => (0.8 + 0.8 * r.normal()).round().max(0.0),
                            "damage" => (0.02 + 0.01 * r.normal()).max(0.0),
                            "sanctions_active" => (4.0 + 2.0 * t + r.normal()).round().max(0.0),
                            "alliances_active" => (1.0 + shift + 2.0 * t + 0.5 * r.normal()).round().max(0.0),
                            "mean_trust" => clamp01(0.5 - 0.1 * t + 0.1 * shift + 0.02 * r.normal()),
                            "mean_security" => clamp01(0.85 - 0.05 * t + 0.02 * r.normal()),
                            _ => clamp01(0.2 + 0.2 * t + 0.03 * r.normal()),
                        };
                        let _ = writeln!(s, "{name},{point},{run},{tick},{m},{}", num(v));
                    }
                    for id in FOCUS {
                        for m in state {
                            let v = clamp01(0.4 + 0.2 * t + 0.1 * shift + 0.05 * r.normal());
                            let _ = writeln!(s, "{name},{point},{run},{tick},{id}_{m},{}", num(v));
                        }
                    }
                }
            }
        }
        std::fs::write(dir.join("timeseries.csv"), s).unwrap();
    }

    if files.events {
        let mut s = String::from(
            "scenario,point,run,tick,kind,actor,target,type,severity,success,attributed,response,value,injected,detail\n",
        );
        let types = ["espionage", "disruption", "degradation", "disinformation", "supply_chain"];
        let states = ["USA", "CHN", "RUS", "IRN", "GBR", "ISR"];
        for point in 0..files.points {
            for run in 0..RUNS {
                let mut e = |tick: u64, rest: &str| {
                    let _ = writeln!(s, "{name},{point},{run},{tick},{rest}");
                };
                for tick in 1..=TICKS {
                    let n = r.below(3);
                    for _ in 0..n {
                        let (a, b) = (states[r.below(6) as usize], states[r.below(6) as usize]);
                        if a == b {
                            continue;
                        }
                        let sev = 1 + r.below(5);
                        let ty = types[r.below(5) as usize];
                        let ok = r.below(2);
                        let attr = u64::from(sev >= 3 && r.below(2) == 0);
                        e(
                            tick,
                            &format!("attack,{a},{b},{ty},{sev},{ok},{attr},,{},0,planned", num(0.01 * sev as f64)),
                        );
                        if attr == 1 {
                            let resp = ["protest", "retaliation", "escalation", "none"][r.below(4) as usize];
                            e(tick, &format!("response,{b},{a},{ty},{sev},,,{resp},0,0,"));
                        }
                    }
                    match tick {
                        2 => e(tick, "sanction_left,NLD,IRN,,,,,,0,0,iran"),
                        3 => e(tick, "pledge_taken,NLD,,,,,,,0,0,no_backdoors;no_cii_attacks;no_data_theft"),
                        5 => e(tick, "sanction_imposed,USA,IRN,,,,,,0.4,0,usa-iran 3 states"),
                        6 => e(tick, "shock,,,,,,,,0.7,0,oil_price"),
                        7 => e(tick, "sanction_joined,GBR,IRN,,,,,,0.4,0,usa-iran"),
                        8 => e(tick, "alliance_formed,CHN,RUS,,,,,,2,0,eurasia"),
                        9 => e(tick, "vendor_switch,DEU,CHN,,,,,,0,0,from=USA"),
                        10 => e(tick, "alliance_joined,IRN,CHN,,,,,,3,0,eurasia"),
                        12 => {
                            e(tick, "attack,IRN,ISR,disruption,4,1,1,,0.08,1,injected");
                            e(tick, "pledge_violation,RUS,USA,,,,,,0,0,no_cii_attacks");
                        }
                        14 => e(tick, "agreement,CHN,IRN,,,,,,0,0,25-year cooperation"),
                        15 => e(tick, "alliance_left,IRN,CHN,,,,,,2,0,eurasia"),
                        18 => e(tick, "sanction_lifted,USA,IRN,,,,,,0,0,usa-iran succeeded"),
                        20 => e(tick, "alliance_dissolved,CHN,,,,,,,0,0,eurasia"),
                        _ => {}
                    }
                }
            }
        }
        std::fs::write(dir.join("events.csv"), s).unwrap();
    }

    if files.manifest {
        // like a real manifest (cyberdip 0.2.0's format), it lists the files of its set
        let mut outputs = vec!["runs.csv", "manifest.json"];
        for (on, name) in [
            (files.summary, "summary.csv"),
            (files.timeseries, "timeseries.csv"),
            (files.events, "events.csv"),
            (files.exercise, "exercise.json"),
            (files.sobol || files.morris, "sensitivity.csv"),
        ] {
            if on {
                outputs.push(name);
            }
        }
        let outputs = serde_json::to_string(&outputs).unwrap();
        let m = format!(
            r#"{{
  "tool": "cyberdip 0.1.0",
  "command": ["cyberdip", "run", "scenarios/{name}.toml"],
  "scenario": "{name}",
  "inputs": ["scenarios/{name}.toml"],
  "scenario_hash": "0123456789abcdef",
  "seed": 42,
  "ticks": {TICKS},
  "runs": {RUNS},
  "first_run": 0,
  "threads": 2,
  "outputs": {outputs},
  "started": "2026-01-01T00:00:00Z",
  "finished": "2026-01-01T00:00:01Z",
  "rerun": "cyberdip run scenarios/{name}.toml --seed 42 --run RUN"
}}
"#
        );
        std::fs::write(dir.join("manifest.json"), m).unwrap();
    }

    if files.exercise {
        let ex = serde_json::json!({
            "title": "Sanctions or talks? Iran's cyber diplomacy",
            "briefing": "You advise the government of Iran.\n\nSanctions are biting and cyber operations are rising.",
            "goals": ["Keep Iran's network security above 0.8", "Avoid an escalation spiral"],
            "questions": ["Which outcome changed most, and why?", "Was the difference larger than chance?"],
            "teacher_notes": "Point students at the forest plot first.",
            "choice": "Seek a regional alliance"
        });
        std::fs::write(dir.join("exercise.json"), serde_json::to_string_pretty(&ex).unwrap()).unwrap();
    }

    let params = ["attack.base_rate", "sanctions.threshold", "alliance.trust_min", "norms.diffusion", "defense.invest"];
    let sens_metrics = ["attacks", "mean_security", "IRN_security"];
    if files.sobol {
        let mut s = String::from("metric,parameter,S1,S1_ci_low,S1_ci_high,ST,ST_ci_low,ST_ci_high\n");
        for m in sens_metrics {
            for (i, p) in params.iter().enumerate() {
                let s1 = 0.5 / (i as f64 + 1.0) + 0.02 * r.unit();
                let st = s1 + 0.05 + 0.05 * r.unit();
                let _ = writeln!(
                    s,
                    "{m},{p},{},{},{},{},{},{}",
                    num(s1),
                    num(s1 - 0.05),
                    num(s1 + 0.05),
                    num(st),
                    num(st - 0.06),
                    num(st + 0.06)
                );
            }
        }
        std::fs::write(dir.join("sensitivity.csv"), s).unwrap();
    } else if files.morris {
        let mut s = String::from("metric,parameter,mu,mu_star,mu_star_ci_low,mu_star_ci_high,sigma\n");
        for m in sens_metrics {
            for (i, p) in params.iter().enumerate() {
                let mu = 10.0 / (i as f64 + 1.0);
                let _ = writeln!(
                    s,
                    "{m},{p},{},{},{},{},{}",
                    num(-mu),
                    num(mu),
                    num(mu * 0.8),
                    num(mu * 1.2),
                    num(mu * 0.5)
                );
            }
        }
        std::fs::write(dir.join("sensitivity.csv"), s).unwrap();
    }
    dir.to_path_buf()
}

/// Two scenarios, every file; the first with an exercise and a Sobol sensitivity.csv.
pub fn two_scenarios(root: &Path) -> (PathBuf, PathBuf) {
    let a =
        write_folder(&root.join("baseline"), "baseline", 0.0, Files { exercise: true, sobol: true, ..Files::all() });
    let b = write_folder(&root.join("regional-alliance"), "regional-alliance", 1.0, Files::all());
    (a, b)
}

/// Chart files the two-scenario fixture must produce.
pub fn expected_charts() -> Vec<String> {
    let mut v: Vec<String> = [
        "ts_attacks",
        "ts_mean_security",
        "ts_sanctions_active",
        "ts_alliances_active",
        "ts_mean_trust",
        "ts_norm_adoption",
        "ts_pledge_share",
        "ts_state_IRN",
        "ts_state_USA",
        "dist_attacks",
        "dist_success_rate",
        "dist_attribution_rate",
        "dist_escalation_episodes",
        "dist_sanctions_imposed",
        "dist_alliances",
        "dist_blocs",
        "dist_norm_adoption",
        "dist_damage_total",
        "dist_IRN_security",
        "dist_USA_security",
        "compare_forest",
        "sens_1_attacks",
        "sens_1_mean_security",
        "sens_1_IRN_security",
        "timeline_1",
        "timeline_2",
    ]
    .iter()
    .map(|s| format!("{s}.svg"))
    .collect();
    v.shrink_to_fit();
    v
}

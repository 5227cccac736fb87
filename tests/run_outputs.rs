//! Issue 3 acceptance checks 1-4: `cyberdip run` on the baseline writes the documented
//! files; events cover every family; output bytes do not depend on the thread count; runs
//! are prefix-stable, seed-dependent, and any row reruns alone to the same values.

mod common;
use common::*;

const BRIEF_SUMMARY: [&str; 15] = [
    "scenario",
    "point",
    "metric",
    "n",
    "mean",
    "sd",
    "ci95_low",
    "ci95_high",
    "min",
    "p05",
    "p25",
    "p50",
    "p75",
    "p95",
    "max",
];

#[test]
fn check_1_baseline_writes_runs_summary_states_and_manifest() {
    let d = tempfile::tempdir().unwrap();
    let out = d.path().to_str().unwrap();
    ok(&["run", "scenarios/baseline.toml", "--runs", "200", "--seed", "42", "--out", out, "--quiet"], None);
    let (h, rows) = csv(&d.path().join("runs.csv"));
    let metric_columns = h.len() - 4;
    assert_eq!(&h[..4], ["scenario", "point", "run", "seed"]);
    assert!(h.len() > 40, "metric columns follow: {h:?}");
    assert_eq!(rows.len(), 200);
    for (i, r) in rows.iter().enumerate() {
        assert_eq!(r[0], "baseline");
        assert_eq!(r[2], i.to_string(), "rows are in run order");
        assert_eq!(r[3], "42");
    }
    let (h, rows) = csv(&d.path().join("summary.csv"));
    assert_eq!(h, BRIEF_SUMMARY);
    assert_eq!(rows.len(), metric_columns, "one summary row per runs.csv metric");
    let attacks = rows.iter().find(|r| r[2] == "attacks").expect("attacks summarised");
    assert_eq!(attacks[3], "200");
    let (lo, mean, hi): (f64, f64, f64) =
        (attacks[6].parse().unwrap(), attacks[4].parse().unwrap(), attacks[7].parse().unwrap());
    assert!(lo < mean && mean < hi);
    let (h, rows) = csv(&d.path().join("states.csv"));
    assert_eq!(h, ["scenario", "point", "run", "state", "metric", "value"]);
    assert!(rows.iter().any(|r| r[3] == "IRN" && r[4] == "security"));
    let m: serde_json::Value = serde_json::from_str(&read(&d.path().join("manifest.json"))).unwrap();
    assert_eq!(m["seed"], 42);
    assert_eq!(m["runs"], 200);
    assert_eq!(m["scenario_hash"].as_str().unwrap().len(), 16);
}

#[test]
fn check_2_events_cover_attacks_of_four_types_responses_sanctions_and_alliances() {
    let d = tempfile::tempdir().unwrap();
    let out = d.path().to_str().unwrap();
    ok(&["run", "scenarios/baseline.toml", "--runs", "20", "--seed", "42", "--out", out, "--events", "--quiet"], None);
    let (h, rows) = csv(&d.path().join("events.csv"));
    let col = |n: &str| h.iter().position(|x| x == n).unwrap_or_else(|| panic!("column {n}"));
    let (kind, actor, target, tick, typ) = (col("kind"), col("actor"), col("target"), col("tick"), col("type"));
    let attacks: Vec<&Vec<String>> = rows.iter().filter(|r| r[kind] == "attack").collect();
    let mut types: Vec<&str> = attacks.iter().map(|r| r[typ].as_str()).collect();
    types.sort_unstable();
    types.dedup();
    assert!(types.len() >= 4, "attack types seen: {types:?}");
    for r in &attacks {
        assert!(!r[actor].is_empty() && !r[target].is_empty() && r[tick].parse::<u32>().is_ok());
    }
    for k in ["response", "sanction_imposed", "alliance_formed"] {
        let some = rows.iter().find(|r| r[kind] == k).unwrap_or_else(|| panic!("no {k} event"));
        assert!(!some[actor].is_empty() && some[tick].parse::<u32>().is_ok(), "{k}: {some:?}");
    }
    let resp = rows.iter().filter(|r| r[kind] == "response").count();
    assert!(resp > 0 && resp < attacks.len(), "responses are separate rows, fewer than attacks");
}

#[test]
fn check_3_outputs_are_byte_identical_on_1_2_and_7_threads() {
    let dirs: Vec<tempfile::TempDir> = (0..3).map(|_| tempfile::tempdir().unwrap()).collect();
    for (d, t) in dirs.iter().zip([1, 2, 7]) {
        let out = d.path().to_str().unwrap();
        ok(
            &["run", "scenarios/baseline.toml", "--runs", "200", "--seed", "42", "--out", out, "--events", "--quiet"],
            Some(t),
        );
    }
    for f in ["runs.csv", "summary.csv", "states.csv", "events.csv"] {
        let a = std::fs::read(dirs[0].path().join(f)).unwrap();
        for d in &dirs[1..] {
            let b = std::fs::read(d.path().join(f)).unwrap();
            assert!(a == b, "{f} differs between 1 thread and {}", d.path().display());
        }
    }
}

#[test]
fn check_4_prefix_stable_seed_dependent_and_rows_rerun_alone() {
    let d200 = tempfile::tempdir().unwrap();
    let d100 = tempfile::tempdir().unwrap();
    let dother = tempfile::tempdir().unwrap();
    let drow = tempfile::tempdir().unwrap();
    let run = |d: &tempfile::TempDir, extra: &[&str]| {
        let mut a = vec!["run", "scenarios/baseline.toml", "--out", d.path().to_str().unwrap(), "--quiet"];
        a.extend_from_slice(extra);
        ok(&a, None);
        csv(&d.path().join("runs.csv")).1
    };
    let all = run(&d200, &["--runs", "200", "--seed", "42"]);
    let half = run(&d100, &["--runs", "100", "--seed", "42"]);
    assert_eq!(half[..], all[..100], "--runs 100 gives the first 100 rows of --runs 200");
    let other = run(&dother, &["--runs", "100", "--seed", "43"]);
    let differing = other.iter().zip(&half).filter(|(a, b)| a[4..] != b[4..]).count();
    assert!(differing > 90, "another seed gives different rows ({differing} of 100 differ)");
    let alone = run(&drow, &["--seed", "42", "--run", "137"]);
    assert_eq!(alone.len(), 1);
    assert_eq!(alone[0], all[137], "row 137 reruns alone to the same values");
}

/// Issue 13: manifest.json listed the base file last where docs/OUTPUTS.md says first.
#[test]
fn manifest_lists_the_base_file_first_then_the_overrides() {
    let d = tempfile::tempdir().unwrap();
    let out = d.path().to_str().unwrap();
    ok(
        &[
            "run",
            "scenarios/sanctions-lifted.toml",
            "--runs",
            "2",
            "--ticks",
            "3",
            "--set",
            "state.IRN.coordination=0.7",
            "--out",
            out,
            "--quiet",
        ],
        None,
    );
    let m: serde_json::Value = serde_json::from_str(&read(&d.path().join("manifest.json"))).unwrap();
    let inputs: Vec<&str> = m["inputs"].as_array().unwrap().iter().map(|v| v.as_str().unwrap()).collect();
    assert_eq!(inputs.len(), 5, "{inputs:?}");
    assert!(inputs[0].ends_with("baseline.toml") && inputs[1].ends_with("sanctions-lifted.toml"), "{inputs:?}");
    assert!(
        inputs[2].starts_with("--runs") && inputs[3].starts_with("--ticks") && inputs[4].starts_with("--set"),
        "{inputs:?}"
    );
    // and it names every file of the set with its size and digest
    for f in ["runs.csv", "summary.csv", "states.csv"] {
        let bytes = std::fs::metadata(d.path().join(f)).unwrap().len();
        assert_eq!(m["files"][f]["bytes"].as_u64(), Some(bytes), "{f}");
        assert_eq!(m["files"][f]["fnv1a64"].as_str().map(str::len), Some(16), "{f}");
    }
}

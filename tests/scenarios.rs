//! Issue 3 acceptance check 6: every bundled scenario validates (and runs briefly).

mod common;
use common::*;
use std::path::PathBuf;

fn bundled() -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![path("scenarios")];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|x| x == "toml") {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

#[test]
fn check_6_validate_accepts_every_bundled_scenario() {
    let files = bundled();
    assert!(files.len() >= 2);
    let mut args = vec!["validate".to_string()];
    args.extend(files.iter().map(|p| p.to_string_lossy().into_owned()));
    let refs: Vec<&str> = args.iter().map(String::as_str).collect();
    let stdout = ok(&refs, None);
    assert_eq!(stdout.lines().filter(|l| l.starts_with("ok ")).count(), files.len(), "{stdout}");
}

#[test]
fn every_bundled_scenario_runs() {
    for f in bundled()
        .into_iter()
        .filter(|p| !p.to_string_lossy().contains("sweeps") && !p.to_string_lossy().contains("calibration"))
    {
        let d = tempfile::tempdir().unwrap();
        let p = f.to_string_lossy().into_owned();
        ok(&["run", &p, "--runs", "2", "--ticks", "36", "--out", d.path().to_str().unwrap(), "--quiet"], None);
        assert!(d.path().join("runs.csv").exists(), "{p}");
    }
}

#[test]
fn synthetic_2000_runs_from_the_command_line_for_10_ticks() {
    let d = tempfile::tempdir().unwrap();
    let out = d.path().to_str().unwrap();
    ok(&["run", "scenarios/synthetic-2000.toml", "--ticks", "10", "--runs", "1", "--out", out, "--quiet"], Some(2));
    let (_, rows) = csv(&d.path().join("runs.csv"));
    assert_eq!(rows.len(), 1);
}

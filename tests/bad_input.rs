//! Issue 3 acceptance check 5: bad input exits 2 with file, line:column and key where
//! they exist, a suggestion for a misspelt key, no panic, and no change to files already
//! in the output folder. One file per case in tests/data/bad/.

mod common;
use common::*;

struct Case {
    file: &'static str,
    /// Substrings the error must contain (file name, line:col, key, message).
    expect: &'static [&'static str],
}

const CASES: &[Case] = &[
    Case { file: "unknown_key.toml", expect: &["unknown_key.toml:9:1", "coordinaton", "did you mean `coordination`"] },
    Case {
        file: "wrong_type.toml",
        expect: &["wrong_type.toml:3:9", "simulation.ticks", "expected a whole number", "a string"],
    },
    Case {
        file: "out_of_range.toml",
        expect: &["out_of_range.toml:9:11", "state.A.defense", "out of range", "0 to 1"],
    },
    Case { file: "missing_extends.toml", expect: &["missing_extends.toml:2:11", "extends", "no-such-baseline.toml"] },
    Case { file: "cycle_a.toml", expect: &["cycle_b.toml:2:11", "extends cycle", "cycle_a.toml -> ", "cycle_b.toml"] },
    Case {
        file: "unknown_state.toml",
        expect: &["unknown_state.toml:14:19", "relation.between", "'IRK' does not exist", "did you mean 'IRN'"],
    },
    Case { file: "empty.toml", expect: &["empty.toml", "empty"] },
    Case { file: "binary.toml", expect: &["binary.toml", "binary file"] },
    Case { file: "ticks_zero.toml", expect: &["ticks_zero.toml:3:9", "simulation.ticks", "out of range", "from 1"] },
    Case { file: "huge_runs.toml", expect: &["huge_runs.toml:4:8", "simulation.runs", "10000000"] },
    Case {
        file: "inject_unknown_state.toml",
        expect: &["inject_unknown_state.toml:17:10", "inject.target", "'IRQ' does not exist", "did you mean"],
    },
    Case {
        file: "inject_tick_beyond.toml",
        expect: &["inject_tick_beyond.toml:14:8", "inject.tick", "beyond the end", "ticks = 12"],
    },
    Case {
        file: "inject_unknown_event.toml",
        expect: &[
            "inject_unknown_event.toml:15:9",
            "inject.event",
            "unknown inject event 'atack'",
            "did you mean \"attack\"",
        ],
    },
    Case { file: "huge_states.toml", expect: &["huge_states.toml:9:10", "world.states", "100000"] },
];

#[test]
fn every_bad_file_exits_2_with_a_located_message_and_touches_nothing() {
    for case in CASES {
        let d = tempfile::tempdir().unwrap();
        let sentinel = d.path().join("runs.csv");
        std::fs::write(&sentinel, "earlier results\n").unwrap();
        let file = format!("tests/data/bad/{}", case.file);
        let out = cyberdip(&["run", &file, "--out", d.path().to_str().unwrap()], None);
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{}: exit code; stderr:\n{err}", case.file);
        assert!(!err.contains("panicked at"), "{}: panicked:\n{err}", case.file);
        for want in case.expect {
            assert!(err.contains(want), "{}: expected `{want}` in:\n{err}", case.file);
        }
        assert_eq!(std::fs::read_to_string(&sentinel).unwrap(), "earlier results\n", "{}: runs.csv changed", case.file);
        let names: Vec<String> = std::fs::read_dir(d.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert_eq!(names, ["runs.csv"], "{}: the output folder gained files", case.file);
    }
}

#[test]
fn validate_reports_bad_files_with_exit_2_and_good_ones_with_0() {
    let out = cyberdip(&["validate", "tests/data/bad/unknown_key.toml", "scenarios/baseline.toml"], None);
    assert_eq!(out.status.code(), Some(2));
    let out = cyberdip(&["validate", "scenarios/baseline.toml"], None);
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn a_misspelt_set_path_or_a_bad_set_value_exits_2_with_a_suggestion() {
    let d = tempfile::tempdir().unwrap();
    let o = d.path().to_str().unwrap();
    let out =
        cyberdip(&["run", "scenarios/baseline.toml", "--out", o, "--set", "parameters.attacks.base_rte=0.2"], None);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains("did you mean `attacks.base_rate`"), "{err}");
    let out = cyberdip(&["run", "scenarios/baseline.toml", "--out", o, "--set", "state.IRN.coordination=2"], None);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains("--set state.IRN.coordination=2") && err.contains("out of range"), "{err}");
    let out = cyberdip(&["run", "scenarios/baseline.toml", "--out", o, "--set", "state.IRM.coordination=0.5"], None);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains("state.IRN.coordination"), "{err}");
    assert_eq!(std::fs::read_dir(d.path()).unwrap().count(), 0, "nothing written");
}

#[test]
fn a_bad_command_line_is_a_usage_error_with_exit_2() {
    let out = cyberdip(&["run"], None);
    assert_eq!(out.status.code(), Some(2));
    let out = cyberdip(&["run", "scenarios/baseline.toml", "--runs", "many"], None);
    assert_eq!(out.status.code(), Some(2));
    let out = cyberdip(&["run", "tests/data/no-such-file.toml"], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no-such-file.toml"));
}

/// Issue 10 regression: `cyberdip explain ... | head -1` panicked with "failed printing to
/// stdout: Broken pipe" and exited 101. A closed pipe now ends the program quietly, exit 0.
#[test]
fn a_closed_output_pipe_ends_quietly_with_exit_0() {
    use std::io::{BufRead, BufReader};
    use std::process::{Command, Stdio};
    let mut child = Command::new(env!("CARGO_BIN_EXE_cyberdip"))
        .args(["explain", "scenarios/baseline.toml"])
        .current_dir(root())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = String::new();
    BufReader::new(child.stdout.take().unwrap()).read_line(&mut first).unwrap(); // reader dropped: pipe closed
    let out = child.wait_with_output().unwrap();
    assert!(first.starts_with("scenario baseline"), "{first}");
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(out.stderr.is_empty(), "{}", String::from_utf8_lossy(&out.stderr));
}

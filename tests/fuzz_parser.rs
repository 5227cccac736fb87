//! Issue 13: a bounded fuzz of the scenario reader (proptest, a fixed number of cases so
//! `cargo test --release` stays short). Arbitrary bytes, and random edits of a valid
//! scenario, go through the whole path — bytes → TOML → located tree → validated scenario →
//! model — and must give either a scenario or input errors (exit code 2) whose places lie
//! inside the text, never a panic, and never more than the 20 errors shown in full.

use cyberdip::error::{Error, MAX_ERRORS};
use cyberdip::scenario::Document;
use cyberdip::scenario::files::Files;
use proptest::prelude::*;
use std::path::Path;

/// A small valid scenario touching most tables (states, relations, alliance, sanction,
/// inject, parameters, outputs, exercise).
const VALID: &str = r#"name = "fuzz"
[simulation]
ticks = 6
runs = 2
seed = 3

[parameters]
attacks.base_rate = 0.1

[[state]]
id = "A"
doctrine = "balanced"
coordination = 0.5

[[state]]
id = "B"
region = "west"

[[state]]
id = "C"

[[relation]]
between = ["A", "B"]
rivalry = 0.6

[[alliance]]
name = "pact"
members = ["B", "C"]

[[sanction]]
id = "s1"
senders = ["B"]
target = "A"
intensity = 0.4

[[inject]]
tick = 2
event = "attack"
actor = "A"
target = "B"
type = "espionage"

[outputs]
focus = ["A"]

[exercise]
title = "t"
briefing = "b"
"#;

/// Read `bytes` as a scenario file and build it (and its model) the way `run` does.
fn load(bytes: Vec<u8>) -> Result<(), Error> {
    let doc = Document::read(Files::Disk, Path::new("/nonexistent/fuzz.toml"), Some(bytes))?;
    let sc = doc.build()?;
    let _ = sc.model();
    Ok(())
}

fn check(bytes: Vec<u8>) -> Result<(), TestCaseError> {
    let text = String::from_utf8_lossy(&bytes).into_owned();
    let lines = text.split('\n').count();
    match load(bytes) {
        Ok(()) => Ok(()),
        Err(e @ Error::Input(_)) => {
            prop_assert_eq!(e.exit_code(), 2);
            let Error::Input(errs) = &e else { unreachable!() };
            prop_assert!(errs.shown().len() <= MAX_ERRORS);
            for err in errs.shown() {
                if let (Some(l), Some(c)) = (err.line, err.col) {
                    if err.file.ends_with("fuzz.toml") {
                        prop_assert!(l >= 1 && l <= lines && c >= 1, "{}:{} outside the text ({} lines)", l, c, lines);
                    }
                }
            }
            let _ = e.to_string();
            Ok(())
        }
        Err(e) => Err(TestCaseError::fail(format!("not an input error: {e}"))),
    }
}

#[derive(Debug, Clone)]
enum Edit {
    Insert(usize, Vec<u8>),
    Delete(usize, usize),
    Replace(usize, u8),
}

fn edit() -> impl Strategy<Value = Edit> {
    let snippets = prop_oneof![
        proptest::collection::vec(any::<u8>(), 1..6),
        Just(b"[[state]]\n".to_vec()),
        Just(b" = ".to_vec()),
        Just(b"\"".to_vec()),
        Just(b"99999999999999999999".to_vec()),
        Just(b"-1".to_vec()),
        Just(b"nan".to_vec()),
        Just(b"{".to_vec()),
        Just(b"\n[simulation]\n".to_vec()),
        Just("é€\u{1F600}".as_bytes().to_vec()),
    ];
    prop_oneof![
        (any::<usize>(), snippets).prop_map(|(i, s)| Edit::Insert(i, s)),
        (any::<usize>(), 1..40usize).prop_map(|(i, n)| Edit::Delete(i, n)),
        (any::<usize>(), any::<u8>()).prop_map(|(i, b)| Edit::Replace(i, b)),
    ]
}

fn apply(mut v: Vec<u8>, edits: &[Edit]) -> Vec<u8> {
    for e in edits {
        let n = v.len().max(1);
        match e {
            Edit::Insert(i, s) => {
                let at = i % (v.len() + 1);
                v.splice(at..at, s.iter().copied());
            }
            Edit::Delete(i, k) => {
                let at = i % n;
                let end = (at + k).min(v.len());
                v.drain(at.min(end)..end);
            }
            Edit::Replace(i, b) => {
                if !v.is_empty() {
                    let at = i % v.len();
                    v[at] = *b;
                }
            }
        }
    }
    v
}

#[test]
fn the_valid_seed_text_builds() {
    load(VALID.as_bytes().to_vec()).unwrap();
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 1500, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_give_a_scenario_or_located_input_errors(bytes in proptest::collection::vec(any::<u8>(), 0..600)) {
        check(bytes)?;
    }

    #[test]
    fn edited_scenarios_give_a_scenario_or_located_input_errors(edits in proptest::collection::vec(edit(), 1..8)) {
        check(apply(VALID.as_bytes().to_vec(), &edits))?;
    }
}

//! Issue 4 check 3: `cyberdip explain` lists every parameter with a source; none lacks one.

mod common;
use common::*;
use cyberdip::core::params::Group;
use cyberdip::model::{Params, StateParams};

#[test]
fn check_3_explain_lists_every_parameter_with_a_source() {
    let out = ok(&["explain", "scenarios/baseline.toml", "--format", "csv"], None);
    let mut r = csv::Reader::from_reader(out.as_bytes());
    let h = r.headers().unwrap().clone();
    let (path_col, src_col, set_col) = (
        h.iter().position(|x| x == "path").unwrap(),
        h.iter().position(|x| x == "source").unwrap(),
        h.iter().position(|x| x == "set_in").unwrap(),
    );
    let rows: Vec<csv::StringRecord> = r.records().map(|x| x.unwrap()).collect();
    let expected = Params::specs().len() + 28 * StateParams::specs().len();
    assert_eq!(rows.len(), expected, "one line per global parameter and per state key of 28 states");
    for row in &rows {
        let src = &row[src_col];
        assert!(src.len() > 5, "{} has no source", &row[path_col]);
        assert!(
            src.starts_with("assumption") || src.contains("00") || src.contains("MODEL-BRIEF"),
            "{}: odd source {src}",
            &row[path_col]
        );
        assert!(!row[set_col].is_empty());
    }
    // values set in the baseline file point at it, with a line number
    let irn = rows.iter().find(|r| &r[path_col] == "state.IRN.coordination").unwrap();
    assert!(irn[set_col].starts_with("scenarios/baseline.toml:"), "{:?}", irn);
    let doctrine = rows.iter().find(|r| &r[path_col] == "state.IRN.strategy.global.deterrence").unwrap();
    assert_eq!(&doctrine[set_col], "doctrine iran");
    // the text form says how many numbers are assumptions
    let text = ok(&["explain", "scenarios/iran-regional-alliance.toml", "--state", "IRN"], None);
    assert!(text.contains("of them assumptions"));
    assert!(text.contains("iran-regional-alliance.toml:"), "the what-if file is named where it sets a value");
}

/// Issue 13: `explain`'s `*` marker was never explained, and its header was reported to
/// count "1 of them assumptions" where nine sources said "assumption". The header now says
/// what `*` means, and its count equals the number of listed sources that say "assumption".
#[test]
fn explain_says_what_its_marker_means_and_counts_every_assumption() {
    for args in [
        vec!["explain", "scenarios/baseline.toml"],
        vec!["explain", "scenarios/baseline.toml", "--state", "IRN"],
        vec![
            "explain",
            "scenarios/exercises/stuxnet-response.toml",
            "--state",
            "IRN",
            "--set",
            "state.IRN.aggression=0.9",
        ],
    ] {
        let text = ok(&args, None);
        let header: Vec<&str> = text.lines().take(4).collect();
        let counts = header.iter().find(|l| l.contains("of them assumptions")).expect("a count line");
        let n: usize = counts.split(", ").nth(1).unwrap().split(' ').next().unwrap().parse().unwrap();
        let sources = text.lines().filter(|l| l.contains(" — source: ")).count();
        let assumed =
            text.lines().filter_map(|l| l.split(" — source: ").nth(1)).filter(|s| s.contains("assumption")).count();
        assert!(sources > 10, "{args:?}");
        assert_eq!(n, assumed, "{args:?}: header {counts:?}");
        assert!(text.contains("* marks a value that differs from its default"), "{args:?}: {}", header.join("\n"));
        let starred = text.lines().filter(|l| l.starts_with('*')).count();
        if args.contains(&"--set") {
            assert!(starred >= 1, "the value set on the command line is starred");
        }
    }
}

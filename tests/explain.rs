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

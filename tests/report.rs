//! Whole reports built from fixture folders.

mod common;
use common::fixtures::{self, Files};
use cyberdip::report::{ReportError, ReportOptions, ReportSummary, build};
use std::path::{Path, PathBuf};

/// HTML-escaped text, as the page writes it.
fn escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;").replace('\'', "&#39;")
}

fn read(p: &Path) -> String {
    std::fs::read_to_string(p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

fn count(hay: &str, needle: &str) -> usize {
    hay.matches(needle).count()
}

/// Elements that draw something (what a browser would paint besides text).
pub fn drawn_elements(svg: &str) -> usize {
    ["<path", "<polyline", "<polygon", "<rect", "<line", "<circle"].iter().map(|t| count(svg, t)).sum()
}

fn build_two(root: &Path) -> (PathBuf, ReportSummary) {
    let (a, b) = fixtures::two_scenarios(&root.join("in"));
    let out = root.join("out");
    std::fs::create_dir_all(&out).unwrap();
    let s = build(&[a, b], &out, &ReportOptions::default()).unwrap();
    (out, s)
}

#[test]
fn two_scenarios_give_every_chart_inline_and_as_files() {
    let dir = tempfile::tempdir().unwrap();
    let (out, summary) = build_two(dir.path());
    let expected = fixtures::expected_charts();
    assert_eq!(summary.charts, expected, "charts written, in page order");
    assert!(summary.notes.is_empty(), "nothing skipped: {:?}", summary.notes);
    let html = read(&out.join("index.html"));
    for name in &expected {
        let svg = read(&out.join(name));
        let stem = name.trim_end_matches(".svg");
        assert!(svg.starts_with(&format!("<svg class=\"chart\" id=\"{stem}\"")), "{name} root: {}", &svg[..80]);
        assert!(svg.trim_end().ends_with("</svg>"), "{name} is closed");
        assert!(svg.contains("xmlns=\"http://www.w3.org/2000/svg\""), "{name} namespace");
        assert!(count(&svg, "<text") >= 5, "{name} has text");
        assert!(drawn_elements(&svg) > 10, "{name} draws: {}", drawn_elements(&svg));
        // The same SVG is inline in the page.
        assert!(html.contains(svg.trim_end()), "{name} inline in index.html");
    }
    assert_eq!(count(&html, "<svg class=\"chart\""), expected.len());
    // Titles and axis labels with units.
    let ts = read(&out.join("ts_attacks.svg"));
    for t in
        ["Cyber operations per month", "\nMonth\n", "operations per month", "\nbaseline\n", "\nregional-alliance\n"]
    {
        assert!(ts.contains(t), "ts_attacks.svg lacks {t}");
    }
    assert!(ts.contains("<polygon") && ts.contains("<polyline"), "band and median line");
    let state = read(&out.join("ts_state_IRN.svg"));
    for t in
        ["Iran (IRN): month by month", "Network security", "Access to foreign technology", "Economy", "index (0–1)"]
    {
        assert!(state.contains(t), "ts_state_IRN.svg lacks {t}");
    }
    let dist = read(&out.join("dist_attacks.svg"));
    assert!(dist.contains("Cyber operations launched") && dist.contains("operations per run"));
    let forest = read(&out.join("compare_forest.svg"));
    for t in [
        "How regional-alliance differs from baseline",
        "standard deviations of the reference",
        "Iran (IRN): network security",
    ] {
        assert!(forest.contains(t), "forest lacks {t}");
    }
    let sens = read(&out.join("sens_1_attacks.svg"));
    for t in
        ["What drives", "attack.base_rate", "S1: the parameter alone", "ST: with interactions", "variation explained"]
    {
        assert!(sens.contains(t), "sensitivity lacks {t}");
    }
    let tl = read(&out.join("timeline_1.svg"));
    for t in [
        "Notable events in a typical run",
        "Operations, severity ≥ 3",
        "Shock or inject",
        "\nMonth\n",
        "scripted inject",
    ] {
        assert!(tl.contains(t), "timeline lacks {t}");
    }
}

#[test]
fn page_has_header_exercise_tables_and_no_external_resources() {
    let dir = tempfile::tempdir().unwrap();
    let (out, _) = build_two(dir.path());
    let html = read(&out.join("index.html"));
    assert!(html.starts_with("<!DOCTYPE html>"));
    // Title from exercise.json; header from manifest.json.
    assert!(html.contains("<h1>Sanctions or talks? Iran&#39;s cyber diplomacy</h1>"));
    assert!(html.contains("How to read this page"));
    assert!(html.contains("<td class=\"num\">20</td><td class=\"num\">24</td><td class=\"num\">42</td>"));
    for t in [
        "Briefing",
        "You advise the government of Iran.",
        "Avoid an escalation spiral",
        "Seek a regional alliance",
        "Was the difference larger than chance?",
        "<details class=\"teacher\"><summary>Notes for the teacher</summary>",
    ] {
        assert!(html.contains(t), "page lacks {t}");
    }
    // Comparison table: one row per common metric, attacks clearly lower, constant metric not.
    let cols = fixtures::RUN_METRICS.len() + 8;
    assert_eq!(count(&html, "<tr class=\"cmp-row"), cols);
    assert!(html.contains("<tr class=\"cmp-row sig\" data-metric=\"attacks\">"));
    assert!(html.contains("<tr class=\"cmp-row\" data-metric=\"constant_zero\">"));
    assert!(count(&html, "<tr class=\"cmp-row sig\"") >= 5);
    // Events table of each typical run.
    assert_eq!(count(&html, "<table class=\"events\">"), 2);
    let rows = count(&html, "<tr class=\"event");
    assert!((20..=60).contains(&rows), "event rows {rows}");
    // Key numbers from summary.csv.
    assert!(html.contains("<table class=\"key-numbers\">"));
    // Self-contained: no external resources (the SVG namespace is not a fetch).
    let stripped = html.replace("xmlns=\"http://www.w3.org/2000/svg\"", "");
    for bad in ["http://", "https://", "<link", "src=", "@import", "url("] {
        assert!(!stripped.contains(bad), "page references {bad}");
    }
    assert!(html.contains("data-check"), "check script present");
}

#[test]
fn same_inputs_give_identical_bytes() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = fixtures::two_scenarios(&dir.path().join("in"));
    let inputs = [a, b];
    let (o1, o2) = (dir.path().join("o1"), dir.path().join("o2"));
    std::fs::create_dir_all(&o1).unwrap();
    std::fs::create_dir_all(&o2).unwrap();
    let s1 = build(&inputs, &o1, &ReportOptions::default()).unwrap();
    let s2 = build(&inputs, &o2, &ReportOptions::default()).unwrap();
    assert_eq!(s1, s2);
    // And again into the same folder.
    let s3 = build(&inputs, &o1, &ReportOptions::default()).unwrap();
    assert_eq!(s1, s3);
    let mut names: Vec<String> =
        std::fs::read_dir(&o1).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    names.sort();
    assert_eq!(names.len(), s1.charts.len() + 1, "no temporary files left: {names:?}");
    for n in &names {
        assert_eq!(std::fs::read(o1.join(n)).unwrap(), std::fs::read(o2.join(n)).unwrap(), "{n} differs");
    }
}

#[test]
fn missing_optional_files_skip_charts_with_notes() {
    let dir = tempfile::tempdir().unwrap();
    let a = fixtures::write_folder(&dir.path().join("only-runs"), "baseline", 0.0, Files::runs_only());
    let out = dir.path().join("out");
    std::fs::create_dir_all(&out).unwrap();
    let s = build(&[a], &out, &ReportOptions { title: Some("Just the runs".into()) }).unwrap();
    assert!(s.charts.iter().all(|c| c.starts_with("dist_")), "{:?}", s.charts);
    assert_eq!(s.charts.len(), 11);
    let notes = s.notes.join("\n");
    for t in ["timeseries.csv", "events.csv", "sensitivity.csv", "only one folder"] {
        assert!(notes.contains(t), "notes lack {t}: {notes}");
    }
    let html = read(&out.join("index.html"));
    assert!(html.contains("<h1>Just the runs</h1>"));
    assert!(html.contains("no summary.csv"));
    for n in &s.notes {
        assert!(html.contains(&escape(n)), "note on page: {n}");
    }
    // One folder: histograms with a median line.
    let h = read(&out.join("dist_attacks.svg"));
    assert!(h.contains("Number of runs") && h.contains("median "));
    assert!(count(&h, "<rect") > 5);
    assert!(!out.join("compare_forest.svg").exists());
}

#[test]
fn missing_runs_csv_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().join("empty");
    std::fs::create_dir_all(&empty).unwrap();
    let e = build(std::slice::from_ref(&empty), dir.path(), &ReportOptions::default()).unwrap_err();
    assert!(matches!(e, ReportError::MissingRuns { .. }));
    let msg = e.to_string();
    assert!(msg.contains("missing runs.csv") && msg.contains("empty"), "{msg}");
    let e = build(&[], dir.path(), &ReportOptions::default()).unwrap_err();
    assert!(matches!(e, ReportError::NoInputs), "{e}");
    let e = build(&[dir.path().join("nope")], dir.path(), &ReportOptions::default()).unwrap_err();
    assert!(e.to_string().contains("nope"), "{e}");
    let a = fixtures::write_folder(&dir.path().join("a"), "a", 0.0, Files::runs_only());
    let e = build(&[a], &dir.path().join("no-out"), &ReportOptions::default()).unwrap_err();
    assert!(e.to_string().contains("output folder does not exist"), "{e}");
}

#[test]
fn bad_csv_lines_are_reported_with_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("a");
    std::fs::create_dir_all(&a).unwrap();
    std::fs::write(a.join("runs.csv"), "scenario,point,run,seed,attacks\nx,0,0,1,5\nx,0,1,1,abc\n").unwrap();
    let e = build(std::slice::from_ref(&a), dir.path(), &ReportOptions::default()).unwrap_err();
    let msg = e.to_string();
    assert!(msg.contains("runs.csv") && msg.contains("bad CSV line 3") && msg.contains("abc"), "{msg}");
    std::fs::write(a.join("runs.csv"), "scenario,point,run,seed,attacks\nx,0,0,1,5\nx,0,1\n").unwrap();
    let msg = build(std::slice::from_ref(&a), dir.path(), &ReportOptions::default()).unwrap_err().to_string();
    assert!(msg.contains("bad CSV line 3") && msg.contains("3 fields where the header has 5"), "{msg}");
    std::fs::write(a.join("runs.csv"), "scenario,run,seed,attacks\nx,0,1,5\n").unwrap();
    let msg = build(std::slice::from_ref(&a), dir.path(), &ReportOptions::default()).unwrap_err().to_string();
    assert!(msg.contains("missing column `point`"), "{msg}");
    std::fs::write(a.join("runs.csv"), "scenario,point,run,seed,attacks\n").unwrap();
    let msg = build(std::slice::from_ref(&a), dir.path(), &ReportOptions::default()).unwrap_err().to_string();
    assert!(msg.contains("no runs"), "{msg}");
    std::fs::write(a.join("runs.csv"), "scenario,point,run,seed,attacks\nx,0,0,1,5\n").unwrap();
    std::fs::write(a.join("manifest.json"), "{ not json").unwrap();
    let msg = build(std::slice::from_ref(&a), dir.path(), &ReportOptions::default()).unwrap_err().to_string();
    assert!(msg.contains("manifest.json") && msg.contains("invalid JSON"), "{msg}");
    std::fs::remove_file(a.join("manifest.json")).unwrap();
    std::fs::write(a.join("timeseries.csv"), "scenario,point,run,tick,metric,value\nx,0,0,one,attacks,1\n").unwrap();
    let msg = build(&[a], dir.path(), &ReportOptions::default()).unwrap_err().to_string();
    assert!(msg.contains("timeseries.csv: bad CSV line 2") && msg.contains("`tick`"), "{msg}");
}

#[test]
fn morris_sensitivity_and_sweeps() {
    let dir = tempfile::tempdir().unwrap();
    let a = fixtures::write_folder(
        &dir.path().join("sweep"),
        "baseline",
        0.0,
        Files { morris: true, points: 3, ..Files::all() },
    );
    let out = dir.path().join("out");
    std::fs::create_dir_all(&out).unwrap();
    let s = build(&[a], &out, &ReportOptions::default()).unwrap();
    assert!(s.charts.contains(&"sens_1_attacks.svg".to_string()), "{:?}", s.charts);
    let m = read(&out.join("sens_1_attacks.svg"));
    assert!(m.contains("μ*: mean absolute effect") && m.contains("σ: spread of the effect"));
    assert!(m.contains("operations per run"), "x axis in the metric's unit");
    let html = read(&out.join("index.html"));
    assert!(html.contains("<th>Sweep points</th>") && html.contains("sweep point"));
    assert!(html.contains("a sweep of 3 points; these numbers pool all runs of all points"));
}

#[test]
fn same_scenario_twice_gets_distinct_labels() {
    let dir = tempfile::tempdir().unwrap();
    let a = fixtures::write_folder(&dir.path().join("run-a"), "baseline", 0.0, Files::runs_only());
    let b = fixtures::write_folder(&dir.path().join("run-b"), "baseline", 0.5, Files::runs_only());
    let out = dir.path().join("out");
    std::fs::create_dir_all(&out).unwrap();
    build(&[a, b], &out, &ReportOptions::default()).unwrap();
    let forest = read(&out.join("compare_forest.svg"));
    // Issue 13: the title read "baseline (run-b) vs baseline (run-a)"; the folders' own names
    // tell them apart, the shared scenario is said once.
    assert!(forest.contains("How run-b differs from run-a"), "{}", &forest[..600]);
    let html = read(&out.join("index.html"));
    assert!(html.contains("<title>Simulation report: run-a vs run-b (scenario baseline)</title>"), "{}", &html[..400]);
}

#[test]
fn huge_differences_are_clipped_to_the_forest_axis() {
    let dir = tempfile::tempdir().unwrap();
    let a = fixtures::write_folder(&dir.path().join("a"), "calm", 0.0, Files::runs_only());
    let b = fixtures::write_folder(&dir.path().join("b"), "storm", 6.0, Files::runs_only());
    let out = dir.path().join("out");
    std::fs::create_dir_all(&out).unwrap();
    build(&[a, b], &out, &ReportOptions::default()).unwrap();
    let forest = read(&out.join("compare_forest.svg"));
    assert!(forest.contains("<polygon"), "clipped points drawn as triangles");
    assert!(forest.contains("\n8\n") && forest.contains("\n-8\n"), "axis stops at ±8 SD");
    let html = read(&out.join("index.html"));
    assert!(html.contains("the difference is beyond the axis"));
}

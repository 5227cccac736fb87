//! Issue 6 checks 1 and 3: every exercise runs with one command and produces a report
//! folder; two policy choices of the same exercise show a visible difference in the
//! report's comparison tables (a row marked as a clear difference: its 95% interval
//! excludes 0) on the outcome the exercise's questions ask about.

mod common;
use common::*;

/// (exercise, choice compared with the first choice, runs.csv column that must differ
/// clearly, whether the compared choice's mean is higher than the first choice's)
const DIFFERENCES: &[(&str, &str, &str, bool)] = &[
    ("stuxnet-response", "defend", "IRN_successful_attacks_received", false),
    ("estonia-2007", "alone", "EST_success_rate_received", true),
    ("sanctions-localization", "lift", "IRN_tech_access", true),
    ("iran-coordination", "status-quo", "IRN_successful_attacks_received", true),
    ("china-normative-power", "status-quo", "norm_adoption", false),
    ("filtering-soft-power", "tighten", "IRN_soft_power", false),
    ("vendor-ban", "china-pledge", "CHN_vendor_clients", true),
];

fn exercises() -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(path("scenarios/exercises"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .map(|p| p.file_stem().unwrap().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

/// The "clear difference" mark of `metric` in the comparison table against `other`.
fn marked(html: &str, other_choice: &str, metric: &str) -> Option<bool> {
    for table in html.split("<table class=\"comparison\"").skip(1) {
        let head = &table[..table.find('>').unwrap_or(0)];
        if !head.contains(&format!("data-other=\"{other_choice}\"")) {
            continue;
        }
        let row_start = table.find(&format!("data-metric=\"{metric}\""))?;
        let row = &table[row_start..row_start + table[row_start..].find("</tr>")?];
        let mark = &row[row.find("class=\"mark\"")?..];
        return Some(mark.contains('◆'));
    }
    None
}

#[test]
fn check_1_every_exercise_runs_with_one_command_and_writes_a_report() {
    let names = exercises();
    assert!(names.len() >= 6, "at least six exercises: {names:?}");
    for name in &names {
        let d = tempfile::tempdir().unwrap();
        let out = ok(&["exercise", "run", name, "--runs", "10", "--out", d.path().to_str().unwrap(), "--quiet"], None);
        assert!(out.contains("Questions"), "{name}: questions printed");
        let index = d.path().join("report/index.html");
        assert!(index.exists(), "{name}: no report");
        let html = read(&index);
        assert!(html.matches("class=\"chart\"").count() >= 15, "{name}: too few charts");
        for e in std::fs::read_dir(d.path())
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.is_dir() && !p.ends_with("report"))
        {
            assert!(
                e.join("exercise.json").exists() && e.join("events.csv").exists() && e.join("timeseries.csv").exists(),
                "{}",
                e.display()
            );
        }
    }
    let list = ok(&["exercise", "list"], None);
    for name in &names {
        assert!(list.contains(name.as_str()), "exercise list lacks {name}");
    }
}

/// A runs.csv column of one choice's folder.
fn column(folder: &std::path::Path, metric: &str) -> Vec<f64> {
    let mut r = csv::Reader::from_path(folder.join("runs.csv")).unwrap();
    let k = r.headers().unwrap().iter().position(|h| h == metric).unwrap_or_else(|| panic!("no column {metric}"));
    r.records().map(|x| x.unwrap()[k].parse::<f64>().unwrap()).collect()
}

fn mean_sd(v: &[f64]) -> (f64, f64) {
    let m = v.iter().sum::<f64>() / v.len() as f64;
    (m, (v.iter().map(|x| (x - m).powi(2)).sum::<f64>() / (v.len() - 1) as f64).sqrt())
}

/// Exercises whose choices do not yet separate on their outcome (issue 11 point 8), with the
/// measured reason. The test still runs them, prints their effect size, and fails if one of
/// them starts to separate (then remove it from this list).
const KNOWN_GAPS: &[(&str, &str)] = &[(
    "estonia-2007",
    "Estonia's own defence (ITU GCI 2020, top tier) leaves allies little to add: the pooled \
     shield adds at most (1 - own) x pooling x cohesion x allies' defence, and Estonia suffers \
     about 8 operations a run, so its success rate is noisy (|d| about 0.28 at 60 runs)",
)];

/// Issue 11 point 8: the choices of every exercise separate on the outcome its questions
/// ask about by at least half a pooled standard deviation at the last month (threshold
/// fixed before running; 60 runs per choice), the report marks the difference as clear,
/// and the report shows the state the exercise is about first.
#[test]
fn check_3_two_policy_choices_differ_visibly_in_the_report() {
    let mut failures = Vec::new();
    for (name, other, metric, higher) in DIFFERENCES {
        let d = tempfile::tempdir().unwrap();
        ok(&["exercise", "run", name, "--runs", "60", "--out", d.path().to_str().unwrap(), "--quiet"], None);
        let html = read(&d.path().join("report/index.html"));
        let mark =
            marked(&html, other, metric).unwrap_or_else(|| panic!("{name}: no comparison row {metric} for {other}"));
        let gap = KNOWN_GAPS.iter().find(|(n, _)| n == name).map(|(_, why)| *why);
        assert!(mark || gap.is_some(), "{name}: {metric} of '{other}' is not a clear difference in the report");
        assert!(html.contains("compare_forest"), "{name}: no comparison chart");
        // the first choice of the exercise is the reference of the comparison
        let file = read(&path(&format!("scenarios/exercises/{name}.toml")));
        let first = file.split("[[exercise.choice]]").nth(1).and_then(|c| c.split('"').nth(1)).unwrap().to_string();
        let (a, b) = (column(&d.path().join(&first), metric), column(&d.path().join(other), metric));
        let ((ma, sa), (mb, sb)) = (mean_sd(&a), mean_sd(&b));
        let pooled = ((sa * sa + sb * sb) / 2.0).sqrt();
        // signed: positive when the compared choice moves the outcome the expected way
        let dd = if *higher { mb - ma } else { ma - mb } / pooled.max(1e-12);
        eprintln!("{name}: {metric} {first} {ma:.4} vs {other} {mb:.4}: d = {dd:+.2} (expected way positive)");
        match gap {
            None if dd < 0.5 => {
                failures.push(format!("{name}: {metric} {first} vs {other}: d = {dd:+.2} < 0.5 (the expected way)"))
            }
            Some(_) if dd >= 0.5 => {
                failures.push(format!("{name} now separates (d = {dd:+.2}): remove it from KNOWN_GAPS"))
            }
            Some(why) => eprintln!("{name}: known gap (docs/TEACHING.md): {why}"),
            None => {}
        }
        // the state the exercise is about comes first among the focus states
        let subject = metric.split('_').next().filter(|p| p.len() == 3 && p.chars().all(|c| c.is_ascii_uppercase()));
        let subject = subject.unwrap_or("CHN"); // china-normative-power asks about norm_adoption
        let header = std::fs::read_to_string(d.path().join(&first).join("runs.csv")).unwrap();
        let header = header.lines().next().unwrap();
        let first_focus = header
            .split(',')
            .filter_map(|c| c.strip_suffix("_security"))
            .find(|id| id.chars().all(|ch| ch.is_ascii_uppercase() || ch.is_ascii_digit()))
            .unwrap();
        assert_eq!(first_focus, subject, "{name}: the report's first state");
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn unknown_exercise_or_choice_exits_2_with_a_suggestion() {
    let out = cyberdip(&["exercise", "run", "stuxnet-respons"], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("did you mean 'stuxnet-response'"));
    let out = cyberdip(&["exercise", "run", "stuxnet-response", "--choice", "retaliat"], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("did you mean 'retaliate'"));
}

#[test]
fn injects_appear_in_events_csv_as_injected() {
    let d = tempfile::tempdir().unwrap();
    ok(
        &[
            "run",
            "scenarios/exercises/stuxnet-response.toml",
            "--runs",
            "3",
            "--events",
            "--out",
            d.path().to_str().unwrap(),
            "--quiet",
        ],
        None,
    );
    let (h, rows) = csv(&d.path().join("events.csv"));
    let c = |n: &str| h.iter().position(|x| x == n).unwrap();
    for run in ["0", "1", "2"] {
        let hit = rows
            .iter()
            .find(|r| r[c("run")] == run && r[c("tick")] == "3" && r[c("kind")] == "attack" && r[c("injected")] == "1");
        let r = hit.unwrap_or_else(|| panic!("run {run}: no injected attack at tick 3"));
        assert_eq!(
            (r[c("actor")].as_str(), r[c("target")].as_str(), r[c("type")].as_str(), r[c("severity")].as_str()),
            ("ISR", "IRN", "degradation", "5")
        );
    }
    let d2 = tempfile::tempdir().unwrap();
    ok(
        &[
            "run",
            "scenarios/exercises/filtering-soft-power.toml",
            "--runs",
            "1",
            "--events",
            "--out",
            d2.path().to_str().unwrap(),
            "--quiet",
        ],
        None,
    );
    let (h, rows) = csv(&d2.path().join("events.csv"));
    let c = |n: &str| h.iter().position(|x| x == n).unwrap();
    assert!(rows.iter().any(|r| r[c("kind")] == "shock"
        && r[c("tick")] == "24"
        && r[c("injected")] == "1"
        && r[c("detail")].starts_with("satellite=0.5")));
}

/// Issue 13: `exercise list` outside the repository root exited 2 (the exercises were read
/// from scenarios/exercises/ relative to the current folder). They are built into the
/// program now: list and run work from any folder, and every exercise file of the
/// repository is built in, with the same text.
#[test]
fn exercises_are_built_in_and_run_from_any_folder() {
    for name in exercises() {
        let file = format!("scenarios/exercises/{name}.toml");
        let built_in = cyberdip::scenario::files::BUNDLED.iter().find(|(p, _)| *p == file);
        assert_eq!(built_in.map(|b| b.1), Some(read(&path(&file)).as_str()), "{file} is not built in as it is");
    }
    let d = tempfile::tempdir().unwrap();
    let run = |args: &[&str]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_cyberdip")).args(args).current_dir(d.path()).output().unwrap()
    };
    let out = run(&["exercise", "list"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let listed = String::from_utf8_lossy(&out.stdout).into_owned();
    for name in exercises() {
        assert!(listed.contains(&name), "{name} not listed:\n{listed}");
    }
    let out = run(&["exercise", "run", "estonia-2007", "--runs", "3", "--quiet", "--out", "ex"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(d.path().join("ex/report/index.html").is_file());
    let m = read(
        &std::fs::read_dir(d.path().join("ex"))
            .unwrap()
            .flatten()
            .find(|e| e.path().join("manifest.json").exists())
            .unwrap()
            .path()
            .join("manifest.json"),
    );
    assert!(m.contains("built-in:scenarios/baseline.toml"), "the manifest names the built-in files: {m}");
}

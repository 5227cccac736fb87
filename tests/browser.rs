//! The report in a real browser: Debian's headless Chromium lays the page out (every chart
//! has a size and drawn elements) and paints every chart (screenshots are not blank).
//!
//! Chromium is looked up as $CHROMIUM, then `chromium`, `chromium-browser`, `google-chrome`
//! on PATH. Without it the tests fail with the command that installs it (they never pass
//! silently). CYBERDIP_BROWSER_OUT=<dir> keeps the screenshots there.

mod common;
use common::fixtures;
use cyberdip::report::{ReportOptions, build};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const TIMEOUT: Duration = Duration::from_secs(60);

fn find_chromium() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("CHROMIUM").map(PathBuf::from) {
        if p.is_file() {
            return Some(p);
        }
    }
    let path = std::env::var_os("PATH").unwrap_or_default();
    for name in ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"] {
        for dir in std::env::split_paths(&path) {
            let p = dir.join(name);
            if p.is_file() {
                return Some(p);
            }
        }
    }
    None
}

/// Chromium, or a failure that says how to install it: a test that cannot run fails, it
/// never passes silently (`.ci/run` installs Debian's chromium).
fn chromium_or_skip(test: &str) -> Option<PathBuf> {
    match find_chromium() {
        Some(p) => Some(p),
        None => panic!(
            "{test}: Chromium not found (looked for $CHROMIUM, chromium, chromium-browser, google-chrome on PATH): \
             install it with `apt-get install -y chromium` (bash .ci/run does)"
        ),
    }
}

/// Run headless Chromium with a fresh profile; returns stdout. Killed after [`TIMEOUT`].
fn run_chromium(bin: &Path, args: &[String]) -> String {
    let profile = tempfile::tempdir().unwrap();
    let mut cmd = Command::new(bin);
    cmd.args([
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-dev-shm-usage",
        "--hide-scrollbars",
        "--force-device-scale-factor=1",
    ])
    .arg(format!("--user-data-dir={}", profile.path().display()))
    .args(args)
    .stdin(Stdio::null())
    .stdout(Stdio::piped())
    .stderr(Stdio::piped());
    let mut child = cmd.spawn().unwrap_or_else(|e| panic!("cannot start {}: {e}", bin.display()));
    let drain = |mut r: Box<dyn Read + Send>| {
        std::thread::spawn(move || {
            let mut v = Vec::new();
            let _ = r.read_to_end(&mut v);
            v
        })
    };
    let out = drain(Box::new(child.stdout.take().unwrap()));
    let err = drain(Box::new(child.stderr.take().unwrap()));
    let start = Instant::now();
    let status = loop {
        if let Some(s) = child.try_wait().unwrap() {
            break s;
        }
        if start.elapsed() > TIMEOUT {
            let _ = child.kill();
            let _ = child.wait();
            panic!("chromium {args:?} did not finish within {} s: killed", TIMEOUT.as_secs());
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    let (out, err) = (out.join().unwrap(), err.join().unwrap());
    assert!(status.success(), "chromium {args:?} failed ({status}): {}", String::from_utf8_lossy(&err));
    String::from_utf8_lossy(&out).into_owned()
}

fn file_url(p: &Path) -> String {
    format!("file://{}", p.canonicalize().unwrap().display())
}

fn build_fixture_report(root: &Path) -> PathBuf {
    let (a, b) = fixtures::two_scenarios(&root.join("in"));
    let out = root.join("out");
    std::fs::create_dir_all(&out).unwrap();
    build(&[a, b], &out, &ReportOptions::default()).unwrap();
    out
}

/// Share of pixels that are not (nearly) white, and the image size.
fn non_white_share(png_path: &Path) -> (f64, u32, u32) {
    let file = std::fs::File::open(png_path).unwrap_or_else(|e| panic!("{}: {e}", png_path.display()));
    let mut decoder = png::Decoder::new(file);
    decoder.set_transformations(png::Transformations::normalize_to_color8());
    let mut reader = decoder.read_info().unwrap();
    let mut buf = vec![0; reader.output_buffer_size()];
    let info = reader.next_frame(&mut buf).unwrap();
    let channels = info.color_type.samples();
    let px = &buf[..info.buffer_size()];
    let (mut ink, mut total) = (0u64, 0u64);
    for p in px.chunks_exact(channels) {
        total += 1;
        let transparent = channels == 4 && p[3] == 0 || channels == 2 && p[1] == 0;
        let colour = if channels >= 3 { &p[..3] } else { &p[..1] };
        if !transparent && colour.iter().any(|&c| c < 235) {
            ink += 1;
        }
    }
    (ink as f64 / total.max(1) as f64, info.width, info.height)
}

fn keep(png: &Path) {
    if let Some(dir) = std::env::var_os("CYBERDIP_BROWSER_OUT") {
        let dir = PathBuf::from(dir);
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::copy(png, dir.join(png.file_name().unwrap())).unwrap();
    }
}

/// `data-check` entries written by the page's script: id → (width, height, drawn, texts).
fn parse_check(dom: &str) -> Vec<(String, [u64; 4])> {
    let start = dom.find("data-check=\"").expect("the page script set data-check on <body>") + 12;
    let end = start + dom[start..].find('"').unwrap();
    dom[start..end]
        .split(';')
        .filter(|s| !s.is_empty())
        .map(|e| {
            let f: Vec<&str> = e.split(':').collect();
            assert_eq!(f.len(), 5, "entry {e}");
            let n = |i: usize| f[i].parse::<u64>().unwrap_or_else(|_| panic!("entry {e}"));
            (f[0].to_string(), [n(1), n(2), n(3), n(4)])
        })
        .collect()
}

#[test]
fn browser_lays_out_every_chart() {
    let Some(bin) = chromium_or_skip("browser_lays_out_every_chart") else { return };
    let dir = tempfile::tempdir().unwrap();
    let out = build_fixture_report(dir.path());
    let dom =
        run_chromium(&bin, &["--window-size=1200,900".into(), "--dump-dom".into(), file_url(&out.join("index.html"))]);
    let checks = parse_check(&dom);
    let expected = fixtures::expected_charts();
    assert_eq!(checks.len(), expected.len(), "charts found by the browser: {checks:?}");
    for name in &expected {
        let stem = name.trim_end_matches(".svg");
        let (_, [w, h, drawn, texts]) =
            checks.iter().find(|(id, _)| id == stem).unwrap_or_else(|| panic!("svg.chart#{stem} not in the page"));
        assert!(*w > 100 && *h > 100, "{stem} laid out at {w}×{h}");
        assert!(*drawn > 10, "{stem} has {drawn} drawn elements");
        assert!(*texts >= 5, "{stem} has {texts} text elements");
    }
}

#[test]
fn browser_paints_every_chart_and_the_page() {
    let Some(bin) = chromium_or_skip("browser_paints_every_chart_and_the_page") else { return };
    let dir = tempfile::tempdir().unwrap();
    let out = build_fixture_report(dir.path());
    let shots = dir.path().join("shots");
    std::fs::create_dir_all(&shots).unwrap();
    let charts = fixtures::expected_charts();
    // Two at a time (two cores).
    let chunks: Vec<Vec<String>> =
        vec![charts.iter().step_by(2).cloned().collect(), charts.iter().skip(1).step_by(2).cloned().collect()];
    std::thread::scope(|s| {
        for chunk in &chunks {
            let (bin, out, shots) = (&bin, &out, &shots);
            s.spawn(move || {
                for name in chunk {
                    let png = shots.join(name.replace(".svg", ".png"));
                    run_chromium(
                        bin,
                        &[
                            format!("--screenshot={}", png.display()),
                            "--window-size=1200,900".into(),
                            file_url(&out.join(name)),
                        ],
                    );
                    let (share, w, h) = non_white_share(&png);
                    assert_eq!((w, h), (1200, 900), "{name} screenshot size");
                    assert!(share > 0.01, "{name} looks blank: {:.3}% non-white", share * 100.0);
                    keep(&png);
                }
            });
        }
    });
    // The whole page: its height comes from the page's own script.
    let dom =
        run_chromium(&bin, &["--window-size=1200,900".into(), "--dump-dom".into(), file_url(&out.join("index.html"))]);
    let start = dom.find("data-height=\"").expect("data-height on <body>") + 13;
    let height: u32 = dom[start..start + dom[start..].find('"').unwrap()].parse().unwrap();
    assert!(height > 2000, "page height {height}");
    let height = height.min(16_000);
    let png = shots.join("index.png");
    run_chromium(
        &bin,
        &[
            format!("--screenshot={}", png.display()),
            format!("--window-size=1200,{height}"),
            file_url(&out.join("index.html")),
        ],
    );
    let (share, w, h) = non_white_share(&png);
    assert_eq!((w, h), (1200, height));
    assert!(share > 0.01, "page looks blank: {:.3}% non-white", share * 100.0);
    keep(&png);
}

/// A report of a real exercise (two policy choices of scenarios/exercises/iran-coordination.toml,
/// run by the engine), laid out and painted by the browser: every chart present, sized, drawn.
#[test]
fn browser_renders_a_real_exercise_report() {
    let Some(bin) = chromium_or_skip("browser_renders_a_real_exercise_report") else { return };
    let dir = tempfile::tempdir().unwrap();
    let mut dirs = Vec::new();
    for (choice, set) in [("status-quo", None), ("reform", Some("state.IRN.coordination=0.85"))] {
        let out = dir.path().join(choice);
        let mut args =
            vec!["run", "scenarios/exercises/iran-coordination.toml", "--runs", "20", "--events", "--timeseries"];
        args.extend(["--quiet", "--out", out.to_str().unwrap()]);
        if let Some(s) = set {
            args.extend(["--set", s]);
        }
        common::ok(&args, None);
        dirs.push(out);
    }
    let out = dir.path().join("report");
    std::fs::create_dir_all(&out).unwrap();
    let summary = build(&dirs, &out, &ReportOptions::default()).unwrap();
    assert!(summary.charts.len() >= 20, "charts: {:?}", summary.charts);
    let dom =
        run_chromium(&bin, &["--window-size=1200,900".into(), "--dump-dom".into(), file_url(&out.join("index.html"))]);
    let checks = parse_check(&dom);
    for name in &summary.charts {
        let stem = name.trim_end_matches(".svg");
        let (_, [w, h, drawn, _]) =
            checks.iter().find(|(id, _)| id == stem).unwrap_or_else(|| panic!("chart {stem} missing from the page"));
        assert!(*w > 100 && *h > 100 && *drawn > 10, "{stem}: {w}x{h}, {drawn} drawn elements");
    }
    let png = dir.path().join("exercise-page.png");
    run_chromium(
        &bin,
        &[
            format!("--screenshot={}", png.display()),
            "--window-size=1200,6000".into(),
            file_url(&out.join("index.html")),
        ],
    );
    let (share, _, _) = non_white_share(&png);
    assert!(share > 0.02, "the exercise page looks blank: {:.3}% non-white", share * 100.0);
    keep(&png);
}

/// The value of `data-NAME` on `<body>` in a dumped DOM.
fn body_attr(dom: &str, name: &str) -> String {
    let key = format!("data-{name}=\"");
    let start = dom.find(&key).unwrap_or_else(|| panic!("data-{name} on <body>")) + key.len();
    dom[start..start + dom[start..].find('"').unwrap()].to_string()
}

/// Issue 13, report fixes checked in the browser on reports the engine made: an exercise
/// of three choices (one folder each) and a sweep. Before: box-plot names cut to
/// "stuxnet-response (res…", the key-numbers table wider than the page, overlapping bands
/// of one tint, "median" labels cut at the chart's edge, a comparison titled "baseline
/// (baseline) vs baseline (reform)", events described by internal ids ("Sanctions imposed
/// (40-6, coalition=2)"), raw labels with the unit "value", and a sweep report titled
/// "baseline" with months "—".
#[test]
fn browser_checks_the_report_fixes_of_issue_13() {
    let Some(bin) = chromium_or_skip("browser_checks_the_report_fixes_of_issue_13") else { return };
    let dir = tempfile::tempdir().unwrap();
    let ex = dir.path().join("ex");
    common::ok(
        &["exercise", "run", "stuxnet-response", "--runs", "12", "--quiet", "--out", ex.to_str().unwrap()],
        None,
    );
    let report = ex.join("report");
    let dom = run_chromium(
        &bin,
        &["--window-size=1200,900".into(), "--dump-dom".into(), file_url(&report.join("index.html"))],
    );
    assert_eq!(body_attr(&dom, "wide-tables"), "", "tables wider than the page");
    assert_eq!(body_attr(&dom, "text-outside"), "", "chart texts outside their chart or cut");
    let html = std::fs::read_to_string(report.join("index.html")).unwrap();
    // choices are named by themselves, in legends, tables and titles
    let choices = ["restraint", "retaliate", "defend"];
    let names: Vec<String> =
        std::fs::read_dir(&ex).unwrap().flatten().map(|e| e.file_name().to_string_lossy().into_owned()).collect();
    for c in choices.iter().filter(|c| names.iter().any(|n| n == *c)) {
        assert!(
            html.contains(&format!("data-other=\"{c}\"")) || html.contains(&format!("data-reference=\"{c}\"")),
            "{c}"
        );
    }
    assert!(!html.contains("stuxnet-response (") && !html.contains("(baseline)"), "labels repeat the scenario name");
    // events in words: no internal sanction labels or key=value details
    let events = &html[html.find("First notable events").expect("events table")..];
    assert!(!events.contains("coalition=") && !events.contains("from="), "internal details in the events table");
    let label = regex_like_sanction_label(events);
    assert!(label.is_none(), "an internal sanction label in the events table: {label:?}");
    // no raw label with the unit "value" anywhere
    assert!(!html.contains("<small>value</small>") && !html.contains("<td>value</td>"), "a raw unit");
    assert!(!html.contains("success rate received"), "a raw label");
    // overlapping bands: every scenario's band has its own colour and its own edges
    let ts = std::fs::read_to_string(report.join("ts_attacks.svg")).unwrap();
    let fills: std::collections::BTreeSet<&str> = ts
        .split("<polygon")
        .skip(1)
        .filter_map(|p| p.split("fill=\"").nth(1).and_then(|f| f.split('"').next()))
        .collect();
    let folders = names.iter().filter(|n| *n != "report").count();
    assert!(fills.len() >= folders, "{} band colours for {folders} scenarios", fills.len());
    // a sweep's report is titled by the sweep and knows its months
    let sw = dir.path().join("sw");
    common::ok(&["sweep", "tests/data/sweeps/small-sobol.toml", "--quiet", "--out", sw.to_str().unwrap()], None);
    let rep = dir.path().join("sw-report");
    common::ok(&["report", sw.to_str().unwrap(), "--out", rep.to_str().unwrap()], None);
    let html = std::fs::read_to_string(rep.join("index.html")).unwrap();
    assert!(html.contains("<title>Sweep report: small-sobol (scenario baseline, 64 points, 192 runs)</title>"));
    let row = &html[html.find("<table class=\"inputs\">").unwrap()..];
    let row = &row[row.find("</tr>").unwrap()..row.find("</table>").unwrap()];
    assert!(row.contains("<td class=\"num\">12</td>"), "months of the sweep: {row}");
    let dom =
        run_chromium(&bin, &["--window-size=1200,900".into(), "--dump-dom".into(), file_url(&rep.join("index.html"))]);
    assert_eq!(body_attr(&dom, "wide-tables"), "");
    assert_eq!(body_attr(&dom, "text-outside"), "");
}

/// A sanction episode's internal label ("(40-6", "(116-10,") in text, if any.
fn regex_like_sanction_label(text: &str) -> Option<String> {
    let b = text.as_bytes();
    for i in 0..b.len() {
        if b[i] != b'(' {
            continue;
        }
        let rest = &text[i + 1..];
        let digits = rest.chars().take_while(char::is_ascii_digit).count();
        if digits > 0 && rest[digits..].starts_with('-') {
            let more = rest[digits + 1..].chars().take_while(char::is_ascii_digit).count();
            if more > 0 {
                return Some(rest[..digits + 1 + more].to_string());
            }
        }
    }
    None
}

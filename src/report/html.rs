//! The page: index.html with every chart inline, tables, notes. No external resources; a
//! small inline script only records chart sizes for automated checks.

use super::charts::Chart;
use super::charts::compare::Comparison;
use super::charts::timeline;
use super::input::{Exercise, Folder, SummaryRow};
use super::metrics;
use super::stats::{self, Spread};

/// Escape text for HTML and XML (element content and quoted attributes).
pub(super) fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// A number for tables: about four significant digits, no trailing zeros.
pub(super) fn fmt_num(x: f64) -> String {
    if !x.is_finite() {
        return "—".to_string();
    }
    if x == 0.0 {
        return "0".to_string();
    }
    let a = x.abs();
    let s = if a >= 1000.0 {
        format!("{x:.0}")
    } else {
        let decimals = (3.0 - a.log10().floor()).clamp(0.0, 8.0) as usize;
        let s = format!("{x:.decimals$}");
        if s.contains('.') { s.trim_end_matches('0').trim_end_matches('.').to_string() } else { s }
    };
    if s == "-0" { "0".to_string() } else { s }
}

/// One section of the page.
pub(super) struct Section {
    pub id: &'static str,
    pub heading: String,
    pub intro: String,
    pub charts: Vec<Chart>,
    /// Extra HTML after the charts (tables).
    pub extra: String,
    /// Why something is missing here.
    pub notes: Vec<String>,
}

pub(super) struct Page<'a> {
    pub title: String,
    pub folders: &'a [Folder],
    pub ticks: &'a [u64],
    pub key_metrics: &'a [String],
    pub sections: Vec<Section>,
}

const STYLE: &str = r#"
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;color:#1e1e1e;background:#fff;margin:0;line-height:1.5}
main{max-width:1240px;margin:0 auto;padding:16px 24px 48px}
h1{font-size:1.8em;margin:.4em 0 .2em}
h2{font-size:1.35em;margin:1.6em 0 .4em;border-bottom:2px solid #ddd;padding-bottom:.2em}
h3{font-size:1.1em;margin:1.2em 0 .3em}
p.lead{font-size:1.05em;color:#333;max-width:60em}
.grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(520px,1fr));gap:18px}
figure{margin:0;padding:8px;border:1px solid #e3e3e3;border-radius:6px;background:#fff}
figure.wide{grid-column:1/-1}
svg.chart{display:block;width:100%;height:auto;max-width:100%}
figure.wide svg.chart{max-width:1100px;margin:0 auto}
figcaption{font-size:.92em;color:#333;margin-top:6px}
figcaption a{color:#555;font-size:.9em;white-space:nowrap}
table{border-collapse:collapse;margin:.6em 0 1.2em;font-size:.92em}
th,td{border:1px solid #ddd;padding:4px 8px;text-align:left;vertical-align:top}
th{background:#f3f3f3}
td.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
tr.sig td{background:#fff6e0}
td.mark{text-align:center;font-weight:bold;color:#a15c00}
.note{color:#6a4a00;background:#fff8e5;border-left:4px solid #e0b040;padding:4px 10px;margin:.4em 0}
.exercise{background:#f4f8fc;border:1px solid #c9dcef;border-radius:6px;padding:4px 18px 10px;margin:1em 0}
.choice{font-weight:bold}
nav ul{columns:2;max-width:44em;list-style:none;padding-left:1em}
table.key-numbers td:first-child,table.comparison td:first-child{min-width:14em}
details{margin:.6em 0}
.scroll{overflow-x:auto}
@media print{.grid{display:block}figure{break-inside:avoid;margin-bottom:12px}}
"#;

/// Records each chart's rendered size and drawn elements on <body data-check>, for tests.
const CHECK_SCRIPT: &str = r#"<script>
(function () {
  var out = [];
  var charts = document.querySelectorAll('svg.chart');
  for (var i = 0; i < charts.length; i++) {
    var s = charts[i];
    var r = s.getBoundingClientRect();
    var drawn = s.querySelectorAll('path,polyline,polygon,rect,line,circle,ellipse').length;
    var texts = s.querySelectorAll('text').length;
    out.push(s.id + ':' + Math.round(r.width) + ':' + Math.round(r.height) + ':' + drawn + ':' + texts);
  }
  document.body.setAttribute('data-check', out.join(';'));
  // layout checks (tests/browser.rs): tables wider than the page, and chart texts that
  // fall outside their chart or that were shortened with an ellipsis
  var main = document.querySelector('main');
  var inner = main.clientWidth - 48;
  var wide = [];
  var tables = document.querySelectorAll('table.key-numbers, table.inputs');
  for (var t = 0; t < tables.length; t++) {
    if (tables[t].scrollWidth > inner + 1) { wide.push(tables[t].className + ':' + tables[t].scrollWidth + '>' + inner); }
  }
  document.body.setAttribute('data-wide-tables', wide.join(';'));
  var outside = [];
  for (var c = 0; c < charts.length; c++) {
    var sr = charts[c].getBoundingClientRect();
    var ts = charts[c].querySelectorAll('text');
    for (var k = 0; k < ts.length; k++) {
      var b = ts[k].getBoundingClientRect(); // after rotations, as painted
      if (b.width > 0 && (b.left < sr.left - 1 || b.right > sr.right + 1 || b.top < sr.top - 1 || b.bottom > sr.bottom + 1)) {
        outside.push(charts[c].id + ':' + ts[k].textContent.trim());
      }
      if (charts[c].id.indexOf('dist_') === 0 && ts[k].textContent.indexOf('\u2026') >= 0) {
        outside.push(charts[c].id + ':cut:' + ts[k].textContent);
      }
    }
  }
  document.body.setAttribute('data-text-outside', outside.join('|'));
  document.body.setAttribute('data-height', String(document.documentElement.scrollHeight));
})();
</script>
"#;

fn folder_runs(f: &Folder) -> u64 {
    f.manifest.as_ref().and_then(|m| m.runs).unwrap_or(f.runs.rows)
}

pub(super) fn render(p: &Page<'_>) -> String {
    let mut h = String::with_capacity(1 << 20);
    h.push_str("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    h.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    h.push_str("<meta name=\"generator\" content=\"cyberdip report\">\n");
    h.push_str(&format!("<title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<main>\n", escape(&p.title)));
    h.push_str(&format!("<h1>{}</h1>\n", escape(&p.title)));
    header_table(&mut h, p);
    if let Some((f, ex)) = p.folders.iter().find_map(|f| f.exercise.as_ref().map(|e| (f, e))) {
        exercise(&mut h, f, ex);
    }
    how_to_read(&mut h, p);
    h.push_str("<nav><h2>Contents</h2>\n<ul>\n<li><a href=\"#key-numbers\">Key numbers</a></li>\n");
    for s in &p.sections {
        h.push_str(&format!("<li><a href=\"#{}\">{}</a></li>\n", s.id, escape(&s.heading)));
    }
    h.push_str("<li><a href=\"#notes\">Notes</a></li>\n</ul>\n</nav>\n");
    key_numbers(&mut h, p.folders, p.key_metrics);
    for s in &p.sections {
        section(&mut h, s, true);
    }
    h.push_str("<section id=\"notes\">\n<h2>Notes</h2>\n");
    let notes: Vec<&String> = p.sections.iter().flat_map(|s| &s.notes).collect();
    if notes.is_empty() {
        h.push_str("<p>Every chart could be drawn from the input files.</p>\n");
    } else {
        h.push_str("<ul>\n");
        for n in notes {
            h.push_str(&format!("<li>{}</li>\n", escape(n)));
        }
        h.push_str("</ul>\n");
    }
    h.push_str("<p>Made by <code>cyberdip report</code> from:");
    for f in p.folders {
        h.push_str(&format!(" <code>{}</code>", escape(&f.dir.display().to_string())));
    }
    h.push_str(". Each chart is also saved as its own SVG file next to this page.</p>\n</section>\n");
    h.push_str("</main>\n");
    h.push_str(CHECK_SCRIPT);
    h.push_str("</body>\n</html>\n");
    h
}

/// One section: heading, lead, notes, charts in a grid, extra tables. With `links`, each
/// caption links to the chart's own SVG file (written next to index.html).
fn section(h: &mut String, s: &Section, links: bool) {
    h.push_str(&format!("<section id=\"{}\">\n<h2>{}</h2>\n", s.id, escape(&s.heading)));
    h.push_str(&format!("<p class=\"lead\">{}</p>\n", s.intro));
    for n in &s.notes {
        h.push_str(&format!("<p class=\"note\">{}</p>\n", escape(n)));
    }
    if !s.charts.is_empty() {
        h.push_str("<div class=\"grid\">\n");
        for c in &s.charts {
            let class = if c.wide { " class=\"wide\"" } else { "" };
            h.push_str(&format!("<figure{class} id=\"fig-{}\" aria-label=\"{}\">\n", c.stem, escape(&c.title)));
            h.push_str(&c.svg);
            if links {
                h.push_str(&format!(
                    "<figcaption>{} <a href=\"{}.svg\">Open the chart alone</a></figcaption>\n</figure>\n",
                    escape(&c.caption),
                    c.stem
                ));
            } else {
                h.push_str(&format!("<figcaption>{}</figcaption>\n</figure>\n", escape(&c.caption)));
            }
        }
        h.push_str("</div>\n");
    }
    h.push_str(&s.extra);
    h.push_str("</section>\n");
}

/// The key numbers and `sections` as one HTML fragment (no page around them, charts inline
/// without links to files), for a page that shows results gathered in memory.
pub(super) fn render_fragment(folders: &[Folder], key_metrics: &[String], sections: &[Section]) -> String {
    let mut h = String::with_capacity(1 << 19);
    key_numbers(&mut h, folders, key_metrics);
    for s in sections {
        section(&mut h, s, false);
    }
    h
}

/// The page's style sheet (also used by pages that embed fragments).
pub(super) fn style() -> &'static str {
    STYLE
}

fn header_table(h: &mut String, p: &Page<'_>) {
    let sweep = p.folders.iter().any(|f| f.runs.points.len() > 1);
    let choice = p.folders.iter().any(|f| f.exercise.as_ref().is_some_and(|e| e.choice.is_some()));
    h.push_str("<div class=\"scroll\"><table class=\"inputs\">\n<tr><th>Scenario</th><th>Folder</th><th>Runs</th><th>Months per run</th><th>Seed</th>");
    if sweep {
        h.push_str("<th>Sweep points</th>");
    }
    if choice {
        h.push_str("<th>Policy chosen</th>");
    }
    h.push_str("</tr>\n");
    for (i, f) in p.folders.iter().enumerate() {
        let ticks = if p.ticks[i] > 0 { p.ticks[i].to_string() } else { "—".to_string() };
        let seed = f.manifest.as_ref().and_then(|m| m.seed.clone()).or_else(|| f.runs.seed.clone());
        h.push_str(&format!(
            "<tr><td>{}{}{}</td><td><code>{}</code></td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td>",
            escape(&f.label),
            if f.label != f.scenario { format!(" <small>(scenario {})</small>", escape(&f.scenario)) } else { String::new() },
            if i == 0 && p.folders.len() > 1 { " <em>(reference)</em>" } else { "" },
            escape(&f.dir.display().to_string()),
            folder_runs(f),
            ticks,
            escape(seed.as_deref().unwrap_or("—")),
        ));
        if sweep {
            h.push_str(&format!("<td class=\"num\">{}</td>", f.runs.points.len()));
        }
        if choice {
            let c = f.exercise.as_ref().and_then(|e| e.choice.clone()).unwrap_or_else(|| "—".into());
            h.push_str(&format!("<td>{}</td>", escape(&c)));
        }
        h.push_str("</tr>\n");
    }
    h.push_str("</table></div>\n");
}

fn exercise(h: &mut String, f: &Folder, e: &Exercise) {
    h.push_str("<section id=\"exercise\" class=\"exercise\">\n");
    let title = if e.title.is_empty() { "Class exercise".to_string() } else { e.title.clone() };
    h.push_str(&format!("<h2>Exercise: {}</h2>\n", escape(&title)));
    if !e.briefing.is_empty() {
        h.push_str("<h3>Briefing</h3>\n");
        for para in e.briefing.split("\n\n").filter(|s| !s.trim().is_empty()) {
            h.push_str(&format!("<p>{}</p>\n", escape(para.trim())));
        }
    }
    if !e.goals.is_empty() {
        h.push_str("<h3>Goals</h3>\n<ul>\n");
        for g in &e.goals {
            h.push_str(&format!("<li>{}</li>\n", escape(g)));
        }
        h.push_str("</ul>\n");
    }
    h.push_str("<h3>Policy chosen</h3>\n");
    match &e.choice {
        Some(c) => {
            h.push_str(&format!("<p class=\"choice\">{}</p>\n", escape(c)));
            h.push_str(&format!("<p>Chosen in the scenario <em>{}</em>.</p>\n", escape(&f.label)));
        }
        None => h.push_str("<p class=\"choice\">No policy chosen: the scenario as written.</p>\n"),
    }
    if !e.questions.is_empty() {
        h.push_str("<h3>Questions</h3>\n<ol>\n");
        for q in &e.questions {
            h.push_str(&format!("<li>{}</li>\n", escape(q)));
        }
        h.push_str("</ol>\n");
    }
    if !e.teacher_notes.is_empty() {
        h.push_str("<details class=\"teacher\"><summary>Notes for the teacher</summary>\n");
        for para in e.teacher_notes.split("\n\n").filter(|s| !s.trim().is_empty()) {
            h.push_str(&format!("<p>{}</p>\n", escape(para.trim())));
        }
        h.push_str("</details>\n");
    }
    h.push_str("</section>\n");
}

fn how_to_read(h: &mut String, p: &Page<'_>) {
    h.push_str("<section id=\"how-to-read\">\n<h2>How to read this page</h2>\n<p>");
    h.push_str(
        "The simulation plays out world politics in cyberspace month by month: states launch cyber operations, \
         answer them, impose sanctions and form alliances. Chance plays a part, so each scenario is run many \
         times (<em>runs</em>) with different random draws, and the charts show what usually happens and how \
         much it varies. A <em>median</em> is the middle run: half of the runs are above it, half below. A \
         shaded <em>band</em> or a box shows the range where most runs fall. A <em>95% confidence interval</em> \
         shows how precisely the average is known from this number of runs. The model is a teaching and \
         thinking tool: it shows consequences of its assumptions, not predictions of the future.",
    );
    if p.folders.len() > 1 {
        h.push_str(&format!(
            " Several scenarios are shown, one colour each; the first, <strong>{}</strong>, is the reference the others are compared with.",
            escape(&p.folders[0].label)
        ));
    }
    h.push_str("</p>\n</section>\n");
}

fn key_numbers(h: &mut String, folders: &[Folder], key_metrics: &[String]) {
    h.push_str("<section id=\"key-numbers\">\n<h2>Key numbers</h2>\n");
    h.push_str("<p class=\"lead\">Outcomes at the end of each run: the average over all runs with its 95% confidence interval, and the median run with the range of the middle 90% of runs (5th to 95th percentile).</p>\n");
    for f in folders {
        match &f.summary {
            Some(s) if s.points > 1 => h.push_str(&format!(
                "<p class=\"note\">{}: a sweep of {} points; these numbers pool all runs of all points.</p>\n",
                escape(&f.label),
                s.points
            )),
            None => h.push_str(&format!(
                "<p class=\"note\">{}: no summary.csv; these numbers are computed from runs.csv.</p>\n",
                escape(&f.label)
            )),
            _ => {}
        }
    }
    if key_metrics.is_empty() {
        h.push_str("<p class=\"note\">runs.csv has none of the headline metrics.</p>\n</section>\n");
        return;
    }
    // One row per outcome and scenario, so the table keeps six columns however many
    // folders are compared (one column pair per folder made it wider than the page).
    h.push_str("<div class=\"scroll\"><table class=\"key-numbers\">\n<tr><th>Outcome</th>");
    let many = folders.len() > 1;
    if many {
        h.push_str("<th>Scenario</th>");
    }
    h.push_str("<th>Average</th><th>95% CI of the average</th><th>Median run</th><th>Middle 90% of runs</th></tr>\n");
    for m in key_metrics {
        let meta = metrics::runs_meta(m);
        for (i, f) in folders.iter().enumerate() {
            h.push_str(&format!("<tr data-metric=\"{}\">", escape(m)));
            if i == 0 {
                let span = if many { format!(" rowspan=\"{}\"", folders.len()) } else { String::new() };
                h.push_str(&format!("<td{span}>{}<br><small>{}</small></td>", escape(&meta.title), escape(&meta.unit)));
            }
            if many {
                h.push_str(&format!("<td>{}</td>", escape(&f.label)));
            }
            match key_row(f, m) {
                Some(k) => h.push_str(&format!(
                    "<td class=\"num\" data-mean=\"{}\">{}</td><td class=\"num\">{} to {}</td><td class=\"num\">{}</td><td class=\"num\">{} to {}</td>",
                    crate::output::num(k.mean),
                    fmt_num(k.mean),
                    fmt_num(k.ci_low),
                    fmt_num(k.ci_high),
                    fmt_num(k.p50),
                    fmt_num(k.p05),
                    fmt_num(k.p95)
                )),
                None => h.push_str("<td>—</td><td>—</td><td>—</td><td>—</td>"),
            }
            h.push_str("</tr>\n");
        }
    }
    h.push_str("</table></div>\n</section>\n");
}

/// From summary.csv when it has a single sweep point, else computed from runs.csv.
fn key_row(f: &Folder, m: &str) -> Option<SummaryRow> {
    if let Some(r) = f.summary.as_ref().and_then(|s| s.rows.get(m)) {
        return Some(*r);
    }
    let w = f.runs.stat(m)?;
    let v = f.runs.kept.get(m)?;
    if w.n == 0 || v.is_empty() {
        return None;
    }
    let half = if w.n > 1 { stats::t975((w.n - 1) as f64) * w.sd() / (w.n as f64).sqrt() } else { 0.0 };
    let s = Spread::of_sorted(v);
    Some(SummaryRow {
        mean: w.mean(),
        ci_low: w.mean() - half,
        ci_high: w.mean() + half,
        p05: s.p05,
        p50: s.p50,
        p95: s.p95,
    })
}

/// Tables of every common metric, one per comparison.
pub(super) fn comparison_tables(folders: &[Folder], comps: &[Comparison]) -> String {
    let mut h = String::new();
    for c in comps {
        let (a, b) = (&folders[0].label, &folders[c.other].label);
        h.push_str(&format!("<h3>All outcomes: {} compared with {}</h3>\n", escape(b), escape(a)));
        h.push_str(&format!(
            "<p>Difference = average of {} minus average of {} (in the outcome's own unit), with Welch's 95% confidence interval. Rows marked ◆ have an interval that does not include 0: a clear difference.</p>\n",
            escape(b),
            escape(a)
        ));
        h.push_str(&format!(
            "<div class=\"scroll\"><table class=\"comparison\" data-reference=\"{}\" data-other=\"{}\">\n",
            escape(a),
            escape(b)
        ));
        h.push_str(&format!(
            "<tr><th>Outcome</th><th>Column</th><th>Unit</th><th>{} (reference) average</th><th>{} average</th><th>Difference</th><th>95% CI low</th><th>95% CI high</th><th>Clear difference</th></tr>\n",
            escape(a),
            escape(b)
        ));
        for r in &c.rows {
            let meta = metrics::runs_meta(&r.metric);
            let sig = r.diff.excludes_zero();
            let (lo, hi) = r.diff.ci.map_or(("—".to_string(), "—".to_string()), |(l, h)| (fmt_num(l), fmt_num(h)));
            h.push_str(&format!(
                "<tr class=\"cmp-row{}\" data-metric=\"{}\"><td>{}</td><td><code>{}</code></td><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"mark\">{}</td></tr>\n",
                if sig { " sig" } else { "" },
                escape(&r.metric),
                escape(&meta.title),
                escape(&r.metric),
                escape(&meta.unit),
                fmt_num(r.ref_mean),
                fmt_num(r.other_mean),
                fmt_num(r.diff.diff),
                lo,
                hi,
                if sig { "◆" } else { "" }
            ));
        }
        h.push_str("</table></div>\n");
    }
    h
}

/// The first notable events of each folder's typical run.
pub(super) fn event_tables(folders: &[Folder], max_rows: usize) -> String {
    let mut h = String::new();
    for f in folders {
        let Some(t) = &f.timeline else { continue };
        let mut notable: Vec<&super::input::Event> =
            t.events.iter().filter(|e| timeline::category(e).is_some()).collect();
        notable.sort_by_key(|e| e.tick);
        let total = notable.len();
        h.push_str(&format!(
            "<h3>First notable events — {} ({})</h3>\n",
            escape(&f.label),
            escape(&timeline::run_name(f))
        ));
        if total == 0 {
            h.push_str("<p>No notable events in this run.</p>\n");
            continue;
        }
        h.push_str("<div class=\"scroll\"><table class=\"events\">\n<tr><th>Month</th><th>What happened</th><th>Who → whom</th></tr>\n");
        for e in notable.iter().take(max_rows) {
            let (what, who) = timeline::describe(e);
            h.push_str(&format!(
                "<tr class=\"event{}\"><td class=\"num\">{}</td><td>{}</td><td>{}</td></tr>\n",
                if e.injected { " injected" } else { "" },
                e.tick,
                escape(&what),
                escape(&who)
            ));
        }
        h.push_str("</table></div>\n");
        if total > max_rows {
            h.push_str(&format!(
                "<p>{} more notable events in this run are not listed (see events.csv, run {}).</p>\n",
                total - max_rows,
                t.run
            ));
        }
    }
    h
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers() {
        assert_eq!(fmt_num(183.3), "183.3");
        assert_eq!(fmt_num(0.123456), "0.1235");
        assert_eq!(fmt_num(12345.6), "12346");
        assert_eq!(fmt_num(-0.00001), "-0.00001");
        assert_eq!(fmt_num(f64::NAN), "—");
        assert_eq!(fmt_num(2.0), "2");
    }

    #[test]
    fn escaping() {
        assert_eq!(escape("a<b & \"c\"'"), "a&lt;b &amp; &quot;c&quot;&#39;");
    }
}

//! `cyberdip report DIR` on the output folder of `cyberdip calibrate`: the calibration's
//! report section as a page — the posterior marginal of every free parameter against its
//! prior, the fit of every target (calibration and held-out validation apart) as
//! standardised residuals before and after calibration, and the tolerance by generation.
//! It reads only the folder's files (posterior.csv, fit.csv, generations.csv,
//! manifest.json; docs/OUTPUTS.md), so it knows nothing of the calibration code.

use super::charts::{
    Area, Axes, Chart, Ctx, GREY, INK, LegendItem, RowChart, Swatch, color, finish, header, left_labels, render,
    row_chart, row_mesh, shade_rows, shorten, text_width, tick_label, value_mesh,
};
use super::error::ReportError;
use super::html::{self, escape, fmt_num};
use super::{ReportSummary, write_atomic};
use plotters::prelude::*;
use std::path::Path;

/// Does `dir` hold the results of `cyberdip calibrate` (fit.csv, no runs.csv)?
pub fn is_calibration(dir: &Path) -> bool {
    dir.join("fit.csv").is_file() && !dir.join("runs.csv").exists()
}

/// A free parameter: path and prior range.
struct Free {
    path: String,
    min: f64,
    max: f64,
}

/// One posterior draw: weight, and values in parameter order.
type Draw = (f64, Vec<f64>);

/// One row of fit.csv.
struct Fit {
    target: String,
    role: String,
    observed: f64,
    uncertainty: f64,
    before: f64,
    after: (f64, f64, f64),
    verdict: String,
}

/// Read a CSV file into header and rows of strings.
fn table(path: &Path) -> Result<(Vec<String>, Vec<Vec<String>>), ReportError> {
    let mut r = csv::Reader::from_path(path).map_err(|e| ReportError::io(path, e.to_string()))?;
    let head: Vec<String> =
        r.headers().map_err(|e| ReportError::io(path, e.to_string()))?.iter().map(String::from).collect();
    let mut rows = Vec::new();
    for (i, rec) in r.records().enumerate() {
        let rec =
            rec.map_err(|e| ReportError::Csv { path: path.into(), line: i as u64 + 2, message: e.to_string() })?;
        rows.push(rec.iter().map(String::from).collect());
    }
    Ok((head, rows))
}

fn column(path: &Path, head: &[String], name: &str) -> Result<usize, ReportError> {
    head.iter()
        .position(|c| c == name)
        .ok_or_else(|| ReportError::MissingColumn { path: path.into(), column: name.to_string() })
}

fn number(s: &str) -> f64 {
    s.parse().unwrap_or(f64::NAN)
}

fn read_fit(dir: &Path) -> Result<Vec<Fit>, ReportError> {
    let path = dir.join("fit.csv");
    let (h, rows) = table(&path)?;
    let c = |n: &str| column(&path, &h, n);
    let k = [
        c("target")?,
        c("role")?,
        c("observed")?,
        c("uncertainty")?,
        c("before_mean")?,
        c("model_mean")?,
        c("model_low")?,
        c("model_high")?,
        c("verdict")?,
    ];
    Ok(rows
        .iter()
        .map(|r| Fit {
            target: r[k[0]].clone(),
            role: r[k[1]].clone(),
            observed: number(&r[k[2]]),
            uncertainty: number(&r[k[3]]),
            before: number(&r[k[4]]),
            after: (number(&r[k[5]]), number(&r[k[6]]), number(&r[k[7]])),
            verdict: r[k[8]].clone(),
        })
        .collect())
}

/// The parameters of posterior.csv (its columns after `particle, weight, distance`), each
/// with its prior range from the manifest (or, for a parameter the manifest does not list,
/// the range of its draws), and (weight, values in that order) of each draw; nothing
/// without posterior.csv.
fn read_posterior(dir: &Path, priors: &[Free]) -> Result<(Vec<Free>, Vec<Draw>), ReportError> {
    let path = dir.join("posterior.csv");
    if !path.is_file() {
        return Ok((Vec::new(), Vec::new()));
    }
    let (h, rows) = table(&path)?;
    let w = column(&path, &h, "weight")?;
    let lead = ["particle", "weight", "distance"];
    let ks: Vec<usize> = (0..h.len()).filter(|&k| !lead.contains(&h[k].as_str())).collect();
    let draws: Vec<Draw> = rows.iter().map(|r| (number(&r[w]), ks.iter().map(|&k| number(&r[k])).collect())).collect();
    let free = ks
        .iter()
        .enumerate()
        .map(|(j, &k)| match priors.iter().find(|f| f.path == h[k]) {
            Some(f) => Free { path: f.path.clone(), min: f.min, max: f.max },
            None => {
                let vs = draws.iter().map(|d| d.1[j]).filter(|v| v.is_finite());
                let (min, max) = vs.fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), v| (a.min(v), b.max(v)));
                Free { path: h[k].clone(), min, max: if max > min { max } else { min + 1.0 } }
            }
        })
        .collect();
    Ok((free, draws))
}

/// (generation, tolerance, median distance, simulations) per generation.
fn read_generations(dir: &Path) -> Result<Vec<(u64, f64, f64, u64)>, ReportError> {
    let path = dir.join("generations.csv");
    if !path.is_file() {
        return Ok(Vec::new());
    }
    let (h, rows) = table(&path)?;
    let k = [
        column(&path, &h, "generation")?,
        column(&path, &h, "tolerance")?,
        column(&path, &h, "median_distance")?,
        column(&path, &h, "simulations")?,
    ];
    Ok(rows
        .iter()
        .map(|r| (r[k[0]].parse().unwrap_or(0), number(&r[k[1]]), number(&r[k[2]]), r[k[3]].parse().unwrap_or(0)))
        .collect())
}

/// Weighted quantile of the finite values of (value, weight) pairs (as the calibration's
/// own summaries compute it: `core::weighted_quantile`).
fn weighted_quantile(pairs: &[(f64, f64)], q: f64) -> f64 {
    let mut v: Vec<(f64, f64)> = pairs.iter().copied().filter(|p| p.0.is_finite()).collect();
    crate::core::weighted_quantile(&mut v, q)
}

/// Build the page of the calibration folder `dir` into `out`.
pub fn build(dir: &Path, out: &Path, title: Option<String>) -> Result<ReportSummary, ReportError> {
    let manifest: serde_json::Value = std::fs::read_to_string(dir.join("manifest.json"))
        .ok()
        .and_then(|t| serde_json::from_str(&t).ok())
        .unwrap_or(serde_json::Value::Null);
    let priors: Vec<Free> = manifest["free"]
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|f| {
                    Some(Free {
                        path: f["path"].as_str()?.to_string(),
                        min: f["min"].as_f64()?,
                        max: f["max"].as_f64()?,
                    })
                })
                .collect()
        })
        .unwrap_or_default();
    let fits = read_fit(dir)?;
    let (free, draws) = read_posterior(dir, &priors)?;
    let gens = read_generations(dir)?;
    let name = manifest["calibration"].as_str().unwrap_or("calibration").to_string();
    let title = title.unwrap_or_else(|| format!("Calibration report: {name}"));
    let mut notes = Vec::new();
    let mut charts = Vec::new();
    if draws.is_empty() {
        notes.push("Posterior marginals skipped: the folder has no posterior.csv, or it has no draws.".to_string());
    } else {
        for (k, f) in free.iter().enumerate() {
            if !(f.min.is_finite() && f.max.is_finite()) {
                notes.push(format!("Posterior of {} skipped: posterior.csv has no number in its column.", f.path));
                continue;
            }
            let pairs: Vec<(f64, f64)> = draws.iter().map(|(w, v)| (v[k], *w)).collect();
            charts.push(marginal(k, f, &pairs)?);
        }
    }
    let posterior_charts = charts.len();
    for role in ["calibration", "validation"] {
        let rows: Vec<&Fit> = fits.iter().filter(|f| f.role == role).collect();
        if rows.is_empty() {
            notes.push(format!("Fit chart of {role} targets skipped: fit.csv has none."));
        } else {
            charts.push(fit_chart(role, &rows)?);
        }
    }
    let fit_charts = charts.len() - posterior_charts;
    if gens.len() > 1 {
        charts.push(generations_chart(&gens)?);
    }
    let mut summary = ReportSummary::default();
    for c in &charts {
        let file = format!("{}.svg", c.stem);
        write_atomic(&out.join(&file), c.svg.as_bytes())?;
        summary.charts.push(file);
    }
    summary.notes = notes.clone();
    let mut h = String::with_capacity(1 << 18);
    h.push_str("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    h.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    h.push_str("<meta name=\"generator\" content=\"cyberdip report\">\n");
    h.push_str(&format!(
        "<title>{}</title>\n<style>{}</style>\n</head>\n<body>\n<main>\n",
        escape(&title),
        html::style()
    ));
    h.push_str(&format!("<h1>{}</h1>\n", escape(&title)));
    let pass = |role: &str| {
        let rows: Vec<&Fit> = fits.iter().filter(|f| f.role == role).collect();
        format!("{} of {} pass", rows.iter().filter(|f| f.verdict == "pass").count(), rows.len())
    };
    h.push_str("<table class=\"meta\">\n");
    for (k, v) in [
        ("calibration", name.clone()),
        ("method", manifest["method"].as_str().unwrap_or("").to_string()),
        ("simulations", manifest["simulations"].as_u64().map_or(String::new(), |n| n.to_string())),
        ("stopped", manifest["stopped"].as_str().unwrap_or("(a check of a given posterior: no fitting)").to_string()),
        ("calibration targets", pass("calibration")),
        ("held-out validation targets", pass("validation")),
    ] {
        h.push_str(&format!("<tr><th>{}</th><td>{}</td></tr>\n", escape(k), escape(&v)));
    }
    h.push_str("</table>\n");
    let sections = [
        (
            "posterior",
            "1. Posterior: what the data say about each free parameter",
            "Each chart is one free parameter over its prior range: the bars are the posterior's weight per bin, \
             the dashed line what the (uniform) prior would give, the shaded band the 90% interval and the line \
             the median. A posterior much narrower than the prior means the targets pin the parameter down; \
             one as flat as the prior means they say little about it.",
            &charts[..posterior_charts],
            posterior_table(&free, &draws),
        ),
        (
            "fit",
            "2. Fit: each target before and after calibration",
            "Each row is one target, measured as a standardised residual (model − observed) / uncertainty, so \
             that targets in different units share one axis. The green band is the tolerance (within two \
             uncertainties: pass); the bar is where 95% of the calibrated runs fall, the dot their mean (filled \
             when it passes); the cross is the model before calibration. Held-out validation targets were never \
             fitted: they test the model.",
            &charts[posterior_charts..posterior_charts + fit_charts],
            fit_table(&fits),
        ),
        (
            "generations",
            "3. How the fit converged",
            "ABC-SMC generation by generation: the tolerance a particle had to meet and the median distance of \
             the accepted particles (root mean square of standardised residuals over the calibration targets).",
            &charts[posterior_charts + fit_charts..],
            String::new(),
        ),
    ];
    for (id, heading, intro, cs, extra) in sections {
        h.push_str(&format!(
            "<section id=\"{id}\">\n<h2>{}</h2>\n<p class=\"lead\">{}</p>\n",
            escape(heading),
            escape(intro)
        ));
        if !cs.is_empty() {
            h.push_str("<div class=\"grid\">\n");
            for c in cs {
                let class = if c.wide { " class=\"wide\"" } else { "" };
                h.push_str(&format!("<figure{class} id=\"fig-{}\" aria-label=\"{}\">\n", c.stem, escape(&c.title)));
                h.push_str(&c.svg);
                h.push_str(&format!(
                    "<figcaption>{} <a href=\"{}.svg\">Open the chart alone</a></figcaption>\n</figure>\n",
                    escape(&c.caption),
                    c.stem
                ));
            }
            h.push_str("</div>\n");
        }
        h.push_str(&extra);
        h.push_str("</section>\n");
    }
    h.push_str("<section id=\"notes\">\n<h2>Notes</h2>\n");
    for n in &notes {
        h.push_str(&format!("<p class=\"note\">{}</p>\n", escape(n)));
    }
    h.push_str(&format!(
        "<p>Made by <code>cyberdip report</code> from <code>{}</code>. Each chart is also saved as its own SVG file next to this page.</p>\n</section>\n</main>\n</body>\n</html>\n",
        escape(&dir.display().to_string())
    ));
    write_atomic(&out.join("index.html"), h.as_bytes())?;
    Ok(summary)
}

fn short(path: &str) -> String {
    path.strip_prefix("parameters.").unwrap_or(path).to_string()
}

fn posterior_table(free: &[Free], draws: &[Draw]) -> String {
    if draws.is_empty() {
        return String::new();
    }
    let mut h = String::from(
        "<table>\n<thead><tr><th>parameter</th><th>prior range</th><th>median</th><th>90% interval</th><th>interval / prior</th></tr></thead>\n<tbody>\n",
    );
    for (k, f) in free.iter().enumerate() {
        let pairs: Vec<(f64, f64)> = draws.iter().map(|(w, v)| (v[k], *w)).collect();
        let (lo, med, hi) =
            (weighted_quantile(&pairs, 0.05), weighted_quantile(&pairs, 0.5), weighted_quantile(&pairs, 0.95));
        h.push_str(&format!(
            "<tr><td><code>{}</code></td><td>{} – {}</td><td>{}</td><td>{} – {}</td><td>{:.0}%</td></tr>\n",
            escape(&f.path),
            fmt_num(f.min),
            fmt_num(f.max),
            fmt_num(med),
            fmt_num(lo),
            fmt_num(hi),
            100.0 * (hi - lo) / (f.max - f.min)
        ));
    }
    h.push_str("</tbody>\n</table>\n");
    h
}

fn fit_table(fits: &[Fit]) -> String {
    let mut h = String::from(
        "<table>\n<thead><tr><th>target</th><th>role</th><th>observed ± uncertainty</th><th>before</th><th>after (95% of runs)</th><th>verdict</th></tr></thead>\n<tbody>\n",
    );
    for f in fits {
        h.push_str(&format!(
            "<tr><td><code>{}</code></td><td>{}</td><td>{} ± {}</td><td>{}</td><td>{} ({} – {})</td><td>{}</td></tr>\n",
            escape(&f.target),
            escape(&f.role),
            fmt_num(f.observed),
            fmt_num(f.uncertainty),
            fmt_num(f.before),
            fmt_num(f.after.0),
            fmt_num(f.after.1),
            fmt_num(f.after.2),
            if f.verdict == "pass" { "<strong>pass</strong>".to_string() } else { escape(&f.verdict) }
        ));
    }
    h.push_str("</tbody>\n</table>\n");
    h
}

/// Bins of the marginal histograms.
const BINS: usize = 20;

fn marginal(k: usize, f: &Free, pairs: &[(f64, f64)]) -> Result<Chart, ReportError> {
    let stem = format!("posterior_{}", super::charts::slug(&short(&f.path)));
    let span = (f.max - f.min).max(f64::MIN_POSITIVE);
    let total: f64 = pairs.iter().map(|p| p.1).sum::<f64>().max(f64::MIN_POSITIVE);
    let mut mass = [0.0; BINS];
    for &(x, w) in pairs {
        let i = (((x - f.min) / span) * BINS as f64).floor().clamp(0.0, BINS as f64 - 1.0) as usize;
        mass[i] += w / total;
    }
    let (lo, med, hi) = (weighted_quantile(pairs, 0.05), weighted_quantile(pairs, 0.5), weighted_quantile(pairs, 0.95));
    let prior = 1.0 / BINS as f64;
    let ymax = mass.iter().copied().fold(prior, f64::max) * 1.15;
    let title = short(&f.path);
    let c = color(k % 6);
    let legend = [
        LegendItem::new("posterior", Swatch::Bar(c)),
        LegendItem::new("90% interval", Swatch::Band(c)),
        LegendItem::new("prior", Swatch::Dot(GREY)),
    ];
    let svg = render(&stem, (480, 320), |root| {
        let body = header(root, &stem, &title, &legend)?;
        let mut chart = small_chart(&body, f.min..f.max, 0.0..ymax, &stem)?;
        let xf = |v: &f64| tick_label(*v, span);
        let yf = |v: &f64| format!("{:.0}%", v * 100.0);
        let axes = Axes {
            x_desc: "value (prior range)",
            y_desc: "posterior weight",
            x_labels: 6,
            y_labels: 5,
            xf: &xf,
            yf: &yf,
            x_grid: false,
        };
        value_mesh(&mut chart, &axes, &stem)?;
        chart.draw_series([Rectangle::new([(lo, 0.0), (hi, ymax)], c.mix(0.12).filled())]).ctx(&stem)?;
        let w = span / BINS as f64;
        chart
            .draw_series(mass.iter().enumerate().filter(|(_, m)| **m > 0.0).map(|(i, m)| {
                let a = f.min + w * i as f64;
                Rectangle::new([(a, 0.0), (a + w, *m)], c.mix(0.75).filled())
            }))
            .ctx(&stem)?;
        chart
            .draw_series(DashedLineSeries::new(vec![(f.min, prior), (f.max, prior)], 6, 4, GREY.stroke_width(2)))
            .ctx(&stem)?;
        chart.draw_series([PathElement::new(vec![(med, 0.0), (med, ymax)], INK.stroke_width(2))]).ctx(&stem)?;
        Ok(())
    })?;
    let caption = format!(
        "Posterior of {}: median {}, 90% interval {} – {} ({:.0}% of the prior range {} – {}).",
        f.path,
        fmt_num(med),
        fmt_num(lo),
        fmt_num(hi),
        100.0 * (hi - lo) / span,
        fmt_num(f.min),
        fmt_num(f.max)
    );
    Ok(Chart { svg: finish(&svg, &stem, &title), stem, title, caption, wide: false })
}

/// A small chart with numbers on both axes (a marginal, the convergence).
fn small_chart<'a, 'b>(
    body: &'a Area<'b>,
    x: std::ops::Range<f64>,
    y: std::ops::Range<f64>,
    stem: &str,
) -> Result<RowChart<'a, 'b>, ReportError> {
    ChartBuilder::on(body)
        .margin(8)
        .margin_right(20)
        .x_label_area_size(44)
        .y_label_area_size(56)
        .build_cartesian_2d(x, y)
        .ctx(stem)
}

/// Beyond this many uncertainties the fit chart's axis stops (points sit on its edge).
const FIT_MAX: f64 = 12.0;

fn fit_chart(role: &str, rows: &[&Fit]) -> Result<Chart, ReportError> {
    let z = |v: f64, f: &Fit| (v - f.observed) / f.uncertainty;
    let reach = rows
        .iter()
        .flat_map(|f| [z(f.after.1, f), z(f.after.2, f), z(f.before, f)])
        .filter(|v| v.is_finite())
        .fold(2.5, |a: f64, b| a.max(b.abs()));
    let r = (reach * 1.1).min(FIT_MAX);
    let stem = format!("fit_{role}");
    let title = if role == "calibration" {
        "Calibration targets (fitted)".to_string()
    } else {
        "Held-out validation targets (never fitted)".to_string()
    };
    let labels: Vec<String> = rows.iter().map(|f| shorten(&f.target, 48)).collect();
    let label_w = labels.iter().map(|l| text_width(l, 13.0)).max().unwrap_or(100).clamp(120, 420) as u32 + 24;
    let pass = RGBColor(0, 158, 115);
    let fail = RGBColor(213, 94, 0);
    let legend = [
        LegendItem::new("within tolerance (|z| ≤ 2)", Swatch::Band(pass)),
        LegendItem::new("calibrated: mean, 95% of runs", Swatch::Dot(INK)),
        LegendItem::new("before calibration", Swatch::Cross(GREY)),
    ];
    let m = rows.len();
    let width = 1000;
    let height = super::charts::header_height(width, &legend) + 26 * m as u32 + 90;
    let svg = render(&stem, (width, height), |root| {
        let body = header(root, &stem, &title, &legend)?;
        let mut chart = row_chart(&body, r, m, label_w, &stem)?;
        let xf = |v: &f64| tick_label(*v, 2.0 * r);
        row_mesh(&mut chart, "(model − observed) / uncertainty (0 = the observed value)", 9, &xf, &stem)?;
        shade_rows(&mut chart, m, (-r, r), RGBColor(240, 240, 240), &stem)?;
        chart
            .draw_series([Rectangle::new([(-2.0, -0.6), (2.0, m as f64 - 0.4)], pass.mix(0.15).filled())])
            .ctx(&stem)?;
        chart
            .draw_series([PathElement::new(vec![(0.0, -0.6), (0.0, m as f64 - 0.4)], INK.stroke_width(1))])
            .ctx(&stem)?;
        let y_of = |i: usize| (m - 1 - i) as f64;
        for (i, f) in rows.iter().enumerate() {
            let y = y_of(i);
            let b = z(f.before, f);
            if b.is_finite() {
                chart.draw_series([Cross::new((b.clamp(-r, r), y), 5, GREY.stroke_width(2))]).ctx(&stem)?;
            }
            let (mid, lo, hi) = (z(f.after.0, f), z(f.after.1, f), z(f.after.2, f));
            if !(mid.is_finite() && lo.is_finite() && hi.is_finite()) {
                continue;
            }
            let col = if f.verdict == "pass" { pass } else { fail };
            chart
                .draw_series([ErrorBar::new_horizontal(
                    y,
                    lo.clamp(-r, r),
                    mid.clamp(-r, r),
                    hi.clamp(-r, r),
                    col.stroke_width(2),
                    8,
                )])
                .ctx(&stem)?;
            let dot = if f.verdict == "pass" { col.filled() } else { WHITE.filled() };
            chart.draw_series([Circle::new((mid.clamp(-r, r), y), 5, dot)]).ctx(&stem)?;
            chart.draw_series([Circle::new((mid.clamp(-r, r), y), 5, col.stroke_width(2))]).ctx(&stem)?;
        }
        let left = chart.backend_coord(&(-r, 0.0)).0 - 8;
        let items: Vec<(String, i32)> =
            labels.iter().enumerate().map(|(i, l)| (l.clone(), chart.backend_coord(&(-r, y_of(i))).1)).collect();
        left_labels(root, &stem, left, &items, 13.0)
    })?;
    let passed = rows.iter().filter(|f| f.verdict == "pass").count();
    let caption = format!(
        "{passed} of {} {role} targets pass after calibration. Dots and bars beyond ±{} uncertainties sit on the axis's edge; the table below gives every value.",
        rows.len(),
        fmt_num(r)
    );
    Ok(Chart { svg: finish(&svg, &stem, &title), stem, title, caption, wide: true })
}

fn generations_chart(gens: &[(u64, f64, f64, u64)]) -> Result<Chart, ReportError> {
    let stem = "generations".to_string();
    let title = "Tolerance and distance by generation".to_string();
    let last = gens.last().map_or(1, |g| g.0).max(1) as f64;
    let top = gens.iter().flat_map(|g| [g.1, g.2]).filter(|v| v.is_finite()).fold(0.0, f64::max) * 1.1;
    let legend = [
        LegendItem::new("tolerance", Swatch::Dot(color(0))),
        LegendItem::new("median distance of accepted particles", Swatch::Dot(color(1))),
    ];
    let svg = render(&stem, (560, 320), |root| {
        let body = header(root, &stem, &title, &legend)?;
        let mut chart = small_chart(&body, -0.2..last + 0.2, 0.0..top.max(1.0), &stem)?;
        let xf = |v: &f64| if v.fract() == 0.0 { format!("{v:.0}") } else { String::new() };
        let yf = |v: &f64| tick_label(*v, top);
        let axes = Axes {
            x_desc: "generation (0: prior draws)",
            y_desc: "distance",
            x_labels: gens.len().min(12),
            y_labels: 6,
            xf: &xf,
            yf: &yf,
            x_grid: true,
        };
        value_mesh(&mut chart, &axes, &stem)?;
        for (j, pick) in [|g: &(u64, f64, f64, u64)| g.1, |g: &(u64, f64, f64, u64)| g.2].iter().enumerate() {
            let pts: Vec<(f64, f64)> = gens.iter().map(|g| (g.0 as f64, pick(g))).filter(|p| p.1.is_finite()).collect();
            chart.draw_series(LineSeries::new(pts.clone(), color(j).stroke_width(2))).ctx(&stem)?;
            chart.draw_series(pts.iter().map(|p| Circle::new(*p, 4, color(j).filled()))).ctx(&stem)?;
        }
        Ok(())
    })?;
    let sims: u64 = gens.iter().map(|g| g.3).sum();
    let caption = format!(
        "{} generations, {sims} simulated particles in all; the tolerance of a generation is a quantile of the previous generation's distances.",
        gens.len()
    );
    Ok(Chart { svg: finish(&svg, &stem, &title), stem, title, caption, wide: false })
}

//! Chart 4: which parameters matter — Sobol S1/ST or Morris μ*/σ per parameter, with
//! confidence intervals.

use super::super::error::ReportError;
use super::super::input::{Folder, SensKind, SensRow, Sensitivity};
use super::super::metrics::{self, FOCUS_COMPARE, HEADLINE, KEY_SERIES};
use super::{
    Chart, Ctx, INK, LegendItem, Swatch, color, header, left_labels, render, row_mesh, shorten, text_width, tick_label,
};
use plotters::prelude::*;

/// At most this many metrics per folder and parameters per chart.
const MAX_METRICS: usize = 12;
const MAX_PARAMS: usize = 15;

const S1_COLOR: RGBColor = RGBColor(0, 90, 160);
const ST_COLOR: RGBColor = RGBColor(150, 200, 235);

fn pick_metrics(s: &Sensitivity) -> (Vec<String>, usize) {
    let mut all: Vec<String> = Vec::new();
    for r in &s.rows {
        if !all.contains(&r.metric) {
            all.push(r.metric.clone());
        }
    }
    let preferred = |m: &String| {
        HEADLINE.contains(&m.as_str())
            || KEY_SERIES.contains(&m.as_str())
            || metrics::split_focus(m).is_some_and(|(_, x)| FOCUS_COMPARE.contains(&x))
    };
    // the sweep chose these metrics to analyse: chart them all up to the cap, the
    // headline and focus ones first
    let mut chosen: Vec<String> = all.iter().filter(|m| preferred(m)).cloned().collect();
    chosen.extend(all.iter().filter(|m| !preferred(m)).cloned());
    chosen.truncate(MAX_METRICS);
    let left = all.len() - chosen.len();
    (chosen, left)
}

pub fn charts(folders: &[Folder], notes: &mut Vec<String>) -> Result<Vec<Chart>, ReportError> {
    let mut out = Vec::new();
    if folders.iter().all(|f| f.sensitivity.is_none()) {
        notes.push(
            "Sensitivity charts skipped: no sensitivity.csv in the input folder(s) (it comes from `cyberdip sweep`)."
                .to_string(),
        );
        return Ok(out);
    }
    for (k, f) in folders.iter().enumerate() {
        let Some(s) = &f.sensitivity else { continue };
        let (chosen, left) = pick_metrics(s);
        if chosen.is_empty() {
            notes.push(format!("Sensitivity ({}): sensitivity.csv has no rows.", f.label));
            continue;
        }
        if left > 0 {
            notes.push(format!(
                "Sensitivity ({}): {left} more metric(s) in sensitivity.csv are not charted; see the file itself.",
                f.label
            ));
        }
        for metric in &chosen {
            let mut rows: Vec<&SensRow> = s.rows.iter().filter(|r| &r.metric == metric).collect();
            let key = |r: &SensRow| match s.kind {
                SensKind::Sobol => r.second,
                SensKind::Morris => r.first,
            };
            rows.sort_by(|a, b| {
                let (ka, kb) = (key(a), key(b));
                let (ka, kb) = (
                    if ka.is_finite() { ka } else { f64::NEG_INFINITY },
                    if kb.is_finite() { kb } else { f64::NEG_INFINITY },
                );
                kb.total_cmp(&ka).then_with(|| a.parameter.cmp(&b.parameter))
            });
            if rows.len() > MAX_PARAMS {
                notes.push(format!(
                    "Sensitivity ({}, {metric}): only the {MAX_PARAMS} most influential of {} parameters are shown.",
                    f.label,
                    rows.len()
                ));
                rows.truncate(MAX_PARAMS);
            }
            let stem = format!("sens_{}_{}", k + 1, super::slug(metric));
            let title = if folders.len() > 1 {
                format!("What drives “{}” — {}", metrics::runs_meta(metric).title, f.label)
            } else {
                format!("What drives “{}”", metrics::runs_meta(metric).title)
            };
            let svg = chart(&stem, &title, metric, s.kind, &rows)?;
            let caption = match s.kind {
                SensKind::Sobol => "Longer bars mean that this outcome depends more on the parameter: S1 (dark) is the share of the outcome's variation caused by the parameter alone, ST (light) also counts its interactions with other parameters; thin black lines are 95% confidence intervals.".to_string(),
                SensKind::Morris => "Longer bars mean that changing the parameter moves this outcome more on average (μ*, with its 95% confidence interval); the cross marks σ, and a large σ means the effect depends on the other parameters or is not a straight line.".to_string(),
            };
            out.push(Chart { svg: super::finish(&svg, &stem, &title), stem, title, caption, wide: false });
        }
    }
    Ok(out)
}

fn chart(stem: &str, title: &str, metric: &str, kind: SensKind, rows: &[&SensRow]) -> Result<String, ReportError> {
    let legend = match kind {
        SensKind::Sobol => vec![
            LegendItem::new("S1: the parameter alone", Swatch::Bar(S1_COLOR)),
            LegendItem::new("ST: with interactions", Swatch::Bar(ST_COLOR)),
        ],
        SensKind::Morris => vec![
            LegendItem::new("μ*: mean absolute effect", Swatch::Bar(color(0))),
            LegendItem::new("σ: spread of the effect", Swatch::Cross(color(1))),
        ],
    };
    let labels: Vec<String> = rows.iter().map(|r| shorten(&r.parameter, 40)).collect();
    let label_w = labels.iter().map(|l| text_width(l, 12.0)).max().unwrap_or(80).clamp(80, 300) as u32 + 20;
    let row_h = if kind == SensKind::Sobol { 34 } else { 26 };
    let width = 620;
    let n = rows.len();
    let height = super::header_height(width, &legend) + row_h * n as u32 + 90;
    let fin = |v: f64| v.is_finite().then_some(v);
    let vals: Vec<f64> = rows
        .iter()
        .flat_map(|r| {
            let mut v = vec![r.first, r.first_ci.0, r.first_ci.1, r.second];
            if let Some((a, b)) = r.second_ci {
                v.extend([a, b]);
            }
            v
        })
        .filter_map(fin)
        .collect();
    let hi = vals.iter().copied().fold(0.0, f64::max);
    let lo = vals.iter().copied().fold(0.0, f64::min);
    let (x0, x1) = (if lo < 0.0 { lo * 1.1 } else { 0.0 }, if hi > 0.0 { hi * 1.1 } else { 1.0 });
    let x_desc = match kind {
        SensKind::Sobol => "Share of the outcome's variation explained (0–1)".to_string(),
        SensKind::Morris => format!("Mean absolute effect μ* and spread σ ({})", metrics::runs_meta(metric).unit),
    };
    render(stem, (width, height), |root| {
        let body = header(root, stem, title, &legend)?;
        let mut chart = ChartBuilder::on(&body)
            .margin(8)
            .margin_right(28)
            .x_label_area_size(50)
            .y_label_area_size(label_w)
            .build_cartesian_2d(x0..x1, -0.6..(n as f64 - 0.4))
            .ctx(stem)?;
        let span = x1 - x0;
        let xf = |v: &f64| tick_label(*v, span);
        row_mesh(&mut chart, x_desc.as_str(), 7, &xf, stem)?;
        let y_of = |i: usize| (n - 1 - i) as f64;
        for (i, r) in rows.iter().enumerate() {
            let y = y_of(i);
            match kind {
                SensKind::Sobol => {
                    bar(&mut chart, stem, y + 0.17, 0.14, r.first, Some(r.first_ci), S1_COLOR)?;
                    bar(&mut chart, stem, y - 0.17, 0.14, r.second, r.second_ci, ST_COLOR)?;
                }
                SensKind::Morris => {
                    bar(&mut chart, stem, y, 0.28, r.first, Some(r.first_ci), color(0))?;
                    if let Some(s) = fin(r.second) {
                        chart.draw_series([Cross::new((s, y), 6, color(1).stroke_width(3))]).ctx(stem)?;
                    }
                }
            }
        }
        chart
            .draw_series([PathElement::new(vec![(0.0, -0.6), (0.0, n as f64 - 0.4)], INK.stroke_width(1))])
            .ctx(stem)?;
        let left = chart.backend_coord(&(x0, 0.0)).0 - 8;
        let items: Vec<(String, i32)> =
            labels.iter().enumerate().map(|(i, l)| (l.clone(), chart.backend_coord(&(x0, y_of(i))).1)).collect();
        left_labels(root, stem, left, &items, 12.0)
    })
}

type Chart2d<'a, 'b> = ChartContext<
    'a,
    SVGBackend<'b>,
    Cartesian2d<plotters::coord::types::RangedCoordf64, plotters::coord::types::RangedCoordf64>,
>;

fn bar(
    chart: &mut Chart2d<'_, '_>,
    stem: &str,
    y: f64,
    half: f64,
    v: f64,
    ci: Option<(f64, f64)>,
    c: RGBColor,
) -> Result<(), ReportError> {
    if !v.is_finite() {
        return Ok(());
    }
    chart.draw_series([Rectangle::new([(0.0, y - half), (v, y + half)], c.filled())]).ctx(stem)?;
    if let Some((lo, hi)) = ci.filter(|(a, b)| a.is_finite() && b.is_finite()) {
        chart.draw_series([ErrorBar::new_horizontal(y, lo, v, hi, INK.stroke_width(1), 6)]).ctx(stem)?;
    }
    Ok(())
}

//! Chart 3: scenarios side by side — difference of means against the first folder with
//! Welch's 95% interval, as a forest plot in standard deviations of the reference.

use super::super::error::ReportError;
use super::super::input::Folder;
use super::super::metrics::{self, FOCUS_COMPARE, HEADLINE};
use super::super::stats::{self, Diff};
use super::{
    Chart, Ctx, INK, LegendItem, Swatch, color, header, left_labels, render, row_mesh, shade_rows, shorten, text_width,
    tick_label,
};
use plotters::prelude::*;

/// One metric compared between the reference (folder 0) and another folder.
pub struct CmpRow {
    pub metric: String,
    pub ref_mean: f64,
    pub other_mean: f64,
    pub diff: Diff,
    /// Standard deviation used to standardise the forest plot (None: no variation at all).
    pub scale: Option<f64>,
}

/// Every common metric, reference against folder `other`.
pub struct Comparison {
    pub other: usize,
    pub rows: Vec<CmpRow>,
}

/// Numeric metrics of runs.csv present in every folder, in the reference's column order.
pub fn common_metrics(folders: &[Folder]) -> Vec<String> {
    folders[0]
        .runs
        .metrics
        .iter()
        .filter(|m| folders[1..].iter().all(|f| f.runs.metrics.contains(m)))
        .cloned()
        .collect()
}

pub fn compare(folders: &[Folder]) -> Vec<Comparison> {
    let common = common_metrics(folders);
    (1..folders.len())
        .map(|j| {
            let rows = common
                .iter()
                .filter_map(|m| {
                    let (a, b) = (folders[0].runs.stat(m)?, folders[j].runs.stat(m)?);
                    if a.n == 0 || b.n == 0 {
                        return None;
                    }
                    let pooled = ((a.var() + b.var()) / 2.0).sqrt();
                    let scale = [a.sd(), pooled].into_iter().find(|s| *s > 0.0 && s.is_finite());
                    Some(CmpRow {
                        metric: m.clone(),
                        ref_mean: a.mean(),
                        other_mean: b.mean(),
                        diff: stats::welch(a, b),
                        scale,
                    })
                })
                .collect();
            Comparison { other: j, rows }
        })
        .collect()
}

/// Half-width of the forest plot's axis at most, in standard deviations.
const FOREST_MAX: f64 = 8.0;

/// A forest-plot point: (difference, CI low, CI high, clear difference), standardised.
type Point = (f64, f64, f64, bool);

/// The readable subset shown in the forest plot: headline metrics, then focus-state metrics.
fn forest_metrics(folders: &[Folder], comps: &[Comparison]) -> Vec<String> {
    let usable = |m: &str| comps.iter().any(|c| c.rows.iter().any(|r| r.metric == m && r.scale.is_some()));
    let mut out: Vec<String> = HEADLINE.iter().filter(|m| usable(m)).map(|m| m.to_string()).collect();
    for m in &folders[0].runs.metrics {
        let focus = metrics::split_focus(m).is_some_and(|(_, s)| FOCUS_COMPARE.contains(&s));
        if focus && usable(m) && !out.contains(m) {
            out.push(m.clone());
        }
    }
    out
}

pub fn forest(folders: &[Folder], comps: &[Comparison], notes: &mut Vec<String>) -> Result<Vec<Chart>, ReportError> {
    let rows = forest_metrics(folders, comps);
    if rows.is_empty() {
        notes.push("Comparison chart skipped: no headline or focus-state metric varies in the runs.".to_string());
        return Ok(Vec::new());
    }
    let labels: Vec<String> = rows.iter().map(|m| shorten(&metrics::runs_meta(m).title, 58)).collect();
    let label_w = labels.iter().map(|l| text_width(l, 13.0)).max().unwrap_or(100).clamp(120, 440) as u32 + 24;
    let legend: Vec<LegendItem> = comps
        .iter()
        .map(|c| {
            LegendItem::new(format!("{} vs {}", folders[c.other].label, folders[0].label), Swatch::Dot(color(c.other)))
        })
        .collect();
    let width = 1000;
    let m = rows.len();
    let height = super::header_height(width, &legend) + 26 * m as u32 + 90;
    let points: Vec<Vec<Option<Point>>> = comps
        .iter()
        .map(|c| {
            rows.iter()
                .map(|metric| {
                    let r = c.rows.iter().find(|r| &r.metric == metric)?;
                    let s = r.scale?;
                    let (lo, hi) = r.diff.ci.unwrap_or((r.diff.diff, r.diff.diff));
                    Some((r.diff.diff / s, lo / s, hi / s, r.diff.excludes_zero()))
                })
                .collect()
        })
        .collect();
    let reach = points.iter().flatten().flatten().map(|p| p.1.abs().max(p.2.abs())).fold(0.0, f64::max);
    // Beyond FOREST_MAX standard deviations the axis stops and points sit on its edge as
    // triangles, so that one huge difference does not flatten every other row.
    let r = (reach * 1.1).clamp(0.5, FOREST_MAX);
    let clipped = reach * 1.1 > FOREST_MAX;
    let stem = "compare_forest".to_string();
    let title = match comps {
        [c] => format!("How {} differs from {}", folders[c.other].label, folders[0].label),
        _ => format!("How the scenarios differ from {}", folders[0].label),
    };
    let k = comps.len() as f64;
    let svg = render(&stem, (width, height), |root| {
        let body = header(root, &stem, &title, &legend)?;
        let mut chart = super::row_chart(&body, r, m, label_w, &stem)?;
        let xf = |v: &f64| tick_label(*v, 2.0 * r);
        let x_desc = "Difference from the reference, in standard deviations of the reference runs (0 = no difference)";
        row_mesh(&mut chart, x_desc, 9, &xf, &stem)?;
        let y_of = |i: usize| (m - 1 - i) as f64;
        shade_rows(&mut chart, m, (-r, r), RGBColor(240, 240, 240), &stem)?;
        chart
            .draw_series([PathElement::new(vec![(0.0, -0.6), (0.0, m as f64 - 0.4)], INK.stroke_width(1))])
            .ctx(&stem)?;
        for (j, c) in comps.iter().enumerate() {
            let col = color(c.other);
            let dy = (j as f64 - (k - 1.0) / 2.0) * 0.22;
            for (i, p) in points[j].iter().enumerate() {
                let Some((mid, lo, hi, clear)) = *p else { continue };
                let y = y_of(i) + dy;
                let (lo, hi) = (lo.clamp(-r, r), hi.clamp(-r, r));
                chart
                    .draw_series([ErrorBar::new_horizontal(y, lo, mid.clamp(-r, r), hi, col.stroke_width(2), 8)])
                    .ctx(&stem)?;
                if mid.abs() > r {
                    let edge = (mid.signum() * r, y);
                    chart.draw_series([TriangleMarker::new(edge, 9, col.filled())]).ctx(&stem)?;
                    continue;
                }
                let dot = if clear { col.filled() } else { WHITE.filled() };
                chart.draw_series([Circle::new((mid, y), 5, dot)]).ctx(&stem)?;
                chart.draw_series([Circle::new((mid, y), 5, col.stroke_width(2))]).ctx(&stem)?;
            }
        }
        let left = chart.backend_coord(&(-r, 0.0)).0 - 8;
        let items: Vec<(String, i32)> =
            labels.iter().enumerate().map(|(i, l)| (l.clone(), chart.backend_coord(&(-r, y_of(i))).1)).collect();
        left_labels(root, &stem, left, &items, 13.0)
    })?;
    let caption = format!(
        "Each row is one outcome: the dot shows how far the average of {} lies from the reference {} (right = higher, left = lower), measured in standard deviations of the reference runs so that different units fit one axis; the bar is the 95% confidence interval, and a filled dot means the interval does not cross 0, i.e. a clear difference{}.",
        match comps {
            [c] => folders[c.other].label.clone(),
            _ => "each scenario".to_string(),
        },
        folders[0].label,
        if clipped { " (a triangle on the edge: the difference is beyond the axis, see the table below)" } else { "" }
    );
    Ok(vec![Chart { svg: super::finish(&svg, &stem, &title), stem, title, caption, wide: true }])
}

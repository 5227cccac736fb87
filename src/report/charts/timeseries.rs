//! Chart 1: key metrics month by month — median across runs and the 5–95% band, one colour
//! per input folder.

use super::super::error::ReportError;
use super::super::input::{Folder, TickStat};
use super::super::metrics::{self, KEY_SERIES, Meta, STATE_SERIES};
use super::{Area, Chart, Ctx, LegendItem, Swatch, axis_range, bold, color, font, header, render, tick_label};
use plotters::prelude::*;

struct Line<'a> {
    color: RGBColor,
    stats: &'a [TickStat],
}

fn legend(folders: &[Folder]) -> Vec<LegendItem> {
    if folders.len() < 2 {
        return Vec::new();
    }
    folders.iter().enumerate().map(|(i, f)| LegendItem::new(f.label.clone(), Swatch::Band(color(i)))).collect()
}

fn lines<'a>(folders: &'a [Folder], metric: &str) -> Vec<Line<'a>> {
    folders
        .iter()
        .enumerate()
        .filter_map(|(i, f)| {
            let s = f.series.as_ref()?.metrics.get(metric)?;
            (!s.is_empty()).then_some(Line { color: color(i), stats: s })
        })
        .collect()
}

fn runs_phrase(folders: &[Folder]) -> String {
    match folders {
        [f] => format!("the {} runs", f.runs.rows),
        _ => "all runs of that scenario".to_string(),
    }
}

/// World metrics (one chart each) and focus states (one chart of four panels each).
pub fn charts(folders: &[Folder], notes: &mut Vec<String>) -> Result<Vec<Chart>, ReportError> {
    let with: Vec<&Folder> = folders.iter().filter(|f| f.series.is_some()).collect();
    if with.is_empty() {
        notes.push(
            "Time series skipped: no timeseries.csv in the input folder(s) (run `cyberdip run` with --timeseries)."
                .to_string(),
        );
        return Ok(Vec::new());
    }
    for f in folders.iter().filter(|f| f.series.is_none()) {
        notes.push(format!("Time series: {} has no timeseries.csv, so it is missing from these charts.", f.label));
    }
    if with.iter().any(|f| f.series.as_ref().is_some_and(|s| s.sampled)) {
        notes.push(format!(
            "Time series: more than {} runs; the bands and medians are computed from a fixed random sample of {} runs per month.",
            super::super::input::SAMPLE_CAP,
            super::super::input::SAMPLE_CAP
        ));
    }
    let max_tick = with.iter().filter_map(|f| f.series.as_ref()).map(|s| s.max_tick).max().unwrap_or(1).max(1);
    let x = if max_tick > 1 { (1.0, max_tick as f64) } else { (0.5, 1.5) };
    let many = folders.len() > 1;
    let legend = legend(folders);
    let mut out = Vec::new();
    let phrase = runs_phrase(folders);
    for metric in KEY_SERIES {
        let ls = lines(folders, metric);
        if ls.is_empty() {
            notes.push(format!("Time series of `{metric}` skipped: not in timeseries.csv."));
            continue;
        }
        let meta = metrics::series_meta(metric);
        let stem = format!("ts_{metric}");
        let title = meta.title.clone();
        let size = (640, 360 + super::header_height(640, &legend) - 40);
        let svg = render(&stem, size, |root| {
            let body = header(root, &stem, &title, &legend)?;
            panel(&body, &stem, &ls, &meta, x, None)
        })?;
        let caption = format!(
            "The line is the median of {phrase} in each month and the shaded band covers the middle 90% of runs (5th to 95th percentile){}: a wide band means that runs differ a lot.",
            if many { ", one colour per scenario" } else { "" }
        );
        out.push(Chart { svg: super::finish(&svg, &stem, &title), stem, title, caption, wide: false });
    }
    let mut states: Vec<String> = Vec::new();
    for f in &with {
        for s in f.series.iter().flat_map(|x| &x.states) {
            if !states.contains(s) {
                states.push(s.clone());
            }
        }
    }
    for id in &states {
        let stem = format!("ts_state_{}", super::slug(id));
        let title = format!("{}: month by month", metrics::state_name(id));
        let size = (1000, 620 + super::header_height(1000, &legend) - 40);
        let svg = render(&stem, size, |root| {
            let body = header(root, &stem, &title, &legend)?;
            let panels = body.split_evenly((2, 2));
            for (p, suffix) in panels.iter().zip(STATE_SERIES) {
                let metric = format!("{id}_{suffix}");
                let ls = lines(folders, &metric);
                let meta = metrics::series_meta(&metric);
                let name = metrics::state_metric_title(suffix);
                if ls.is_empty() {
                    let style = font(14.0);
                    p.draw(&Text::new(format!("{name}: no data"), (80, 120), style)).ctx(&stem)?;
                } else {
                    panel(p, &stem, &ls, &meta, x, Some(&name))?;
                }
            }
            Ok(())
        })?;
        let caption = format!(
            "Four measures of {} over time; in each panel the line is the median of {phrase} and the shaded band covers the middle 90% of runs{}.",
            metrics::state_name(id),
            if many { ", one colour per scenario" } else { "" }
        );
        out.push(Chart { svg: super::finish(&svg, &stem, &title), stem, title, caption, wide: true });
    }
    Ok(out)
}

fn panel(
    area: &Area<'_>,
    stem: &str,
    lines: &[Line<'_>],
    meta: &Meta,
    (x0, x1): (f64, f64),
    caption: Option<&str>,
) -> Result<(), ReportError> {
    let lo = lines.iter().flat_map(|l| l.stats.iter().map(|s| s.p05)).fold(f64::INFINITY, f64::min);
    let hi = lines.iter().flat_map(|l| l.stats.iter().map(|s| s.p95)).fold(f64::NEG_INFINITY, f64::max);
    let (y0, y1) = axis_range(lo, hi, !meta.bounded01, meta.bounded01);
    let mut b = ChartBuilder::on(area);
    b.margin(8).margin_right(24).x_label_area_size(48).y_label_area_size(68);
    if let Some(c) = caption {
        b.caption(c, bold(14.0));
    }
    let mut chart = b.build_cartesian_2d(x0..x1, y0..y1).ctx(stem)?;
    let span = y1 - y0;
    let yf = |v: &f64| tick_label(*v, span);
    let xf = |v: &f64| if (v - v.round()).abs() < 1e-9 { format!("{}", v.round() as i64) } else { String::new() };
    let axes = super::Axes {
        x_desc: "Month",
        y_desc: meta.unit.as_str(),
        x_labels: 8,
        y_labels: 6,
        xf: &xf,
        yf: &yf,
        x_grid: true,
    };
    super::value_mesh(&mut chart, &axes, stem)?;
    // Several scenarios' bands overlap: each is lighter and edged by thin lines in its own
    // colour, so where they overlap both stay visible instead of blending into one tint.
    let several = lines.len() > 1;
    for l in lines {
        let mut pts: Vec<(f64, f64)> = l.stats.iter().map(|s| (s.tick as f64, s.p05)).collect();
        pts.extend(l.stats.iter().rev().map(|s| (s.tick as f64, s.p95)));
        let fill = if several { 0.10 } else { 0.18 };
        chart.draw_series(std::iter::once(Polygon::new(pts, l.color.mix(fill).filled()))).ctx(stem)?;
    }
    if several {
        for l in lines.iter().filter(|l| l.stats.len() > 1) {
            for edge in [|s: &TickStat| s.p05, |s: &TickStat| s.p95] {
                let pts: Vec<(f64, f64)> = l.stats.iter().map(|s| (s.tick as f64, edge(s))).collect();
                chart.draw_series(LineSeries::new(pts, l.color.mix(0.75).stroke_width(1))).ctx(stem)?;
            }
        }
    }
    for l in lines {
        let pts: Vec<(f64, f64)> = l.stats.iter().map(|s| (s.tick as f64, s.p50)).collect();
        if pts.len() == 1 {
            chart.draw_series(pts.iter().map(|&p| Circle::new(p, 4, l.color.filled()))).ctx(stem)?;
        } else {
            chart.draw_series(LineSeries::new(pts, l.color.stroke_width(2))).ctx(stem)?;
        }
    }
    Ok(())
}

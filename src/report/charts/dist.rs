//! Chart 2: how outcomes spread across runs — a histogram per metric for one folder, box
//! plots side by side for several.

use super::super::error::ReportError;
use super::super::html::fmt_num;
use super::super::input::Folder;
use super::super::metrics::{self, HEADLINE, Meta};
use super::super::stats::{self, Spread};
use super::{
    Axes, Chart, Ctx, GREY, INK, LegendItem, Swatch, axis_range, color, font, header, render, shorten, text_width,
    tick_label,
};
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

/// Headline metrics, then `<ID>_security` of focus states, as they appear in runs.csv.
pub fn metrics_to_chart(folders: &[Folder]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let has = |m: &str| folders.iter().any(|f| f.runs.kept.get(m).is_some_and(|v| !v.is_empty()));
    for m in HEADLINE {
        if has(m) {
            out.push(m.to_string());
        }
    }
    for f in folders {
        for m in &f.runs.metrics {
            let focus = metrics::split_focus(m).is_some_and(|(_, s)| s == "security");
            if focus && has(m) && !out.contains(m) {
                out.push(m.clone());
            }
        }
    }
    out
}

pub fn charts(folders: &[Folder], notes: &mut Vec<String>) -> Result<Vec<Chart>, ReportError> {
    let list = metrics_to_chart(folders);
    for m in HEADLINE {
        if !list.iter().any(|x| x == m) {
            notes.push(format!("Distribution of `{m}` skipped: not in runs.csv."));
        }
    }
    let mut out = Vec::new();
    for m in &list {
        let meta = metrics::runs_meta(m);
        let stem = format!("dist_{}", super::slug(m));
        let chart = if folders.len() == 1 {
            histogram(&stem, m, &meta, &folders[0])?
        } else {
            boxes(&stem, m, &meta, folders)?
        };
        out.push(chart);
    }
    Ok(out)
}

/// Histogram bins (low edge, high edge, count) of sorted values.
pub fn bins(sorted: &[f64], bounded01: bool) -> Vec<(f64, f64, u64)> {
    let (Some(&min), Some(&max)) = (sorted.first(), sorted.last()) else { return Vec::new() };
    let integers = sorted.iter().all(|v| v.fract() == 0.0);
    let edges: Vec<f64> = if integers && max - min <= 40.0 {
        (0..=(max - min) as i64 + 1).map(|k| min - 0.5 + k as f64).collect()
    } else if max == min {
        let d = if bounded01 { 0.025 } else { (min.abs() * 0.05).max(0.5) };
        vec![min - d, max + d]
    } else {
        let k = ((sorted.len() as f64).sqrt().ceil() as usize).clamp(5, 30);
        let w = (max - min) / k as f64;
        (0..=k).map(|i| if i == k { max } else { min + w * i as f64 }).collect()
    };
    let mut counts = vec![0u64; edges.len() - 1];
    let last = counts.len() - 1;
    for &v in sorted {
        let i = edges.partition_point(|&e| e <= v).saturating_sub(1).min(last);
        counts[i] += 1;
    }
    edges.windows(2).zip(counts).map(|(e, c)| (e[0], e[1], c)).collect()
}

fn histogram(stem: &str, metric: &str, meta: &Meta, f: &Folder) -> Result<Chart, ReportError> {
    let values = &f.runs.kept[metric];
    let bins = bins(values, meta.bounded01);
    let med = stats::quantile(values, 0.5);
    let title = format!("{} — {} runs", meta.title, values.len());
    let svg = render(stem, (560, 360), |root| {
        let body = header(root, stem, &title, &[])?;
        let (x0, x1) = (bins[0].0, bins[bins.len() - 1].1);
        let pad = (x1 - x0) * 0.03;
        let ymax = bins.iter().map(|b| b.2).max().unwrap_or(1) as f64;
        let mut chart = ChartBuilder::on(&body)
            .margin(8)
            .margin_right(24)
            .x_label_area_size(48)
            .y_label_area_size(60)
            .build_cartesian_2d((x0 - pad)..(x1 + pad), 0.0..(ymax * 1.15).max(1.0))
            .ctx(stem)?;
        let span = x1 - x0;
        let xf = |v: &f64| tick_label(*v, span);
        let yf = |v: &f64| if v.fract() == 0.0 { format!("{v:.0}") } else { String::new() };
        let axes = Axes {
            x_desc: meta.unit.as_str(),
            y_desc: "Number of runs",
            x_labels: 7,
            y_labels: 6,
            xf: &xf,
            yf: &yf,
            x_grid: false,
        };
        super::value_mesh(&mut chart, &axes, stem)?;
        let c = color(0);
        chart
            .draw_series(
                bins.iter()
                    .filter(|b| b.2 > 0)
                    .map(|&(a, b, n)| Rectangle::new([(a, 0.0), (b, n as f64)], c.mix(0.75).filled())),
            )
            .ctx(stem)?;
        chart
            .draw_series(
                bins.iter()
                    .filter(|b| b.2 > 0)
                    .map(|&(a, b, n)| Rectangle::new([(a, 0.0), (b, n as f64)], WHITE.stroke_width(1))),
            )
            .ctx(stem)?;
        chart.draw_series(LineSeries::new(vec![(med, 0.0), (med, ymax * 1.08)], INK.stroke_width(2))).ctx(stem)?;
        let (px, py) = chart.backend_coord(&(med, ymax * 1.08));
        // the label goes on the side of the line with room for it, so it is never cut off
        let label = format!("median {}", fmt_num(med));
        let (right_edge, _) = chart.backend_coord(&(x1 + pad, 0.0));
        let (anchor, at) =
            if px + 5 + text_width(&label, 12.0) > right_edge { (HPos::Right, px - 5) } else { (HPos::Left, px + 5) };
        root.draw(&Text::new(label, (at, py), font(12.0).pos(Pos::new(anchor, VPos::Center)))).ctx(stem)?;
        Ok(())
    })?;
    let caption = format!(
        "Each bar counts the runs whose result fell in that range (x axis: {}); the dark line marks the median run.",
        meta.unit
    );
    Ok(Chart { svg: super::finish(&svg, stem, &title), stem: stem.to_string(), title, caption, wide: false })
}

fn boxes(stem: &str, metric: &str, meta: &Meta, folders: &[Folder]) -> Result<Chart, ReportError> {
    let spreads: Vec<Option<Spread>> = folders
        .iter()
        .map(|f| f.runs.kept.get(metric).filter(|v| !v.is_empty()).map(|v| Spread::of_sorted(v)))
        .collect();
    let lo = spreads.iter().flatten().map(|s| s.p05).fold(f64::INFINITY, f64::min);
    let hi = spreads.iter().flatten().map(|s| s.p95).fold(f64::NEG_INFINITY, f64::max);
    let (y0, y1) = axis_range(lo, hi, !meta.bounded01, meta.bounded01);
    let legend: Vec<LegendItem> =
        folders.iter().enumerate().map(|(i, f)| LegendItem::new(f.label.clone(), Swatch::Bar(color(i)))).collect();
    let title = meta.title.clone();
    // each box gets room for its name on up to two lines
    let longest = folders.iter().map(|f| f.label.chars().count()).max().unwrap_or(8);
    let label_chars = (longest * 3).div_ceil(5).clamp(12, 26);
    let slot = (text_width(&"m".repeat(label_chars), 12.0) as u32 + 24).max(140);
    let width = 560.max(slot * folders.len() as u32 + 100);
    let size = (width, 360 + super::header_height(width, &legend) - 40);
    let k = folders.len() as f64;
    let svg = render(stem, size, |root| {
        let body = header(root, stem, &title, &legend)?;
        let mut chart = ChartBuilder::on(&body)
            .margin(8)
            .margin_right(24)
            .x_label_area_size(52)
            .y_label_area_size(68)
            .build_cartesian_2d(-0.5..(k - 0.5), y0..y1)
            .ctx(stem)?;
        let span = y1 - y0;
        let yf = |v: &f64| tick_label(*v, span);
        chart
            .configure_mesh()
            .y_desc(meta.unit.as_str())
            .x_labels(0)
            .y_labels(6)
            .y_label_formatter(&yf)
            .label_style(font(12.0))
            .axis_desc_style(font(13.0))
            .disable_x_mesh()
            .bold_line_style(BLACK.mix(0.1))
            .light_line_style(TRANSPARENT)
            .draw()
            .ctx(stem)?;
        for (i, s) in spreads.iter().enumerate() {
            let x = i as f64;
            let c = color(i);
            let (px, py) = chart.backend_coord(&(x, y0));
            for (l, line) in wrap(&folders[i].label, label_chars).iter().enumerate() {
                let style = font(12.0).pos(Pos::new(HPos::Center, VPos::Top));
                root.draw(&Text::new(line.clone(), (px, py + 8 + 15 * l as i32), style)).ctx(stem)?;
            }
            let Some(s) = s else {
                let (px, py) = chart.backend_coord(&(x, (y0 + y1) / 2.0));
                let style = font(12.0).pos(Pos::new(HPos::Center, VPos::Center)).color(&GREY);
                root.draw(&Text::new("no data", (px, py), style)).ctx(stem)?;
                continue;
            };
            let stroke = c.stroke_width(2);
            chart
                .draw_series([
                    PathElement::new(vec![(x, s.p05), (x, s.p25)], stroke),
                    PathElement::new(vec![(x, s.p75), (x, s.p95)], stroke),
                    PathElement::new(vec![(x - 0.1, s.p05), (x + 0.1, s.p05)], stroke),
                    PathElement::new(vec![(x - 0.1, s.p95), (x + 0.1, s.p95)], stroke),
                ])
                .ctx(stem)?;
            chart
                .draw_series([Rectangle::new([(x - 0.28, s.p25), (x + 0.28, s.p75)], c.mix(0.3).filled())])
                .ctx(stem)?;
            chart.draw_series([Rectangle::new([(x - 0.28, s.p25), (x + 0.28, s.p75)], stroke)]).ctx(stem)?;
            chart
                .draw_series([PathElement::new(vec![(x - 0.28, s.p50), (x + 0.28, s.p50)], INK.stroke_width(3))])
                .ctx(stem)?;
        }
        Ok(())
    })?;
    let caption = "Each box spans the middle half of the runs (25th to 75th percentile) with a dark line at the median; whiskers reach the 5th and 95th percentiles, so boxes that do not overlap show clearly different outcomes.".to_string();
    Ok(Chart { svg: super::finish(&svg, stem, &title), stem: stem.to_string(), title, caption, wide: false })
}

/// `s` on at most two lines of about `max` characters, broken at spaces (or anywhere in a
/// long word); only what still does not fit is shortened.
pub fn wrap(s: &str, max: usize) -> Vec<String> {
    if s.chars().count() <= max {
        return vec![s.to_string()];
    }
    let chars: Vec<char> = s.chars().collect();
    let limit = max.min(chars.len());
    let cut = chars[..=limit.min(chars.len() - 1)]
        .iter()
        .rposition(|c| *c == ' ' || *c == '-' || *c == '(')
        .filter(|&i| i > 0);
    let (first, rest): (String, String) = match cut {
        Some(i) if chars[i] == ' ' => (chars[..i].iter().collect(), chars[i + 1..].iter().collect()),
        Some(i) if chars[i] == '(' => {
            (chars[..i].iter().collect::<String>().trim_end().to_string(), chars[i..].iter().collect())
        }
        Some(i) => (chars[..=i].iter().collect(), chars[i + 1..].iter().collect()),
        None => (chars[..limit].iter().collect(), chars[limit..].iter().collect()),
    };
    vec![first, shorten(&rest, max)]
}

#[cfg(test)]
mod tests {
    use super::{bins, wrap};

    /// Issue 13: box-plot names were cut to "stuxnet-response (res…"; they wrap on two lines.
    #[test]
    fn long_names_wrap_instead_of_being_cut() {
        assert_eq!(wrap("baseline", 12), vec!["baseline"]);
        assert_eq!(wrap("stuxnet-response (restraint)", 18), vec!["stuxnet-response", "(restraint)"]);
        assert_eq!(wrap("a very long scenario name here", 18), vec!["a very long", "scenario name here"]);
        assert_eq!(wrap("abcdefghijklmnopqrstuvwxyz", 10), vec!["abcdefghij", "klmnopqrs…"]);
    }

    #[test]
    fn integer_bins_are_centred_on_whole_numbers() {
        let b = bins(&[1.0, 2.0, 2.0, 4.0], false);
        assert_eq!(b, vec![(0.5, 1.5, 1), (1.5, 2.5, 2), (2.5, 3.5, 0), (3.5, 4.5, 1)]);
    }

    #[test]
    fn continuous_bins_cover_every_value() {
        let v: Vec<f64> = (0..100).map(|i| i as f64 / 99.0).collect();
        let b = bins(&v, true);
        assert_eq!(b.len(), 10);
        assert_eq!(b.iter().map(|x| x.2).sum::<u64>(), 100);
        assert_eq!(bins(&[0.3, 0.3], true).len(), 1);
        assert!(bins(&[], true).is_empty());
    }
}

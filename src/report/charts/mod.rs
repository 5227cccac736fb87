//! The charts, drawn with plotters into SVG strings. Text is left to the viewer: without a
//! font feature plotters only estimates text widths and writes `<text>` elements, which the
//! browser renders with its own sans-serif font.

pub(super) mod compare;
pub(super) mod dist;
pub(super) mod sens;
pub(super) mod timeline;
pub(super) mod timeseries;

use super::error::ReportError;
use super::html::escape;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

/// One chart: its SVG text and what the page says about it.
pub(super) struct Chart {
    /// File stem and element id.
    pub stem: String,
    pub title: String,
    /// One sentence: how to read it.
    pub caption: String,
    pub svg: String,
    /// Shown across the whole page width rather than in the grid.
    pub wide: bool,
}

pub(super) type Area<'a> = DrawingArea<SVGBackend<'a>, Shift>;

/// A chart of labelled rows (forest plot, sensitivity bars, timeline).
pub(super) type RowChart<'a, 'b> = ChartContext<
    'a,
    SVGBackend<'b>,
    Cartesian2d<plotters::coord::types::RangedCoordf64, plotters::coord::types::RangedCoordf64>,
>;

/// A row chart over x in `-r..r` with `rows` rows (row i at y = rows - 1 - i) and
/// `label_w` pixels left of it for the row labels (forest plots).
pub(super) fn row_chart<'a, 'b>(
    body: &'a Area<'b>,
    r: f64,
    rows: usize,
    label_w: u32,
    stem: &str,
) -> Result<RowChart<'a, 'b>, ReportError> {
    ChartBuilder::on(body)
        .margin(8)
        .margin_right(28)
        .x_label_area_size(52)
        .y_label_area_size(label_w)
        .build_cartesian_2d(-r..r, -0.6..(rows as f64 - 0.4))
        .ctx(stem)
}

/// How a chart with numbers on both axes labels them.
pub(super) struct Axes<'f> {
    pub x_desc: &'f str,
    pub y_desc: &'f str,
    pub x_labels: usize,
    pub y_labels: usize,
    pub xf: &'f dyn Fn(&f64) -> String,
    pub yf: &'f dyn Fn(&f64) -> String,
    /// Vertical grid lines (off for histograms).
    pub x_grid: bool,
}

/// The mesh of a chart with numbers on both axes, in the report's style.
pub(super) fn value_mesh(chart: &mut RowChart, a: &Axes<'_>, stem: &str) -> Result<(), ReportError> {
    let mut mesh = chart.configure_mesh();
    mesh.x_desc(a.x_desc)
        .y_desc(a.y_desc)
        .x_labels(a.x_labels)
        .y_labels(a.y_labels)
        .x_label_formatter(a.xf)
        .y_label_formatter(a.yf)
        .label_style(font(12.0))
        .axis_desc_style(font(13.0))
        .bold_line_style(BLACK.mix(0.1))
        .light_line_style(TRANSPARENT);
    if !a.x_grid {
        mesh.disable_x_mesh();
    }
    mesh.draw().ctx(stem)
}

/// The x mesh of a row chart: description, `x_labels` ticks formatted by `xf`, no y labels.
pub(super) fn row_mesh(
    chart: &mut RowChart,
    x_desc: &str,
    x_labels: usize,
    xf: &dyn Fn(&f64) -> String,
    stem: &str,
) -> Result<(), ReportError> {
    chart
        .configure_mesh()
        .x_desc(x_desc)
        .x_labels(x_labels)
        .y_labels(0)
        .x_label_formatter(xf)
        .disable_y_mesh()
        .label_style(font(12.0))
        .axis_desc_style(font(13.0))
        .bold_line_style(BLACK.mix(0.08))
        .light_line_style(TRANSPARENT)
        .draw()
        .ctx(stem)
}

/// Shade every other row (rows counted from the top) between x = `x.0` and `x.1`.
pub(super) fn shade_rows(
    chart: &mut RowChart,
    rows: usize,
    x: (f64, f64),
    shade: RGBColor,
    stem: &str,
) -> Result<(), ReportError> {
    chart
        .draw_series((0..rows).filter(|i| i % 2 == 0).map(|i| {
            let y = (rows - 1 - i) as f64;
            Rectangle::new([(x.0, y - 0.5), (x.1, y + 0.5)], shade.filled())
        }))
        .map(|_| ())
        .ctx(stem)
}

/// Colour-blind-safe colours (Okabe–Ito, without yellow), one per input folder.
const PALETTE: [RGBColor; 7] = [
    RGBColor(0, 114, 178),
    RGBColor(213, 94, 0),
    RGBColor(0, 158, 115),
    RGBColor(204, 121, 167),
    RGBColor(230, 159, 0),
    RGBColor(86, 180, 233),
    RGBColor(0, 0, 0),
];

pub(super) fn color(i: usize) -> RGBColor {
    PALETTE[i % PALETTE.len()]
}

pub(super) const FONT: &str = "sans-serif";
pub(super) const GREY: RGBColor = RGBColor(90, 90, 90);
pub(super) const INK: RGBColor = RGBColor(30, 30, 30);

/// A text style of `px` CSS pixels (plotters divides the size by 1.24 when writing SVG).
pub(super) fn font(px: f64) -> TextStyle<'static> {
    TextStyle::from((FONT, px * 1.24).into_font()).color(&INK)
}

pub(super) fn bold(px: f64) -> TextStyle<'static> {
    TextStyle::from((FONT, px * 1.24).into_font().style(FontStyle::Bold)).color(&INK)
}

/// Rough width in pixels of `s` at `px` (sans-serif averages about 0.55 em per character).
pub(super) fn text_width(s: &str, px: f64) -> i32 {
    (s.chars().count() as f64 * px * 0.56).ceil() as i32
}

/// Shorten `s` to at most `max` characters, with an ellipsis.
pub(super) fn shorten(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_string()
    } else {
        let mut t: String = s.chars().take(max.saturating_sub(1)).collect();
        t.push('…');
        t
    }
}

/// Map plotters' errors to ours, naming the chart.
pub(super) trait Ctx<T> {
    fn ctx(self, stem: &str) -> Result<T, ReportError>;
}

impl<T, E: std::fmt::Debug> Ctx<T> for Result<T, E> {
    fn ctx(self, stem: &str) -> Result<T, ReportError> {
        self.map_err(|e| ReportError::draw(stem, e))
    }
}

/// How a legend entry is drawn.
#[derive(Debug, Clone, Copy)]
pub(super) enum Swatch {
    Band(RGBColor),
    Bar(RGBColor),
    Dot(RGBColor),
    Triangle(RGBColor),
    Cross(RGBColor),
}

pub(super) struct LegendItem {
    pub label: String,
    pub swatch: Swatch,
}

impl LegendItem {
    pub fn new(label: impl Into<String>, swatch: Swatch) -> LegendItem {
        LegendItem { label: label.into(), swatch }
    }
}

/// Height of the header (title, then legend rows) for a chart `width` wide.
pub(super) fn header_height(width: u32, legend: &[LegendItem]) -> u32 {
    let rows = legend_rows(width, legend).len() as u32;
    40 + rows * 22
}

fn legend_rows(width: u32, legend: &[LegendItem]) -> Vec<Vec<(i32, usize)>> {
    let mut rows: Vec<Vec<(i32, usize)>> = Vec::new();
    let (mut x, max) = (14, width as i32 - 14);
    for (i, item) in legend.iter().enumerate() {
        let w = 30 + text_width(&item.label, 13.0) + 18;
        match rows.last_mut() {
            Some(row) if !(x + w > max && x > 14) => row.push((x, i)),
            _ => {
                x = 14;
                rows.push(vec![(x, i)]);
            }
        }
        x += w;
    }
    rows
}

/// Draw the title and the legend at the top of `root`; returns the area below them.
pub(super) fn header<'a>(
    root: &Area<'a>,
    stem: &str,
    title: &str,
    legend: &[LegendItem],
) -> Result<Area<'a>, ReportError> {
    let (width, _) = root.dim_in_pixel();
    let top = Pos::new(HPos::Left, VPos::Top);
    root.draw(&Text::new(title.to_string(), (14, 12), bold(17.0).pos(top))).ctx(stem)?;
    for (r, row) in legend_rows(width, legend).iter().enumerate() {
        let y = 44 + r as i32 * 22;
        for &(x, i) in row {
            draw_swatch(root, stem, legend[i].swatch, (x, y))?;
            let style = font(13.0).pos(Pos::new(HPos::Left, VPos::Center));
            root.draw(&Text::new(legend[i].label.clone(), (x + 30, y), style)).ctx(stem)?;
        }
    }
    let (_, body) = root.split_vertically(header_height(width, legend));
    Ok(body)
}

fn draw_swatch(root: &Area<'_>, stem: &str, s: Swatch, (x, y): (i32, i32)) -> Result<(), ReportError> {
    match s {
        Swatch::Band(c) => {
            root.draw(&Rectangle::new([(x, y - 7), (x + 24, y + 7)], c.mix(0.22).filled())).ctx(stem)?;
            root.draw(&PathElement::new(vec![(x, y), (x + 24, y)], c.stroke_width(3))).ctx(stem)
        }
        Swatch::Bar(c) => root.draw(&Rectangle::new([(x, y - 7), (x + 24, y + 7)], c.filled())).ctx(stem),
        Swatch::Dot(c) => root.draw(&Circle::new((x + 12, y), 5, c.filled())).ctx(stem),
        Swatch::Triangle(c) => root.draw(&TriangleMarker::new((x + 12, y), 7, c.filled())).ctx(stem),
        Swatch::Cross(c) => root.draw(&Cross::new((x + 12, y), 5, c.stroke_width(2))).ctx(stem),
    }
}

/// Draw into a fresh SVG of `size` pixels, white background.
pub(super) fn render(
    stem: &str,
    size: (u32, u32),
    draw: impl FnOnce(&Area<'_>) -> Result<(), ReportError>,
) -> Result<String, ReportError> {
    let mut buf = String::new();
    {
        let root = SVGBackend::with_string(&mut buf, size).into_drawing_area();
        root.fill(&WHITE).ctx(stem)?;
        draw(&root)?;
        root.present().ctx(stem)?;
    }
    Ok(buf)
}

/// Give the root `<svg>` its class, id and accessible title, and let it scale: width and
/// height become 100% (the viewBox keeps the drawing's proportions), so a chart opened alone
/// fills the browser window and an inline chart fills its box.
pub(super) fn finish(svg: &str, stem: &str, title: &str) -> String {
    let t = escape(title);
    let open_end = svg.find('>').map_or(svg.len(), |i| i + 1);
    let (open, rest) = svg.split_at(open_end);
    let attrs = open.trim_start_matches("<svg").trim_end_matches('>').trim_end_matches('/');
    let attrs = set_attr(&set_attr(attrs, "width", "100%"), "height", "100%");
    let mut out = String::with_capacity(svg.len() + 200);
    out.push_str(&format!("<svg class=\"chart\" id=\"{stem}\" role=\"img\" aria-label=\"{t}\""));
    out.push_str(&attrs);
    out.push_str(">\n<title>");
    out.push_str(&t);
    out.push_str("</title>");
    out.push_str(rest);
    if !out.ends_with('\n') {
        out.push('\n');
    }
    out
}

/// Replace the value of attribute `name` in `attrs` (` a="1" b="2"`).
fn set_attr(attrs: &str, name: &str, value: &str) -> String {
    let key = format!(" {name}=\"");
    match attrs.find(&key) {
        Some(i) => {
            let start = i + key.len();
            let end = attrs[start..].find('"').map_or(attrs.len(), |j| start + j);
            format!("{}{value}{}", &attrs[..start], &attrs[end..])
        }
        None => format!("{attrs}{key}{value}\""),
    }
}

/// A file stem from free text: ASCII letters, digits, `_` and `-` only.
pub(super) fn slug(s: &str) -> String {
    let mut out: String =
        s.chars().map(|c| if c.is_ascii_alphanumeric() || c == '-' || c == '_' { c } else { '_' }).collect();
    if out.is_empty() {
        out.push('x');
    }
    out
}

/// A padded axis range around [lo, hi]. Counts and amounts start at zero when close to it;
/// values known to lie in [0, 1] stay inside it.
pub(super) fn axis_range(lo: f64, hi: f64, include_zero: bool, bounded01: bool) -> (f64, f64) {
    let (mut lo, mut hi) = if lo.is_finite() && hi.is_finite() { (lo.min(hi), lo.max(hi)) } else { (0.0, 1.0) };
    if include_zero && lo > 0.0 {
        lo = 0.0;
    }
    let span = hi - lo;
    if span <= f64::EPSILON * hi.abs().max(1.0) {
        let d = if bounded01 { 0.05 } else { (hi.abs() * 0.1).max(0.5) };
        lo -= d;
        hi += d;
    } else {
        hi += span * 0.06;
        if !(include_zero && lo == 0.0) {
            lo -= span * 0.06;
        }
    }
    if bounded01 {
        lo = lo.max(0.0);
        hi = hi.min(1.0);
        if hi - lo < 0.01 {
            hi = (lo + 0.05).min(1.0);
            lo = hi - 0.05;
        }
    }
    if include_zero && lo < 0.0 && lo > -1e-12 {
        lo = 0.0;
    }
    (lo, hi)
}

/// Axis tick label: as few decimals as the axis span needs.
pub(super) fn tick_label(v: f64, span: f64) -> String {
    let span = if span > 0.0 && span.is_finite() { span } else { 1.0 };
    let decimals = (2.0 - span.log10().floor()).clamp(0.0, 6.0) as usize;
    let s = format!("{v:.decimals$}");
    let s = if s.contains('.') { s.trim_end_matches('0').trim_end_matches('.').to_string() } else { s };
    if s == "-0" { "0".to_string() } else { s }
}

/// Draw `labels` (category names) right-aligned left of the plot at pixel rows `ys`.
pub(super) fn left_labels(
    root: &Area<'_>,
    stem: &str,
    x: i32,
    items: &[(String, i32)],
    px: f64,
) -> Result<(), ReportError> {
    for (label, y) in items {
        let style = font(px).pos(Pos::new(HPos::Right, VPos::Center));
        root.draw(&Text::new(label.clone(), (x, *y), style)).ctx(stem)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges() {
        let (lo, hi) = axis_range(0.2, 0.9, false, true);
        assert!((lo - 0.158).abs() < 1e-12 && (hi - 0.942).abs() < 1e-12);
        let (lo, hi) = axis_range(3.0, 10.0, true, false);
        assert_eq!(lo, 0.0);
        assert!(hi > 10.0);
        let (lo, hi) = axis_range(5.0, 5.0, false, false);
        assert!(lo < 5.0 && hi > 5.0);
        let (lo, hi) = axis_range(1.0, 1.0, false, true);
        assert!(lo < 1.0 && hi == 1.0);
    }

    #[test]
    fn labels() {
        assert_eq!(tick_label(0.30000000000000004, 1.0), "0.3");
        assert_eq!(tick_label(150.0, 200.0), "150");
        assert_eq!(tick_label(-0.0001, 1.0), "0");
        assert_eq!(tick_label(0.125, 0.1), "0.125");
    }

    #[test]
    fn finish_adds_class_id_and_title() {
        let svg = "<svg width=\"10\" height=\"10\" viewBox=\"0 0 10 10\" xmlns=\"http://www.w3.org/2000/svg\">\n<rect/>\n</svg>\n";
        let out = finish(svg, "ts_attacks", "A & B");
        assert!(out.starts_with(
            "<svg class=\"chart\" id=\"ts_attacks\" role=\"img\" aria-label=\"A &amp; B\" width=\"100%\" height=\"100%\" viewBox=\"0 0 10 10\""
        ));
        assert!(out.contains("<title>A &amp; B</title>\n<rect/>"));
        assert_eq!(slug("a.b c"), "a_b_c");
    }
}

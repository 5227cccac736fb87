//! Chart 5: notable events of a typical run, one row per kind of event.

use super::super::error::ReportError;
use super::super::input::{Event, Folder};
use super::super::metrics;
use super::{Chart, Ctx, INK, LegendItem, Swatch, header, left_labels, render, row_mesh, shade_rows};
use plotters::prelude::*;
use std::collections::BTreeMap;

/// Rows of the timeline, top to bottom.
pub const CATEGORIES: [&str; 10] = [
    "Operations, severity ≥ 3",
    "Escalation",
    "Retaliation",
    "Sanctions imposed or joined",
    "Sanctions lifted or left",
    "Alliance formed or joined",
    "Alliance left or dissolved",
    "Pledge or agreement",
    "Vendor switch",
    "Shock or inject",
];

const COLORS: [RGBColor; 10] = [
    RGBColor(200, 40, 40),
    RGBColor(130, 0, 0),
    RGBColor(230, 120, 0),
    RGBColor(120, 60, 160),
    RGBColor(170, 140, 210),
    RGBColor(0, 114, 178),
    RGBColor(100, 170, 220),
    RGBColor(0, 140, 90),
    RGBColor(140, 100, 50),
    RGBColor(80, 80, 80),
];

/// The timeline row of an event, or None when it is not notable.
pub fn category(e: &Event) -> Option<usize> {
    let counter = matches!(e.detail.as_str(), "retaliation" | "escalation");
    let c = match e.kind.as_str() {
        "attack" if e.severity.unwrap_or(0) >= 3 && !counter => Some(0),
        "response" if e.response == "escalation" => Some(1),
        "response" if e.response == "retaliation" => Some(2),
        "sanction_imposed" | "sanction_intensified" | "sanction_joined" => Some(3),
        "sanction_lifted" | "sanction_left" => Some(4),
        "alliance_formed" | "alliance_joined" => Some(5),
        "alliance_left" | "alliance_dissolved" => Some(6),
        "pledge_taken" | "pledge_violation" | "agreement" => Some(7),
        "vendor_switch" => Some(8),
        "shock" => Some(9),
        _ => None,
    };
    c.or(e.injected.then_some(9))
}

fn who(id: &str) -> String {
    let n = metrics::state_name(id);
    // "Iran (IRN)" → "Iran"; unknown ids stay as they are.
    n.split(" (").next().unwrap_or(id).to_string()
}

/// "what happened" and "who → whom" for the events table.
pub fn describe(e: &Event) -> (String, String) {
    let parties = match (e.actor.is_empty(), e.target.is_empty()) {
        (false, false) => format!("{} → {}", who(&e.actor), who(&e.target)),
        (false, true) => who(&e.actor),
        (true, false) => format!("→ {}", who(&e.target)),
        (true, true) => String::new(),
    };
    let op = |t: &str| {
        if t.is_empty() { "cyber operation".to_string() } else { format!("{} operation", t.replace('_', "-")) }
    };
    let mut what = match e.kind.as_str() {
        "attack" => {
            let mut s = op(&e.op_type);
            if let Some(sev) = e.severity {
                s.push_str(&format!(", severity {sev} of 5"));
            }
            match e.success {
                Some(true) => s.push_str(", succeeded"),
                Some(false) => s.push_str(", failed"),
                None => {}
            }
            if e.attributed == Some(true) {
                s.push_str(", traced to the attacker");
            }
            if matches!(e.detail.as_str(), "retaliation" | "escalation") {
                s.push_str(&format!(" ({})", e.detail));
            }
            capitalise(&s)
        }
        "response" => match e.response.as_str() {
            "escalation" => format!("Escalation: answers with a harder {}", op(&e.op_type)),
            "retaliation" => format!("Retaliation in kind: {}", op(&e.op_type)),
            "sanction" => "Responds with sanctions".to_string(),
            "protest" => "Diplomatic protest".to_string(),
            "none" => "No public response".to_string(),
            r => format!("Response: {r}"),
        },
        "sanction_imposed" => "Sanctions imposed".to_string(),
        "sanction_intensified" => "Sanctions tightened".to_string(),
        "sanction_joined" => "Joins sanctions".to_string(),
        "sanction_left" => "Leaves sanctions".to_string(),
        "sanction_lifted" => "Sanctions lifted".to_string(),
        "alliance_formed" => match e.value {
            Some(v) if v > 0.0 => format!("Alliance formed ({v} states)"),
            _ => "Alliance formed".to_string(),
        },
        "alliance_joined" => "Joins an alliance".to_string(),
        "alliance_left" => "Leaves an alliance".to_string(),
        "alliance_dissolved" => "Alliance dissolved".to_string(),
        "pledge_taken" => "Takes data-security pledges".to_string(),
        "pledge_violation" => "Breaks a pledge".to_string(),
        "agreement" => "Agreement concluded".to_string(),
        "vendor_switch" => "Changes technology vendor".to_string(),
        "shock" => "Shock".to_string(),
        k => capitalise(&k.replace('_', " ")),
    };
    let detail = plain_detail(e);
    if !detail.is_empty() && !matches!(e.kind.as_str(), "attack" | "response") {
        what.push_str(&format!(" ({detail})"));
    }
    if e.injected {
        what.push_str(" [scripted inject]");
    }
    (what, parties)
}

/// The `detail` column in words. Internal labels (a sanction episode's `116-10`, a vendor's
/// state number) are left out: they mean nothing to a reader.
fn plain_detail(e: &Event) -> String {
    let parts: Vec<&str> = e.detail.split(';').map(str::trim).filter(|p| !p.is_empty()).collect();
    let mut out: Vec<String> = Vec::new();
    for (i, p) in parts.iter().enumerate() {
        let internal_label = i == 0 && e.kind.starts_with("sanction_") && !p.contains('=');
        if internal_label {
            continue;
        }
        let said = match (e.kind.as_str(), *p) {
            (_, "succeeded") => "the target gave in".to_string(),
            (_, "failed") => "without the target giving in".to_string(),
            (_, "lifted") => "lifted by its senders".to_string(),
            (_, "evaded") => "largely evaded".to_string(),
            (_, "ban") => "after a ban".to_string(),
            (_, "agreement") => "under an agreement".to_string(),
            (_, p) if p.starts_with("coalition=") => {
                let n = p.trim_start_matches("coalition=");
                if n == "1" { "one sender".to_string() } else { format!("a coalition of {n} senders") }
            }
            (_, p) if p.starts_with("from=") => {
                let v = p.trim_start_matches("from=");
                // the model writes a state's id here in newer versions and its number in older
                if v.chars().all(|c| c.is_ascii_digit()) { continue } else { format!("previous vendor: {}", who(v)) }
            }
            (_, p) => p.replace('_', " ").replace('=', ": "),
        };
        out.push(said);
    }
    out.join(", ")
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
        None => String::new(),
    }
}

/// Title of the typical run of folder `f`.
pub fn run_name(f: &Folder) -> String {
    match &f.timeline {
        Some(t) if f.runs.points.len() > 1 => format!("sweep point {}, run {}", t.point, t.run),
        Some(t) => format!("run {}", t.run),
        None => String::new(),
    }
}

pub fn charts(folders: &[Folder], ticks: &[u64], notes: &mut Vec<String>) -> Result<Vec<Chart>, ReportError> {
    let mut out = Vec::new();
    if folders.iter().all(|f| f.timeline.is_none()) {
        notes.push(
            "Event timeline skipped: no events.csv in the input folder(s) (run `cyberdip run` with --events)."
                .to_string(),
        );
        return Ok(out);
    }
    for (k, f) in folders.iter().enumerate() {
        let Some(t) = &f.timeline else {
            notes.push(format!("Event timeline: {} has no events.csv.", f.label));
            continue;
        };
        let mut counts: BTreeMap<(usize, u64, bool), u32> = BTreeMap::new();
        for e in &t.events {
            if let Some(c) = category(e) {
                *counts.entry((c, e.tick, e.injected)).or_insert(0) += 1;
            }
        }
        let max_tick = t.events.iter().map(|e| e.tick).max().unwrap_or(1).max(ticks[k]).max(1);
        let stem = format!("timeline_{}", k + 1);
        let title = format!("Notable events in a typical run — {} ({})", f.label, run_name(f));
        let legend = vec![
            LegendItem::new("event (a bigger dot = more events that month)", Swatch::Dot(INK)),
            LegendItem::new("scripted inject", Swatch::Triangle(INK)),
        ];
        let rows = CATEGORIES.len();
        let width = 1100;
        let height = super::header_height(width, &legend) + 30 * rows as u32 + 90;
        let svg = render(&stem, (width, height), |root| {
            let body = header(root, &stem, &title, &legend)?;
            let (x0, x1) = (0.5, max_tick as f64 + 0.5);
            let mut chart = ChartBuilder::on(&body)
                .margin(8)
                .margin_right(28)
                .x_label_area_size(50)
                .y_label_area_size(210)
                .build_cartesian_2d(x0..x1, -0.6..(rows as f64 - 0.4))
                .ctx(&stem)?;
            let xf =
                |v: &f64| if (v - v.round()).abs() < 1e-9 { format!("{}", v.round() as i64) } else { String::new() };
            row_mesh(&mut chart, "Month", 12, &xf, &stem)?;
            let y_of = |c: usize| (rows - 1 - c) as f64;
            shade_rows(&mut chart, rows, (x0, x1), RGBColor(244, 244, 244), &stem)?;
            for (&(c, tick, injected), &n) in &counts {
                let p = (tick as f64, y_of(c));
                let r = (3.5 + 1.6 * f64::from(n - 1).sqrt()).min(10.0).round() as i32;
                if injected {
                    chart.draw_series([TriangleMarker::new(p, r + 4, INK.filled())]).ctx(&stem)?;
                } else {
                    chart.draw_series([Circle::new(p, r, COLORS[c].mix(0.85).filled())]).ctx(&stem)?;
                }
            }
            let left = chart.backend_coord(&(x0, 0.0)).0 - 8;
            let items: Vec<(String, i32)> = CATEGORIES
                .iter()
                .enumerate()
                .map(|(c, l)| (l.to_string(), chart.backend_coord(&(x0, y_of(c))).1))
                .collect();
            left_labels(root, &stem, left, &items, 13.0)
        })?;
        let caption = format!(
            "Each dot is one or more events of that kind in that month (a bigger dot means more events) and black triangles are events forced by the exercise script; this run is typical: {}.",
            t.why
        );
        out.push(Chart { svg: super::finish(&svg, &stem, &title), stem, title, caption, wide: true });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ev(kind: &str) -> Event {
        Event {
            tick: 3,
            kind: kind.into(),
            actor: "RUS".into(),
            target: "USA".into(),
            op_type: "disruption".into(),
            severity: Some(4),
            success: Some(true),
            attributed: Some(true),
            response: String::new(),
            value: Some(0.05),
            injected: false,
            detail: "planned".into(),
        }
    }

    #[test]
    fn categories() {
        assert_eq!(category(&ev("attack")), Some(0));
        let mut low = ev("attack");
        low.severity = Some(2);
        assert_eq!(category(&low), None);
        low.injected = true;
        assert_eq!(category(&low), Some(9));
        let mut r = ev("response");
        r.response = "escalation".into();
        assert_eq!(category(&r), Some(1));
        r.response = "protest".into();
        assert_eq!(category(&r), None);
        assert_eq!(category(&ev("alliance_dissolved")), Some(6));
        assert_eq!(category(&ev("shock")), Some(9));
    }

    #[test]
    fn descriptions() {
        let (what, who) = describe(&ev("attack"));
        assert_eq!(what, "Disruption operation, severity 4 of 5, succeeded, traced to the attacker");
        assert_eq!(who, "Russia → United States");
        let mut p = ev("pledge_taken");
        p.detail = "no_backdoors;no_data_theft".into();
        p.target.clear();
        assert_eq!(describe(&p), ("Takes data-security pledges (no backdoors, no data theft)".into(), "Russia".into()));
        let mut v = ev("vendor_switch");
        v.detail = "from=USA".into();
        v.injected = true;
        assert_eq!(describe(&v).0, "Changes technology vendor (previous vendor: United States) [scripted inject]");
        v.detail = "from=1".into();
        assert_eq!(describe(&v).0, "Changes technology vendor [scripted inject]");
    }

    /// Issue 13: events were described by internal ids ("Sanctions imposed (40-6,
    /// coalition=2)"); they read as sentences now, with no internal label.
    #[test]
    fn sanction_events_are_described_without_internal_labels() {
        let mut s = ev("sanction_imposed");
        s.detail = "40-6;coalition=2".into();
        assert_eq!(describe(&s).0, "Sanctions imposed (a coalition of 2 senders)");
        s.kind = "sanction_lifted".into();
        s.detail = "16-6;failed;evaded".into();
        assert_eq!(describe(&s).0, "Sanctions lifted (without the target giving in, largely evaded)");
        s.kind = "sanction_joined".into();
        s.detail = "42-6".into();
        assert_eq!(describe(&s).0, "Joins sanctions");
    }
}

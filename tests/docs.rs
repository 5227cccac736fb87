//! Docs say what the code does: every output column and metric is documented in
//! docs/OUTPUTS.md, every parameter in docs/MODEL.md.

mod common;
use common::*;
use cyberdip::core::params::Group;

#[test]
fn outputs_md_documents_every_metric_and_column() {
    let doc = read(&path("docs/OUTPUTS.md"));
    for m in cyberdip::model::metrics() {
        assert!(doc.contains(&format!("`{}`", m.name)), "docs/OUTPUTS.md lacks runs.csv column `{}`", m.name);
    }
    for m in cyberdip::metrics::state_columns() {
        assert!(doc.contains(&format!("`{}`", m.name())), "docs/OUTPUTS.md lacks state metric `{}`", m.name());
    }
    for x in cyberdip::metrics::SERIES {
        assert!(doc.contains(&format!("`{}`", x.name)), "docs/OUTPUTS.md lacks timeseries metric `{}`", x.name);
    }
    for e in cyberdip::model::event_kinds() {
        assert!(doc.contains(&format!("`{}`", e.name)), "docs/OUTPUTS.md lacks event kind `{}`", e.name);
    }
    for h in cyberdip::output::csv_out::EVENTS_HEADER {
        assert!(doc.contains(h), "docs/OUTPUTS.md lacks events.csv column {h}");
    }
}

#[test]
fn model_md_lists_every_parameter_and_every_direction_test() {
    let doc = read(&path("docs/MODEL.md"));
    for s in cyberdip::model::Params::specs() {
        let p = s.path;
        assert!(doc.contains(&format!("`{p}`")), "docs/MODEL.md lacks parameter `{p}`");
    }
    for s in cyberdip::model::StateParams::specs() {
        let p = s.path;
        assert!(doc.contains(&format!("`{p}`")), "docs/MODEL.md lacks state key `{p}`");
    }
    let tests = read(&path("tests/directions.rs"));
    for line in tests.lines().filter(|l| l.starts_with("direction!(")) {
        let name = line["direction!(".len()..].split(',').next().unwrap();
        assert!(doc.contains(name), "docs/MODEL.md traceability lacks directions::{name}");
    }
}

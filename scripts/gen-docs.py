#!/usr/bin/env python3
"""Regenerate the generated parts of docs/MODEL.md (appendices: every parameter and state
key with default, range, unit, source; doctrine defaults; assumptions) and docs/OUTPUTS.md
(every output metric) from the registries, via `cyberdip explain`.

Usage (from the repository root, after `cargo build --release`):
    python3 scripts/gen-docs.py
tests/docs.rs fails when a parameter or metric is missing from the docs.
"""
import collections, csv, io, subprocess, sys

BIN = "target/release/cyberdip"
MARK = "<!-- generated below by scripts/gen-docs.py: do not edit by hand -->\n"


def explain(*args):
    return subprocess.run([BIN, "explain", "scenarios/baseline.toml", *args], check=True, capture_output=True, text=True).stdout


def replace_after_mark(path, generated):
    text = open(path).read()
    if MARK not in text:
        sys.exit(f"{path}: marker not found")
    open(path, "w").write(text[: text.index(MARK) + len(MARK)] + "\n" + generated)


def model_appendices():
    rows = list(csv.DictReader(io.StringIO(explain("--format", "csv"))))
    glob = [r for r in rows if r["path"].startswith("parameters.")]
    st = lambda sid: [r for r in rows if r["path"].startswith(f"state.{sid}.")]
    key = lambda r, sid: r["path"][len(f"state.{sid}.") :]
    out = ["## Appendix A. Global parameters (`[parameters]`, `--set parameters.<path>=<value>`)\n",
           'Every number the model reads, with its default, range, unit and source. A source that starts with "assumption" (or says "assumption on magnitude") is a number the seeds do not give: the seed row names the direction, the number is ours and can be changed.']
    groups = collections.OrderedDict()
    for r in glob:
        groups.setdefault(r["path"].split(".")[1], []).append(r)
    for g, rs in groups.items():
        out.append(f"\n### `{g}`\n\n| parameter | default | range | unit | source | meaning |\n|---|---|---|---|---|---|")
        for r in rs:
            out.append(f"| `{r['path'][len('parameters.'):]}` | {r['default']} | {r['min']}–{r['max']} | {r['unit']} | {r['source']} | {r['meaning']} |")
    out.append("\n## Appendix B. State keys (`[[state]]`, `--set state.<ID>.<key>=<value>`)\n")
    out.append("Defaults shown are those of a `balanced` state; doctrine defaults follow in Appendix C; the baseline's values and their sources are in scenarios/baseline.toml and `cyberdip explain scenarios/baseline.toml --state <ID>`.\n")
    out.append("| key | default | range | unit | source | meaning |\n|---|---|---|---|---|---|")
    for r in st("IRQ"):
        out.append(f"| `{key(r, 'IRQ')}` | {r['default']} | {r['min']}–{r['max']} | {r['unit']} | {r['source']} | {r['meaning']} |")
    out.append("\nNon-numeric keys: `id` (letters, digits, `_`, `-`), `name`, `region` (regional levers act within it), `doctrine` (Appendix C), `institutions` (any of UN, ITU, ECO, SCO, BRICS, EU, NATO, GCC, WIC), `supplier` (id of the state whose vendors dominate its key ICT; 003), `pledges` (any of `no_backdoors`, `no_cii_attacks`, `no_data_theft`; 003).\n")
    out.append("\n## Appendix C. Doctrine defaults (001 Tables 2-3)\n")
    out.append("Weights a doctrine gives a state unless the scenario sets them (all assumptions encoding the direction of Tables 2-3; see `src/model/doctrine.rs`).\n")
    ids = [("balanced", "IRQ"), ("united-states", "USA"), ("china", "CHN"), ("russia", "RUS"), ("united-kingdom", "GBR"), ("iran", "IRN")]
    per = {d: {key(r, i): r["default"] for r in st(i)} for d, i in ids}
    keys = [key(r, "IRQ") for r in st("IRQ")]
    out.append("| key | " + " | ".join(d for d, _ in ids) + " |\n|---|" + "---|" * len(ids))
    for k in keys:
        if len({per[d][k] for d, _ in ids}) > 1:
            out.append(f"| `{k}` | " + " | ".join(per[d][k] for d, _ in ids) + " |")
    n_ass = sum(1 for r in glob if "assumption" in r["source"])
    out.append("\n## Appendix D. Assumptions\n")
    out.append(f'Of the {len(glob)} global parameters, {n_ass} are numbers the seeds do not give (source contains "assumption"); they are listed with their defaults below and in Appendix A, and every state key whose magnitude is an assumption is marked so in Appendix B. The baseline\'s initial values are assumptions except where scenarios/baseline.toml cites a public index (ITU GCI 2020, IISS 2021, Belfer NCPI 2020). `cyberdip explain SCENARIO` prints every effective value with its source and the file and line that set it.\n')
    out.append("| assumption | default | used for |\n|---|---|---|")
    for r in glob:
        if "assumption" in r["source"]:
            out.append(f"| `{r['path'][len('parameters.'):]}` | {r['default']} | {r['meaning']} |")
    out.append("\n## Appendix E. Mechanisms, in the order they run\n")
    out.append("From the registry (`src/model/mod.rs`, `cyberdip explain SCENARIO --mechanisms`): each mechanism's seed row, the phases it acts in, the state variables it owns in the update phase, its random-stream purposes, the events it records, the metrics it reports and its number of global parameters.\n")
    out.append(explain("--mechanisms"))
    return "\n".join(out) + "\n"


replace_after_mark("docs/MODEL.md", model_appendices())
replace_after_mark("docs/OUTPUTS.md", explain("--metrics"))
print("docs regenerated")

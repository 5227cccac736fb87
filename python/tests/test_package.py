"""The package as a user meets it (issue 15): the README's one-liner, the worked example of
docs/PYTHON.md (with small numbers), the shipped type information and the version."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import numpy as np
from conftest import ROOT

import cyberdip

EXAMPLE = ROOT / "python" / "examples" / "iran_discovery.py"


def test_the_readme_one_liner_prints_a_summary():
    code = "import cyberdip; print(cyberdip.load('scenarios/baseline.toml').run(runs=10).summary.head())"
    r = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr
    lines = r.stdout.strip().splitlines()
    assert "metric" in lines[0] and "mean" in lines[0]
    assert len(lines) >= 6 and all(" baseline " in x or "baseline" in x for x in lines[1:6])


def test_the_scenario_discovery_example_runs_with_small_numbers():
    import importlib.util

    spec = importlib.util.spec_from_file_location("iran_discovery", EXAMPLE)
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    r = mod.main(["--scenarios", "48", "--policies", "4", "--replications", "1", "--ticks", "60"])
    assert 0 < r["share_exposed"] < 1
    stats = r["challenge_box_stats"]
    assert 0 < stats["coverage"] <= 1 and stats["density"] >= r["share_exposed"]
    assert set(r["challenge_box"]) <= {c[0] for c in mod.CHALLENGES}
    assert r["worlds_in_box"] >= 1
    assert set(r["lever_box"]) <= {lv[0] for lv in mod.LEVERS}
    assert 0 <= r["broken_with_baseline_strategy"] <= 1 and r["broken_best_policy"] >= r["broken_across_levers"]
    assert set(r["lever_ranking"]) == {lv[0] for lv in mod.LEVERS}


def test_the_example_script_runs_from_the_command_line(tmp_path):
    args = ["--scenarios", "40", "--policies", "2", "--replications", "1", "--ticks", "60"]
    r = subprocess.run([sys.executable, str(EXAMPLE), *args], cwd=tmp_path, capture_output=True, text=True,
                       timeout=600)
    assert r.returncode == 0, r.stderr[-2000:]
    assert "Box of challenges" in r.stdout and "Levers that break the box" in r.stdout


def test_type_information_ships_with_the_package():
    pkg = Path(cyberdip.__file__).parent
    assert (pkg / "py.typed").is_file()
    stub = (pkg / "_cyberdip.pyi").read_text()
    for name in ("class ScenarioError", "class Document", "def run", "def evaluate", "def parameters"):
        assert name in stub, name


def test_the_version_is_the_crates():
    cargo = (ROOT / "Cargo.toml").read_text()
    m = re.search(r'^version = "([^"]+)"', cargo, re.M)
    assert m and cyberdip.__version__ == m.group(1)


def test_results_and_scenarios_explain_themselves(baseline):
    res = baseline.run(runs=2, ticks=12, events=True)
    assert "2 runs x 12 months" in repr(res) and "events" in repr(res)
    assert "baseline.toml" in repr(baseline)
    assert baseline.focus == ["USA", "CHN", "RUS", "GBR", "IRN"] and "IRN" in baseline.states
    assert "IRN_security" in baseline.metrics
    newer = baseline.with_set({"state.IRN.coordination": 0.9})
    assert newer.describe("state.IRN.coordination")[3] == 0.9
    assert baseline.describe("state.IRN.coordination")[3] != 0.9
    assert np.isfinite(res.runs["attacks"]).all()

"""SALib through the package (issue 15): problem dicts from the registry, sample matrices run
in Rust, and the Ishigami round trip (sample -> evaluate -> analyze recovers the known
indices)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from conftest import BASELINE, cli
from SALib.analyze import sobol as sobol_analyze
from SALib.sample import sobol as sobol_sample

import cyberdip
import cyberdip.salib

KEYS = ["state.IRN.coordination", "sanction.iran.intensity", "parameters.attacks.max_ops"]


def test_ishigami_round_trip_recovers_the_known_indices():
    model = cyberdip.models.ishigami()
    problem = cyberdip.salib.problem(model)
    assert problem["names"] == ["x1", "x2", "x3"]
    assert problem["bounds"] == [[-np.pi, np.pi]] * 3
    X = sobol_sample.sample(problem, 2048, calc_second_order=False, seed=42)
    Y = cyberdip.salib.evaluate(model, X, "y", problem=problem)
    assert Y.shape == (len(X),)
    x1, x2, x3 = X[:, 0], X[:, 1], X[:, 2]
    assert np.allclose(Y, np.sin(x1) + 7 * np.sin(x2) ** 2 + 0.1 * x3**4 * np.sin(x1), rtol=1e-12, atol=1e-12)
    si = sobol_analyze.analyze(problem, Y, calc_second_order=False, seed=42)
    s1, st = model.indices()
    assert s1 == pytest.approx([0.3139, 0.4424, 0.0], abs=1e-3)
    assert st == pytest.approx([0.5576, 0.4424, 0.2437], abs=1e-3)
    assert si["S1"] == pytest.approx(s1, abs=0.03), si["S1"]
    assert si["ST"] == pytest.approx(st, abs=0.03), si["ST"]


def test_sobol_g_ranks_its_inputs_by_importance():
    model = cyberdip.models.sobol_g([0.0, 1.0, 9.0, 99.0])
    problem = cyberdip.salib.problem(model)
    X = sobol_sample.sample(problem, 1024, calc_second_order=False, seed=7)
    si = sobol_analyze.analyze(problem, cyberdip.salib.evaluate(model, X, "y", problem=problem),
                               calc_second_order=False, seed=7)
    assert list(np.argsort(-si["ST"])) == [0, 1, 2, 3]
    assert si["ST"] == pytest.approx(model.indices()[1], abs=0.05)


def test_problem_takes_ranges_and_kinds_from_the_registry(baseline):
    p = cyberdip.salib.problem(baseline, KEYS)
    reg = cyberdip.parameters(baseline).set_index("name")
    assert p["num_vars"] == 3 and p["names"] == KEYS
    assert p["bounds"][0] == [reg.loc[KEYS[0], "min"], reg.loc[KEYS[0], "max"]]
    assert p["bounds"][1] == [0.0, 1.0]  # a sanction's intensity is a share
    assert p["bounds"][2] == [reg.loc[KEYS[2], "min"], reg.loc[KEYS[2], "max"]] == [0.0, 64.0]
    narrow = cyberdip.salib.problem(baseline, {KEYS[0]: (0.1, 0.9)})
    assert narrow["bounds"] == [[0.1, 0.9]]
    with pytest.raises(cyberdip.ScenarioError, match="low < high"):
        cyberdip.salib.problem(baseline, {KEYS[0]: (0.1, 1.5)})
    with pytest.raises(cyberdip.ScenarioError, match="SALib samples numbers"):
        cyberdip.salib.problem(baseline, ["state.IRN.doctrine"])
    with pytest.raises(cyberdip.ScenarioError):
        cyberdip.salib.problem(baseline, ["state.IRN.coordinaton"])


def test_each_row_equals_the_command_line_with_the_same_values(baseline, tmp_path):
    X = np.array([[0.25, 0.6, 4.6], [0.8, 0.3, 1.2]])
    raw = baseline._doc.evaluate(KEYS, X.tolist(), ["IRN_damage_received", "attacks"], 3, 42, 24)
    Y = cyberdip.salib.evaluate(baseline, X, ["IRN_damage_received", "attacks"], runs=3, ticks=24, problem=KEYS)
    assert Y.shape == (2, 2)
    for i, (c, s, ops) in enumerate(X.tolist()):
        out = tmp_path / f"row{i}"
        # max_ops is a whole number: 4.6 is rounded to 5, as a sweep does
        cli("run", str(BASELINE), "--runs", "3", "--ticks", "24", "--quiet", "--out", str(out),
            "--set", f"{KEYS[0]}={c!r}", "--set", f"{KEYS[1]}={s!r}", "--set", f"{KEYS[2]}={round(ops)}")
        runs = pd.read_csv(out / "runs.csv", dtype=str)
        for k, metric in enumerate(["IRN_damage_received", "attacks"]):
            want = np.array([float(v) for v in runs[metric]])
            assert (raw[i, :, k].view(np.uint64) == want.view(np.uint64)).all(), (i, metric)
            assert Y[i, k] == np.mean(want)


def test_a_dataframe_names_its_columns_and_threads_do_not_matter(baseline):
    X = pd.DataFrame({"state.IRN.coordination": [0.2, 0.5, 0.9], "state.IRN.cyber_budget": [0.3, 0.3, 0.7]})
    a = cyberdip.salib.evaluate(baseline, X, "IRN_successful_attacks_received", runs=2, ticks=24, threads=1)
    b = cyberdip.salib.evaluate(baseline, X.to_numpy(), "IRN_successful_attacks_received", runs=2, ticks=24,
                                threads=2, problem=list(X.columns))
    assert (a == b).all() and a.shape == (3,)
    with pytest.raises(ValueError, match="problem="):
        cyberdip.salib.evaluate(baseline, X.to_numpy(), "attacks")


def test_a_bad_value_names_its_row(baseline):
    with pytest.raises(cyberdip.ScenarioError) as info:
        cyberdip.salib.evaluate(baseline, np.array([[0.5], [1.7]]), "attacks", problem=["state.IRN.coordination"])
    assert info.value.file == "point 1 state.IRN.coordination=1.7"
    assert "out of range" in info.value.message

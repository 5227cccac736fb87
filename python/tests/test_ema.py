"""The EMA Workbench on the engine (issue 15): uncertainties and levers typed by the
registry, experiments equal to the command line's runs, the parallel evaluator equal to the
workbench's sequential one, and PRIM on the results."""

from __future__ import annotations

import pickle

import numpy as np
import pandas as pd
import pytest
from conftest import BASELINE, cli
from ema_workbench import (
    ArrayOutcome,
    CategoricalParameter,
    IntegerParameter,
    Policy,
    RealParameter,
    ScalarOutcome,
    perform_experiments,
)
from ema_workbench.analysis import prim
from ema_workbench.em_framework.samplers import sample_uncertainties

import cyberdip
import cyberdip.ema

OUT = "IRN_successful_attacks_received"
DAMAGE = "IRN_damage_received"  # continuous: experiments differ in it whatever the model's numbers


@pytest.fixture(scope="module")
def model(baseline):
    return cyberdip.ema.model(
        baseline,
        uncertainties=["state.IRN.coordination", ("state.IRN.cyber_budget", 0.1, 0.8), "parameters.attacks.max_ops"],
        levers=["state.IRN.doctrine", ("state.IRN.strategy.regional.deterrence", 0.0, 0.5)],
        outcomes=[OUT, "attacks", DAMAGE],
        ticks=60,
    )


def test_parameters_take_kinds_and_ranges_from_the_registry(baseline, model):
    u = {p.name: p for p in model.uncertainties}
    assert isinstance(u["state.IRN.coordination"], RealParameter)
    assert (u["state.IRN.coordination"].lower_bound, u["state.IRN.coordination"].upper_bound) == (0.0, 1.0)
    assert (u["state.IRN.cyber_budget"].lower_bound, u["state.IRN.cyber_budget"].upper_bound) == (0.1, 0.8)
    assert isinstance(u["parameters.attacks.max_ops"], IntegerParameter)
    assert (u["parameters.attacks.max_ops"].lower_bound, u["parameters.attacks.max_ops"].upper_bound) == (0, 64)
    doctrine = {p.name: p for p in model.levers}["state.IRN.doctrine"]
    assert isinstance(doctrine, CategoricalParameter)
    doctrines = [c.value for c in doctrine.categories]
    assert doctrines == list(baseline.describe("state.IRN.doctrine")[1])  # the engine's list
    assert {"balanced", "united-states", "china", "russia", "united-kingdom", "iran"} <= set(doctrines)
    assert model.name == "baseline"
    sub = cyberdip.ema.parameter(baseline, ("state.IRN.doctrine", ["iran", "russia"]))
    assert [c.value for c in sub.categories] == ["iran", "russia"]
    kept = RealParameter("coordination", 0.2, 0.4, variable_name="state.IRN.coordination")
    assert cyberdip.ema.parameter(baseline, kept) is kept


def test_bad_paths_ranges_and_outcomes_are_scenario_errors(baseline):
    with pytest.raises(cyberdip.ScenarioError) as info:
        cyberdip.ema.model(baseline, uncertainties=["state.IRN.coordinaton"], outcomes=[OUT])
    assert "state.IRN.coordination" in info.value.help
    with pytest.raises(cyberdip.ScenarioError, match="low < high"):
        cyberdip.ema.parameter(baseline, ("state.IRN.coordination", 0.5, 2.0))
    with pytest.raises(cyberdip.ScenarioError, match="not allowed"):
        cyberdip.ema.parameter(baseline, ("state.IRN.doctrine", ["iran", "martian"]))
    with pytest.raises(cyberdip.ScenarioError, match="not a runs metric") as info:
        cyberdip.ema.model(baseline, uncertainties=["state.IRN.coordination"],
                           outcomes=["IRN_successful_attacks_recieved"])
    assert info.value.help == f"did you mean '{OUT}'?"


def test_an_experiment_equals_the_command_line_with_the_same_values(model, tmp_path):
    values = {"state.IRN.coordination": 0.31, "state.IRN.cyber_budget": 0.42, "parameters.attacks.max_ops": 6,
              "state.IRN.doctrine": "russia", "state.IRN.strategy.regional.deterrence": 0.25}
    [got] = model.run_experiments([values])
    cli("run", str(BASELINE), "--runs", "1", "--ticks", "60", "--quiet", "--out", str(tmp_path),
        *[a for k, v in values.items() for a in ("--set", f"{k}={v}")])
    runs = pd.read_csv(tmp_path / "runs.csv", dtype=str)
    for metric in (OUT, "attacks", DAMAGE):
        assert got[metric] == float(runs[metric][0])
        assert np.float64(got[metric]).view(np.uint64) == np.float64(float(runs[metric][0])).view(np.uint64)


def test_the_parallel_evaluator_equals_the_sequential_one(model):
    scenarios = sample_uncertainties(model, 12)
    policies = [Policy("restraint", **{"state.IRN.doctrine": "iran", "state.IRN.strategy.regional.deterrence": 0.0}),
                Policy("deterrence", **{"state.IRN.doctrine": "russia", "state.IRN.strategy.regional.deterrence": 0.5})]
    seq_ex, seq_out = perform_experiments(model, scenarios=scenarios, policies=policies)
    par_ex, par_out = cyberdip.ema.perform_experiments(model, scenarios=scenarios, policies=policies)
    # (scenario names are numbered afresh each time the design is iterated)
    pd.testing.assert_frame_equal(seq_ex.drop(columns="scenario"), par_ex.drop(columns="scenario"))
    for k in (OUT, "attacks", DAMAGE):
        assert seq_out[k].shape == (24,)
        assert (seq_out[k].view(np.uint64) == par_out[k].view(np.uint64)).all(), k
    assert seq_out[DAMAGE].std() > 0, "the experiments should differ"


def test_replications_are_averaged_or_kept(baseline):
    m = cyberdip.ema.model(baseline, uncertainties=["state.IRN.coordination"],
                           outcomes=[OUT, ArrayOutcome("all_attacks", variable_name="attacks")],
                           replications=4, ticks=24)
    assert isinstance(m.outcomes[OUT], ScalarOutcome)
    [one] = m.run_experiments([{"state.IRN.coordination": 0.4}])
    assert len(one[OUT]) == 4 and len(one["attacks"]) == 4
    raw = baseline._doc.evaluate(["state.IRN.coordination"], [[0.4]], [OUT], 4, 42, 24)
    assert one[OUT] == list(raw[0, :, 0])
    ex, out = cyberdip.ema.perform_experiments(m, scenarios=5)
    assert out[OUT].shape == (5,) and out["all_attacks"].shape == (5, 4)
    assert np.allclose(out[OUT], [np.mean(m.run_experiments([{"state.IRN.coordination": c}])[0][OUT])
                                  for c in ex["state.IRN.coordination"]])


def test_prim_finds_a_box_and_the_model_pickles(model):
    ex, out = cyberdip.ema.perform_experiments(model, scenarios=60, policies=2)
    y = out[DAMAGE] > np.median(out[DAMAGE])
    assert 0 < y.mean() < 1
    box = prim.Prim(ex[model.uncertainty_names], y, threshold=0.5).find_box()
    assert len(box.peeling_trajectory) > 1, "PRIM peeled nothing"
    assert 0 < box.coverage <= 1 and box.density >= y.mean()
    clone = pickle.loads(pickle.dumps(model))
    values = {"state.IRN.coordination": 0.5, "state.IRN.cyber_budget": 0.5, "parameters.attacks.max_ops": 4,
              "state.IRN.doctrine": "iran", "state.IRN.strategy.regional.deterrence": 0.1}
    assert clone.run_experiments([values]) == model.run_experiments([values])

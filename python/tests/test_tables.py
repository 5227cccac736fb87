"""The DataFrames of `Scenario.run` hold exactly the values of the CSV files `cyberdip run`
writes with the same arguments (issue 15): same columns, same order, same dtypes as
pandas reads them, floats equal bit for bit after a round-tripping parse."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from conftest import BASELINE, cli

import cyberdip

# Values with long decimals, a whole-number parameter and a doctrine: every kind of value
# crosses the Python boundary the way `--set` gives it.
SETS = {
    "state.IRN.coordination": 0.7123456789012345,
    "parameters.attacks.max_ops": 5,
    "state.IRN.doctrine": "russia",
}
CLI_SETS = [
    "--set", "state.IRN.coordination=0.7123456789012345",
    "--set", "parameters.attacks.max_ops=5",
    "--set", "state.IRN.doctrine=russia",
]


INT_COLUMNS = {"point", "run", "seed", "n", "tick"}
TEXT_COLUMNS = {"scenario", "metric", "state", "path", "unit", "source", "set_in", "meaning"}


def read_csv(path) -> pd.DataFrame:
    """A CSV file of `cyberdip run` read as text, numbers parsed by Python's float() (correctly
    rounded, so the shortest round-trip text gives back the exact double); ids as int64."""
    raw = pd.read_csv(path, dtype=str, keep_default_na=False)
    cols = {}
    for c in raw.columns:
        if c in INT_COLUMNS:
            cols[c] = raw[c].astype(np.int64)
        elif c in TEXT_COLUMNS:
            cols[c] = raw[c]
        else:
            cols[c] = np.array([float(v) for v in raw[c]], dtype=np.float64)
    return pd.DataFrame(cols)


def assert_same_bits(a: pd.DataFrame, b: pd.DataFrame) -> None:
    """Every float column equal bit for bit (NaN equal to NaN), every other column equal."""
    assert list(a.columns) == list(b.columns)
    assert len(a) == len(b)
    for c in a.columns:
        x, y = a[c], b[c]
        if pd.api.types.is_float_dtype(x.dtype):
            assert pd.api.types.is_float_dtype(y.dtype), f"{c}: {x.dtype} vs {y.dtype}"
            xv, yv = x.to_numpy(np.float64), y.to_numpy(np.float64)
            both_nan = np.isnan(xv) & np.isnan(yv)
            same = (xv.view(np.uint64) == yv.view(np.uint64)) | both_nan
            assert same.all(), f"{c}: first difference at row {int(np.argmin(same))}: {xv[~same][:3]} vs {yv[~same][:3]}"
        else:
            pd.testing.assert_series_equal(x, y, check_names=False, check_exact=True)


@pytest.fixture(scope="module")
def both(tmp_path_factory):
    out = tmp_path_factory.mktemp("run")
    cli("run", str(BASELINE), "--runs", "12", "--seed", "7", "--ticks", "36", *CLI_SETS,
        "--events", "--timeseries", "--quiet", "--out", str(out))
    res = cyberdip.load(BASELINE, set=SETS).run(runs=12, seed=7, ticks=36, events=True, timeseries=True)
    return res, out


def test_runs_equal_runs_csv(both):
    res, out = both
    csv = read_csv(out / "runs.csv")
    assert_same_bits(res.runs, csv)
    pd.testing.assert_frame_equal(res.runs, csv, check_exact=True)
    assert res.runs["IRN_security"].notna().all()


def test_summary_equals_summary_csv(both):
    res, out = both
    csv = read_csv(out / "summary.csv")
    assert_same_bits(res.summary, csv)
    pd.testing.assert_frame_equal(res.summary, csv, check_exact=True)


def test_states_equal_states_csv(both):
    res, out = both
    csv = read_csv(out / "states.csv")
    assert_same_bits(res.states, csv)
    pd.testing.assert_frame_equal(res.states, csv, check_exact=True)


def test_timeseries_equal_timeseries_csv(both):
    res, out = both
    csv = read_csv(out / "timeseries.csv")
    assert_same_bits(res.timeseries, csv)
    pd.testing.assert_frame_equal(res.timeseries, csv, check_exact=True)
    assert res.timeseries["tick"].max() == 36 == res.ticks


def test_events_equal_events_csv(both):
    res, out = both
    raw = pd.read_csv(out / "events.csv", dtype=str, keep_default_na=False)
    assert len(raw) > 0, "the run recorded no events: the comparison would be empty"

    def text(c):  # an empty cell is a missing value
        return pd.Series([v if v != "" else None for v in raw[c]])

    def flag(c):
        return pd.array([{"1": True, "0": False, "": None}[v] for v in raw[c]], dtype="boolean")

    want = pd.DataFrame({
        "scenario": raw["scenario"],
        "point": raw["point"].astype(np.int64),
        "run": raw["run"].astype(np.int64),
        "tick": raw["tick"].astype(np.int64),
        "kind": raw["kind"],
        "actor": raw["actor"],
        "target": text("target"),
        "type": text("type"),
        "severity": pd.array([int(v) if v else None for v in raw["severity"]], dtype="Int64"),
        "success": flag("success"),
        "detected": flag("detected"),
        "attributed": flag("attributed"),
        "response": text("response"),
        "value": np.array([float(v) for v in raw["value"]]),
        "injected": raw["injected"] == "1",
        "detail": raw["detail"],
    })
    assert_same_bits(res.events, want)
    pd.testing.assert_frame_equal(res.events, want, check_exact=True)
    assert res.events["success"].notna().any() and res.events["target"].isna().any()


def test_thread_count_does_not_change_results(baseline):
    one = baseline.run(runs=9, seed=3, ticks=24, threads=1)
    two = baseline.run(runs=9, seed=3, ticks=24, threads=2)
    assert_same_bits(one.runs, two.runs)
    assert_same_bits(one.states, two.states)


def test_defaults_are_runs_200_seed_42_and_the_files_ticks(baseline):
    res = baseline.run(runs=3)
    assert res.seed == 42 and res.ticks == baseline.ticks == 120
    assert list(res.runs["run"]) == [0, 1, 2] and (res.runs["seed"] == 42).all()
    assert res.events is None and res.timeseries is None


def test_parameters_equal_explain_csv(baseline, tmp_path):
    sc = cyberdip.load(BASELINE, set={"state.IRN.coordination": 0.55})
    df = cyberdip.parameters(sc)
    text = cli("explain", str(BASELINE), "--set", "state.IRN.coordination=0.55", "--format", "csv").stdout
    (tmp_path / "explain.csv").write_text(text)
    csv = read_csv(tmp_path / "explain.csv")
    assert list(df.columns) == ["name", "value", "default", "min", "max", "kind", "unit", "source", "set_in", "meaning"]
    assert list(df["name"]) == list(csv["path"])
    for c in ["value", "default", "min", "max"]:
        assert (df[c].to_numpy().view(np.uint64) == csv[c].to_numpy(np.float64).view(np.uint64)).all(), c
    for c in ["unit", "source", "set_in", "meaning"]:
        assert list(df[c].fillna("")) == list(csv[c].fillna("")), c
    row = df.set_index("name").loc["state.IRN.coordination"]
    assert row["value"] == 0.55 and row["set_in"].startswith("--set state.IRN.coordination=0.55")
    assert set(df["kind"]) == {"real", "int"}

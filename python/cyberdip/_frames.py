"""pandas DataFrames from the native module's arrays, with the columns, order and values of
the CSV files of ``cyberdip run`` (docs/OUTPUTS.md): runs.csv, summary.csv, states.csv,
events.csv and timeseries.csv.

Numbers keep their dtype as ``pandas.read_csv`` would infer it (ids ``int64``, metrics
``float64``); in events, empty cells become missing values of a typed column (``Int64``
severity, ``boolean`` flags, ``None`` text).
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

SUMMARY_STATS = ["mean", "sd", "ci95_low", "ci95_high", "min", "p05", "p25", "p50", "p75", "p95", "max"]


def _text(values: np.ndarray) -> pd.Series:
    """A text column as read_csv makes it (object, or pandas 3's ``str``)."""
    return pd.Series(values.tolist() if isinstance(values, np.ndarray) else list(values))


def _const(text: str, n: int) -> pd.Series:
    return _text(np.full(n, text, dtype=object))


def _ints(values: Any) -> np.ndarray:
    return np.asarray(values, dtype=np.int64)


def runs(raw: dict[str, Any]) -> pd.DataFrame:
    """runs.csv: ``scenario, point, run, seed`` and one column per metric."""
    n = len(raw["run"])
    cols: dict[str, Any] = {
        "scenario": _const(raw["scenario"], n),
        "point": np.full(n, raw["point"], dtype=np.int64),
        "run": _ints(raw["run"]),
        "seed": np.full(n, raw["seed"], dtype=np.int64),
    }
    m = raw["metrics"]
    for k, name in enumerate(raw["columns"]):
        cols[name] = m[:, k]
    return pd.DataFrame(cols)


def summary(raw: dict[str, Any]) -> pd.DataFrame:
    """summary.csv: one row per runs metric."""
    names = raw["columns"]
    n = len(names)
    cols: dict[str, Any] = {
        "scenario": _const(raw["scenario"], n),
        "point": np.full(n, raw["point"], dtype=np.int64),
        "metric": _text(np.asarray(names, dtype=object)),
        "n": _ints(raw["summary_n"]),
    }
    s = raw["summary"]
    for k, stat in enumerate(SUMMARY_STATS):
        cols[stat] = s[:, k]
    return pd.DataFrame(cols)


def states(raw: dict[str, Any]) -> pd.DataFrame:
    """states.csv: one row per run, state and metric, in that order."""
    v = raw["states"]
    n, s, m = v.shape
    ids = np.asarray(raw["ids"], dtype=object)
    names = np.asarray(raw["state_metrics"], dtype=object)
    rows = n * s * m
    return pd.DataFrame(
        {
            "scenario": _const(raw["scenario"], rows),
            "point": np.full(rows, raw["point"], dtype=np.int64),
            "run": np.repeat(_ints(raw["run"]), s * m),
            "state": _text(np.tile(np.repeat(ids, m), n)),
            "metric": _text(np.tile(names, n * s)),
            "value": v.reshape(rows),
        }
    )


def timeseries(raw: dict[str, Any]) -> pd.DataFrame:
    """timeseries.csv: one row per run, tick (from 1) and metric, in that order."""
    v = raw["timeseries"]
    n, t, m = v.shape
    names = np.asarray(raw["series_columns"], dtype=object)
    rows = n * t * m
    return pd.DataFrame(
        {
            "scenario": _const(raw["scenario"], rows),
            "point": np.full(rows, raw["point"], dtype=np.int64),
            "run": np.repeat(_ints(raw["run"]), t * m),
            "tick": np.tile(np.repeat(np.arange(1, t + 1, dtype=np.int64), m), n),
            "metric": _text(np.tile(names, n * t)),
            "value": v.reshape(rows),
        }
    )


def _coded(codes: np.ndarray, names: list[str]) -> pd.Series:
    """Names from codes; code -1 is a missing value."""
    table = np.asarray(list(names) + [None], dtype=object)
    return _text(table[np.where(codes < 0, len(names), codes)])


def _flag(v: np.ndarray) -> pd.arrays.BooleanArray:
    """A yes/no column: 1 yes, 0 no, -1 missing (an empty cell)."""
    return pd.arrays.BooleanArray(v == 1, mask=v < 0)


def events(raw: dict[str, Any]) -> pd.DataFrame:
    """events.csv: one row per event, in run order and then the order they happened."""
    e = raw["events"]
    ids = raw["ids"]
    n = len(e["run"])
    severity = np.asarray(e["severity"], dtype=np.int64)
    return pd.DataFrame(
        {
            "scenario": _const(raw["scenario"], n),
            "point": np.full(n, raw["point"], dtype=np.int64),
            "run": _ints(e["run"]),
            "tick": _ints(e["tick"]),
            "kind": _coded(np.asarray(e["kind"]), e["kinds"]),
            "actor": _coded(np.asarray(e["actor"]), ids),
            "target": _coded(np.asarray(e["target"]), ids),
            "type": _coded(np.asarray(e["type"]), e["types"]),
            "severity": pd.arrays.IntegerArray(severity, mask=severity == 0),
            "success": _flag(np.asarray(e["success"])),
            "detected": _flag(np.asarray(e["detected"])),
            "attributed": _flag(np.asarray(e["attributed"])),
            "response": _coded(np.asarray(e["response"]), e["responses"]),
            "value": np.asarray(e["value"], dtype=np.float64),
            "injected": np.asarray(e["injected"], dtype=bool),
            "detail": _text(np.asarray(e["detail"], dtype=object)),
        }
    )

"""SALib on the cyberdip engine: a problem dict from the parameter registry, and a sample
matrix run in parallel in Rust.

>>> import cyberdip, cyberdip.salib
>>> from SALib.sample import sobol as sample
>>> from SALib.analyze import sobol
>>> sc = cyberdip.load("scenarios/baseline.toml")
>>> problem = cyberdip.salib.problem(sc, {"state.IRN.coordination": (0.1, 0.9),
...                                       "state.IRN.cyber_budget": (0.1, 0.8)})
>>> X = sample.sample(problem, 64)
>>> Y = cyberdip.salib.evaluate(sc, X, "IRN_damage_received", runs=10, problem=problem)
>>> Si = sobol.analyze(problem, Y)  # doctest: +SKIP

SALib itself is optional (``pip install cyberdip[salib]``): this module builds its inputs
and runs its samples; import SALib to sample and analyse.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Union

import numpy as np
import pandas as pd

from ._scenario import Scenario, input_error
from .models import AnalyticModel

#: Keys of a problem: paths (the registry's full range) or ``{path: (low, high)}``.
Keys = Union[Sequence[str], Mapping[str, tuple[float, float]], None]

__all__ = ["problem", "evaluate"]


def _bounds(scenario: Scenario, path: str, narrow: tuple[float, float] | None) -> list[float]:
    d = scenario.describe(path)
    if d[0] == "categorical":
        raise input_error(f"takes names ({', '.join(d[1])}), not numbers: SALib samples numbers", key=path)
    lo, hi = float(d[1]), float(d[2])
    if narrow is None:
        return [lo, hi]
    a, b = (float(v) for v in narrow)
    if not lo <= a < b <= hi:
        raise input_error(f"bounds ({a}, {b}) must satisfy {lo} <= low < high <= {hi}", key=path,
                          help=f"the registry's range is {lo}..{hi}")
    return [a, b]


def problem(scenario: Scenario | AnalyticModel, keys: Keys = None) -> dict[str, Any]:
    """SALib's problem dict (``num_vars``, ``names``, ``bounds``) for these keys.

    Args:
        scenario: a :class:`cyberdip.Scenario`, or a test model from :mod:`cyberdip.models`.
        keys: paths as for ``set`` (``"state.IRN.coordination"``, ``"sanction.iran.intensity"``,
            ``"parameters.attacks.base_rate"``), each over the registry's whole range; or a
            mapping ``{path: (low, high)}`` to narrow ranges. For a test model, ``None``
            gives all its inputs.

    Raises:
        ScenarioError: a path is unknown (with a suggestion), names a text value, or a
            range goes beyond the registry's.
    """
    if isinstance(scenario, AnalyticModel):
        if keys is None:
            return {"num_vars": len(scenario.inputs), "names": list(scenario.inputs),
                    "bounds": [list(b) for b in scenario.bounds]}
        names = list(keys)
        unknown = [k for k in names if k not in scenario.inputs]
        if unknown:
            raise input_error(f"{scenario.name} has inputs {list(scenario.inputs)}, not {unknown}", key="keys")
        narrow = keys if isinstance(keys, Mapping) else {}
        bounds = [list(narrow.get(k, scenario.bounds[scenario.inputs.index(k)])) for k in names]
        return {"num_vars": len(names), "names": names, "bounds": bounds}
    if not keys:
        raise input_error("no keys to vary", key="keys",
                          help="give paths such as 'state.IRN.coordination' (cyberdip.parameters(scenario) lists them)")
    if isinstance(keys, str):
        keys = [keys]
    items: list[tuple[str, tuple[float, float] | None]]
    if isinstance(keys, Mapping):
        items = [(str(k), (float(v[0]), float(v[1]))) for k, v in keys.items()]
    else:
        items = [(str(k), None) for k in keys]
    names = [k for k, _ in items]
    if len(set(names)) != len(names):
        raise input_error(f"a key appears twice in {names}", key="keys")
    return {"num_vars": len(items), "names": names, "bounds": [_bounds(scenario, k, b) for k, b in items]}


def _names(X: Any, problem: Mapping[str, Any] | Sequence[str] | None, width: int) -> list[str]:
    if isinstance(X, pd.DataFrame):
        return [str(c) for c in X.columns]
    if problem is None:
        raise ValueError("evaluate: pass problem= (the dict from cyberdip.salib.problem) or names, "
                         "so each column of X has a path; or pass X as a DataFrame with paths as columns")
    names = list(problem["names"]) if isinstance(problem, Mapping) else list(problem)
    if len(names) != width:
        raise ValueError(f"evaluate: X has {width} columns but the problem names {len(names)} keys")
    return names


def evaluate(
    scenario: Scenario | AnalyticModel,
    X: Any,
    metric: str | Sequence[str],
    runs: int = 1,
    *,
    problem: Mapping[str, Any] | Sequence[str] | None = None,
    seed: int = 42,
    ticks: int | None = None,
    threads: int | None = None,
    common_random_numbers: bool = True,
) -> np.ndarray:
    """Run the sample matrix ``X`` and return the mean of ``metric`` over ``runs``
    replicates at each row: ``Y`` for SALib's analysers.

    Each row is one scenario document: the file, its ``set`` values, then the row's values
    set as ``--set`` does (whole-number parameters are rounded), built and run ``runs``
    times. Rows run in parallel in Rust with the GIL released; Ctrl-C stops them.

    Args:
        scenario: a :class:`cyberdip.Scenario`, or a test model (then ``metric="y"``).
        X: shape ``(N, D)``, columns in the order of ``problem["names"]``; or a DataFrame
            whose columns are the paths.
        metric: a runs metric (``Scenario.metrics``), or a list of them.
        runs: replicate runs per row (their mean is returned).
        problem: the problem dict of :func:`problem` (or the list of paths), naming X's
            columns.
        seed: seed of every random stream.
        ticks: months per run (``None``: the scenario's).
        threads: worker threads (``None``: every core); results do not depend on it.
        common_random_numbers: replicate ``r`` of every row uses the same random streams
            (as sweeps do by default), so differences between rows come from the values.
            Then row ``i`` equals ``cyberdip run --runs RUNS --seed SEED --set ...``.

    Returns:
        shape ``(N,)`` for one metric, ``(N, len(metric))`` for a list.

    Raises:
        ScenarioError: a path, a value or a metric is not valid (the message names the row).
    """
    single = isinstance(metric, str)
    metrics: list[str] = [str(metric)] if isinstance(metric, str) else [str(m) for m in metric]
    frame = X if isinstance(X, pd.DataFrame) else None
    values = np.asarray(frame.to_numpy() if frame is not None else X, dtype=np.float64)
    if values.ndim != 2:
        raise ValueError(f"evaluate: X must be two-dimensional (rows x keys), not of shape {values.shape}")
    names = _names(frame if frame is not None else values, problem, values.shape[1])
    if isinstance(scenario, AnalyticModel):
        if metrics != ["y"]:
            raise input_error(f"{scenario.name} has one output, 'y', not {metrics}", key="metric")
        if names != list(scenario.inputs):
            raise input_error(f"{scenario.name} takes columns {list(scenario.inputs)}, not {names}", key="X")
        y = scenario(values, threads=threads)
        return y if single else y[:, None]
    out = scenario._doc.evaluate(names, values.tolist(), metrics, int(runs), int(seed),
                                 None if ticks is None else int(ticks), threads, bool(common_random_numbers))
    mean = np.asarray(out).mean(axis=1)
    return mean[:, 0] if single else mean

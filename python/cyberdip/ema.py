"""The EMA Workbench on the cyberdip engine: a workbench model whose uncertainties and
levers come from the parameter registry and whose experiments run replicates in Rust.

>>> import cyberdip, cyberdip.ema
>>> from ema_workbench.analysis import prim
>>> sc = cyberdip.load("scenarios/baseline.toml")
>>> model = cyberdip.ema.model(
...     sc,
...     uncertainties=["state.IRN.coordination", ("state.IRN.cyber_budget", 0.1, 0.8)],
...     levers=["state.IRN.strategy.regional.deterrence", "state.IRN.doctrine"],
...     outcomes=["IRN_successful_attacks_received"],
... )
>>> experiments, outcomes = cyberdip.ema.perform_experiments(model, scenarios=200, policies=4)
>>> box = prim.Prim(experiments[model.uncertainty_names], outcomes["IRN_successful_attacks_received"] > 20,
...                 threshold=0.8).find_box()                                  # doctest: +SKIP

The model is an ordinary ``AbstractModel``: ``ema_workbench.perform_experiments(model, ...)``
runs it experiment by experiment (each experiment's replicates in parallel), and so do the
workbench's own evaluators. :class:`Evaluator` (used by :func:`perform_experiments`) hands
whole batches of experiments to Rust, which runs them in parallel: use it for speed.

Requires the EMA Workbench (``pip install cyberdip[ema]``).
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Sequence
from typing import Any, Union

import numpy as np
from ema_workbench import (
    CategoricalParameter,
    IntegerParameter,
    RealParameter,
    ScalarOutcome,
)
from ema_workbench import perform_experiments as _perform_experiments
from ema_workbench.em_framework.evaluators import BaseEvaluator
from ema_workbench.em_framework.model import AbstractModel
from ema_workbench.em_framework.outcomes import AbstractOutcome
from ema_workbench.em_framework.parameters import Parameter
from ema_workbench.em_framework.points import experiment_generator
from ema_workbench.em_framework.util import NamedObjectMap, combine

from . import _cyberdip
from ._scenario import Scenario, input_error

#: An uncertainty or lever: a path (the registry's range and kind), ``(path, low, high)``,
#: ``(path, [values...])`` (categorical), or a workbench ``Parameter`` whose
#: ``variable_name`` is a path.
ParameterSpec = Union[str, tuple, Parameter]
#: An outcome: a runs metric name, or a workbench outcome whose ``variable_name`` is one.
OutcomeSpec = Union[str, AbstractOutcome]

__all__ = ["model", "parameter", "CyberdipModel", "Evaluator", "perform_experiments"]

#: Experiments handed to Rust at a time by :class:`Evaluator` (Ctrl-C is checked within).
BATCH = 4096


def parameter(scenario: Scenario, spec: ParameterSpec) -> Parameter:
    """A workbench parameter for a path of ``scenario``, typed by the registry.

    - ``"state.IRN.coordination"``: ``RealParameter`` over the registry's range (an integer
      parameter gives an ``IntegerParameter``; a doctrine a ``CategoricalParameter`` of the
      doctrines);
    - ``("state.IRN.coordination", 0.1, 0.9)``: a narrower range;
    - ``("state.IRN.doctrine", ["iran", "russia"])``: a ``CategoricalParameter`` of values;
    - a workbench ``Parameter``: checked (its variable name must be a path) and kept.

    Raises:
        ScenarioError: an unknown path (with a suggestion), or a range or value outside the
            registry's.
    """
    if isinstance(spec, Parameter):
        for var in spec.variable_name:
            scenario.describe(var)
        return spec
    if isinstance(spec, str):
        path, rest = spec, ()
    elif isinstance(spec, tuple) and spec and isinstance(spec[0], str):
        path, rest = spec[0], spec[1:]
    else:
        raise TypeError(f"a parameter is a path, (path, low, high), (path, [values]) or a Parameter, not {spec!r}")
    d = scenario.describe(path)
    kind = d[0]
    if len(rest) == 1 and isinstance(rest[0], (list, tuple)):
        values = list(rest[0])
        if kind == "categorical":
            bad = [v for v in values if v not in d[1]]
        else:
            bad = [v for v in values if not (isinstance(v, (int, float)) and d[1] <= v <= d[2])]
        if bad:
            raise input_error(f"values {bad} are not allowed", key=path,
                              help=f"allowed: {', '.join(d[1])}" if kind == "categorical" else f"{d[1]}..{d[2]}")
        return CategoricalParameter(path, values)
    if kind == "categorical":
        if rest:
            raise input_error("takes names, not a range", key=path, help=f"give (path, [names]) from {d[1]}")
        return CategoricalParameter(path, list(d[1]))
    lo, hi = float(d[1]), float(d[2])
    if rest:
        if len(rest) != 2:
            raise TypeError(f"{spec!r}: give (path, low, high)")
        a, b = float(rest[0]), float(rest[1])
        if not lo <= a < b <= hi:
            raise input_error(f"range ({a}, {b}) must satisfy {lo} <= low < high <= {hi}", key=path)
        lo, hi = a, b
    if kind == "int":
        return IntegerParameter(path, int(lo), int(hi))
    return RealParameter(path, lo, hi)


def _outcome(scenario: Scenario, spec: OutcomeSpec, replications: int) -> AbstractOutcome:
    metrics = scenario.metrics
    names = [spec] if isinstance(spec, str) else list(spec.variable_name)
    for n in names:
        if n not in metrics:
            near = _cyberdip.suggestion(n, metrics)
            raise input_error(f"'{n}' is not a runs metric of '{scenario.name}'", key="outcomes",
                              help=f"did you mean '{near}'?" if near else "Scenario.metrics lists them")
    if isinstance(spec, str):
        return ScalarOutcome(spec, function=np.mean if replications > 1 else None)
    return spec


class CyberdipModel(AbstractModel):
    """A workbench model of a cyberdip scenario (make it with :func:`model`).

    An experiment is the scenario document with the experiment's values set as ``--set``
    does, run ``replications`` times (replicate ``r`` with the streams of run ``r``, common
    to every experiment); each outcome gets the metric's value (one replication) or the
    list of values (several: give outcomes a ``function``, as a string outcome's
    ``np.mean``).
    """

    def __init__(self, name: str, scenario: Scenario, replications: int = 1, seed: int = 42,
                 ticks: int | None = None, threads: int | None = None) -> None:
        super().__init__(name)
        if int(replications) < 1:
            raise input_error("must be at least 1", key="replications")
        self.scenario = scenario
        self.replications = int(replications)
        self.seed = int(seed)
        self.ticks = ticks
        self.threads = threads

    @property
    def uncertainty_names(self) -> list[str]:
        """Names of the uncertainties (columns of the experiments table, for PRIM)."""
        return [u.name for u in self.uncertainties]

    @property
    def lever_names(self) -> list[str]:
        """Names of the levers."""
        return [lv.name for lv in self.levers]

    def _values(self, scenario: Any, policy: Any) -> dict[str, Any]:
        """The path -> value dict of one experiment, as the workbench's models build it."""
        if not self.initialized(policy):
            self.model_init(policy)
        self._transform(scenario, self.uncertainties)
        self._transform(policy, self.levers)
        constants = {c.name: c.value for c in self.constants}
        return combine(scenario, self.policy, constants)

    def run_experiments(self, experiments: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
        """Outputs (variable -> value or list of replicate values) of each experiment,
        computed in one parallel call."""
        if not experiments:
            return []
        paths = list(experiments[0].keys())
        for e in experiments:
            if set(e.keys()) != set(paths):
                raise input_error("experiments set different paths", key="experiments")
        rows = [[e[p] for p in paths] for e in experiments]
        variables = list(self.output_variables)
        out = self.scenario._doc.evaluate(paths, rows, variables, self.replications, self.seed,
                                          self.ticks, self.threads, True)
        if self.replications == 1:
            return [{v: float(out[i, 0, k]) for k, v in enumerate(variables)} for i in range(len(rows))]
        return [{v: out[i, :, k].tolist() for k, v in enumerate(variables)} for i in range(len(rows))]

    def run_model(self, scenario: Any, policy: Any) -> None:
        """Run one experiment (the workbench's evaluators call this)."""
        values = self._values(scenario, policy)
        outputs = self.run_experiments([values])[0]
        self.outcomes_output = outputs


def model(
    scenario: Scenario,
    uncertainties: Iterable[ParameterSpec] = (),
    levers: Iterable[ParameterSpec] = (),
    outcomes: Iterable[OutcomeSpec] = (),
    *,
    replications: int = 1,
    seed: int = 42,
    ticks: int | None = None,
    threads: int | None = None,
    name: str | None = None,
) -> CyberdipModel:
    """A workbench model of ``scenario``.

    Args:
        scenario: a :class:`cyberdip.Scenario` (its ``set`` values included).
        uncertainties: parameters the world decides (see :func:`parameter` for the forms).
        levers: parameters a policy decides (same forms).
        outcomes: runs metrics (``Scenario.metrics``) or workbench outcomes.
        replications: runs per experiment; with more than one, a metric named by a string
            is averaged (``ScalarOutcome(name, function=np.mean)``).
        seed: seed of every random stream.
        ticks: months per run (``None``: the scenario's).
        threads: worker threads (``None``: every core).
        name: the model's name (alphanumeric; default from the scenario's name).

    Raises:
        ScenarioError: an unknown path or metric (with a suggestion), or a bad range.
    """
    label = name or re.sub(r"[^A-Za-z0-9]", "", scenario.name) or "cyberdip"
    m = CyberdipModel(label, scenario, replications=replications, seed=seed, ticks=ticks, threads=threads)
    m.uncertainties = [parameter(scenario, u) for u in uncertainties]
    m.levers = [parameter(scenario, lv) for lv in levers]
    outs = [_outcome(scenario, o, int(replications)) for o in outcomes]
    if not outs:
        raise input_error("no outcomes", key="outcomes", help="name runs metrics, e.g. 'IRN_successful_attacks_received'")
    m.outcomes = outs
    return m


class Evaluator(BaseEvaluator):
    """A workbench evaluator that runs batches of experiments of :class:`CyberdipModel`
    in parallel in Rust (other models run one experiment at a time, as the sequential
    evaluator does). Results do not depend on the batch or thread count.

    >>> with cyberdip.ema.Evaluator(model) as evaluator:           # doctest: +SKIP
    ...     experiments, outcomes = evaluator.perform_experiments(scenarios=1000)
    """

    def initialize(self) -> None:
        pass

    def finalize(self) -> None:
        pass

    def evaluate_experiments(self, scenarios: Any, policies: Any, callback: Any, combine: str = "factorial",
                             **kwargs: Any) -> None:
        models = NamedObjectMap(AbstractModel)
        models.extend(self._msis)
        cwd = os.getcwd()
        batch: list[Any] = []
        for experiment in experiment_generator(scenarios, self._msis, policies, combine=combine):
            batch.append(experiment)
            if len(batch) >= BATCH:
                self._run(models, batch, callback)
                batch = []
        self._run(models, batch, callback)
        os.chdir(cwd)

    @staticmethod
    def _run(models: NamedObjectMap, batch: list[Any], callback: Any) -> None:
        i = 0
        while i < len(batch):
            m = models[batch[i].model_name]
            j = i
            while j < len(batch) and batch[j].model_name == batch[i].model_name:
                j += 1
            group = batch[i:j]
            if isinstance(m, CyberdipModel):
                values = [m._values(e.scenario.copy(), e.policy.copy()) for e in group]
                for e, outputs in zip(group, m.run_experiments(values)):
                    m.outcomes_output = outputs
                    callback(e, m.outcomes_output)
                    m.reset_model()
            else:
                for e in group:
                    m.run_model(e.scenario.copy(), e.policy.copy())
                    callback(e, m.outcomes_output)
                    m.reset_model()
            i = j


def perform_experiments(models: Any, scenarios: Any = 0, policies: Any = 0, **kwargs: Any) -> Any:
    """``ema_workbench.perform_experiments`` with the :class:`Evaluator`: the same
    arguments and results, experiments run in parallel in Rust."""
    return _perform_experiments(models, scenarios=scenarios, policies=policies, evaluator=Evaluator(models),
                                **kwargs)

"""Scenarios and their results: :func:`load`, :class:`Scenario`, :class:`Results`.

Every value given here reaches the engine the way the command line gives it: ``set``
entries as ``--set path=value``, ``run(runs=, seed=, ticks=)`` as ``--runs``, ``--seed``,
``--ticks``; so a result equals, to the last bit, the CSV files of ``cyberdip run`` with
the same arguments.
"""

from __future__ import annotations

import numbers
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Union

import pandas as pd

from . import _cyberdip, _frames

#: What ``set=`` accepts: ``{"path": value}`` or ``["path=value", ...]`` (as ``--set``).
Sets = Union[Mapping[str, Any], Iterable[str], None]


def input_error(message: str, key: str | None = None, help: str | None = None,
                file: str = "python") -> _cyberdip.ScenarioError:
    """A :class:`ScenarioError` raised by the Python layer, shaped like the engine's: the same
    text layout and the same attributes."""
    text = "error: " + (f"`{key}`: " if key else "") + message + f"\n  --> {file}"
    if help:
        text += f"\n  = help: {help}"
    e = _cyberdip.ScenarioError(text)
    fields = {"file": file, "line": None, "column": None, "key": key, "message": message, "help": help}
    for k, v in fields.items():
        setattr(e, k, v)
    e.errors = [fields]
    return e


def _set_text(path: str, value: Any) -> str:
    """One ``--set`` text: numbers in their shortest exact form, strings as typed."""
    if isinstance(value, bool):
        text = "true" if value else "false"
    elif isinstance(value, numbers.Integral):
        text = str(int(value))
    elif isinstance(value, numbers.Real):
        text = _cyberdip.number_text(float(value))
    elif isinstance(value, str):
        text = value
    else:
        raise TypeError(f"set[{path!r}]: a value must be a number, a bool or a string, not {type(value).__name__}")
    return f"{path}={text}"


def _set_texts(set: Sets) -> tuple[str, ...]:
    if set is None:
        return ()
    if isinstance(set, str):
        return (set,)
    if isinstance(set, Mapping):
        return tuple(_set_text(str(k), v) for k, v in set.items())
    return tuple(str(s) for s in set)


@dataclass(frozen=True, repr=False)
class Results:
    """The tables of replicate runs, as ``cyberdip run`` writes them (docs/OUTPUTS.md).

    Attributes:
        runs: runs.csv: one row per run (``scenario, point, run, seed``, then every metric).
        summary: summary.csv: one row per metric (n, mean, sd, 95% CI, quantiles).
        states: states.csv: one row per run, state and per-state metric (long format).
        events: events.csv (one row per event), or ``None`` unless ``events=True``.
        timeseries: timeseries.csv (one row per run, tick and metric), or ``None`` unless
            ``timeseries=True``.
        scenario: the scenario's name.
        seed: the seed of every random stream.
        ticks: months per run.
    """

    runs: pd.DataFrame
    summary: pd.DataFrame
    states: pd.DataFrame
    events: pd.DataFrame | None
    timeseries: pd.DataFrame | None
    scenario: str
    seed: int
    ticks: int

    def __repr__(self) -> str:
        kept = [n for n in ("events", "timeseries") if getattr(self, n) is not None]
        extra = f", with {' and '.join(kept)}" if kept else ""
        return (
            f"<cyberdip Results '{self.scenario}': {len(self.runs)} runs x {self.ticks} months, "
            f"seed {self.seed}{extra}>"
        )


class Scenario:
    """A validated scenario: a TOML file, everything it ``extends``, and ``set`` values.

    Make one with :func:`load`. A scenario is immutable; :meth:`with_set` gives a new one
    with more values set. It pickles (by path and ``set`` values), so it can be sent to
    worker processes.
    """

    def __init__(self, path: str | os.PathLike[str], set: Sets = None) -> None:
        self._path = Path(path)
        self._sets = _set_texts(set)
        self._doc = _cyberdip.Document(str(self._path), list(self._sets))
        self._abspath = self._path.resolve()

    # -- what it is -----------------------------------------------------------------
    @property
    def path(self) -> Path:
        """The scenario file, as given."""
        return self._path

    @property
    def sets(self) -> tuple[str, ...]:
        """The ``path=value`` texts applied over the file, in order (as ``--set``)."""
        return self._sets

    @property
    def name(self) -> str:
        """The scenario's name (the ``scenario`` column of every table)."""
        return self._doc.name

    @property
    def description(self) -> str:
        """The question the scenario answers."""
        return self._doc.description

    @property
    def hash(self) -> str:
        """Hex digest of every input text (files and ``set`` values)."""
        return self._doc.hash

    @property
    def ticks(self) -> int:
        """Months per run in the file (``simulation.ticks``)."""
        return self._doc.simulation[0]

    @property
    def states(self) -> list[str]:
        """State ids, in scenario order."""
        return self._doc.ids

    @property
    def focus(self) -> list[str]:
        """Focus states: their outcomes are runs columns (``IRN_security``, ...)."""
        return self._doc.focus

    @property
    def metrics(self) -> list[str]:
        """The metric columns of :attr:`Results.runs` (outcomes for SALib and EMA)."""
        return self._doc.columns

    def describe(self, path: str) -> tuple[Any, ...]:
        """What values ``path`` takes: ``("real" | "int", min, max, value)`` for a number,
        ``("categorical", choices, value)`` for a state's doctrine.

        Raises:
            ScenarioError: ``path`` is not a value of this scenario (with a suggestion).
        """
        return tuple(self._doc.describe(path))

    def with_set(self, set: Sets) -> Scenario:
        """A new scenario with these values set after the current ones."""
        return Scenario(self._path, self._sets + _set_texts(set))

    # -- running ----------------------------------------------------------------------
    def run(
        self,
        runs: int = 200,
        seed: int = 42,
        ticks: int | None = None,
        events: bool = False,
        timeseries: bool = False,
        threads: int | None = None,
    ) -> Results:
        """Run replicates ``0..runs`` and return their tables.

        The same as ``cyberdip run PATH --runs RUNS --seed SEED [--ticks TICKS] [--set ...]
        [--events] [--timeseries]``: the DataFrames hold the values of its CSV files. The
        engine runs in parallel with the GIL released; Ctrl-C stops it (within one batch of
        runs) and raises ``KeyboardInterrupt``.

        Args:
            runs: replicate runs (overrides the file's ``simulation.runs``).
            seed: seed of every random stream (overrides ``simulation.seed``).
            ticks: months per run; ``None`` keeps the file's ``simulation.ticks``.
            events: also return :attr:`Results.events` (every operation, response, ...).
            timeseries: also return :attr:`Results.timeseries` (statistics every month).
            threads: worker threads; ``None`` uses every core. Results do not depend on it.

        Raises:
            ScenarioError: a value is out of range (``runs=0``, say).
        """
        raw = self._doc.run(int(runs), int(seed), None if ticks is None else int(ticks), bool(events),
                            bool(timeseries), threads)
        return Results(
            runs=_frames.runs(raw),
            summary=_frames.summary(raw),
            states=_frames.states(raw),
            events=_frames.events(raw) if "events" in raw else None,
            timeseries=_frames.timeseries(raw) if "timeseries" in raw else None,
            scenario=raw["scenario"],
            seed=int(raw["seed"]),
            ticks=int(raw["ticks"]),
        )

    def parameters(self) -> pd.DataFrame:
        """Every effective parameter, as ``cyberdip explain`` lists it (see :func:`parameters`)."""
        return pd.DataFrame(self._doc.parameters())

    # -- Python protocol ----------------------------------------------------------------
    def __reduce__(self) -> tuple[Any, ...]:
        return (Scenario, (str(self._abspath), list(self._sets)))

    def __repr__(self) -> str:
        sets = f", set={list(self._sets)!r}" if self._sets else ""
        return f"cyberdip.load({str(self._path)!r}{sets})  # '{self.name}', {len(self.states)} states"


def load(path: str | os.PathLike[str], set: Sets = None) -> Scenario:
    """Read a scenario file (following ``extends``), apply ``set`` values, validate.

    Args:
        path: a scenario TOML file (``scenarios/baseline.toml``).
        set: values to change, as ``--set`` does: ``{"state.IRN.coordination": 0.8}`` or
            ``["state.IRN.coordination=0.8"]``. Strings are used as typed after ``=``.

    Raises:
        ScenarioError: bad input; ``str(e)`` is the message of the command line and
            ``e.file``, ``e.line``, ``e.column``, ``e.key``, ``e.help`` locate it.

    Example:
        >>> import cyberdip
        >>> sc = cyberdip.load("scenarios/baseline.toml", set={"state.IRN.coordination": 0.8})
        >>> sc.run(runs=10).summary.head()  # doctest: +SKIP
    """
    return Scenario(path, set)


def parameters(scenario: Scenario) -> pd.DataFrame:
    """The parameter registry of ``scenario`` as a DataFrame, as ``cyberdip explain`` gives it.

    One row per effective parameter (global ``parameters.*`` first, then ``state.<ID>.*``)
    with columns ``name`` (the path for ``set``, SALib and EMA), ``value``, ``default``,
    ``min`` and ``max`` (the range), ``kind`` (``real`` or ``int``), ``unit``, ``source``
    (seed row or "assumption: ..."), ``set_in`` (file:line, doctrine or default) and
    ``meaning``.
    """
    return scenario.parameters()

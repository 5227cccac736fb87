"""Type stubs of the native module (python/src/lib.rs). Use the package (`cyberdip`), not
this module: its functions return raw arrays that `cyberdip` turns into DataFrames."""

from collections.abc import Sequence
from os import PathLike
from typing import Any

import numpy as np
import numpy.typing as npt

__version__: str

class ScenarioError(ValueError):
    """Bad input: `str(e)` is the command line's message; the fields locate the first problem."""

    file: str
    line: int | None
    column: int | None
    key: str | None
    message: str
    help: str | None
    errors: list[dict[str, Any]]

class Document:
    """A scenario file with `--set` values applied, validated."""

    def __init__(self, path: str | PathLike[str], sets: Sequence[str]) -> None: ...
    @property
    def name(self) -> str: ...
    @property
    def description(self) -> str: ...
    @property
    def hash(self) -> str: ...
    @property
    def simulation(self) -> tuple[int, int, int]:
        """(ticks, runs, seed) of `[simulation]`."""
    @property
    def ids(self) -> list[str]: ...
    @property
    def focus(self) -> list[str]: ...
    @property
    def columns(self) -> list[str]: ...
    def parameters(self) -> dict[str, list[Any]]: ...
    def describe(self, path: str) -> tuple[Any, ...]: ...
    def run(
        self,
        runs: int,
        seed: int,
        ticks: int | None = None,
        events: bool = False,
        timeseries: bool = False,
        threads: int | None = None,
    ) -> dict[str, Any]: ...
    def evaluate(
        self,
        paths: Sequence[str],
        rows: Sequence[Sequence[float | int | str]],
        metrics: Sequence[str],
        runs: int = 1,
        seed: int = 42,
        ticks: int | None = None,
        threads: int | None = None,
        common_random_numbers: bool = True,
    ) -> npt.NDArray[np.float64]:
        """Shape (points, runs, metrics)."""

def test_function(
    name: str, params: Sequence[float], x: npt.NDArray[np.float64], threads: int | None = None
) -> npt.NDArray[np.float64]: ...
def test_function_indices(name: str, params: Sequence[float]) -> tuple[list[float], list[float]]: ...
def number_text(v: float) -> str: ...
def suggestion(word: str, candidates: Sequence[str]) -> str | None: ...

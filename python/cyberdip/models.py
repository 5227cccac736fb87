"""Built-in analytic test models with known Sobol' indices, for checking a sensitivity
workflow end to end (``scenarios/sweeps/ishigami.toml`` runs the same functions from the
command line). They are evaluated in Rust, in parallel, like scenarios:

>>> import cyberdip, cyberdip.salib
>>> m = cyberdip.models.ishigami()
>>> problem = cyberdip.salib.problem(m)          # x1, x2, x3 on [-pi, pi]
>>> m.indices()[0]                               # exact first-order indices
[0.3139..., 0.4424..., 0.0]
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from . import _cyberdip


@dataclass(frozen=True)
class AnalyticModel:
    """A test function ``y = f(x)`` of named inputs with ranges, and its exact indices.

    Attributes:
        name: ``"ishigami"`` or ``"sobol_g"``.
        inputs: input names (``x1``, ``x2``, ...), the columns of a sample matrix.
        bounds: ``(low, high)`` of each input (inputs are uniform on them).
        params: the function's coefficients (``[a, b]`` for Ishigami, ``a`` for G).
    """

    name: str
    inputs: tuple[str, ...]
    bounds: tuple[tuple[float, float], ...]
    params: tuple[float, ...]

    #: The only output of a test model.
    metrics = ("y",)

    def __call__(self, X: np.ndarray, threads: int | None = None) -> np.ndarray:
        """``y`` at each row of ``X`` (shape ``(N, len(inputs))``)."""
        x = np.ascontiguousarray(X, dtype=np.float64)
        if x.ndim != 2 or x.shape[1] != len(self.inputs):
            raise ValueError(f"{self.name}: X must have shape (N, {len(self.inputs)}), not {x.shape}")
        return _cyberdip.test_function(self.name, list(self.params), x, threads)

    def indices(self) -> tuple[list[float], list[float]]:
        """The exact first-order and total-order Sobol' indices ``(S1, ST)``."""
        s1, st = _cyberdip.test_function_indices(self.name, list(self.params))
        return list(s1), list(st)


def ishigami(a: float = 7.0, b: float = 0.1) -> AnalyticModel:
    """Ishigami's function ``sin x1 + a sin^2 x2 + b x3^4 sin x1``, ``xi ~ U[-pi, pi]``.

    With ``a = 7, b = 0.1``: S1 = (0.314, 0.442, 0), ST = (0.558, 0.442, 0.244).
    """
    return AnalyticModel("ishigami", ("x1", "x2", "x3"), ((-math.pi, math.pi),) * 3, (float(a), float(b)))


def sobol_g(a: Sequence[float] = (0.0, 1.0, 4.5, 9.0, 99.0, 99.0, 99.0, 99.0)) -> AnalyticModel:
    """Sobol's G function ``prod (|4 xi - 2| + ai) / (1 + ai)``, ``xi ~ U[0, 1]``; a small
    ``ai`` makes input ``i`` important."""
    a = tuple(float(v) for v in a)
    if not a or any(v < 0 for v in a):
        raise ValueError("sobol_g needs at least one coefficient, each >= 0")
    return AnalyticModel("sobol_g", tuple(f"x{i + 1}" for i in range(len(a))), ((0.0, 1.0),) * len(a), a)

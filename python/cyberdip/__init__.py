"""cyberdip: a reproducible agent-based scenario engine for cyber diplomacy, from Python.

The engine is the Rust crate behind the ``cyberdip`` command; this package calls it
directly, so results equal the command's CSV files to the last bit.

>>> import cyberdip
>>> sc = cyberdip.load("scenarios/baseline.toml", set={"state.IRN.coordination": 0.8})
>>> res = sc.run(runs=10)                 # runs, summary, states (+ events, timeseries)
>>> res.summary.head()                    # doctest: +SKIP
>>> cyberdip.parameters(sc)               # the registry, as ``cyberdip explain``

Sensitivity analysis with SALib: :mod:`cyberdip.salib`; exploratory modelling and
scenario discovery with the EMA Workbench: :mod:`cyberdip.ema`; analytic test models:
:mod:`cyberdip.models`. docs/PYTHON.md has a worked example.
"""

from . import models
from ._cyberdip import ScenarioError, __version__
from ._scenario import Results, Scenario, load, parameters

__all__ = ["load", "parameters", "Scenario", "Results", "ScenarioError", "models", "__version__"]

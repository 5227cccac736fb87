"""How long 1,000 EMA Workbench experiments of the baseline take (one replicate of 120
months each), and the same work through the `cyberdip` binary (docs/PYTHON.md, issue 15).

    python python/benchmarks/ema_speed.py [--experiments 1000] [--bin target/release/cyberdip]

Measures, in one process so the figures compare on the same (shared, noisy) machine:

1. `cyberdip.ema.perform_experiments` (the batch evaluator: experiments in parallel in Rust);
2. `ema_workbench.perform_experiments` (the workbench's sequential evaluator, for reference);
3. the same 1,000 experiments as 1,000 `cyberdip run --runs 1 --set ...` processes, two at
   a time (xargs -P 2), checked equal to the EMA outcomes;
4. a `cyberdip sweep` of 1,000 LHS points over the same eight ranges, one run each.

Wall-clock seconds and CPU seconds (user + system, all threads and children) are printed.
This is a measurement, not a test: nothing is asserted about time.
"""

from __future__ import annotations

import argparse
import os
import resource
import shlex
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd
from ema_workbench import perform_experiments as ema_perform_experiments
from ema_workbench.em_framework.samplers import sample_uncertainties

import cyberdip
import cyberdip.ema

ROOT = Path(__file__).resolve().parents[2]
BASELINE = ROOT / "scenarios" / "baseline.toml"
OUTCOME = "IRN_successful_attacks_received"
CHALLENGES = [
    ("sanction.iran.intensity", 0.2, 1.0),
    ("state.IRN.trust_deficit", 0.1, 0.8),
    ("state.IRN.defense", 0.4, 0.9),
    ("state.IRN.workforce", 0.2, 0.8),
    ("state.IRN.filtering", 0.2, 0.95),
    ("state.IRN.cyber_budget", 0.1, 0.8),
    ("state.IRN.coordination", 0.1, 0.9),
    ("state.IRN.culture", 0.05, 0.6),
]


def cpu() -> float:
    s, c = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return s.ru_utime + s.ru_stime + c.ru_utime + c.ru_stime


def timed(label: str, f):
    w, c = time.perf_counter(), cpu()
    r = f()
    wall, used = time.perf_counter() - w, cpu() - c
    print(f"{label:<58} {wall:7.2f} s wall {used:7.2f} s CPU", flush=True)
    return r, wall


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--experiments", type=int, default=1000)
    ap.add_argument("--bin", default=os.environ.get("CYBERDIP_BIN", str(ROOT / "target" / "release" / "cyberdip")))
    ap.add_argument("--skip-sequential", action="store_true", help="skip the workbench's sequential evaluator")
    a = ap.parse_args()
    n = a.experiments
    print(f"{n} experiments of the baseline, one replicate of 120 months each; {os.cpu_count()} cores; "
          f"load average {os.getloadavg()[0]:.1f}", flush=True)

    sc = cyberdip.load(BASELINE)
    model = cyberdip.ema.model(sc, uncertainties=CHALLENGES, outcomes=[OUTCOME])
    np.random.seed(42)
    design = list(sample_uncertainties(model, n))

    (ex, out), _ = timed("cyberdip.ema.perform_experiments (parallel in Rust)",
                         lambda: cyberdip.ema.perform_experiments(model, scenarios=design))
    if not a.skip_sequential:
        (_, seq), _ = timed("ema_workbench.perform_experiments (sequential evaluator)",
                            lambda: ema_perform_experiments(model, scenarios=design))
        assert (seq[OUTCOME] == out[OUTCOME]).all(), "the two evaluators disagree"

    names = [c[0] for c in CHALLENGES]
    with tempfile.TemporaryDirectory() as tmp:
        lines = []
        for i, row in enumerate(ex[names].itertuples(index=False)):
            sets = " ".join(f"--set {k}={float(v)!r}" for k, v in zip(names, row))
            lines.append(f"{i} {sets}")
        (Path(tmp) / "experiments.txt").write_text("\n".join(lines) + "\n")
        script = (f"cd {shlex.quote(tmp)} && xargs -P 2 -L 1 sh -c "
                  f"'i=$0; exec {shlex.quote(a.bin)} run {shlex.quote(str(BASELINE))} --runs 1 --quiet "
                  f"--out out/$i \"$@\"' < experiments.txt")
        timed(f"{n} x `cyberdip run --runs 1 --set ...` (xargs -P 2)",
              lambda: subprocess.run(["sh", "-c", script], check=True))
        got = np.array([float(pd.read_csv(Path(tmp) / "out" / str(i) / "runs.csv", dtype=str)[OUTCOME][0])
                        for i in range(n)])
        same = (got.view(np.uint64) == np.asarray(out[OUTCOME], dtype=np.float64).view(np.uint64)).all()
        print(f"{'':<58} outcomes equal to the EMA ones bit for bit: {same}")

        sweep = Path(tmp) / "sweep.toml"
        params = "\n".join(f'[[parameter]]\npath = "{p}"\nmin = {lo}\nmax = {hi}\n' for p, lo, hi in CHALLENGES)
        sweep.write_text(f'name = "ema-speed"\nscenario = "{BASELINE.as_posix()}"\n\n[sweep]\ndesign = "lhs"\n'
                         f"samples = {n}\nruns = 1\nseed = 42\nmetrics = [\"{OUTCOME}\"]\n\n{params}")
        timed(f"`cyberdip sweep` of {n} LHS points, one run each",
              lambda: subprocess.run([a.bin, "sweep", str(sweep), "--out", str(Path(tmp) / "sweep")], check=True,
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
    if not same:
        sys.exit("the binary's outcomes differ from the EMA outcomes")


if __name__ == "__main__":
    main()

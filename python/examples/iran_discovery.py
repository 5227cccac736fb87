"""Scenario discovery with the EMA Workbench on cyberdip (the worked example of docs/PYTHON.md).

Question (001 Tables 4 and 5): under which combinations of Iran's eight cyber-diplomacy
challenges does Iran suffer more than N successful cyber operations a decade, and which of
its levers break that box?

1. Sample the eight challenges (the ranges of scenarios/sweeps/iran-challenges-sobol.toml)
   with Iran's strategy as the baseline sets it, run each world ten years, and let PRIM find
   the box of challenges where Iran suffers more than N successful operations.
2. Take the worlds inside that box, try Iran's levers there (Table 5 budget weights and its
   doctrine), and let PRIM find the lever settings under which Iran stays at N or fewer.

    python python/examples/iran_discovery.py                        # the figures of PYTHON.md
    python python/examples/iran_discovery.py --scenarios 40 --policies 4 --replications 1 --ticks 60

Runs from any folder; N defaults to the 75th percentile of the first experiments.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from ema_workbench import Scenario as EmaScenario
from ema_workbench.analysis import feature_scoring, prim
from ema_workbench.analysis.scenario_discovery_util import RuleInductionType
from ema_workbench.em_framework.samplers import sample_levers

import cyberdip
import cyberdip.ema

BASELINE = Path(__file__).resolve().parents[2] / "scenarios" / "baseline.toml"
OUTCOME = "IRN_successful_attacks_received"

#: 001 Table 4: Iran's challenges, over the plausible ranges of the Sobol' sweep.
CHALLENGES = [
    ("sanction.iran.intensity", 0.2, 1.0),   # 1 sanctions and technology restrictions
    ("state.IRN.trust_deficit", 0.1, 0.8),   # 2 difficulty gaining international trust
    ("state.IRN.defense", 0.4, 0.9),         # 3 weak security infrastructure
    ("state.IRN.workforce", 0.2, 0.8),       # 3 too few skilled people
    ("state.IRN.filtering", 0.2, 0.95),      # 4-5 filtering and domestic restrictions
    ("state.IRN.cyber_budget", 0.1, 0.8),    # 6 too little funding
    ("state.IRN.coordination", 0.1, 0.9),    # 7 weak internal coordination
    ("state.IRN.culture", 0.05, 0.6),        # 8 cultural and social gaps
]

#: 001 Table 5: where Iran spends its budget (weights, normalised each month), and 001
#: Tables 2-3: the doctrine it follows.
LEVERS = [
    ("state.IRN.strategy.regional.deterrence", 0.0, 0.4),
    ("state.IRN.strategy.global.deterrence", 0.0, 0.4),
    ("state.IRN.strategy.regional.alliances", 0.0, 0.4),
    ("state.IRN.strategy.global.alliances", 0.0, 0.4),
    ("state.IRN.strategy.regional.training", 0.0, 0.4),
    ("state.IRN.strategy.global.institutions", 0.0, 0.4),
    ("state.IRN.doctrine", ["iran", "russia", "china", "balanced"]),
]


def pick(box: Any, min_density: float, max_dims: int = 2) -> int:
    """The box on the peeling trajectory that restricts at most `max_dims` dimensions (so it
    reads as a statement) with the most coverage among those at least `min_density` dense;
    the densest such box if none is."""
    t = box.peeling_trajectory
    t = t[t["res_dim"] <= max_dims]
    ok = t[t["density"] >= min_density]
    return int(ok["coverage"].idxmax()) if len(ok) else int(t["density"].idxmax())


def limits(box: Any, i: int, names: list[str]) -> dict[str, Any]:
    """The restricted dimensions of box `i`: name -> (low, high) or set of categories."""
    lims = box.box_lims[i]
    init = box.prim.box_init
    out: dict[str, Any] = {}
    for n in names:
        lo, hi = lims[n].iloc[0], lims[n].iloc[1]
        if isinstance(lo, set):
            if lo != init[n].iloc[0]:
                out[n] = sorted(lo)
        elif lo != init[n].iloc[0] or hi != init[n].iloc[1]:
            out[n] = (float(lo), float(hi))
    return out


def show(lims: dict[str, Any]) -> str:
    return "\n".join(
        f"    {k:<42} {', '.join(v) if isinstance(v, list) else f'{v[0]:.3g} .. {v[1]:.3g}'}"
        for k, v in lims.items()
    ) or "    (no restriction)"


def main(argv: list[str] | None = None) -> dict[str, Any]:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[1], formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--scenarios", type=int, default=500, help="worlds sampled over the challenges (default 500)")
    ap.add_argument("--policies", type=int, default=40, help="lever settings tried in the box (default 40)")
    ap.add_argument("--replications", type=int, default=3, help="runs per experiment, averaged (default 3)")
    ap.add_argument("--ticks", type=int, default=120, help="months per run (default 120: a decade)")
    ap.add_argument("--threshold", type=float, default=None,
                    help="N (default: the 75th percentile of step 1, rounded down)")
    ap.add_argument("--seed", type=int, default=42, help="seed of every random stream (default 42)")
    a = ap.parse_args(argv)

    sc = cyberdip.load(BASELINE)
    model = cyberdip.ema.model(sc, uncertainties=CHALLENGES, levers=LEVERS, outcomes=[OUTCOME],
                               replications=a.replications, ticks=a.ticks, seed=a.seed)
    unc, lev = model.uncertainty_names, model.lever_names

    # 1. Where do Iran's challenges leave it exposed? (its strategy as the baseline sets it)
    np.random.seed(a.seed)  # the workbench's samplers draw from numpy's global stream
    ex1, out1 = cyberdip.ema.perform_experiments(model, scenarios=a.scenarios)
    y1 = out1[OUTCOME]
    n = float(np.floor(np.percentile(y1, 75))) if a.threshold is None else a.threshold
    exposed = y1 > n
    if not 0 < exposed.sum() < len(y1):
        sys.exit(f"no split at N = {n}: every world is on one side (outcomes {y1.min()} .. {y1.max()})")
    p1 = prim.Prim(ex1[unc], exposed, threshold=0.5)
    box1 = p1.find_box()
    i1 = pick(box1, 0.7)
    box1.select(i1)
    stats1 = box1.peeling_trajectory.iloc[i1]
    lims1 = limits(box1, i1, unc)
    inside = ex1.iloc[box1.yi]

    print(f"Question: when does Iran suffer more than N = {n:g} successful operations in {a.ticks} months?")
    print(f"{len(ex1)} worlds x {a.replications} runs; {exposed.mean():.0%} exceed N "
          f"(outcome mean {y1.mean():.1f}, range {y1.min():g} .. {y1.max():g}).")
    print(f"\nBox of challenges (coverage {stats1['coverage']:.0%}, density {stats1['density']:.0%}, "
          f"{len(inside)} worlds):")
    print(show(lims1))

    # 2. Which levers break the box? The same worlds, each lever setting in turn.
    worlds = [EmaScenario(f"box{k}", **{u: row[u] for u in unc}) for k, (_, row) in enumerate(inside.iterrows())]
    np.random.seed(a.seed + 1)
    policies = list(sample_levers(model, a.policies))
    ex2, out2 = cyberdip.ema.perform_experiments(model, scenarios=worlds, policies=policies)
    broken = out2[OUTCOME] <= n
    by_policy = pd.Series(broken).groupby(ex2["policy"].astype(str).to_numpy()).mean()
    p2 = prim.Prim(ex2[lev], broken, threshold=0.5)
    box2 = p2.find_box()
    i2 = pick(box2, min(0.9, max(0.5, 2 * broken.mean())))
    # which levers move the outcome most in those worlds (extra-trees feature scores)
    scores, _ = feature_scoring.get_ex_feature_scores(ex2[lev], out2[OUTCOME], mode=RuleInductionType.REGRESSION,
                                                      random_state=a.seed)
    ranking = scores.iloc[:, 0].sort_values(ascending=False)
    # the most influential numeric lever, by thirds of its range
    top = next(k for k in ranking.index if k != "state.IRN.doctrine")
    thirds = pd.qcut(ex2[top].astype(float), 3, duplicates="drop")
    by_third = pd.Series(broken).groupby(thirds.to_numpy(), observed=True).mean()
    box2.select(i2)
    stats2 = box2.peeling_trajectory.iloc[i2]
    lims2 = limits(box2, i2, lev)
    # the baseline's own strategy in the same worlds, for comparison
    ex0, out0 = cyberdip.ema.perform_experiments(model, scenarios=worlds)
    base_broken = float((out0[OUTCOME] <= n).mean())

    print(f"\nLevers tried in those worlds: {len(policies)} settings x {len(worlds)} worlds.")
    print(f"With the baseline strategy Iran stays at N or below in {base_broken:.0%} of them; "
          f"across all settings in {broken.mean():.0%}; the best setting in {by_policy.max():.0%}.")
    print(f"Levers that break the box (PRIM: {stats2['density']:.0%} of experiments inside stay at N or "
          f"below, coverage {stats2['coverage']:.0%}):")
    print(show(lims2))
    print("Levers ranked by influence on the outcome in those worlds (extra-trees feature scores):")
    print("\n".join(f"    {k:<42} {v:.2f}" for k, v in ranking.items()))
    print(f"Share of box experiments at N or below by thirds of {top}:")
    print("\n".join(f"    {iv.left:.3f} .. {iv.right:.3f}: {v:.0%}" for iv, v in by_third.items()))
    return {
        "threshold": n,
        "share_exposed": float(exposed.mean()),
        "challenge_box": lims1,
        "challenge_box_stats": {k: float(stats1[k]) for k in ("coverage", "density", "mass")},
        "worlds_in_box": len(inside),
        "lever_box": lims2,
        "lever_box_stats": {k: float(stats2[k]) for k in ("coverage", "density", "mass")},
        "broken_with_baseline_strategy": base_broken,
        "broken_across_levers": float(broken.mean()),
        "broken_best_policy": float(by_policy.max()),
        "lever_ranking": {k: float(v) for k, v in ranking.items()},
        "top_lever": top,
        "top_lever_by_third": [float(v) for v in by_third],
    }


if __name__ == "__main__":
    main()

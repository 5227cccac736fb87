#!/usr/bin/env python3
"""Variance of the difference between two nearby sweep points, with common random numbers
(CRN) against independent streams (docs/SWEEPS.md, "What pairing buys").

    python3 scripts/crn-variance.py BINARY [--runs 1000] [--ticks 120] [--v01 1]

(--v01 1: BINARY is version 0.1, whose attack parameters were `parameters.attack.*`; build
it with `git worktree add ../v0.1 04fa810 && cd ../v0.1 && cargo build --release`.)

For each (path, a, b) below it runs a two-point grid sweep of scenarios/baseline.toml
twice (common_random_numbers = true / false), pairs run r of point 0 with run r of point
1, and prints, per metric, the variance of the paired differences under each scheme and
their ratio (independent / CRN: how many times fewer runs CRN needs for the same
precision of the difference)."""
import csv, os, statistics, subprocess, sys, tempfile

PAIRS = [
    ("state.IRN.coordination", 0.40, 0.45),
    ("parameters.attacks.base_rate", 0.25, 0.27),
]
METRICS = ["attacks", "IRN_attacks_received", "IRN_successful_attacks_received",
           "IRN_security", "IRN_tech_access", "mean_trust", "sanctions_imposed"]


def sweep(binary, root, path, a, b, crn, runs, ticks, out):
    text = f'''name = "crn-variance"
scenario = "{root}/scenarios/baseline.toml"
[sweep]
design = "grid"
runs = {runs}
seed = 2026
ticks = {ticks}
common_random_numbers = {"true" if crn else "false"}
[[parameter]]
path = "{path}"
values = [{a}, {b}]
'''
    spec = os.path.join(out, "sweep.toml")
    with open(spec, "w") as f:
        f.write(text)
    subprocess.run([binary, "sweep", spec, "--out", os.path.join(out, "o"), "--quiet"], check=True,
                   stdout=subprocess.DEVNULL)
    rows = list(csv.DictReader(open(os.path.join(out, "o", "runs.csv"))))
    by = {(int(r["point"]), int(r["run"])): r for r in rows}
    return {m: [float(by[(1, k)][m]) - float(by[(0, k)][m]) for k in range(runs)] for m in METRICS if m in rows[0]}


def main():
    binary = os.path.abspath(sys.argv[1])
    args = dict(zip(sys.argv[2::2], sys.argv[3::2]))
    runs, ticks = int(args.get("--runs", 1000)), int(args.get("--ticks", 120))
    root = os.path.abspath(os.path.join(os.path.dirname(__file__), ".."))
    pairs = [(p.replace("parameters.attacks.", "parameters.attack.") if args.get("--v01") == "1" else p, a, b)
             for p, a, b in PAIRS]
    print(f"| swept path | a → b | metric | var(diff), CRN | var(diff), independent | ratio |")
    print("|---|---|---|---|---|---|")
    for path, a, b in pairs:
        with tempfile.TemporaryDirectory() as d1, tempfile.TemporaryDirectory() as d2:
            crn = sweep(binary, root, path, a, b, True, runs, ticks, d1)
            ind = sweep(binary, root, path, a, b, False, runs, ticks, d2)
        for m in METRICS:
            if m not in crn:
                continue
            vc, vi = statistics.variance(crn[m]), statistics.variance(ind[m])
            ratio = vi / vc if vc > 0 else float("inf")
            print(f"| {path} | {a} → {b} | {m} | {vc:.4g} | {vi:.4g} | {ratio:.1f} |")


if __name__ == "__main__":
    main()

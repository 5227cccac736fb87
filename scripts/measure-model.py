#!/usr/bin/env python3
"""The model's lessons, measured (issue 11): who attacks whom (all and observed
operations), what defence and alliances do, drift, alliance and sanction dynamics, how
much runs differ.

    python3 scripts/measure-model.py BINARY [--runs 500] [--v01 1] [--out DIR]

BINARY is a `cyberdip` executable; --v01 1 reads version 0.1's outputs (no `detected`
column; "observed" = attributed). Prints Markdown tables; every figure comes from the
baseline (scenarios/baseline.toml) unless said. Used for the before/after tables of
docs/MODEL.md and the issue 11 closing note.
"""
import csv, os, statistics, subprocess, sys, tempfile
from collections import Counter, defaultdict

FOUR = {"CHN", "RUS", "IRN", "PRK"}


def run(binary, out, runs, sets=(), extra=(), scenario="scenarios/baseline.toml"):
    cmd = [binary, "run", scenario, "--runs", str(runs), "--seed", "2026", "--out", out, "--quiet", *extra]
    for s in sets:
        cmd += ["--set", s]
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)


def rows(path):
    with open(path) as f:
        return list(csv.DictReader(f))


def mean(xs):
    return sum(xs) / len(xs) if xs else float("nan")


def sd(xs):
    return statistics.stdev(xs) if len(xs) > 1 else 0.0


def pct(x):
    return f"{100 * x:.0f}%"


def who(binary, runs, v01, work):
    d = os.path.join(work, "base")
    run(binary, d, runs, extra=["--events"])
    ev = [e for e in rows(os.path.join(d, "events.csv")) if e["kind"] == "attack"]
    observed = lambda e: e["attributed"] == "1" if v01 else (e.get("observed", e["attributed"]) == "1")
    out = ["## Who attacks whom (baseline, %d runs)" % runs, "",
           "| measure | all operations | observed (publicly attributed) |", "|---|---|---|"]
    def shares(sel):
        ops = [e for e in ev if sel(e)]
        n = len(ops) or 1
        by_actor = Counter(e["actor"] for e in ops)
        by_target = Counter(e["target"] for e in ops)
        dy = Counter((e["actor"], e["target"]) for e in ops)
        return {
            "n": len(ops) / runs,
            "usa_launch": by_actor["USA"] / n,
            "four_launch": sum(by_actor[s] for s in FOUR) / n,
            "usa_target": by_target["USA"] / n,
            "irn_target": by_target["IRN"] / n,
            "chn_usa": dy[("CHN", "USA")] / max(dy[("USA", "CHN")], 1),
            "irn_usa": dy[("IRN", "USA")] / max(dy[("USA", "IRN")], 1),
            "top_actor": by_actor.most_common(3),
            "top_target": by_target.most_common(3),
        }
    a, o = shares(lambda e: True), shares(observed)
    for key, label in [("n", "operations per run"), ("usa_launch", "share launched by the USA"),
                       ("four_launch", "share launched by CHN, RUS, IRN, PRK"), ("usa_target", "share against the USA"),
                       ("irn_target", "share against Iran"), ("chn_usa", "CHN→USA / USA→CHN"),
                       ("irn_usa", "IRN→USA / USA→IRN")]:
        f = (lambda x: f"{x:.1f}") if key in ("n", "chn_usa", "irn_usa") else pct
        out.append(f"| {label} | {f(a[key])} | {f(o[key])} |")
    out.append(f"| top initiators | {a['top_actor']} | {o['top_actor']} |")
    out.append(f"| top targets | {a['top_target']} | {o['top_target']} |")
    # most-targeted state per run
    per_run = defaultdict(Counter)
    for e in ev:
        per_run[e["run"]][e["target"]] += 1
    top = Counter(c.most_common(1)[0][0] for c in per_run.values() if c)
    out.append(f"| most-targeted state (runs) | {dict(top.most_common(4))} | |")
    types = Counter(e["type"] for e in ev)
    out.append(f"| operations by type | {dict(types.most_common())} | |")
    return out, d


def dynamics(binary, runs, d, v01):
    ev = rows(os.path.join(d, "events.csv"))
    k = Counter(e["kind"] for e in ev)
    out = ["", "## Alliances and sanctions (baseline)", "", "| measure | value |", "|---|---|"]
    out.append(f"| alliances formed / run | {k['alliance_formed'] / runs:.2f} |")
    out.append(f"| alliances dissolved / run | {k['alliance_dissolved'] / runs:.2f} |")
    out.append(f"| members leaving / run | {k['alliance_left'] / runs:.2f} |")
    jpn_nato = {e["run"] for e in ev if e["kind"] == "alliance_joined" and e["actor"] == "JPN" and e["detail"].startswith("NATO")}
    out.append(f"| runs where Japan joins NATO | {len(jpn_nato)} of {runs} |")
    for label, tag in [("Cuba embargo", "cuba"), ("North Korea", "north-korea"), ("Iran", "iran"), ("Russia", "russia")]:
        lifted = {e["run"] for e in ev if e["kind"] == "sanction_lifted" and e["detail"].split(";")[0] == tag}
        conceded = {e["run"] for e in ev if e["kind"] == "sanction_lifted" and e["detail"].split(";")[0] == tag and "succeeded" in e["detail"]}
        out.append(f"| {label}: runs where it ends (conceded) | {len(lifted)} ({len(conceded)}) of {runs} |")
    small = sum(1 for e in ev if e["kind"] == "sanction_imposed" and e["actor"] in ("CUB", "VEN", "PRK") and e["target"] == "USA")
    out.append(f"| sanctions imposed by CUB, VEN, PRK on the USA / {runs} runs | {small} |")
    lifted = [e for e in ev if e["kind"] == "sanction_lifted"]
    imposed = k["sanction_imposed"]
    ok = sum(1 for e in lifted if "succeeded" in e["detail"])
    out.append(f"| sanction episodes / run; succeeded share of ended | {imposed / runs:.2f}; {pct(ok / max(len(lifted), 1))} |")
    return out


def drift(binary, runs, d, work, v01):
    """End of the recorded decade against its start (the first recorded month, from a run
    of one month with the same seeds: the same spin-up), per state and variable; and the
    spread of end values between runs."""
    start = os.path.join(work, "start")
    run(binary, start, runs, extra=["--ticks", "1"])
    first = defaultdict(list)
    for r in rows(os.path.join(start, "states.csv")):
        first[(r["state"], r["metric"])].append(float(r["value"]))
    ends = defaultdict(list)
    for r in rows(os.path.join(d, "states.csv")):
        ends[(r["state"], r["metric"])].append(float(r["value"]))
    dynamic = ["ai", "crypto", "defense", "deterrence", "economy", "foreign_dependency", "indigenous",
               "institutional_presence", "law_maturity", "norms", "offense", "satellite", "security", "soft_power",
               "standards", "tech_access", "workforce", "trust_received", "allies", "pledges"]
    out = ["", "## Drift over the recorded decade (start = first recorded month), and spread between runs", "",
           "| variable | states up | states down | mean change | mean sd between runs (end) |", "|---|---|---|---|---|"]
    for var in dynamic:
        up = down = 0
        ch, sds = [], []
        for (sid, k), vs in ends.items():
            if k != var or (sid, k) not in first:
                continue
            c = mean(vs) - mean(first[(sid, k)])
            ch.append(c)
            sds.append(sd(vs))
            up += c > 0.01
            down += c < -0.01
        if ch:
            out.append(f"| `{var}` | {up} | {down} | {mean(ch):+.3f} | {mean(sds):.4f} |")
    return out


def effect(binary, runs, work, label, low, high, metric, scenarios=("scenarios/baseline.toml",) * 2):
    vals = []
    for (name, sets), scenario in zip((("low", low), ("high", high)), scenarios):
        d = os.path.join(work, "".join(c if c.isalnum() else "_" for c in label) + name)
        run(binary, d, runs, sets, scenario=scenario)
        vals.append([float(r[metric]) for r in rows(os.path.join(d, "runs.csv"))])
    a, b = vals
    pooled = ((sd(a) ** 2 + sd(b) ** 2) / 2) ** 0.5
    dz = (mean(b) - mean(a)) / pooled if pooled > 0 else float("nan")
    return f"| {label} | `{metric}` | {mean(a):.3f} | {mean(b):.3f} | {dz:+.2f} |"


def effects(binary, runs, work):
    out = ["", "## Effects (%d runs per setting)" % runs, "",
           "| change | outcome | low | high | difference / pooled sd |", "|---|---|---|---|---|"]
    out.append(effect(binary, runs, work, "IRN defense 0.3 → 0.95", ["state.IRN.defense=0.3"], ["state.IRN.defense=0.95"],
                      "IRN_successful_attacks_received"))
    out.append(effect(binary, runs, work, "IRN defense 0.3 → 0.95 (rate)", ["state.IRN.defense=0.3"], ["state.IRN.defense=0.95"],
                      "IRN_success_rate_received"))
    out.append(effect(binary, runs, work, "regional alliance (iran-regional-alliance.toml vs baseline)", [], [],
                      "IRN_successful_attacks_received",
                      ("scenarios/baseline.toml", "scenarios/iran-regional-alliance.toml")))
    return out


def main():
    binary = os.path.abspath(sys.argv[1])
    args = dict(zip(sys.argv[2::2], sys.argv[3::2]))
    runs = int(args.get("--runs", 500))
    v01 = args.get("--v01") == "1"
    os.chdir(os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
    with tempfile.TemporaryDirectory() as work:
        work = args.get("--out", work)
        out, d = who(binary, runs, v01, work)
        out += dynamics(binary, runs, d, v01)
        out += drift(binary, runs, d, work, v01)
        out += effects(binary, min(runs, 200), work)
    print("\n".join(out))


if __name__ == "__main__":
    main()

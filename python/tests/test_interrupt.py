"""The engine runs with the GIL released, and Ctrl-C (SIGINT) stops it (issue 15)."""

from __future__ import annotations

import signal
import subprocess
import sys
import threading
import time

from conftest import BASELINE, ROOT

import cyberdip

LONG_RUN = """
import sys, time, cyberdip
sc = cyberdip.load(BASELINE)
print("started", flush=True)
t = time.monotonic()
try:
    sc.CALL
except KeyboardInterrupt:
    print(f"interrupted after {time.monotonic() - t:.2f} s", flush=True)
    sys.exit(3)
print("finished", flush=True)
"""


def interrupt(call: str) -> tuple[int, str, float]:
    """Start `call` in a child Python, press Ctrl-C 1 s in, return (exit code, output, seconds
    from the signal to the end)."""
    p = subprocess.Popen([sys.executable, "-c", LONG_RUN.replace("BASELINE", repr(str(BASELINE))).replace("CALL", call)], cwd=ROOT, stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE, text=True)
    assert p.stdout is not None
    assert p.stdout.readline().strip() == "started"
    time.sleep(1.0)
    sent = time.monotonic()
    p.send_signal(signal.SIGINT)
    out, err = p.communicate(timeout=120)
    return p.returncode, out + err, time.monotonic() - sent


def test_ctrl_c_stops_a_long_run():
    # 100,000 runs take minutes; a batch of runs takes well under a second.
    code, out, secs = interrupt("run(runs=100_000, threads=2)")
    assert code == 3, out
    assert "interrupted" in out
    assert secs < 10, f"stopping took {secs:.1f} s"


def test_ctrl_c_stops_an_evaluation_of_many_points():
    code, out, secs = interrupt("_doc.evaluate(['state.IRN.coordination'], [[0.5]] * 100_000, ['attacks'], 1)")
    assert code == 3, out
    assert secs < 10, f"stopping took {secs:.1f} s"


def test_the_gil_is_released_while_the_engine_runs(baseline):
    done = threading.Event()

    def work():
        baseline.run(runs=40, ticks=60, threads=1)
        done.set()

    t = threading.Thread(target=work)
    t.start()
    spins = 0
    start = time.monotonic()
    while not done.is_set():
        spins += 1
    t.join()
    elapsed = time.monotonic() - start
    # With the GIL held by the engine this loop could not run while it works: a handful of
    # iterations before and after. Released, it spins millions of times a second.
    assert elapsed > 0.05, "the run was too short to tell"
    assert spins > 10_000 * elapsed, f"{spins} iterations in {elapsed:.2f} s: the GIL was held"

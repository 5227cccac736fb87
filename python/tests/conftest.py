"""Shared fixtures: the repository, the `cyberdip` binary the Python results are compared
with, and a helper that runs it.

The binary is `$CYBERDIP_BIN`, else `<repo>/target/release/cyberdip` (built by `cargo build
--release` or `cargo test --release`). A missing binary fails the tests that need it: they
never pass without comparing.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BASELINE = ROOT / "scenarios" / "baseline.toml"


def binary() -> Path:
    b = Path(os.environ.get("CYBERDIP_BIN", ROOT / "target" / "release" / "cyberdip"))
    if not b.is_file():
        pytest.fail(f"the cyberdip binary is missing at {b}: run `cargo build --release` or set CYBERDIP_BIN")
    return b


def cli(*args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    """Run the cyberdip binary from the repository root."""
    r = subprocess.run([str(binary()), *args], cwd=ROOT, capture_output=True, text=True, timeout=600)
    if check and r.returncode != 0:
        raise AssertionError(f"cyberdip {' '.join(args)} failed ({r.returncode}):\n{r.stderr}")
    return r


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def baseline():
    import cyberdip

    return cyberdip.load(BASELINE)

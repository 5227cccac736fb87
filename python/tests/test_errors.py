"""Bad input raises `cyberdip.ScenarioError` with file, line, column and key, and the same
message the command line prints (issue 15)."""

from __future__ import annotations

import pytest
from conftest import BASELINE, ROOT, cli

import cyberdip


def cli_message(*args: str) -> str:
    r = cli(*args, check=False)
    assert r.returncode == 2, f"expected exit code 2 (bad input), got {r.returncode}: {r.stderr}"
    return r.stderr.rstrip("\n")


def test_a_misspelt_set_key_has_the_cli_message_and_a_suggestion():
    with pytest.raises(cyberdip.ScenarioError) as info:
        cyberdip.load(BASELINE, set={"state.IRN.coordinaton": 0.5})
    e = info.value
    assert str(e) == cli_message("explain", str(BASELINE), "--set", "state.IRN.coordinaton=0.5")
    assert (e.file, e.line, e.column, e.key) == ("--set state.IRN.coordinaton=0.5", 1, 1, "coordinaton")
    assert "coordination" in e.help
    assert isinstance(e, ValueError)


def test_an_out_of_range_value_in_a_file_points_at_its_line_and_column(tmp_path, baseline):
    reg = cyberdip.parameters(baseline).set_index("name")
    beyond = float(reg.loc["parameters.attacks.base_rate", "max"]) + 1  # out of range whatever the range
    bad = tmp_path / "bad.toml"
    bad.write_text(f'extends = "{BASELINE.as_posix()}"\n\n[parameters]\nattacks.base_rate = {beyond!r}\n')
    with pytest.raises(cyberdip.ScenarioError) as info:
        cyberdip.load(bad)
    e = info.value
    assert str(e) == cli_message("validate", str(bad))
    assert e.file == str(bad) and e.line == 4 and e.column == 21
    assert e.key == "parameters.attacks.base_rate" and "out of range" in e.message
    assert len(e.errors) == 1 and e.errors[0]["line"] == 4


def test_every_error_is_reported_at_once():
    sets = {"state.XXX.defense": 0.5, "sanction.nope.intensity": 0.3}
    with pytest.raises(cyberdip.ScenarioError) as info:
        cyberdip.load(BASELINE, set=sets)
    args = ["explain", str(BASELINE), "--set", "state.XXX.defense=0.5", "--set", "sanction.nope.intensity=0.3"]
    assert str(info.value) == cli_message(*args)
    assert [x["key"] for x in info.value.errors] == ["state.XXX.defense", "sanction.nope.intensity"]
    assert str(info.value).endswith("2 errors")


def test_a_missing_file_is_a_scenario_error():
    with pytest.raises(cyberdip.ScenarioError) as info:
        cyberdip.load(ROOT / "scenarios" / "no-such-file.toml")
    assert "cannot read scenario file" in str(info.value)


def test_run_arguments_are_checked_like_the_command_line(baseline):
    with pytest.raises(cyberdip.ScenarioError) as info:
        baseline.run(runs=0)
    assert info.value.key == "simulation.runs"
    assert str(info.value) == cli_message("run", str(BASELINE), "--runs", "0", "--out", "/nonexistent/never")


def test_unknown_paths_and_metrics_get_suggestions(baseline):
    with pytest.raises(cyberdip.ScenarioError) as info:
        baseline.describe("state.IRN.coordinaton")
    assert "state.IRN.coordination" in info.value.help
    with pytest.raises(cyberdip.ScenarioError) as info:
        baseline._doc.evaluate(["state.IRN.coordination"], [[0.5]], ["IRN_securty"], 1)
    assert "IRN_security" in info.value.help


def test_set_accepts_a_list_of_texts_like_the_command_line():
    a = cyberdip.load(BASELINE, set=["state.IRN.coordination=0.8", "state.IRN.doctrine=russia"])
    b = cyberdip.load(BASELINE, set={"state.IRN.coordination": 0.8, "state.IRN.doctrine": "russia"})
    assert a.sets == b.sets == ("state.IRN.coordination=0.8", "state.IRN.doctrine=russia")
    assert a.describe("state.IRN.doctrine")[2] == "russia"
    with pytest.raises(TypeError):
        cyberdip.load(BASELINE, set={"state.IRN.coordination": object()})

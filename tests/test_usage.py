"""What a user meets first on the command line: one-line errors, plural forms, help that says enough."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from factcheck.cli import app


@pytest.fixture()
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "one.md").write_text("江苏今年将新建5G基站5.3万座。\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def invoke(*args: str, input: str | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args), input=input)
    return result.exit_code, result.stdout, result.stderr


# Point 5: errors that name the real problem, and counts in the singular --------------------------------

FACT_BASE_ERRORS = {
    "no default facts and none added": (["--no-default-facts", "one.md"], "factcheck: error: no fact base: --no-default-facts (or default-facts: false) needs --facts DIR (or facts: in the configuration)\n"),
    "a missing fact directory": (["--facts", "nope", "one.md"], "factcheck: error: no such fact directory or file: nope\n"),
    "facts list without a base": (["facts", "list", "--no-default-facts"], "factcheck: error: no fact base: --no-default-facts (or default-facts: false) needs --facts DIR (or facts: in the configuration)\n"),
}


@pytest.mark.parametrize("args,error", FACT_BASE_ERRORS.values(), ids=FACT_BASE_ERRORS.keys())
def test_fact_base_errors_say_what_is_wrong(workdir: Path, args: list[str], error: str) -> None:
    assert invoke(*args) == (2, "", error)


def test_default_facts_false_in_the_configuration_without_facts_is_a_usage_error(workdir: Path) -> None:
    (workdir / ".factcheck.yaml").write_text("default-facts: false\n", encoding="utf-8")
    status, out, err = invoke("one.md")
    assert (status, out) == (2, "") and err.startswith("factcheck: error: no fact base:")


def test_one_discrepancy_is_singular(workdir: Path) -> None:
    status, out, _ = invoke("--format", "plain", "one.md")
    assert status == 1 and out.splitlines()[-1] == "1 discrepancy, 0 unverified, 0 agree in 1 file"

"""`factcheck facts validate | list` and `factcheck explain`: exit codes and file:line messages."""

from __future__ import annotations

from pathlib import Path

import pytest
from samples import GOOD_FACT, SPECS
from typer.testing import CliRunner

from factcheck.cli import app

GOOD = GOOD_FACT + SPECS

BROKEN = {
    "missing field": (GOOD.replace("    metric: 新建5G基站\n", ""), 3, "missing required key 'metric'"),
    "wrong type": (GOOD.replace('value: "52000"', "value: [52000]"), 7, "must be a quoted exact decimal"),
    "duplicate id": (GOOD + GOOD.split("facts:\n", 1)[1], 15, "duplicate id 'js-5g'"),
    "yaml syntax error": (GOOD.replace("unit: 座", "unit: [座"), 0, "YAML syntax error"),
    "failing spec": (GOOD.replace("- agree: 江苏今年将新建5G基站5.2万座", "- agree: 江苏今年将新建5G基站5.9万座"), 12, "expected agree"),
}


def run(*args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(app, list(args))


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "f.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_good_file_validates(tmp_path: Path) -> None:
    result = run("facts", "validate", str(write(tmp_path, GOOD)))
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize("text,line,message", BROKEN.values(), ids=BROKEN.keys())
def test_broken_files_exit_1_with_file_and_line(tmp_path: Path, text: str, line: int, message: str) -> None:
    path = write(tmp_path, text)
    result = run("facts", "validate", str(path))
    assert result.exit_code == 1
    lines = [x for x in result.stdout.splitlines() if message in x]
    assert lines and lines[0].startswith(f"{path}:{line}:" if line else f"{path}:"), result.stdout


def test_quote_not_in_source(tmp_path: Path) -> None:
    sources = tmp_path / "sources"
    sources.mkdir()
    (sources / "s.txt").write_text("全年新建5G基站5.3万座。", encoding="utf-8")
    path = write(tmp_path, GOOD)
    result = run("facts", "validate", str(path), "--sources", str(sources))
    assert result.exit_code == 1
    assert f"{path}:3: js-5g: quote is not a verbatim substring of s.txt" in result.stdout


def test_unusable_input_exits_2(tmp_path: Path) -> None:
    result = run("facts", "validate", str(tmp_path / "missing.yaml"))
    assert result.exit_code == 2
    assert "missing.yaml: no such fact file or directory" in result.output


def test_broken_extra_facts_stop_a_check_with_exit_2(tmp_path: Path) -> None:
    draft = tmp_path / "d.md"
    draft.write_text("江苏新建5G基站5.2万座。", encoding="utf-8")
    result = run(str(draft), "--facts", str(write(tmp_path, GOOD.replace("subject: 江苏", "subject: 火星"))))
    assert result.exit_code == 2
    assert "f.yaml:4: unknown entity '火星'" in result.output
    assert "Traceback" not in result.output


def test_list_filters_by_subject_and_word() -> None:
    result = run("facts", "list", "--subject", "江苏省", "--grep", "5G")
    assert result.exit_code == 0
    assert "js-5g-new-stations-2020" in result.stdout and "hn-" not in result.stdout


def test_explain_shows_the_quote() -> None:
    result = run("explain", "js-5g-new-stations-2020")
    assert result.exit_code == 0
    assert "全年新建5G基站5.2万座" in result.stdout and "002_a0d4ed38e53a1507.txt" in result.stdout


def test_explain_unknown_id() -> None:
    result = run("explain", "no-such-fact")
    assert result.exit_code == 2 and "no fact with id 'no-such-fact'" in result.output

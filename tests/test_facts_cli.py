"""`factcheck facts validate | list` and `factcheck explain`: exit codes and file:line messages."""

from __future__ import annotations

from pathlib import Path

import pytest
from samples import ENTITIES, GOOD_FACT, SPECS
from typer.testing import CliRunner

from factcheck.cli import app

GOOD = GOOD_FACT + SPECS

BROKEN = {
    "missing field": (GOOD.replace("    metric: 新建5G基站\n", ""), 3, "missing required key 'metric'"),
    "no english": (GOOD.replace("    keywords: [new 5G base stations]\n", ""), 3, "no English wording reaches this fact"),
    "wrong type": (GOOD.replace('value: "52000"', "value: [52000]"), 7, "must be a quoted exact decimal"),
    "duplicate id": (GOOD + GOOD.split("facts:\n", 1)[1], 16, "duplicate id 'js-5g'"),
    "yaml syntax error": (GOOD.replace("unit: 座", "unit: [座"), 0, "YAML syntax error"),
    "failing spec": (GOOD.replace("- agree: 江苏今年将新建5G基站5.2万座", "- agree: 江苏今年将新建5G基站5.9万座"), 13, "expected agree"),
}


def run(*args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(app, list(args))


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "f.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def validate_alone(tmp_path: Path, path: Path, *more: str):  # type: ignore[no-untyped-def]
    """`facts validate` of a fact file with its own gazetteer and without the embedded base
    (whose js-5g-new-stations-2020 states the same figure: see the test of that below)."""
    entities = tmp_path / "entities.yaml"
    entities.write_text(ENTITIES, encoding="utf-8")
    return run("facts", "validate", "--no-default-facts", str(entities), str(path), *more)


def test_a_good_file_validates(tmp_path: Path) -> None:
    result = validate_alone(tmp_path, write(tmp_path, GOOD))
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize("text,line,message", BROKEN.values(), ids=BROKEN.keys())
def test_broken_files_exit_1_with_file_and_line(tmp_path: Path, text: str, line: int, message: str) -> None:
    path = write(tmp_path, text)
    result = validate_alone(tmp_path, path)
    assert result.exit_code == 1
    lines = [x for x in result.stdout.splitlines() if message in x]
    assert lines and lines[0].startswith(f"{path}:{line}:" if line else f"{path}:"), result.stdout


def test_quote_not_in_source(tmp_path: Path) -> None:
    sources = tmp_path / "sources"
    sources.mkdir()
    (sources / "s.txt").write_text("全年新建5G基站5.3万座。", encoding="utf-8")
    path = write(tmp_path, GOOD)
    result = validate_alone(tmp_path, path, "--sources", str(sources))
    assert result.exit_code == 1
    assert f"{path}:3: js-5g: quote is not a verbatim substring of s.txt" in result.stdout


def test_unusable_input_exits_2(tmp_path: Path) -> None:
    result = run("facts", "validate", str(tmp_path / "missing.yaml"))
    assert result.exit_code == 2
    assert result.stderr == f"factcheck: error: no such fact directory or file: {tmp_path / 'missing.yaml'}\n"


# Point 7 of issue 16: validate the base a check would use, embedded plus added --------------------------

OWN_ENTITY = """\
entities:
  - id: 昆山
    kind: city
    aliases: [昆山市]
    english: Kunshan
    parent: 苏州
"""
OWN_FACT = """\
source: ks.txt
facts:
  - id: ks-5g-2020
    subject: 昆山
    metric: 新建5G基站
    kind: count
    value: "3000"
    unit: 座
    as_written: 3000座
    quote: 昆山全年新建5G基站3000座。
    specs:
      - agree: 昆山今年将新建5G基站3000座。
      - flag: 昆山今年将新建5G基站3500座。
        reason: value
"""


@pytest.fixture()
def newsroom(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A newsroom's own fact folder: a gazetteer of its own places and a fact about one of them."""
    facts = tmp_path / "facts"
    facts.mkdir()
    (facts / "entities.yaml").write_text(OWN_ENTITY, encoding="utf-8")
    (facts / "kunshan.yaml").write_text(OWN_FACT, encoding="utf-8")
    sources = tmp_path / "sources"
    sources.mkdir()
    (sources / "ks.txt").write_text("昆山全年新建5G基站3000座。", encoding="utf-8")
    (tmp_path / "draft.md").write_text("昆山今年将新建5G基站3500座。\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_validate_accepts_what_check_accepts(newsroom: Path) -> None:
    checked = run("draft.md", "--format", "plain", "--facts", "facts")
    assert checked.exit_code == 1 and "discrepancy [value] 3500座 -> 3000座" in checked.stdout
    result = run("facts", "validate", "facts", "--sources", "sources")
    assert result.exit_code == 0, result.output
    assert result.stderr.startswith("111 facts, ")  # the embedded 110 and the newsroom's own, together


def test_validate_reads_the_configurations_facts(newsroom: Path) -> None:
    (newsroom / ".factcheck.yaml").write_text("facts: [facts]\n", encoding="utf-8")
    assert run("facts", "validate").stderr.startswith("111 facts, ")
    assert run("facts", "validate", "--no-config").stderr.startswith("110 facts, ")
    (newsroom / "facts" / "kunshan.yaml").write_text(OWN_FACT.replace("subject: 昆山", "subject: 火星"), encoding="utf-8")
    result = run("facts", "validate")
    assert result.exit_code == 1 and "kunshan.yaml:4: unknown entity '火星'" in result.stdout


def test_validate_finds_an_added_fact_that_breaks_the_embedded_specs(newsroom: Path) -> None:
    """A newsroom fact stating an embedded fact's figure again takes its findings: check would too."""
    (newsroom / "facts" / "dup.yaml").write_text(GOOD, encoding="utf-8")
    result = run("facts", "validate", "facts")
    assert result.exit_code == 1
    assert "js-5g-new-stations-2020: spec '江苏今年将新建5G基站5.2万座。': expected agree with this fact, got 5.2万座 agree js-5g" in result.stdout


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

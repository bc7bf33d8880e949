"""docs/verdicts.md is true: every example in its tables gets the verdict, reason or why, rule
and fact its row says, and the tables name every rule, reason and why there is."""

from __future__ import annotations

import re
from pathlib import Path
from typing import get_args

import pytest

from factcheck.match import RULES
from factcheck.model import REASONS, Finding, Why

DOC = Path(__file__).resolve().parents[1] / "docs" / "verdicts.md"


def tables() -> dict[str, list[list[str]]]:
    """Each table of the doc by its first header cell: its body rows, cells stripped."""
    found: dict[str, list[list[str]]] = {}
    rows: list[list[str]] = []
    for line in DOC.read_text(encoding="utf-8").splitlines() + [""]:
        if line.startswith("|"):
            rows.append([cell.strip() for cell in line.strip("|").split("|")])
        elif rows:
            found[rows[0][0]] = [row for row in rows[2:]]
            rows = []
    return found


TABLES = tables()


def figure(checker, example: str, why: str | None = None) -> Finding:  # type: ignore[no-untyped-def]
    """The finding of the figure in bold (with `why`, the one that says so: a figure may have
    two). `\\uXXXX` in an example stands for a character that cannot be seen."""
    example = re.sub(r"\\u([0-9a-fA-F]{4})", lambda m: chr(int(m.group(1), 16)), example)
    bold = re.search(r"\*\*(.+?)\*\*", example)
    assert bold, f"no figure in bold: {example}"
    text = example.replace("**", "")
    start = bold.start()
    findings = checker.check_text(text).findings
    found = [f for f in findings if f.start <= start < f.end or start <= f.start < start + len(bold.group(1))]
    found = [f for f in found if f.why == why] or found if why else found
    assert found, f"no finding for {bold.group(1)} in {text}: {findings}"
    return found[0]


@pytest.mark.parametrize("row", TABLES["rule"], ids=[row[0] for row in TABLES["rule"]])
def test_each_rule_decides_its_example(checker, row: list[str]) -> None:  # type: ignore[no-untyped-def]
    rule, verdict, _, example, fact = row
    found = figure(checker, example)
    assert found.rule == rule
    wanted = verdict.split(" (")[0]
    assert found.verdict == wanted
    if found.verdict == "discrepancy" and "," not in verdict:
        assert f"({found.reason})" in verdict
    assert found.fact_id == fact


@pytest.mark.parametrize("row", TABLES["reason"], ids=[row[0] for row in TABLES["reason"]])
def test_each_reason_has_its_example(checker, row: list[str]) -> None:  # type: ignore[no-untyped-def]
    reason, _, example, fact = row
    found = figure(checker, example)
    assert (found.verdict, found.reason, found.fact_id) == ("discrepancy", reason, fact)


@pytest.mark.parametrize("row", TABLES["why"], ids=[row[0] for row in TABLES["why"]])
def test_each_why_has_its_example(checker, row: list[str]) -> None:  # type: ignore[no-untyped-def]
    why, _, example, fact = row
    found = figure(checker, example, why)
    assert (found.verdict, found.why) == ("unverified", why)
    assert found.fact_id == (None if fact == "(none)" else fact)


def test_the_tables_name_every_rule_reason_and_why() -> None:
    assert [row[0] for row in TABLES["rule"]] == [name for name, _ in RULES] + ["nothing fits"]
    assert {row[0] for row in TABLES["reason"]} == set(REASONS)
    assert {row[0] for row in TABLES["why"]} == set(get_args(Why))

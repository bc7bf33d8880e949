"""Invisible and no-break characters next to a figure (issue 17, point 12): the figure is read
as if they were spaces, and an invisible one is a finding of its own."""

from __future__ import annotations

import pytest

from factcheck.reading import HIDDEN

WRONG = "今年江苏将新建5G基站5.3{}万座。"  # the source says 5.2万座
GAPS = ["\u00a0", "\u2009", "\u202f"]  # typesetting puts these between a number and its unit


@pytest.mark.parametrize("char", sorted(HIDDEN), ids=lambda c: f"U+{ord(c):04X}")
def test_a_hidden_character_does_not_hide_a_wrong_figure(checker, char: str) -> None:  # type: ignore[no-untyped-def]
    findings = checker.check_text(WRONG.format(char)).findings
    assert [(f.verdict, f.reason, f.why) for f in findings] == [
        ("discrepancy", "value", None), ("unverified", None, "hidden-character")]
    figure, hidden = findings
    assert figure.text == hidden.text == f"5.3{char}万座"
    assert f"U+{ord(char):04X}" in (hidden.note or "")


@pytest.mark.parametrize("char", GAPS, ids=lambda c: f"U+{ord(c):04X}")
def test_a_no_break_space_is_read_as_a_space_and_not_reported(checker, char: str) -> None:  # type: ignore[no-untyped-def]
    findings = checker.check_text(WRONG.format(char)).findings
    assert [(f.verdict, f.reason) for f in findings] == [("discrepancy", "value")]


def test_a_hidden_character_beside_a_figure_that_agrees_is_reported(checker) -> None:  # type: ignore[no-untyped-def]
    findings = checker.check_text("今年江苏将新建5G基站\u202e5.2万座。").findings
    assert [(f.verdict, f.why) for f in findings] == [("agree", None), ("unverified", "hidden-character")]
    assert findings[1].start == findings[0].start  # at the figure, so an annotation marks it


def test_a_hidden_character_away_from_figures_is_not_a_finding(checker) -> None:  # type: ignore[no-untyped-def]
    findings = checker.check_text("江\u200b苏今年将新建5G基站5.2万座。").findings
    assert all(f.why != "hidden-character" for f in findings)

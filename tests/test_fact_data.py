"""The fact base as data: quotes verbatim, every figure of the sources covered, no silent contradictions."""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path

import pytest

from factcheck.validate import check_quotes

# Digits that are part of a name, not a figure (the fact schema's "What is not a fact").
NAME_DIGITS = {
    "network generations and standards (5G, 4G, IPv6, N95)": r"\d+G\b|\d+G(?=[^A-Za-z])|IPv\d|N95",
    "a gas field's name (陵水17-2)": r"陵水17-2",
    "years inside document titles (《2020年数字福建建设工作要点》)": r"《\d{4}年",
    "the plan structure's name (1+16+X), whose counts are facts of their own": r"\d+\+\d+\+X",
    "the name 5G+ of a programme (5G+工业互联网)": r"5G\+",
    "months that date a statement with no figure (3月全省工业产值同比实现了正增长, 2月以来的下滑)": r"3月全省工业产值同比实现了正增长|2月以来",
}
_FIGURE = re.compile(r"\d+(?:[.,]\d+)*")


def _excluded(text: str, start: int, end: int) -> bool:
    window_start = max(0, start - 4)
    for pattern in NAME_DIGITS.values():
        for match in re.finditer(pattern, text[window_start:end + 4]):
            if match.start() + window_start <= start and end <= match.end() + window_start:
                return True
    return False


def test_quotes_are_verbatim(base, sources: Path) -> None:  # type: ignore[no-untyped-def]
    assert [str(p) for p in check_quotes(base.facts, sources)] == []


def test_every_arabic_figure_of_the_sources_is_a_fact(base, sources: Path) -> None:  # type: ignore[no-untyped-def]
    missing = []
    for path in sorted(sources.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        facts = [f for f in base.facts if f.source == path.name]
        stated = {m.group() for f in facts for m in _FIGURE.finditer(f.as_written)}
        stated |= {str(int(part)) for f in facts if f.period for part in re.findall(r"\d+", f.period)}
        quoted = [f.quote for f in facts]
        for match in _FIGURE.finditer(text):
            figure = match.group()
            if _excluded(text, match.start(), match.end()) or figure in stated:
                continue
            is_date = text[match.end():match.end() + 1] in ("年", "月", "日")
            if is_date and any(_in_quote(text, match.start(), quote) for quote in quoted):
                continue  # a period or date inside a fact's quote (截至4月14日)
            missing.append(f"{path.name}: {figure} in …{text[max(0, match.start() - 12):match.end() + 8]}…")
    assert not missing, "\n".join(missing)


def _in_quote(text: str, position: int, quote: str) -> bool:
    start = text.find(quote)
    while start >= 0:
        if start <= position < start + len(quote):
            return True
        start = text.find(quote, start + 1)
    return False


def test_no_two_facts_say_different_things_of_the_same_measure(base) -> None:  # type: ignore[no-untyped-def]
    said: dict[tuple[str, str, str | None, str, str], set[str]] = defaultdict(set)
    for fact in base.facts:
        said[(fact.subject, fact.metric, fact.period, fact.kind, fact.unit)].add(str(fact.value or fact.date))
    contradictions = {key: values for key, values in said.items() if len(values) > 1}
    assert not contradictions


def test_every_fact_names_a_known_source(base, sources: Path) -> None:  # type: ignore[no-untyped-def]
    names = {p.name for p in sources.glob("*.txt")}
    assert {f.source for f in base.facts} <= names


@pytest.mark.parametrize("reason", ["value", "unit", "direction", "period", "subject", "qualifier"])
def test_specs_cover_every_reason(base, reason: str) -> None:  # type: ignore[no-untyped-def]
    assert any(s.reason == reason for f in base.facts for s in f.specs)

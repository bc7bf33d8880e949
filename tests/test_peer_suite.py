"""Score the numeral reader and `extract` against Microsoft Recognizers-Text's Chinese specs.

The specs live beside the repository (shared/peer-suites/recognizers-text-zh, MIT,
not copied here); the test skips when they are absent. NumberModel scores
`scan_numerals`, PercentModel scores the percent and points mentions of
`extract`; the other files are scored loosely and only reported. Every case
left out of scope is named below with its reason. Each run rewrites
docs/peer-suite-results.md and asserts a floor per scored file.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path

import pytest

from factcheck.extract import extract
from factcheck.numerals import scan_numerals

ROOT = Path(__file__).resolve().parents[1]
PEER = ROOT.parent / "shared" / "peer-suites" / "recognizers-text-zh"
RESULTS = ROOT / "docs" / "peer-suite-results.md"

# Pass-rate floors (in-scope cases) for the files that are scored.
FLOORS = {"NumberModel": 0.97, "PercentModel": 0.97}
TRADITIONAL = set("萬億兩貳參陸點負個幾餘對雙蘋還點們經說這麼機實實準備戰鬥爭國總統發")
SIMPLIFIED = set("万亿两贰参陆点负个几余对双苹还们经说这么机实准备战斗争国总统发")

Case = dict  # one JSON line of a spec file


def _fraction(text: str) -> bool:
    squeezed = re.sub(r"\s", "", text)
    return "分之" in squeezed or "/" in text or "又" in text


# (reason, test) pairs: a case is out of scope for the first reason whose test holds.
NUMBER_EXCLUSIONS: list[tuple[str, Callable[[Case], bool]]] = [
    ("fractions (三分之一, 3/5, 又) are not exact decimals and rare in economic news: not read",
     lambda c: any(_fraction(e["text"]) for e in c["expected"]) or _fraction(c["input"]) and not c["expected"]),
    ("power notation (2^5) is not written in news",
     lambda c: any("^" in e["text"] for e in c["expected"])),
    ("打 as a dozen is colloquial; in news 打 is the verb (打造, 打击)",
     lambda c: any(e["text"].endswith("打") for e in c["expected"])),
    ("半 (半百) is not read as a numeral",
     lambda c: any("半" in e["text"] for e in c["expected"])),
    ("dotted digit runs (versions, IP addresses: 2222.2222.22222) are names, skipped whole",
     lambda c: re.search(r"\d\.\d+\.\d", c["input"]) is not None),
    ("the spec leaves a count before a currency or 折 to other models (一美元 -> nothing); a scanner reads 一",
     lambda c: not c["expected"] and re.search("美元|美刀|折", c["input"]) is not None),
]
PERCENT_EXCLUSIONS: list[tuple[str, Callable[[Case], bool]]] = [
    ("折 (discounts: 9.9折 = 99%) is shop talk, not economic reporting: not read",
     lambda c: "折" in c["input"]),
    ("半成 and a digit after 成 (七成 六) are not read",
     lambda c: "半成" in c["input"] or re.search(r"成\s+\S", c["input"]) is not None),
    ("二三十 is read on purpose as the range 20-30 (the spec wants nothing)",
     lambda c: "二三十" in c["input"]),
    ("5-20% is read on purpose as the range 5-20% (the spec wants only 20%)",
     lambda c: re.search(r"\d-\d+%", c["input"]) is not None),
]


@dataclass(frozen=True)
class Score:
    name: str
    cases: int
    in_scope: int
    passed: int
    excluded: dict[str, int]
    by_script: dict[str, tuple[int, int]]
    failures: list[str]

    @property
    def rate(self) -> float:
        return self.passed / self.in_scope if self.in_scope else 1.0


def _load(name: str) -> list[Case]:
    path = PEER / f"{name}.jsonl"
    if not path.is_file():
        pytest.skip(f"peer suite file absent: {path}")
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _number(text: str | None) -> Decimal | None:
    if text is None:
        return None
    try:
        return Decimal(text.rstrip("%"))
    except InvalidOperation:
        return None


def _close(got: Decimal | None, want: Decimal | None) -> bool:
    if got is None or want is None:
        return got is want
    return abs(got - want) <= max(Decimal("1e-9"), abs(want) * Decimal("1e-12"))


def _same(got: list[tuple[int, int, Decimal | None]], case: Case) -> bool:
    want = [(e["start"], e["end"] + 1, _number(e["value"])) for e in case["expected"]]
    return len(got) == len(want) and all(
        g[0] == w[0] and g[1] == w[1] and _close(g[2], w[2]) for g, w in zip(got, want)
    )


def _script(text: str) -> str:
    chars = set(text)
    if chars & TRADITIONAL and not chars & SIMPLIFIED:
        return "traditional"
    if chars & SIMPLIFIED and not chars & TRADITIONAL:
        return "simplified"
    return "neutral"


def number_result(case: Case) -> list[tuple[int, int, Decimal | None]]:
    """scan_numerals; numerals right before % are PercentModel's business in the spec."""
    text = case["input"]
    return [(n.start, n.end, n.value) for n in scan_numerals(text) if text[n.end:n.end + 1] not in ("%", "％")]


def percent_result(case: Case) -> list[tuple[int, int, Decimal | None]]:
    return [(m.start, m.end, m.value) for m in extract(case["input"]) if m.kind in ("percent", "points")]


def score(name: str, exclusions: list[tuple[str, Callable[[Case], bool]]],
          result: Callable[[Case], list[tuple[int, int, Decimal | None]]]) -> Score:
    cases = _load(name)
    excluded: dict[str, int] = {}
    passed, in_scope, failures = 0, 0, []
    by_script: dict[str, tuple[int, int]] = {}
    for case in cases:
        reason = next((why for why, test in exclusions if test(case)), None)
        if reason is not None:
            excluded[reason] = excluded.get(reason, 0) + 1
            continue
        in_scope += 1
        ok = _same(result(case), case)
        passed += ok
        script = _script(case["input"])
        done, total = by_script.get(script, (0, 0))
        by_script[script] = (done + ok, total + 1)
        if not ok:
            failures.append(f"{case['id']} {case['input'][:40]!r}")
    return Score(name, len(cases), in_scope, passed, excluded, by_script, failures)


def loose_score(name: str) -> Score:
    """Report only: do the numbers the spec expects appear among extract's values?"""
    cases = _load(name)
    passed, failures = 0, []
    for case in cases:
        want = sorted(v for e in case["expected"] for v in _endpoints(e["value"]))
        got = sorted(v for m in extract(case["input"]) for v in (m.value, m.high) if v is not None)
        ok = len(want) == len(got) and all(_close(g, w) for g, w in zip(got, want))
        passed += ok
        if not ok:
            failures.append(case["id"])
    return Score(name, len(cases), len(cases), passed, {}, {}, failures)


def _endpoints(value: str | None) -> list[Decimal]:
    if value is None:
        return []
    parts = re.split(r"[,\[\]()]", value) if value[:1] in "[(" else [value]
    return [n for n in (_number(p) for p in parts if p) if n is not None]


def _write_results(scores: list[Score], loose: list[Score]) -> None:
    lines = ["# Peer-suite results (written by tests/test_peer_suite.py)", "",
             "Microsoft Recognizers-Text Chinese specs, read from `shared/peer-suites/recognizers-text-zh`.",
             "`end` there is inclusive; values are compared as numbers.", "",
             "| file | cases | in scope | passed | rate | floor | simplified | traditional | neutral |",
             "|---|---|---|---|---|---|---|---|---|"]
    for s in scores:
        cells = [f"{d}/{t}" for d, t in (s.by_script.get(k, (0, 0)) for k in ("simplified", "traditional", "neutral"))]
        lines.append(f"| {s.name} | {s.cases} | {s.in_scope} | {s.passed} | {s.rate:.1%} | "
                     f"{FLOORS.get(s.name, 0):.0%} | {' | '.join(cells)} |")
    lines += ["", "Reported only (loose: the expected numbers appear among `extract`'s values and high ends):", "",
              "| file | cases | passed | rate |", "|---|---|---|---|"]
    lines += [f"| {s.name} | {s.cases} | {s.passed} | {s.rate:.1%} |" for s in loose]
    for s in scores:
        lines += ["", f"## {s.name}: out of scope", ""]
        lines += [f"- {count} case(s): {reason}" for reason, count in s.excluded.items()]
        lines += ["", f"Failing in scope: {', '.join(s.failures) or 'none'}"]
    text = "\n".join(lines) + "\n"
    if not RESULTS.exists() or RESULTS.read_text(encoding="utf-8") != text:
        RESULTS.write_text(text, encoding="utf-8")


@pytest.fixture(scope="module")
def scores() -> dict[str, Score]:
    if not PEER.is_dir():
        pytest.skip(f"peer suite absent: {PEER}")
    scored = [score("NumberModel", NUMBER_EXCLUSIONS, number_result),
              score("PercentModel", PERCENT_EXCLUSIONS, percent_result)]
    loose = [loose_score(name) for name in ("OrdinalModel", "CurrencyModel", "DimensionModel", "AgeModel",
                                            "TemperatureModel", "NumberRangeModel") if (PEER / f"{name}.jsonl").is_file()]
    _write_results(scored, loose)
    for s in (*scored, *loose):
        print(f"{s.name}: {s.passed}/{s.in_scope} in scope ({s.rate:.1%}) of {s.cases} cases")
    return {s.name: s for s in scored}


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_pass_rate_floor(scores: dict[str, Score], name: str) -> None:
    result = scores[name]
    assert result.rate >= FLOORS[name], f"{name}: {result.rate:.1%} < {FLOORS[name]:.0%}; failing: {result.failures}"


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_simplified_cases_meet_the_target(scores: dict[str, Score], name: str) -> None:
    done, total = scores[name].by_script.get("simplified", (0, 0))
    assert total == 0 or done / total >= 0.95


def test_every_exclusion_is_used(scores: dict[str, Score]) -> None:
    """An exclusion that matches nothing is dead weight (or a typo that hides a failure)."""
    for name, exclusions in (("NumberModel", NUMBER_EXCLUSIONS), ("PercentModel", PERCENT_EXCLUSIONS)):
        for reason, _ in exclusions:
            assert scores[name].excluded.get(reason, 0) > 0, (name, reason)

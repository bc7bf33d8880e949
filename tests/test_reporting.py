"""The corpus modelled on real reporting (tests/reporting/README.md), checked through the CLI.

Prints per language the false-alarm rate (figures that are not discrepancies
but are reported as one), the false-agree rate (figures no source states
that are reported as agreeing), discrepancy recall (and how often the
reason is right) and agree recall, and holds each to its floor.

Run `python tests/test_reporting.py [LANGUAGE]` to list every figure the
checker gets wrong.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from factcheck.cli import app

CORPUS = Path(__file__).parent / "reporting"
LANGUAGES = ("zh-hans", "zh-hant", "en")
FLOORS = {"false alarms": 0.02, "false agree": 0.03, "discrepancy recall": 0.9, "reason right": 0.8,
          "agree recall": 0.9}
# Languages whose reading is finished and held to the floors; the others are measured and printed.
HELD = ("zh-hans", "zh-hant", "en")


@dataclass
class Pair:
    draft: str
    label: dict[str, Any]
    finding: dict[str, Any] | None

    @property
    def got(self) -> str:
        return "(nothing)" if self.finding is None else self.finding["verdict"]


@dataclass
class Tally:
    pairs: list[Pair] = field(default_factory=list)
    unlabelled: list[tuple[str, dict[str, Any]]] = field(default_factory=list)

    def of(self, verdict: str) -> list[Pair]:
        return [p for p in self.pairs if p.label["verdict"] == verdict]

    def rates(self) -> dict[str, float]:
        others = [p for p in self.pairs if p.label["verdict"] != "discrepancy"]
        alarms = [p for p in others if p.got == "discrepancy"]
        stray = [f for _, f in self.unlabelled if f["verdict"] == "discrepancy"]
        wrong = self.of("discrepancy")
        return {
            "false alarms": (len(alarms) + len(stray)) / max(1, len(others) + len(stray)),
            "false agree": sum(p.got == "agree" for p in self.of("unverified")) / max(1, len(self.of("unverified"))),
            "discrepancy recall": sum(p.got == "discrepancy" for p in wrong) / max(1, len(wrong)),
            "reason right": sum(p.got == "discrepancy" and p.finding is not None
                                and p.finding["reason"] == p.label.get("reason") for p in wrong) / max(1, len(wrong)),
            "agree recall": sum(p.got == "agree" for p in self.of("agree")) / max(1, len(self.of("agree"))),
        }

    def misses(self) -> list[str]:
        lines = []
        for p in self.pairs:
            want, finding = p.label, p.finding
            got = p.got + (f"/{finding['reason']}" if finding and finding.get("reason") else "")
            wanted = want["verdict"] + (f"/{want['reason']}" if want.get("reason") else "")
            if got != wanted and not (wanted == "unverified" and finding is None):
                fact = finding and (finding.get("fact") or finding.get("nearest") or {}).get("id")
                why = finding and finding.get("why")
                lines.append(f"{p.draft}: {want['text']}: want {wanted} ({want.get('fact') or want.get('why')}),"
                             f" got {got} ({fact}{', ' + why if why else ''})")
        lines += [f"{draft}: {f['text']}: not labelled, got {f['verdict']}" for draft, f in self.unlabelled
                  if f["verdict"] == "discrepancy"]
        return lines


def drafts(language: str) -> list[Path]:
    return sorted(p for p in (CORPUS / language).glob("*.md") if p.with_suffix(".labels.yaml").exists())


def tally(language: str, args: tuple[str, ...] = ()) -> Tally:
    """Every labelled figure of a language with its finding; `args` choose the fact base
    (test_facts_draft_sources.py checks a drafted one)."""
    paths = drafts(language)
    result = CliRunner().invoke(app, ["--format", "json", "--fail-on", "never", *args, *map(str, paths)])
    assert result.exit_code == 0, result.output
    report = {Path(f["path"]).name: f["findings"] for f in json.loads(result.stdout)["files"]}
    total = Tally()
    for path in paths:
        labels = yaml.safe_load(path.with_suffix(".labels.yaml").read_text(encoding="utf-8"))
        pairs, rest = pair(path.read_text(encoding="utf-8"), labels["figures"], report[path.name])
        total.pairs += [Pair(path.name, label, finding) for label, finding in pairs]
        total.unlabelled += [(path.name, f) for f in rest]
    return total


def pair(text: str, labels: list[dict[str, Any]], findings: list[dict[str, Any]]) -> tuple[
        list[tuple[dict[str, Any], dict[str, Any] | None]], list[dict[str, Any]]]:
    """Each label with the finding over the place its text next occurs; the findings left over."""
    pairs, cursor, taken = [], 0, set()
    for label in labels:
        start = text.find(str(label["text"]), cursor)
        assert start >= 0, f"label {label['text']!r} not found after offset {cursor}"
        end = start + len(str(label["text"]))
        cursor = end
        over = [i for i, f in enumerate(findings) if f["start"] < end and start < f["end"] and i not in taken]
        taken.update(over[:1])
        pairs.append((label, findings[over[0]] if over else None))
    return pairs, [f for i, f in enumerate(findings) if i not in taken]


@pytest.fixture(scope="module")
def tallies() -> dict[str, Tally]:
    return {language: tally(language) for language in LANGUAGES}


def test_the_corpus_is_large_enough() -> None:
    originals = [p for language in LANGUAGES for p in drafts(language) if not p.stem.endswith("-errors")]
    injected = sum(1 for language in LANGUAGES for p in drafts(language) if p.stem.endswith("-errors")
                   for label in yaml.safe_load(p.with_suffix(".labels.yaml").read_text(encoding="utf-8"))["figures"]
                   if label.get("injected") is not None)
    assert len(originals) >= 30 and injected >= 40


@pytest.mark.parametrize("language", LANGUAGES)
def test_real_reporting(tallies: dict[str, Tally], language: str, capsys: pytest.CaptureFixture[str]) -> None:
    rates = tallies[language].rates()
    counts = Counter(p.label["verdict"] for p in tallies[language].pairs)
    with capsys.disabled():
        shown = ", ".join(f"{name} {value:.3f}" for name, value in rates.items())
        print(f"\n{language}: {dict(counts)}: {shown}")
    failing = {name: value for name, value in rates.items()
               if (value > FLOORS[name] if name.startswith("false") else value < FLOORS[name])}
    if language in HELD:
        assert not failing, "\n".join(tallies[language].misses())


if __name__ == "__main__":
    for language in sys.argv[1:] or LANGUAGES:
        found = tally(language)
        print(f"== {language}: {found.rates()}")
        print("\n".join(found.misses()))

"""The fact base drafted from the two shipped sources, used alone, measured against the
hand-written one (issue 15): on the labelled drafts (tests/drafts) and the corpus modelled on
real reporting (tests/reporting), false alarms stay at or under 2% (or, in English, where the
matcher's reading is not finished, no more than the hand-written base's), and agree recall and
discrepancy recall reach 90% of the hand-written base's; every figure of both sources that the
hand-written base covers is covered.

The drafted base is `facts draft` of each source, as drafted (no review), in a folder with the
gazetteer and the glossary (`--no-default-facts --facts DIR`: the embedded fact base would add
the hand-written facts of the same figures).
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path

import pytest
from test_drafts import CASES, labelled
from test_facts_draft import SHARED
from test_reporting import LANGUAGES, tally
from typer.testing import CliRunner

from factcheck.author import Options, author
from factcheck.author_output import figure_spans, overlaps
from factcheck.cli import app
from factcheck.facts import FactBase, embedded_facts_dir, load_fact_base
from factcheck.model import Fact

ROOT = Path(__file__).resolve().parents[1]
SOURCES = {"002_a0d4ed38e53a1507.txt": date(2020, 4, 15), "000_b22a021ea68b9b12.txt": None}
MAX_FALSE_ALARMS = 0.02
SHARE_OF_HAND_WRITTEN = 0.9
# Hand-written facts no drafted fact can cover, and why.
NOT_FIGURES = {
    "hn-5g-project-library-categories": "三个 of “三个一批”: a programme's name, which the extractor never reads as a figure",
}


@dataclass
class Rates:
    false_alarms: float
    agree_recall: float
    discrepancy_recall: float


@pytest.fixture(scope="module")
def drafted_dir(sources: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("drafted")
    for name in SHARED:
        shutil.copy(ROOT / "facts" / name, folder / name)
    for name, published in SOURCES.items():
        args = ["facts", "draft", str(sources / name), "--no-default-facts", "--facts", str(folder),
                "-o", str(folder / f"{name}.yaml")]
        result = CliRunner().invoke(app, args + (["--published", published.isoformat()] if published else []))
        assert result.exit_code == 0, result.output
    return folder


def test_the_drafted_base_passes_validate_as_drafted(drafted_dir: Path, sources: Path) -> None:
    result = CliRunner().invoke(app, ["facts", "validate", "--no-default-facts", str(drafted_dir), "--sources", str(sources)])
    assert result.exit_code == 0, result.output


def rates_of(args: tuple[str, ...]) -> dict[str, Rates]:
    """False alarms, agree and discrepancy recall per set of labelled drafts."""
    found = {}
    pairs = [(label["verdict"], finding and finding["verdict"]) for path in CASES for label, finding in labelled(path, *args)]
    found["drafts"] = _rates(pairs, 0)
    for language in LANGUAGES:
        counts = tally(language, args)
        pairs = [(p.label["verdict"], p.finding and p.finding["verdict"]) for p in counts.pairs]
        found[language] = _rates(pairs, sum(f["verdict"] == "discrepancy" for _, f in counts.unlabelled))
    return found


def _rates(pairs: list[tuple[str, str | None]], stray: int) -> Rates:
    others = [got for want, got in pairs if want != "discrepancy"]
    agree = [got for want, got in pairs if want == "agree"]
    wrong = [got for want, got in pairs if want == "discrepancy"]
    return Rates(
        false_alarms=(others.count("discrepancy") + stray) / max(1, len(others) + stray),
        agree_recall=agree.count("agree") / max(1, len(agree)),
        discrepancy_recall=wrong.count("discrepancy") / max(1, len(wrong)),
    )


def test_the_drafted_base_checks_as_well_as_the_hand_written_one(drafted_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    hand = rates_of(())
    ours = rates_of(("--no-default-facts", "--facts", str(drafted_dir)))
    failing = []
    with capsys.disabled():
        print("\nset: false alarms, agree recall, discrepancy recall (hand-written -> drafted)")
        for name, mine in ours.items():
            theirs = hand[name]
            print(f"  {name}: {theirs.false_alarms:.3f} -> {mine.false_alarms:.3f}, {theirs.agree_recall:.3f} -> "
                  f"{mine.agree_recall:.3f}, {theirs.discrepancy_recall:.3f} -> {mine.discrepancy_recall:.3f}")
            if mine.false_alarms > max(MAX_FALSE_ALARMS, theirs.false_alarms):
                failing.append(f"{name}: false alarms {mine.false_alarms:.3f}")
            for what in ("agree_recall", "discrepancy_recall"):
                if getattr(mine, what) < SHARE_OF_HAND_WRITTEN * getattr(theirs, what):
                    failing.append(f"{name}: {what} {getattr(mine, what):.3f} against {getattr(theirs, what):.3f}")
    assert not failing, failing
    assert ours["drafts"].false_alarms <= MAX_FALSE_ALARMS and ours["zh-hans"].false_alarms <= MAX_FALSE_ALARMS


def test_every_figure_the_hand_written_base_covers_is_covered(sources: Path) -> None:
    """By value and place in the source: the hand-written fact's figure (its as_written inside
    its quote, wherever that stands) is one of the places a drafted fact of that value stands."""
    hand = load_fact_base([embedded_facts_dir()])
    alone = load_fact_base([ROOT / "facts" / name for name in SHARED])
    missing = []
    for name, published in SOURCES.items():
        text = (sources / name).read_text(encoding="utf-8")
        drafted = author(sources / name, alone, Options(published=published)).facts
        for fact in (f for f in hand.facts if f.source == name and f.id not in NOT_FIGURES):
            places = figure_spans(fact, text)
            if not any(_same_value(fact, d.value) and any(overlaps(p, d.spans) for p in places) for _, d in drafted):
                missing.append(f"{fact.id}: {fact.as_written}")
    assert not missing, missing


def _same_value(fact: Fact, value: str) -> bool:
    if fact.value is None:
        return fact.date == value
    try:
        return fact.value == Decimal(value)
    except InvalidOperation:
        return False


def test_the_exceptions_are_still_not_figures(base: FactBase) -> None:
    from factcheck.extract import extract

    for fact_id in NOT_FIGURES:
        fact = base.fact(fact_id)
        assert fact is not None and not any(m.text.startswith(fact.as_written) for m in extract(fact.quote))

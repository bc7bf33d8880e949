"""Drafts and fact files in traditional Chinese, and figures in full-width forms, get what their
simplified, half-width forms get, at their own spans and quoting their own characters."""

from __future__ import annotations

import shutil
from functools import cache
from pathlib import Path

import opencc
import pytest

from factcheck.check import Checker
from factcheck.facts import FactBase, embedded_facts_dir, load_fact_base
from factcheck.model import Finding
from factcheck.read import make_draft, read_draft
from factcheck.validate import check_quotes, run_specs

TESTS = Path(__file__).parent
DRAFTS = sorted(p for p in (TESTS / "drafts").iterdir() if p.suffix in (".md", ".txt"))
CORPUS = sorted((TESTS / "reporting" / "zh-hans").glob("*.md"))
HANT = sorted((TESTS / "reporting" / "zh-hant").glob("*.md"))
CONFIGS = ("s2t", "s2tw", "s2hk")  # OpenCC's standard, Taiwan's and Hong Kong's traditional


@cache
def converter(config: str) -> opencc.OpenCC:
    return opencc.OpenCC(f"{config}.json")


def convert(text: str, config: str) -> str:
    return str(converter(config).convert(text))


def judged(checker: Checker, path: Path, text: str) -> list[tuple[object, ...]]:
    """What the checker says of each figure, and where."""
    findings = checker.check(make_draft(path.name, text, markdown=path.suffix != ".txt")).findings
    return [(f.start, f.end, f.verdict, f.reason, f.why, f.fact_id) for f in findings]


@pytest.mark.parametrize("config", CONFIGS)
@pytest.mark.parametrize("path", DRAFTS + CORPUS, ids=[f"{p.parent.name}/{p.name}" for p in DRAFTS + CORPUS])
def test_a_draft_in_traditional_characters_gets_the_same_findings(checker: Checker, path: Path, config: str) -> None:
    text = path.read_text(encoding="utf-8")
    traditional = convert(text, config)
    assert len(traditional) == len(text)  # OpenCC's s2t, s2tw and s2hk keep lengths: the spans are comparable
    assert judged(checker, path, traditional) == judged(checker, path, text)


@pytest.mark.parametrize("path", HANT, ids=[p.name for p in HANT])
def test_the_traditional_corpus_reads_as_its_simplified_conversion(checker: Checker, path: Path) -> None:
    """What tests/reporting/zh-hant gets wrong, the checker gets wrong on the same drafts in
    simplified characters too: the reading is not what is missing."""
    text = path.read_text(encoding="utf-8")
    assert judged(checker, path, text) == judged(checker, path, convert(text, "t2s"))


@pytest.mark.parametrize("path", HANT, ids=[p.name for p in HANT])
def test_a_traditional_draft_in_big5_is_read_as_in_utf8(tmp_path: Path, path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    (tmp_path / path.name).write_bytes(text.encode("big5hkscs"))
    draft = read_draft(tmp_path / path.name)
    assert (draft.text, draft.encoding) == (text, "big5")


FULL_WIDTH = {
    "a count and an amount": ("今年江苏将新建5G基站5.3万座，完成相应投资127亿元。",
                              "今年江苏将新建５Ｇ基站５．３万座，完成相应投资１２７亿元。"),
    "a rate": ("江苏规模以上工业企业复工面已经提升至99.7%。", "江苏规模以上工业企业复工面已经提升至９９．７％。"),
    "thousands": ("截至4月14日，江苏7,005家企业通过绿色通道获得贷款。", "截至４月１４日，江苏７，００５家企业通过绿色通道获得贷款。"),
    "a sign": ("海南3月工业增加值同比增长-9.7%。", "海南３月工业增加值同比增长－９．７％。"),
    "a hedge": ("江苏数字经济规模力争今年超过4万亿元。", "江苏数字经济规模力争今年超过４万亿元。"),
}


@pytest.mark.parametrize("half,full", FULL_WIDTH.values(), ids=FULL_WIDTH.keys())
def test_full_width_figures_are_read_as_half_width(checker: Checker, half: str, full: str) -> None:
    assert len(half) == len(full)
    got, want = checker.check_text(full).findings, checker.check_text(half).findings
    assert [_verdict(f) for f in got] == [_verdict(f) for f in want] and got
    assert [full[f.start:f.end] for f in got] == [f.text for f in got]
    assert all(f.text == full[f.start:f.end] != half[f.start:f.end] or f.text.isascii() for f in got)


def _verdict(finding: Finding) -> tuple[object, ...]:
    return finding.start, finding.end, finding.verdict, finding.reason, finding.fact_id


# ---- fact files in traditional characters -----------------------------------------------------
JIANGSU = "jiangsu-manufacturing-2020.yaml"
GAZETTEER = ("entities.yaml", "places.yaml", "glossary.yaml")


def fact_dir(folder: Path, config: str | None) -> Path:
    """The Jiangsu fact file with the gazetteer and glossary, converted by `config` (or not)."""
    folder.mkdir()
    for name in (JIANGSU, *GAZETTEER):
        text = (embedded_facts_dir() / name).read_text(encoding="utf-8")
        (folder / name).write_text(convert(text, config) if config else text, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def bases(tmp_path_factory: pytest.TempPathFactory) -> dict[str, FactBase]:
    root = tmp_path_factory.mktemp("facts")
    return {name: load_fact_base([fact_dir(root / name, config)]) for name, config in
            (("simplified", None), ("traditional", "s2t"), ("hong kong", "s2hk"))}


@pytest.mark.parametrize("script", ["traditional", "hong kong"])
def test_a_fact_file_in_traditional_characters_runs_its_specs(bases: dict[str, FactBase], script: str) -> None:
    base = bases[script]
    fact = next(f for f in base.facts if f.id == "js-principal-deferral-firms-2020-03")
    assert fact.unit == "户" and "2.17萬" in fact.quote  # units are read at load; the quote stays as written
    assert run_specs(base) == []


@pytest.mark.parametrize("script", ["traditional", "hong kong"])
@pytest.mark.parametrize("draft", ["jiangsu-paraphrase.md", "mixed-script.md"])
def test_drafts_get_the_same_findings_from_facts_in_either_script(
        bases: dict[str, FactBase], script: str, draft: str) -> None:
    path = TESTS / "drafts" / draft
    text = path.read_text(encoding="utf-8")
    written, simplified = Checker(bases[script]), Checker(bases["simplified"])
    got = written.check(make_draft(draft, text, markdown=True)).findings
    want = simplified.check(make_draft(draft, text, markdown=True)).findings
    assert [_verdict(f) for f in got] == [_verdict(f) for f in want]
    quotes = {f.id: f.quote for f in bases[script].facts}
    assert all(f.quote == quotes[f.fact_id] for f in got if f.fact_id)  # the fact file's own words


def test_quotes_of_a_traditional_fact_file_are_checked_against_its_traditional_source(
        bases: dict[str, FactBase], sources: Path, tmp_path: Path) -> None:
    base = bases["traditional"]
    name = next(f.source for f in base.facts)
    (tmp_path / name).write_text(convert((sources / name).read_text(encoding="utf-8"), "s2t"), encoding="utf-8")
    assert check_quotes(base.facts, tmp_path) == []
    shutil.copy(sources / name, tmp_path / name)  # the simplified source: no quote is in it verbatim
    assert len(check_quotes(base.facts, tmp_path)) == len(base.facts)


def test_places_are_named_in_either_script(checker: Checker) -> None:
    findings = checker.check_text("江蘇省醫用口罩日產量1200萬隻。").findings
    assert [(f.subject, f.verdict, f.fact_id) for f in findings] == [("江苏", "agree", "js-mask-daily-output")]

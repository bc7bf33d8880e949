"""Fuzzing the whole pipeline: bytes or text -> read -> extract -> claims -> match -> every format.

The properties, for any draft: no exception escapes (a draft is a Draft or an
InputError); every finding's span lies inside the text, `text[start:end]` is
the reported figure, line and column agree with the offset; findings come in
order and never overlap; the same input gives the same bytes; and every format
parses as its format with draft and fact text kept as data (no terminal
control, no workflow command, no markup).

The default run is modest and derandomized (CI is repeatable: a commit passes
or fails, whatever the seed). The long campaign is marked slow:

    python -m pytest -m slow tests/test_fuzz_pipeline.py          # FUZZ_EXAMPLES=1000 each by default
"""

from __future__ import annotations

import dataclasses
import json
import os
import random
import re
import tempfile
import xml.etree.ElementTree as ET
from functools import cache
from pathlib import Path
from typing import Callable, Sequence

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from factcheck.check import Checker, FileResult
from factcheck.cli import app
from factcheck.facts import FactBase, embedded_facts_dir, load_fact_base
from factcheck.model import VERDICTS, Finding
from factcheck.read import InputError, make_draft, read_draft
from factcheck.report import Options, formatters

SOURCES = Path(__file__).resolve().parents[2] / "shared" / "sources"
_HEALTH = [HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.function_scoped_fixture]
_PHASES = [Phase.explicit, Phase.reuse, Phase.generate, Phase.shrink]  # no 'explain': it is slow here
CI = settings(max_examples=40, deadline=None, derandomize=True, suppress_health_check=_HEALTH, database=None, phases=_PHASES)
SMALL = settings(CI, max_examples=15)
LONG = settings(
    max_examples=int(os.environ.get("FUZZ_EXAMPLES", "1000")), deadline=None,
    suppress_health_check=_HEALTH, database=None, phases=_PHASES,
)

# ---- what drafts are made of ----------------------------------------------------------------------

FIGURE_CHARS = ("0123456789０１２.．,，%％-+~—一二两三四五六七八九十百千万亿零〇点余多超过近约以上增长下降倍个家座元吨年月日季度第"
                "萬億兩點個隻戶項條餘超過約增長＋－～")
PLACES = ("江苏", "江苏省", "海南", "南京", "上海", "福建", "湖南", "成渝", "全省", "该市", "全国", "Jiangsu", "China")
METRICS = ("新建5G基站", "完成相应投资", "复工面", "人员返岗率", "工业投资", "数字经济规模", "跨境电商企业", "同比增长", "医用口罩日产量")
FIGURES = ("5.2万座", "5.3万座", "127亿元", "127万元", "99.7%", "超过4万亿元", "约681亿元", "300家", "10倍", "百分之三十三",
           "两万余家", "1,234", "1e10", "3.14159", "-5%", "+12.5个百分点", "2020年", "第一季度", "3月末", "4月13日前", "0", "00000")
MARKUP = ("**", "__", "*", "_", "`", "```", "~~~", "# ", "> ", "- ", "1. ", "| ", " |", "[", "](http://x.cn/1)", "![a](b)",
          "<!--", "-->", "<div>", "</div>", "<br/>", "---\n", "\\", "<", ">", "&amp;", "::", "%0A")
# Text that tries to escape from a report: terminal controls, bidi, workflow commands, markup of every format.
ATTACKS = ("\x1b[31m", "\x1b]8;;http://evil.example/\x1b\\", "\x07", "\x08", "\x00", "\x0b", "\x0c", "\r", "\r\n", "\x7f",
           "\x85", "\x9b", "\u2028", "\u2029", "\u202e", "\u2066", "\ufeff", "\ufffe", "\U0001f600", "e\u0301",
           "::error file=x::pwned", "%0A::warning::x", "%25", "<script>alert(1)</script>", "]]>", "&lt;", "\"", "'",
           "[bold red]x[/bold red]", "@bob", "#12", "${{ secrets.X }}", "|", "`", "\t")
SCRIPTS = st.characters(exclude_categories=["Cs"])  # a decoded file never holds a lone surrogate
# Traditional characters and full-width forms, read through the reading layer (reading.py).
TRADITIONAL = ("江蘇", "江蘇省", "海南", "全省", "新建5G基站", "完成相應投資", "復工面", "人員返崗率", "醫用口罩日產量",
               "5.2萬座", "127億元", "１２７億元", "９９．７％", "超過4萬億元", "兩萬餘家", "１，２００家", "５Ｇ", "顯著", "網際網路")
WORDS = st.sampled_from(PLACES + METRICS + FIGURES + MARKUP + ATTACKS + TRADITIONAL
                        + ("，", "。", ",", ".", "；", "\n", "\n\n", " ", "的", "了"))


def source_texts() -> list[str]:
    return [p.read_text(encoding="utf-8") for p in sorted(SOURCES.glob("*.txt"))] if SOURCES.is_dir() else []


@st.composite
def source_fragment(draw: st.DrawFn) -> str:
    """A run of sentences from a source document with some of its figures changed."""
    texts = source_texts() or ["江苏今年将新建5G基站5.2万座,完成相应投资127亿元。"]
    text = draw(st.sampled_from(texts))
    sentences = re.split(r"(?<=[。！？\n])", text)
    first = draw(st.integers(0, max(0, len(sentences) - 1)))
    chunk = "".join(sentences[first:first + draw(st.integers(1, 6))])

    def change(match: re.Match[str]) -> str:
        return draw(st.sampled_from([match.group(), match.group(), str(draw(st.integers(0, 10**6))), match.group() + "0", "1.5"]))

    return re.sub(r"\d+(?:\.\d+)?", change, chunk)


@st.composite
def markdown_block(draw: st.DrawFn) -> str:
    words = st.lists(st.one_of(WORDS, source_fragment()), max_size=6).map("".join)
    kind = draw(st.sampled_from(("para", "heading", "list", "fence", "unclosed", "html", "table", "quote", "comment")))
    body = draw(words)
    if kind == "heading":
        return "#" * draw(st.integers(1, 7)) + " " + body + "\n\n"
    if kind == "list":
        items = draw(st.lists(st.tuples(st.integers(0, 4), st.sampled_from(("-", "*", "+", "1.", "2)")), words), min_size=1, max_size=5))
        return "".join("  " * depth + marker + " " + text + "\n" for depth, marker, text in items) + "\n"
    if kind in ("fence", "unclosed"):
        fence = draw(st.sampled_from(("```", "~~~", "````", "   ```")))
        return fence + draw(st.sampled_from(("", "python"))) + "\n" + body + "\n" + (fence.strip() + "\n" if kind == "fence" else "")
    if kind == "html":
        return f"<div class=\"x\">\n{body}\n</div>\n\n"
    if kind == "table":
        cells = draw(st.lists(words, min_size=1, max_size=4))
        return "| " + " | ".join(cells) + " |\n|" + "---|" * len(cells) + "\n| " + " | ".join(reversed(cells)) + " |\n\n"
    if kind == "quote":
        return "> " + body.replace("\n", "\n> ") + "\n\n"
    if kind == "comment":
        return "<!-- " + body + draw(st.sampled_from((" -->", ""))) + "\n"
    return body + "\n\n"


def markdown_documents() -> st.SearchStrategy[str]:
    front = st.sampled_from(("", "---\ntitle: 江苏 5.2万\n---\n", "---\nunclosed: 12\n", "+++\nx = 1\n+++\n"))
    return st.tuples(front, st.lists(markdown_block(), max_size=8)).map(lambda parts: parts[0] + "".join(parts[1]))


def mixed_text() -> st.SearchStrategy[str]:
    """Arbitrary Unicode of every script, leaning towards figures and the words beside them."""
    chars = st.one_of(st.sampled_from(FIGURE_CHARS), SCRIPTS)
    return st.lists(st.one_of(st.text(chars, max_size=20), WORDS, source_fragment()), max_size=25).map("".join)


def drafts() -> st.SearchStrategy[tuple[str, str]]:
    """(path, text): Markdown or plain text, every kind of content."""
    return st.tuples(st.sampled_from(("d.md", "d.txt", "dir/a b.md", "-")), st.one_of(mixed_text(), markdown_documents()))


# ---- the properties -------------------------------------------------------------------------------

@cache
def shipped_base() -> FactBase:
    return load_fact_base([embedded_facts_dir()])


@cache
def shipped_checker() -> Checker:
    return Checker(shipped_base())


def line_column(text: str, offset: int) -> tuple[int, int]:
    """Lines end at LF, CRLF or a lone CR, as editors count them."""
    before = text[:offset]
    breaks = list(re.finditer(r"\r\n?|\n", before))
    if breaks and breaks[-1].group() == "\r" and text[offset - 1:offset + 1] == "\r\n":
        breaks.pop()  # the offset falls between CR and LF: the break is not over yet
    line_start = breaks[-1].end() if breaks else 0
    return len(breaks) + 1, offset - line_start + 1


def assert_findings_point_into(text: str, result: FileResult, path: str) -> None:
    previous_start = previous_end = 0
    for finding in result.findings:
        assert 0 <= finding.start < finding.end <= len(text), finding
        assert text[finding.start:finding.end] == finding.text, finding
        assert (finding.line, finding.column) == line_column(text, finding.start), finding
        # A hidden character's finding may be a second one of the figure before it, at its span.
        second = finding.why == "hidden-character" and (finding.start, finding.end) == (previous_start, previous_end)
        assert finding.start >= previous_end or second, "findings overlap or are out of order"
        previous_start, previous_end = finding.start, finding.end
        assert finding.path == path and finding.verdict in VERDICTS
        assert (finding.expected is not None) == (finding.verdict == "discrepancy")
        # An unverified figure may name its nearest fact, and then says why it was not compared.
        assert finding.fact_id is not None or finding.verdict == "unverified"
        assert (finding.why is not None) == (finding.verdict == "unverified")
        assert 0.0 <= finding.score <= 1.0


def check_pipeline(path: str, text: str, checker: Checker | None = None) -> FileResult:
    """Run one draft through the pipeline and every format, asserting every property."""
    checker = checker or shipped_checker()
    draft = make_draft(path, text, markdown=not path.endswith(".txt"))
    assert draft.text == text and len(draft.prose) == len(text)
    result = checker.check(draft)
    assert_findings_point_into(text, result, path)
    assert checker.check(draft) == result
    assert_formats([result])
    return result


# C0 (but tab and newline), DEL, C1, and the bidi controls: none may reach a report from the text.
RAW_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
GITHUB_LINE = re.compile(r"::(error|warning|notice) ([^:\r\n]*)::([^\r\n]*)")


def _json(out: str, results: Sequence[FileResult]) -> None:
    data = json.loads(out)
    found = [f for file in data["files"] for f in file["findings"]]
    assert [f["text"] for f in found] == [f.text for r in results for f in r.findings]
    assert [file["path"] for file in data["files"]] == [r.path for r in results]
    assert "\u2028" not in out and "\u2029" not in out


def _sarif(out: str, results: Sequence[FileResult]) -> None:
    data = json.loads(out)
    flagged = [f for r in results for f in r.findings if f.verdict != "agree"]
    assert len(data["runs"][0]["results"]) == len(flagged)
    for result, finding in zip(data["runs"][0]["results"], flagged):
        region = result["locations"][0]["physicalLocation"]["region"]
        assert (region["startLine"], region["startColumn"]) == (finding.line, finding.column)


def _junit(out: str, results: Sequence[FileResult]) -> None:
    root = ET.fromstring(out.encode("utf-8"))
    assert int(root.get("tests", "-1")) == sum(len(r.findings) for r in results)
    assert len(root.findall(".//testcase")) == sum(len(r.findings) for r in results)


def _github(out: str, results: Sequence[FileResult]) -> None:
    lines = out.split("\n")
    assert lines[-1] == ""
    assert len(lines) - 1 == 1 + sum(f.verdict != "agree" for r in results for f in r.findings)
    for line in lines[:-1]:
        match = GITHUB_LINE.fullmatch(line)
        assert match, line
        assert "::" not in match.group(2)


def _markdown(out: str, results: Sequence[FileResult]) -> None:
    rows = [line for line in out.split("\n") if line.startswith("| ") and not line.startswith(("| where", "| ---"))]
    assert len(rows) == sum(len(r.findings) for r in results)
    assert all(len(re.findall(r"(?<!\\)\|", row)) == 7 for row in rows), rows
    if len(results) == 1:
        assert re.findall(r"<[^>]*>", out) == []  # no tag from the draft (and no <details> for one file)


def _plain(out: str, results: Sequence[FileResult]) -> None:
    lines = [line for line in out.split("\n") if not line.startswith("    candidate ")]
    count = sum(len(r.findings) for r in results)
    assert len(lines) == count + 2 + (len(results) if len(results) > 1 else 0), lines


def _table(out: str, results: Sequence[FileResult]) -> None:
    assert out.rstrip().endswith("file" if len(results) == 1 else "files")


PARSERS: dict[str, Callable[[str, Sequence[FileResult]], None]] = {
    "json": _json, "sarif": _sarif, "junit": _junit, "github": _github, "markdown": _markdown, "plain": _plain, "table": _table,
}


def assert_formats(results: Sequence[FileResult]) -> None:
    assert set(PARSERS) == set(formatters())
    for name, render in formatters().items():
        for verbose in (False, True):
            out = render(results, Options(verbose=verbose))
            assert render(results, Options(verbose=verbose)) == out, f"{name} is not deterministic"
            out.encode("utf-8")  # no lone surrogate can reach the output
            assert not RAW_CONTROL.search(out), (name, RAW_CONTROL.search(out))
            PARSERS[name](out, results)


# ---- the tests: default run ------------------------------------------------------------------------

@CI
@given(draft=drafts())
def test_pipeline_properties_on_generated_drafts(draft: tuple[str, str]) -> None:
    check_pipeline(*draft)


@CI
@given(text=st.lists(st.one_of(WORDS, st.sampled_from(ATTACKS)), max_size=40).map("".join))
def test_hostile_draft_text_stays_data_in_every_format(text: str) -> None:
    check_pipeline("h::x,y\n%0A.md", "江苏今年将新建5G基站" + text + "5.3万座,完成相应投资127万元。\n" + text)


@SMALL
@given(fragments=st.lists(source_fragment(), min_size=1, max_size=6))
def test_drafts_made_of_the_sources_with_figures_changed(sources: Path, fragments: list[str]) -> None:
    check_pipeline("from-sources.md", "\n\n".join(fragments))


@SMALL
@given(unit=st.one_of(WORDS, st.text(SCRIPTS, min_size=1, max_size=8)), size=st.integers(2_000, 20_000), newlines=st.booleans())
def test_long_lines_and_repeated_units(unit: str, size: int, newlines: bool) -> None:
    text = (unit * (size // len(unit) + 1))[:size]
    check_pipeline("long.md", text.replace("\n", " ") if not newlines else text)


# Bytes: what a file may hold. A surrogate encoded in UTF-8 (\xed\xa0\x80) is not UTF-8.
SURROGATE_BYTES = (b"\xed\xa0\x80", b"\xed\xbf\xbf", b"\xed\xa0\xbd\xed\xb8\x80", b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff",
                   b"\x00", b"\x80", b"\xc0\xaf", b"\xf4\x90\x80\x80", b"\r", b"\x1b[2J", b"\x81\x30\x81\x30")


@st.composite
def file_bytes(draw: st.DrawFn) -> bytes:
    text = draw(st.one_of(mixed_text(), markdown_documents()))
    encoding = draw(st.sampled_from(("utf-8", "utf-8-sig", "gb18030", "utf-16")))
    data = text.encode(encoding, errors="replace")
    pieces = draw(st.lists(st.tuples(st.integers(0, len(data)), st.one_of(st.sampled_from(SURROGATE_BYTES), st.binary(max_size=4))), max_size=3))
    for at, piece in sorted(pieces, reverse=True):
        data = data[:at] + piece + data[at:]
    return data


def read_bytes(data: bytes, name: str = "d.md") -> FileResult | None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_bytes(data)
        try:
            draft = read_draft(path)
        except InputError as error:
            assert str(error).startswith(f"{path}: ")
            return None
    draft.text.encode("utf-8")  # decoded text never holds a lone surrogate (this would raise)
    return check_pipeline(str(path), draft.text)


@CI
@given(data=st.one_of(file_bytes(), st.binary(max_size=200)))
def test_any_bytes_are_a_draft_or_an_input_error(data: bytes) -> None:
    read_bytes(data, "d.md")


@pytest.mark.parametrize("piece", SURROGATE_BYTES[:3], ids=["high", "low", "cesu-8 pair"])
def test_utf8_encoded_surrogates_are_read_safely(piece: bytes) -> None:
    result = read_bytes("江苏今年将新建5G基站".encode() + piece + "5.3万座。".encode())
    if result is not None:  # read as GB18030 mojibake: whatever was found must still point into the text
        assert all(f.text for f in result.findings)


# Fact text is data too: a fact base whose quotes, figures and source names are hostile.
@st.composite
def hostile_base(draw: st.DrawFn) -> Checker:
    hostile = st.lists(st.one_of(st.sampled_from(ATTACKS), st.text(SCRIPTS, max_size=6)), min_size=1, max_size=6).map("".join)
    base = shipped_base()
    facts = tuple(
        dataclasses.replace(fact, quote=draw(hostile), as_written=draw(hostile), source=draw(hostile))
        if index % 3 == 0 else fact
        for index, fact in enumerate(base.facts)
    )
    return Checker(FactBase(facts, base.entities, base.sources))


@SMALL
@given(checker=hostile_base(), text=st.one_of(source_fragment(), mixed_text()))
def test_hostile_fact_text_stays_data_in_every_format(checker: Checker, text: str) -> None:
    check_pipeline("f.md", "江苏今年将新建5G基站5.3万座,完成相应投资127万元。\n" + text, checker)


# Through the command line: same bytes every time, and with --jobs.

def _generated_drafts(folder: Path, count: int, seed: int) -> list[str]:
    """Drafts assembled from fixed pieces by a seeded generator: the same files on every run."""
    rng = random.Random(seed)
    attacks = [a for a in ATTACKS if not re.search("[\x00-\x08\x0e-\x1f]", a)]  # NUL and controls make a file binary
    pieces = [*PLACES, *METRICS, *FIGURES, *MARKUP, *attacks, "。", "，", "\n", *source_texts()[:1]]
    names = []
    for number in range(count):
        name = f"d {number}.md" if number % 2 else f"d{number}.txt"
        (folder / name).write_text("".join(rng.choice(pieces) for _ in range(rng.randint(20, 120))), encoding="utf-8")
        names.append(name)
    return names


@pytest.mark.parametrize("fmt", ["json", "sarif", "github"])
def test_output_is_the_same_bytes_across_runs_and_jobs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fmt: str) -> None:
    monkeypatch.chdir(tmp_path)
    names = _generated_drafts(tmp_path, 4, seed=7)
    runs = [CliRunner().invoke(app, ["--format", fmt, "--jobs", jobs, *names]) for jobs in ("1", "1", "2")]
    assert {r.exit_code for r in runs} <= {0, 1}
    assert runs[0].stdout_bytes == runs[1].stdout_bytes == runs[2].stdout_bytes
    out = runs[0].stdout
    if fmt == "github":
        assert all(GITHUB_LINE.fullmatch(line) for line in out.split("\n")[:-1])
    else:
        assert [f["path"] for f in json.loads(out).get("files", [])] in ([], names)


@SMALL
@given(data=file_bytes(), fmt=st.sampled_from(sorted(PARSERS)))
def test_cli_on_generated_files_exits_0_1_or_2_without_traceback(tmp_path_factory: pytest.TempPathFactory, data: bytes, fmt: str) -> None:
    folder = tmp_path_factory.mktemp("cli")
    path = folder / "draft one.md"
    path.write_bytes(data)
    result = CliRunner().invoke(app, ["--format", fmt, str(path)])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert result.exit_code in (0, 1, 2)
    if result.exit_code == 2:
        assert result.stderr.startswith(f"factcheck: error: {path}: ") and result.stderr.count("\n") == 1
    else:
        assert not RAW_CONTROL.search(result.stdout)


# ---- the long campaign (slow: run by hand, figures in docs/reliability.md) ---------------------------

@pytest.mark.slow
@LONG
@given(draft=drafts())
def test_long_campaign_generated_drafts(draft: tuple[str, str]) -> None:
    check_pipeline(*draft)


@pytest.mark.slow
@LONG
@given(text=st.lists(st.one_of(WORDS, st.sampled_from(ATTACKS)), max_size=80).map("".join))
def test_long_campaign_hostile_text(text: str) -> None:
    check_pipeline("h::x,y\n%0A.md", "江苏今年将新建5G基站" + text + "5.3万座,完成相应投资127万元。\n" + text)


@pytest.mark.slow
@LONG
@given(fragments=st.lists(source_fragment(), min_size=1, max_size=10))
def test_long_campaign_sources_with_figures_changed(sources: Path, fragments: list[str]) -> None:
    check_pipeline("from-sources.md", "\n\n".join(fragments))


@pytest.mark.slow
@LONG
@given(data=st.one_of(file_bytes(), st.binary(max_size=500)))
def test_long_campaign_bytes(data: bytes) -> None:
    read_bytes(data, "d.md")


@pytest.mark.slow
@settings(LONG, max_examples=max(1, LONG.max_examples // 10))
@given(checker=hostile_base(), text=st.one_of(source_fragment(), mixed_text()))
def test_long_campaign_hostile_facts(checker: Checker, text: str) -> None:
    check_pipeline("f.md", "江苏今年将新建5G基站5.3万座,完成相应投资127万元。\n" + text, checker)


def test_finding_fields_are_the_ones_checked() -> None:
    """The properties above read these fields: a renamed one must fail here first."""
    assert {f.name for f in dataclasses.fields(Finding)} >= {"path", "line", "column", "start", "end", "text", "verdict", "expected", "fact_id", "score"}

"""Inline suppressions: which lines a draft's comments silence, and that silenced findings vanish from every format."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Callable

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from factcheck.cli import app
from factcheck.suppress import find

from bounds import LINEAR, doubling_ratio, within

# (draft text, markdown?, the silenced lines)
SILENCED_MARKDOWN = {
    "ignore on its own line: the paragraph after": ("a\n<!-- factcheck: ignore -->\nb\nc\n\nd", [2, 3, 4]),
    "ignore then a blank line: the next paragraph": ("<!-- factcheck: ignore -->\n\nb\nc\n\nd", [1, 2, 3, 4]),
    "ignore at the end of prose: its own paragraph": ("a\nb <!-- factcheck: ignore -->\nc\n\nd", [1, 2, 3]),
    "ignore with a reason": ("<!-- factcheck: ignore 已与发布会原文核实 -->\nb\n\nc", [1, 2]),
    "ignore, spaced and upper case": ("<!--factcheck:IGNORE-->\nb\n\nc", [1, 2]),
    "off to on": ("a\n<!-- factcheck: off -->\nb\n\nc\n<!-- factcheck: on -->\nd", [2, 3, 4, 5, 6]),
    "off to the end": ("a\n<!-- factcheck: off -->\nb\n\nc", [2, 3, 4, 5]),
    "two regions": ("<!-- factcheck: off -->\na\n<!-- factcheck: on -->\nb\n<!-- factcheck: off -->\nc", [1, 2, 3, 5, 6]),
    "CRLF lines": ("a\r\n<!-- factcheck: ignore -->\r\nb\r\n\r\nc", [2, 3]),
    "CR-only lines, counted as findings count them": ("a\r<!-- factcheck: ignore -->\rb\r\rc", [2, 3]),
    "in a fenced code block: an example, not a directive": ("```\n<!-- factcheck: off -->\n```\na", []),
    "in inline code: an example": ("write `<!-- factcheck: off -->` to\nstop", []),
    "another word is not a directive": ("<!-- factcheck: ignored -->\na", []),
    "a plain comment": ("<!-- ignore -->\na", []),
    "the text-draft form is not read in Markdown": ("// factcheck: off\na", []),
}

SILENCED_TEXT = {
    "slashes, own line": ("a\n// factcheck: ignore\nb\nc\n\nd", [2, 3, 4]),
    "comment form, own line": ("a\n<!-- factcheck: off -->\nb\n<!-- factcheck: on -->\nc", [2, 3, 4]),
    "indented": ("  // factcheck: off\na", [1, 2]),
    "not alone on its line: prose": ("a // factcheck: ignore\nb", []),
    "Chinese full-width slashes are prose": ("／／ factcheck: ignore\na", []),
    "a URL is prose": ("见 http://x.cn // factcheck: off\na", []),
}


@pytest.mark.parametrize("text,lines", SILENCED_MARKDOWN.values(), ids=SILENCED_MARKDOWN.keys())
def test_markdown_suppressions(text: str, lines: list[int]) -> None:
    assert sorted(find(text, markdown=True).lines) == lines


@pytest.mark.parametrize("text,lines", SILENCED_TEXT.values(), ids=SILENCED_TEXT.keys())
def test_text_suppressions(text: str, lines: list[int]) -> None:
    assert sorted(find(text, markdown=False).lines) == lines


WARNINGS = {
    "misspelt directive": ("<!-- factcheck: ingore -->\na", (1, "unknown factcheck directive 'ingore' (use ignore, off or on)")),
    "on without off": ("a\n<!-- factcheck: on -->", (2, "'factcheck: on' without an 'off' before it")),
}


@pytest.mark.parametrize("text,warning", WARNINGS.values(), ids=WARNINGS.keys())
def test_directives_not_understood_are_warned_about(text: str, warning: tuple[int, str]) -> None:
    assert find(text, markdown=True).warnings == (warning,)


@given(st.text())
def test_never_crashes(text: str) -> None:
    for markdown in (True, False):
        lines = find(text, markdown).lines
        assert all(1 <= line <= len(re.findall(r"\r\n?|\n", text)) + 1 for line in lines)


DRAFT_MD = """\
# 江苏

<!-- factcheck: ignore 记者已核实 -->
今年江苏将新建5G基站5.3万座。

江苏新建5G基站数量是去年同期的10倍。

<!-- factcheck: off -->
截至4月14日,已有7005家企业通过绿色通道获得贷款,累计融资金额达252.7亿元。
<!-- factcheck: on -->

南京今年还将新增跨境电商企业300家。
"""
DRAFT_TXT = DRAFT_MD.replace("<!-- factcheck: ignore 记者已核实 -->", "// factcheck: ignore 记者已核实").replace(
    "<!-- factcheck: off -->", "// factcheck: off").replace("<!-- factcheck: on -->", "// factcheck: on").replace("# 江苏\n", "江苏\n")


@pytest.fixture(params=[("draft.md", DRAFT_MD), ("draft.txt", DRAFT_TXT)], ids=["markdown", "text"])
def draft(request: pytest.FixtureRequest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    name, text = request.param
    (tmp_path / name).write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return str(name)


def test_silenced_findings_are_gone_and_counted(draft: str) -> None:
    result = CliRunner().invoke(app, ["--format", "json", draft])
    data = json.loads(result.stdout)
    texts = [f["text"] for f in data["files"][0]["findings"]]
    assert texts == ["10倍", "300家"]  # 5.3万座 (ignore) and 7005家, 252.7亿元 (off/on) are silenced
    assert data["suppressed"] == 3
    assert result.exit_code == 1  # 10倍 is still a discrepancy


@pytest.mark.parametrize("fmt", ["plain", "table", "github", "sarif", "junit", "markdown", "json"])
def test_silenced_findings_vanish_from_every_format(draft: str, fmt: str) -> None:
    out = CliRunner().invoke(app, ["--format", fmt, draft]).stdout
    assert "5.3万座" not in out and "252.7亿元" not in out and "7005家" not in out
    assert "10倍" in out


def test_summary_line_counts_the_suppressed(draft: str) -> None:
    out = CliRunner().invoke(app, ["--format", "plain", draft]).stdout
    assert out.splitlines()[-1] == "1 discrepancy, 1 unverified, 0 agree, 3 suppressed in 1 file"


def test_misspelt_directive_warns_on_stderr(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "d.md").write_text("<!-- factcheck: of -->\n今年江苏将新建5G基站5.3万座。\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, ["--format", "plain", "d.md"])
    assert result.exit_code == 1  # nothing silenced
    assert result.stderr == "factcheck: warning: d.md:1: unknown factcheck directive 'of' (use ignore, off or on)\n"


# ---- linear time: drafts made of comments (issue 17, point 1) ----------------------------------------

# Each took from 9 s to 51 s before the comments were found with str.find and paragraph ends looked up once.
COMMENT_FLOODS = {
    "an unclosed directive, then spaces": lambda n: "<!-- factcheck: x" + " " * n,
    "one ignore per line, one paragraph": lambda n: "<!-- factcheck: ignore -->\n" * (n // 27),
    "ignores back to back on one line": lambda n: "<!--factcheck:ignore-->" * (n // 23),
    "ignores at the end of prose lines": lambda n: "江苏 5% <!-- factcheck: ignore -->\n" * (n // 33),
    "off and on, one per line": lambda n: "<!-- factcheck: off -->\n<!-- factcheck: on -->\n" * (n // 48),
}


@pytest.mark.parametrize("make", COMMENT_FLOODS.values(), ids=COMMENT_FLOODS.keys())
def test_a_flood_of_comments_is_read_quickly(make: Callable[[int], str]) -> None:
    text = make(2_000_000)
    with within(10):  # each takes well under a second (two of them took 40 s and more before)
        for markdown in (True, False):
            find(text, markdown)


@pytest.mark.slow
@pytest.mark.parametrize("make", COMMENT_FLOODS.values(), ids=COMMENT_FLOODS.keys())
def test_reading_suppressions_is_linear(make: Callable[[int], str]) -> None:
    assert doubling_ratio(make, lambda text: (find(text, True), find(text, False)), 1_000_000) < LINEAR


def test_silenced_lines_are_kept_as_spans() -> None:
    """Off at the top of a long draft is one span, not a set of every line."""
    found = find("<!-- factcheck: off -->\n" + "a\n" * 100_000, True)
    assert found.spans == ((1, 100_002),)  # the last line is the empty one after the final break

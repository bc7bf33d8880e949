"""Reading drafts: offsets survive Markdown masking, encodings are detected, junk is an input error."""

from __future__ import annotations

from pathlib import Path

import pytest

from factcheck.read import InputError, make_draft, mask_markdown, read_draft

MASKING = {
    "emphasis": ("复工面**95%以上**", "复工面  95%以上  "),
    "heading": ("## 新基建", "   新基建"),
    "numbered list marker": ("1. 江苏", "   江苏"),
    "bullet": ("- 江苏", "  江苏"),
    "link keeps its text": ("[5.2万座](http://x.cn/1)", " 5.2万座" + " " * len("](http://x.cn/1)")),
    "inline code": ("数值 `12` 在此", "数值      在此"),
    "html comment": ("<!-- 3 --> 江苏", "           江苏"),
    "table": ("| 江苏 | 5.2万 |", "  江苏   5.2万  "),
    "front matter": ("---\nyear: 2020\n---\n正文", "   \n          \n   \n正文"),
    "fenced code": ("```\n12\n```\n正文", "   \n  \n   \n正文"),
    "unclosed fence": ("```\n12\n正文", "   \n  \n  "),
}


@pytest.mark.parametrize("markdown,prose", MASKING.values(), ids=MASKING.keys())
def test_markdown_masking_keeps_offsets(markdown: str, prose: str) -> None:
    masked = mask_markdown(markdown)
    assert masked == prose
    assert len(masked) == len(markdown)


LINE_ENDINGS = {"LF": "\n", "CRLF": "\r\n", "CR alone (old Mac files)": "\r"}


@pytest.mark.parametrize("ending", LINE_ENDINGS.values(), ids=LINE_ENDINGS.keys())
def test_lines_end_at_lf_crlf_or_cr(ending: str) -> None:
    """With CR-only line endings every finding was reported on line 1."""
    text = ending.join(["标题", "", "江苏5.2万座", "南京5.3万座"])
    draft = make_draft("d.md", text, markdown=True)
    assert draft.position(text.index("5.2")) == (3, 3)
    assert draft.position(text.index("5.3")) == (4, 3)


def test_mixed_line_endings_count_each_break_once() -> None:
    text = "a\r\nb\rc\nd\r\n\re"
    draft = make_draft("d.txt", text, markdown=False)
    assert [draft.position(text.index(c))[0] for c in "abcde"] == [1, 2, 3, 4, 6]


def test_positions_are_one_based_code_points() -> None:
    draft = make_draft("d.md", "标题\n\n江苏5.2万座", markdown=True)
    offset = draft.text.index("5.2")
    assert draft.position(offset) == (3, 3)
    assert draft.position(0) == (1, 1)


ENCODINGS = {
    "utf-8": ("江苏5.2万座".encode("utf-8"), "utf-8"),
    "utf-8 with bom": (b"\xef\xbb\xbf" + "江苏5.2万座".encode("utf-8"), "utf-8"),
    "gb18030": ("江苏5.2万座".encode("gb18030"), "gb18030"),
    "gbk": ("海南省工信厅".encode("gbk"), "gb18030"),
    "gbk, traditional": ("江蘇規模以上工業企業復工面99.7%".encode("gbk"), "gb18030"),
    "big5": ("江蘇規模以上工業企業復工面99.7%".encode("big5"), "big5"),
    "big5, Hong Kong's characters": ("香港屯門邨5.2萬座".encode("big5hkscs"), "big5"),
}


@pytest.mark.parametrize("data,encoding", ENCODINGS.values(), ids=ENCODINGS.keys())
def test_encodings(tmp_path: Path, data: bytes, encoding: str) -> None:
    path = tmp_path / "d.txt"
    path.write_bytes(data)
    draft = read_draft(path)
    assert draft.encoding == encoding
    assert not draft.text.startswith("\ufeff")
    assert draft.text.endswith(("5.2万座", "工信厅", "99.7%", "5.2萬座"))


BAD_INPUT = {
    "binary": b"\x89PNG\r\n\x1a\n\x00\x00\x00",
    "undecodable": b"\xff\xfe\xfa\xfb" * 10,
    "controls": b"\x01\x02\x03\x04\x05\x06\x07\x08\x0e\x0f\x10\x11",
}


@pytest.mark.parametrize("data", BAD_INPUT.values(), ids=BAD_INPUT.keys())
def test_bad_input_is_an_input_error_naming_the_file(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(data)
    with pytest.raises(InputError, match=str(path)):
        read_draft(path)


def test_size_limit(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_text("江" * 100, encoding="utf-8")
    with pytest.raises(InputError, match="larger than the limit"):
        read_draft(path, max_bytes=50)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="cannot read"):
        read_draft(tmp_path / "nope.md")


def test_cr_only_draft_through_the_cli(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from typer.testing import CliRunner

    from factcheck.cli import app

    (tmp_path / "old-mac.md").write_bytes("# 江苏\r\r今年江苏将新建5G基站5.3万座。\r\r南京今年还将新增跨境电商企业300家。\r".encode("utf-8"))
    monkeypatch.chdir(tmp_path)
    out = CliRunner().invoke(app, ["--format", "plain", "old-mac.md"]).stdout
    assert [line.split(": ")[0] for line in out.splitlines()[:2]] == ["old-mac.md:3:12", "old-mac.md:5:15"]

"""Read a draft: decode it, and mask what is not prose without moving any offset.

The masked text (`prose`) has exactly the length of the decoded text: markup,
code and front matter become spaces (newlines are kept), so every span
found in `prose` is also the span in the file, and line/column come from
one table built here. `reading` is the prose as every later stage reads it
(simplified characters, half-width digits: `reading.py`), of the same length
unless `offsets` maps it back.
"""

from __future__ import annotations

import bisect
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from .reading import Converter, read_prose
from .traditional import TRADITIONAL

if TYPE_CHECKING:
    from .offsets import OffsetMap

DEFAULT_MAX_BYTES = 10_000_000
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1a\x1c-\x1f]")
_NOT_A_BREAK = re.compile(r"[^\r\n]")


class InputError(Exception):
    """A draft that cannot be read; the message names the file and the reason."""


@dataclass(frozen=True)
class Draft:
    path: str
    text: str  # the decoded file, exactly
    prose: str  # same length as text; non-prose blanked out
    reading: str  # the prose as the stages read it: simplified, half-width
    encoding: str = "utf-8"
    line_starts: tuple[int, ...] = field(default=(0,), repr=False)
    offsets: OffsetMap | None = field(default=None, repr=False)  # None: reading is as long as text

    def position(self, offset: int) -> tuple[int, int]:
        """1-based line and column (in code points) of an offset."""
        index = bisect.bisect_right(self.line_starts, offset) - 1
        return index + 1, offset - self.line_starts[index] + 1

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The span of the text that the reading's start:end was read from."""
        return (start, end) if self.offsets is None else self.offsets.span(start, end)


def make_draft(path: str, text: str, markdown: bool, encoding: str = "utf-8",
               convert: Converter | None = None) -> Draft:
    """A draft of decoded text; `convert` reads traditional Chinese (OpenCC's by default)."""
    prose = mask_markdown(text) if markdown else _BOLD.sub(lambda m: " " * len(m.group()), text)
    reading, offsets = read_prose(prose, convert)
    # Lines end at LF, CRLF or a lone CR (old Mac files: every finding was on line 1), as
    # editors and suppress.py count them; the plain LF search when there is no CR is faster.
    breaks = _LINE_BREAK if "\r" in text else _LF
    starts = [0] + [m.end() for m in breaks.finditer(text)]
    return Draft(path, text, prose, reading, encoding, tuple(starts), offsets)


_LINE_BREAK = re.compile(r"\r\n?|\n")
_LF = re.compile("\n")


def read_draft(path: Path | str, max_bytes: int = DEFAULT_MAX_BYTES, stdin_name: str | None = None) -> Draft:
    """Read a draft file (or '-' for standard input, read as Markdown unless `stdin_name`,
    the name it is reported under, ends in .txt)."""
    name = (stdin_name or "-") if str(path) == "-" else str(path)
    try:
        if str(path) == "-":
            data = sys.stdin.buffer.read(max_bytes + 1)
        else:
            with open(name, "rb") as handle:
                data = handle.read(max_bytes + 1)
    except OSError as exc:
        raise InputError(f"{name}: cannot read: {exc.strerror or exc}") from None
    if len(data) > max_bytes:
        raise InputError(f"{name}: larger than the limit of {max_bytes} bytes")
    text, encoding = decode(name, data)
    markdown = not name.endswith(".txt")
    return make_draft(name, text, markdown, encoding)


def decode(name: str, data: bytes) -> tuple[str, str]:
    """UTF-8 (with or without BOM), else GB18030 or Big5, whichever reads as Chinese; binary
    is an input error."""
    if b"\x00" in data[:65536]:
        raise InputError(f"{name}: looks like a binary file (NUL bytes), not a draft")
    for encoding in ("utf-8-sig", "gb18030", "big5hkscs"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if len(_CONTROL.findall(text[:65536])) > 8:
            break
        if encoding == "gb18030":
            return _gb18030_or_big5(data, text)
        return text, _ENCODING_NAMES[encoding]
    raise InputError(f"{name}: not UTF-8, GB18030 or Big5 text")


_ENCODING_NAMES = {"utf-8-sig": "utf-8", "big5hkscs": "big5"}
_HAN = "[\u3400-\u9fff]"  # compiled when first used (a millisecond): for a file that is not UTF-8
KNOWN_SHARE = 0.9  # of a GB18030 reading's Han characters known as Chinese, under which Big5 is tried


def _gb18030_or_big5(data: bytes, text: str) -> tuple[str, str]:
    """GB18030 reads Big5 bytes too, without an error, as rare characters and kana (about half
    of them GB2312's or traditional ones, against all of a real text's): a Big5 file is one
    that Big5 (with Hong Kong's characters) reads as more of the Chinese known here."""
    share = _known_share(text)
    if share >= KNOWN_SHARE:
        return text, "gb18030"
    try:
        big5 = data.decode("big5hkscs")
    except UnicodeDecodeError:
        return text, "gb18030"
    return (big5, "big5") if _known_share(big5) > share else (text, "gb18030")


def _known_share(text: str) -> float:
    """The share of the Han characters (of the first 64K characters) that GB2312 holds or that
    only traditional Chinese writes."""
    han = "".join(re.findall(_HAN, text[:65536]))
    if not han:
        return 1.0
    common = len(han.encode("gb2312", "ignore")) // 2
    return (common + sum(char in TRADITIONAL for char in han)) / len(han)


# Plain-text drafts pasted from Markdown keep their bold markers (**95%以上**).
_BOLD = re.compile(r"\*\*+|__+")
# Markdown: each rule blanks a kind of non-prose, keeping newlines. Every pattern runs in time
# linear in the line (bounded repeats, no nested quantifiers): drafts come from anyone.
_FRONT_MATTER = re.compile(r"\A(---|\+\+\+)[ \t]*\r?\n.*?^\1[ \t]*$", re.S | re.M)
_FENCE_OPEN = re.compile(r"^[ ]{0,3}(`{3,}|~{3,})")
_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+")  # a line with its break: LF, CRLF or a lone CR
_INLINE = [
    re.compile(r"<!--.*?(?:-->|\Z)", re.S),  # comments (suppressions are read elsewhere)
    re.compile(r"(?<!`)(`+)(?!`)[^`\n]*?\1"),  # inline code (a whole run of backticks opens it: linear)
    re.compile(r"!\[[^\]\n]{0,300}\]\([^)\n]{0,300}\)"),  # images
    re.compile(r"\]\([^)\n]{0,300}\)"),  # link targets: the link text stays prose
    re.compile(r"<[A-Za-z/][^>\n]{0,300}>"),  # html tags and autolinks
    re.compile(r"https?://[^\s)\]>，。]+"),  # bare urls
    re.compile(r"^[ \t]*(?:[-*+]|\d{1,9}[.)])[ \t]+", re.M),  # list markers (1. is not a figure)
    re.compile(r"^[ \t]*(?:>[ \t]?)+", re.M),  # block quotes
    re.compile(r"^[ \t]*#{1,6}[ \t]+", re.M),  # heading markers
    re.compile(r"^[ \t|:]*---[ \t|:-]*$", re.M),  # table rules (no nested repeats: a long line of dashes must not backtrack)
    re.compile(r"\*{1,3}|_{2,3}|~~|(?<!\S)_|_(?!\S)"),  # emphasis
    re.compile(r"[\[\]|]"),  # link brackets and table pipes
]


def mask_markdown(text: str) -> str:
    """Blank the non-prose parts of Markdown, keeping every offset.

    >>> mask_markdown("# 标题\\n**95%以上**")
    '  标题\\n  95%以上  '
    """
    masked = _blank_blocks(text)
    for pattern in _INLINE:  # in order: each rule sees what the earlier ones left
        masked = pattern.sub(_blanked, masked)
    return masked


def _blanked(match: re.Match[str]) -> str:
    """The matched text as spaces of the same length, its line breaks kept."""
    found = match.group()
    if "\n" in found or "\r" in found:
        return _NOT_A_BREAK.sub(" ", found)
    return " " * len(found)


def _blank_blocks(text: str) -> str:
    """Front matter and fenced code blanked: the text rebuilt from slices, not from a list of
    its characters (a list of one-character strings costs some 80 bytes a CJK character)."""
    front = _FRONT_MATTER.match(text)
    spans = [(0, front.end())] if front else []
    fence = ""
    for line in _LINE.finditer(text):
        opening = _FENCE_OPEN.match(line.group())
        if fence:
            spans.append(line.span())
            if opening and opening.group(1)[0] == fence[0] and len(opening.group(1)) >= len(fence):
                fence = ""
        elif opening and not (front and line.start() < front.end()):
            fence = opening.group(1)
            spans.append(line.span())
    if not spans:
        return text
    pieces, done = [], 0
    for start, end in spans:
        start = max(start, done)
        pieces += [text[done:start], _NOT_A_BREAK.sub(" ", text[start:end])]
        done = max(done, end)
    pieces.append(text[done:])
    return "".join(pieces)

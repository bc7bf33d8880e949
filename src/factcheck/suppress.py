"""Inline suppressions: comments in a draft that silence the findings of some lines.

In Markdown, an HTML comment (invisible when the draft is rendered):

    <!-- factcheck: ignore -->      the next paragraph (the lines up to the next blank line);
                                    written at the end of a line of prose, the paragraph it is in
    <!-- factcheck: off -->         every line from here ...
    <!-- factcheck: on -->          ... to here (or to the end of the draft)

Text after the word is free, for the reason: `<!-- factcheck: ignore 已与发布会原文核实 -->`.
Comments inside fenced code or `inline code` are examples, not directives.

In plain-text drafts (*.txt), a directive is a line of its own: the same
`<!-- factcheck: ignore -->`, or `// factcheck: ignore` (also `off` and `on`).
Neither can occur in Chinese prose by accident: both need the ASCII word
`factcheck:` after a comment marker, alone on the line.

Everything here is linear in the draft: comments are found with `str.find`, not
a pattern that can backtrack, and paragraph ends are looked up once per stretch
of lines, whatever the number of directives (drafts come from anyone).
"""

from __future__ import annotations

import bisect
import re
from typing import Iterator, NamedTuple, Sequence

from .model import Finding

DIRECTIVES = ("ignore", "off", "on")
KEYWORD = "factcheck:"
_ANY = re.compile(re.escape(KEYWORD), re.I)  # no directive can be without it: most drafts stop here
# Compiled when a draft has a directive (re caches them): most drafts have none.
_LINE_BREAK = r"\r\n?|\n"  # lines as `Draft.position` counts them: LF, CRLF or a lone CR
_FENCE = r"^[ ]{0,3}(`{3,}|~{3,})"


# NamedTuples, not dataclasses: a frozen dataclass takes most of a millisecond to create,
# at import, on every run; these records need no more than a tuple.
# A directive: its line (1-based), its word (ignore / off / on, or what was written instead),
# whether it is alone on its line, and the first line of its paragraph. A plain tuple, not a
# NamedTuple: the collector stops tracking plain tuples of numbers and strings, so 100,000
# directives do not make every collection longer.
Directive = tuple[int, str, bool, int]


class Suppressions(NamedTuple):
    spans: tuple[tuple[int, int], ...]  # silenced lines: sorted, disjoint, inclusive (first, last)
    warnings: tuple[tuple[int, str], ...] = ()  # (line, message) for directives not understood

    @property
    def lines(self) -> frozenset[int]:
        """Every silenced line (for tests and small drafts: `spans` is what filtering reads)."""
        return frozenset(line for first, last in self.spans for line in range(first, last + 1))

    def silences(self, line: int) -> bool:
        index = bisect.bisect_right(self.spans, line, key=lambda span: span[0]) - 1
        return index >= 0 and self.spans[index][1] >= line

    def filter(self, findings: Sequence[Finding]) -> tuple[tuple[Finding, ...], int]:
        """The findings not silenced, and how many were."""
        if not self.spans:
            return tuple(findings), 0
        kept = tuple(f for f in findings if not self.silences(f.line))
        return kept, len(findings) - len(kept)


def _lines(text: str) -> Iterator[str]:
    """The lines of a draft, one at a time (a 10 MB draft of short lines is millions of them)."""
    start = 0
    for match in re.finditer(_LINE_BREAK, text):
        yield text[start:match.start()]
        start = match.end()
    yield text[start:]


def _word(body: str) -> str | None:
    """The directive in a comment's text (`factcheck: ignore 原因` -> ignore); None if it is not one.

    >>> _word(" factcheck:IGNORE -"), _word("factcheck: "), _word(" note")
    ('ignore', '', None)
    """
    text = body.lstrip()
    if text[:len(KEYWORD)].lower() != KEYWORD:
        return None
    rest = text[len(KEYWORD):].split(None, 1)
    return rest[0].lower() if rest else ""


def _comments(line: str) -> Iterator[tuple[int, int, str]]:
    """Each closed `<!-- ... -->` of a line: start, end and the text inside."""
    start = line.find("<!--")
    while start >= 0:
        close = line.find("-->", start + 4)
        if close < 0:
            return
        yield start, close + 3, line[start + 4:close]
        start = line.find("<!--", close + 3)


def _markdown_directives(line: str, number: int, paragraph: int) -> Iterator[Directive]:
    first, last = len(line) - len(line.lstrip()), len(line.rstrip())
    ticks, counted = 0, 0
    for start, end, body in _comments(line):
        ticks, counted = ticks + line.count("`", counted, start), end
        word = _word(body)
        if word is not None and ticks % 2 == 0:  # an odd number of backticks before: inside `inline code`
            yield number, word, start <= first and end >= last, paragraph
        ticks += body.count("`")


def _text_directive(line: str) -> str | None:
    """A plain-text draft's directive: a line that is only `// factcheck: ...` or `<!-- factcheck: ... -->`."""
    text = line.strip()
    if text.startswith("//"):
        return _word(text[2:])
    if len(text) >= 7 and text.startswith("<!--") and text.endswith("-->"):
        return _word(text[4:-3])
    return None


def directives(text: str, markdown: bool) -> tuple[list[Directive], bytearray]:
    """The factcheck comments of a draft, in order, and which of its lines are blank (1 or 0)."""
    found: list[Directive] = []
    blank = bytearray()
    fence, paragraph = "", 1
    for number, line in enumerate(_lines(text), 1):
        empty = not line.strip()
        blank.append(empty)
        if empty:
            paragraph = number + 1
        if markdown:
            fence, in_code = _fence_state(line, fence)
            if not in_code:
                found.extend(_markdown_directives(line, number, paragraph))
        else:
            word = _text_directive(line)
            if word is not None:
                found.append((number, word, True, paragraph))
    return found, blank


def _fence_state(line: str, fence: str) -> tuple[str, bool]:
    """The open fence after this line, and whether the line is code."""
    opening = re.match(_FENCE, line)
    if fence:
        closes = opening is not None and opening.group(1)[0] == fence[0] and len(opening.group(1)) >= len(fence)
        return ("" if closes else fence), True
    if opening:
        return opening.group(1), True
    return "", False


class _Seeker:
    """The next line at or after a start that is blank (or not): each stretch of lines is
    searched once, since the directives asking come in order (a draft of 40,000 `ignore`
    lines, one paragraph, made this quadratic)."""

    def __init__(self, blank: bytearray, value: int) -> None:
        self.blank, self.value, self.start, self.found = blank, value, 0, -1

    def __call__(self, start: int) -> int:
        if not self.start <= start <= self.found:
            found = self.blank.find(self.value, start)
            self.start, self.found = start, len(self.blank) if found < 0 else found
        return self.found


def find(text: str, markdown: bool) -> Suppressions:
    """The silenced lines of a draft.

    >>> find("a 1\\n<!-- factcheck: ignore -->\\nb 2\\nc 3\\n\\nd 4", True).spans
    ((2, 4),)
    >>> find("a\\n// factcheck: off\\nb\\n// factcheck: on\\nc", False).spans
    ((2, 4),)
    """
    if not _ANY.search(text):
        return Suppressions(())
    found, blank = directives(text, markdown)
    next_blank, next_text = _Seeker(blank, 1), _Seeker(blank, 0)
    spans: list[tuple[int, int]] = []
    warnings: list[tuple[int, str]] = []
    off_since: int | None = None
    for line, word, alone, paragraph in found:
        if word == "ignore":
            if alone:  # the next paragraph, past any blank lines
                spans.append((line, next_blank(next_text(line))))
            else:  # the paragraph it is in
                spans.append((paragraph, next_blank(line)))
        elif word == "off":
            off_since = line if off_since is None else off_since
        elif word == "on":
            if off_since is None:
                warnings.append((line, "'factcheck: on' without an 'off' before it"))
            else:
                spans.append((off_since, line))
                off_since = None
        else:
            warnings.append((line, f"unknown factcheck directive {word!r} (use ignore, off or on)"))
    if off_since is not None:
        spans.append((off_since, len(blank)))
    return Suppressions(_merged(spans), tuple(warnings))


def _merged(spans: list[tuple[int, int]]) -> tuple[tuple[int, int], ...]:
    """Sorted, overlapping or touching spans joined."""
    merged: list[tuple[int, int]] = []
    for first, last in sorted(spans):
        if merged and first <= merged[-1][1] + 1:
            merged[-1] = (merged[-1][0], max(merged[-1][1], last))
        else:
            merged.append((first, last))
    return tuple(merged)

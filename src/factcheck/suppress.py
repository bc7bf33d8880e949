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
"""

from __future__ import annotations

import re
from typing import NamedTuple, Sequence

from .model import Finding

DIRECTIVES = ("ignore", "off", "on")
_MARKDOWN = re.compile(r"<!--\s*factcheck:\s*(\S*?)(?:\s[^>]*?)?\s*-->", re.I)
_TEXT_LINE = re.compile(r"^\s*(?:<!--\s*factcheck:\s*(\S*?)(?:\s.*?)?\s*-->|//\s*factcheck:\s*(\S*)(?:\s.*)?)\s*$", re.I)
_FENCE = re.compile(r"^[ ]{0,3}(`{3,}|~{3,})")


# NamedTuples, not dataclasses: a frozen dataclass takes most of a millisecond to create,
# at import, on every run; these records need no more than a tuple.
class Directive(NamedTuple):
    line: int  # 1-based
    word: str  # ignore / off / on, or what was written instead
    alone: bool  # the comment is the only thing on its line


class Suppressions(NamedTuple):
    lines: frozenset[int]
    warnings: tuple[tuple[int, str], ...] = ()  # (line, message) for directives not understood

    def filter(self, findings: Sequence[Finding]) -> tuple[tuple[Finding, ...], int]:
        """The findings not silenced, and how many were."""
        kept = tuple(f for f in findings if f.line not in self.lines)
        return kept, len(findings) - len(kept)


def directives(text: str, markdown: bool) -> list[Directive]:
    """The factcheck comments of a draft, in order."""
    found: list[Directive] = []
    fence = ""
    for number, line in enumerate(_lines(text), 1):
        if markdown:
            fence, in_code = _fence_state(line, fence)
            if in_code:
                continue
            for match in _MARKDOWN.finditer(line):
                if line[:match.start()].count("`") % 2:
                    continue  # inside `inline code`
                rest = line[:match.start()] + line[match.end():]
                found.append(Directive(number, match.group(1).lower(), not rest.strip()))
        else:
            whole = _TEXT_LINE.match(line)
            if whole:
                found.append(Directive(number, (whole.group(1) or whole.group(2) or "").lower(), True))
    return found


def _lines(text: str) -> list[str]:
    """Lines split on LF only, as `Draft.position` counts them."""
    return text.split("\n")


def _fence_state(line: str, fence: str) -> tuple[str, bool]:
    """The open fence after this line, and whether the line is code."""
    opening = _FENCE.match(line)
    if fence:
        closes = opening is not None and opening.group(1)[0] == fence[0] and len(opening.group(1)) >= len(fence)
        return ("" if closes else fence), True
    if opening:
        return opening.group(1), True
    return "", False


def find(text: str, markdown: bool) -> Suppressions:
    """The silenced lines of a draft.

    >>> sorted(find("a 1\\n<!-- factcheck: ignore -->\\nb 2\\nc 3\\n\\nd 4", True).lines)
    [2, 3, 4]
    >>> sorted(find("a\\n// factcheck: off\\nb\\n// factcheck: on\\nc", False).lines)
    [2, 3, 4]
    """
    lines = _lines(text)
    blank = [not line.strip() for line in lines]
    silenced: set[int] = set()
    warnings: list[tuple[int, str]] = []
    off_since: int | None = None
    for directive in directives(text, markdown):
        if directive.word == "ignore":
            silenced.update(_paragraph(blank, directive))
        elif directive.word == "off":
            off_since = directive.line if off_since is None else off_since
        elif directive.word == "on":
            if off_since is None:
                warnings.append((directive.line, "'factcheck: on' without an 'off' before it"))
            else:
                silenced.update(range(off_since, directive.line + 1))
                off_since = None
        else:
            warnings.append((directive.line, f"unknown factcheck directive {directive.word!r} (use ignore, off or on)"))
    if off_since is not None:
        silenced.update(range(off_since, len(lines) + 1))
    return Suppressions(frozenset(silenced), tuple(warnings))


def _paragraph(blank: list[bool], directive: Directive) -> range:
    """The lines an `ignore` silences (1-based, inclusive of its own line)."""
    index = directive.line - 1
    if directive.alone:
        end = index + 1
        while end < len(blank) and blank[end]:
            end += 1  # an ignore followed by blank lines silences the next paragraph
        first = index
    else:
        first = index
        while first > 0 and not blank[first - 1]:
            first -= 1
        end = index + 1
    while end < len(blank) and not blank[end]:
        end += 1
    return range(first + 1, end + 1)

"""The digits of a source that are not facts, and why: listed in the drafted file's header
so a reviewer sees what was left out on purpose (docs/fact-schema.md, "What is not a fact")."""

from __future__ import annotations

import re

from .author_read import Source
from .vocabulary import NAMES

_TITLE = re.compile(r"《[^》\n]{1,120}》")
_ASCII_NAME = re.compile(r"[A-Za-z]*[0-9]+[A-Za-z][0-9A-Za-z+]*|[A-Za-z]+[0-9][0-9A-Za-z+]*")
_CODE_NAME = re.compile(r"[\u4e00-\u9fff]{2}[0-9]+-[0-9]+")
_DIGITS = re.compile(r"[0-9]+(?:[.·][0-9]+)*")
WHY = {
    "names": "digits inside names",
    "titles": "titles",
    "programmes": "programme names and slogans",
    "ordinals": "ordinals and section labels",
    "other": "digits that state no figure (no unit or counter)",
}


def left_out(source: Source, used: list[tuple[int, int]]) -> tuple[tuple[str, str], ...]:
    """(the items, why) for each kind of digit left out, in the order of WHY."""
    prose = source.draft.prose
    taken = list(used) + [(m.start, m.end) for m in source.mentions if m.kind == "date"]
    found: dict[str, list[str]] = {key: [] for key in WHY}

    def note(key: str, text: str, start: int, end: int) -> None:
        if text not in found[key]:
            found[key].append(text)
        taken.append((start, end))

    for match in _TITLE.finditer(prose):
        if _DIGITS.search(match.group()) or _has_chinese_number(match.group()):
            note("titles", match.group(), match.start(), match.end())
    for name in NAMES:
        for match in re.finditer(re.escape(name), prose):
            note("programmes", name, match.start(), match.end())
    for match in [*_ASCII_NAME.finditer(prose), *_CODE_NAME.finditer(prose)]:
        if not _inside(match.start(), match.end(), taken):
            note("names", match.group(), match.start(), match.end())
    for mention in source.mentions:
        if mention.kind == "ordinal" and not _inside(mention.start, mention.end, taken):
            note("ordinals", mention.text, mention.start, mention.end)
    for match in _DIGITS.finditer(prose):
        if not _inside(match.start(), match.end(), taken):
            note("other", _around(prose, match.start(), match.end()), match.start(), match.end())
    return tuple((", ".join(items), WHY[key]) for key, items in found.items() if items)


def _inside(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    return any(s <= start and end <= e for s, e in spans)


def _has_chinese_number(text: str) -> bool:
    return re.search("[一二三四五六七八九十两]+[年个大项条批]", text) is not None


def _around(text: str, start: int, end: int) -> str:
    """A digit with the characters beside it, enough to find it in the source."""
    return " ".join(text[max(0, start - 4):min(len(text), end + 4)].split())

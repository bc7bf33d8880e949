"""The reading layer: the one form of a text that every stage reading words sees.

Drafts and fact files may be written in simplified or traditional Chinese, or
both, and with full-width digits and signs. Extraction, claims, frames and
matching read one form of them: simplified characters, and the ASCII
characters for full-width ones (１２３％ is 123%, ５Ｇ is 5G). The tables of
those stages then hold each word once.

A draft's reading has the length of its prose, character for character:
folding a full-width form keeps the length, and so do OpenCC's tables from
traditional to simplified. Spans found in the reading are spans of the file,
and every finding quotes the draft's own characters. Should a conversion ever
change a length, the reading comes with an `OffsetMap` back to the prose.

Only the clauses (up to ，。；！？、： or a line's end) that hold a traditional
character are converted, each whole (a phrase is read in its context: 乾燥
is 干燥, 乾隆 stays), so the simplified clauses of a mixed draft are read
exactly as written (显著 stays, where OpenCC's Taiwan table reads 著 as 着).
OpenCC is imported the first time a clause needs it: a simplified draft
never loads it.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Iterable, Sequence
from functools import lru_cache
from typing import TYPE_CHECKING

from .lazy import LazyFacts
from .model import Fact
from .traditional import TRADITIONAL

if TYPE_CHECKING:
    from .offsets import Block, OffsetMap

Converter = Callable[[str], str]

# Full-width forms of ASCII (U+FF01-FF5E) are read as ASCII, except the punctuation Chinese
# always writes full-width: every stage reads those as they are, and ， after a digit is a
# list, not a thousands separator (5，200家 are two figures).
_KEPT = "，：；！？（）"
_HALF = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F) if chr(code) not in _KEPT}
_FULL_WIDTH = frozenset(map(chr, _HALF))
# Characters read as a space: gaps that typesetting puts between a number and its unit, and
# invisible ones (zero-width spaces and joiners, the soft hyphen, direction marks) that
# would otherwise cut 5.3万座 in two and hide the figure. HIDDEN ones are also reported.
HIDDEN = frozenset("\u200b\u200c\u200d\u2060\ufeff\u00ad\u200e\u200f\u202a\u202b\u202c\u202d\u202e"
                   "\u2066\u2067\u2068\u2069")
_AS_SPACE = {ord(c): " " for c in HIDDEN | frozenset("\u00a0\u2007\u2009\u200a\u202f")}
_SPACED = frozenset(map(chr, _AS_SPACE))
# What a text must hold to be read otherwise than it is written: one look decides.
_READ_ANEW = TRADITIONAL | _FULL_WIDTH | _SPACED
# Patterns are compiled (and cached by re) when a text first needs them: a simplified draft
# with no full-width form needs none, and compiling them all costs a millisecond.
_WIDE = "[\uff02-\uff07\uff0a\uff0b\uff0d-\uff19\uff1c-\uff1e\uff20-\uff5e]+"  # _FULL_WIDTH, as ranges
_WIDE_GROUP = "(?<=[０-９])，(?=[０-９])"  # １，２００ groups thousands, as 1,200 does
_UNSAFE = "[\x00\ud800-\udfff]"  # OpenCC reads UTF-8 up to a NUL; a lone surrogate has no UTF-8
# A clause with the marks that end it, or the end of a text: what is converted whole.
_CLAUSE = "[^。！？；，、：\n]*[。！？；，、：\n]+|[^。！？；，、：\n]+"
MAX_ALIGNED = 400  # characters of a clause aligned character by character


def fold_width(text: str) -> str:
    """Full-width digits, letters and signs as ASCII, and hidden or no-break spaces as spaces;
    the same length.

    >>> fold_width("１，２００家，增长３３．５％，５Ｇ"), fold_width("5.3\u200b万座")
    ('1,200家，增长33.5%，5G', '5.3 万座')
    """
    if not _SPACED.isdisjoint(text):
        text = text.translate(_AS_SPACE)
    if _FULL_WIDTH.isdisjoint(text):
        return text
    text = re.sub(_WIDE_GROUP, ",", text)
    return re.sub(_WIDE, lambda found: found.group().translate(_HALF), text)


def has_traditional(text: str) -> bool:
    """Does the text hold a character only traditional Chinese writes?

    >>> has_traditional("江蘇1200萬隻"), has_traditional("江苏以后,後来")
    (True, False)
    """
    return not TRADITIONAL.isdisjoint(text)


@lru_cache(maxsize=1)
def opencc_converter() -> Converter:
    """OpenCC from Taiwan's standard, then Hong Kong's, to simplified: each also reads its own
    variants (著 as 着 in 看著, 衞 as 卫), and both read OpenCC's standard traditional."""
    import opencc  # here, not above: only a text with traditional characters pays for it

    taiwan, hong_kong = opencc.OpenCC("tw2s.json"), opencc.OpenCC("hk2s.json")

    def convert(text: str) -> str:
        return str(hong_kong.convert(str(taiwan.convert(text))))

    return convert


def read_words(text: str, convert: Converter | None = None) -> str:
    """Words of a fact, a name or a glossary entry as a draft's are read (the length may change).

    >>> read_words("規模以上工業企業復工面"), read_words("５Ｇ基站")
    ('规模以上工业企业复工面', '5G基站')
    """
    if _READ_ANEW.isdisjoint(text):
        return text
    text = fold_width(text)
    if not has_traditional(text):
        return text
    return (convert or opencc_converter())(_safe(text))


def read_prose(prose: str, convert: Converter | None = None) -> tuple[str, OffsetMap | None]:
    """A draft's prose as the stages read it, and a map back to the prose when the reading
    is not of the same length (None: it is)."""
    if _READ_ANEW.isdisjoint(prose):
        return prose, None
    folded = fold_width(prose)
    if not has_traditional(folded):
        return folded, None
    convert = convert or opencc_converter()
    parts: list[str] = []
    blocks: list[Block] = []
    done = 0  # of the prose
    shift = 0  # the reading's length less the prose's, so far
    for start, end in _traditional_runs(folded):
        parts.append(folded[done:start])
        converted, changed = _converted(folded[start:end], convert)
        blocks += [(a + start + shift, b + start + shift, c + start, d + start) for a, b, c, d in changed]
        parts.append(converted)
        shift += len(converted) - (end - start)
        done = end
    parts.append(folded[done:])
    if not blocks:
        return "".join(parts), None
    from .offsets import OffsetMap  # only for a conversion that changed a length

    return "".join(parts), OffsetMap(tuple(blocks))


def _safe(text: str) -> str:
    return re.sub(_UNSAFE, "\ufffd", text)


def _traditional_runs(text: str) -> list[tuple[int, int]]:
    """Spans of the clauses holding traditional characters, those next to each other joined:
    a traditional draft is converted in few calls."""
    runs: list[tuple[int, int]] = []
    for clause in re.finditer(_CLAUSE, text):
        if not has_traditional(clause.group()):
            continue
        if runs and runs[-1][1] == clause.start():
            runs[-1] = (runs[-1][0], clause.end())
        else:
            runs.append(clause.span())
    return runs


def _converted(segment: str, convert: Converter) -> tuple[str, list[Block]]:
    """A run of clauses converted, and the blocks whose length changed (none, with OpenCC's
    own tables); such a run is converted again clause by clause, to place each change."""
    converted = convert(_safe(segment))
    if len(converted) == len(segment):
        return converted, []
    parts: list[str] = []
    blocks: list[Block] = []
    done, shift = 0, 0
    for clause in re.findall(_CLAUSE, segment):
        read = convert(_safe(clause))
        if len(read) != len(clause):
            blocks += [(a + done + shift, b + done + shift, c + done, d + done)
                       for a, b, c, d in _aligned(clause, read, convert)]
        parts.append(read)
        shift += len(read) - len(clause)
        done += len(clause)
    return "".join(parts), blocks


def _aligned(clause: str, read: str, convert: Converter) -> list[Block]:
    """The blocks where a clause and its reading differ in length: the reading is aligned
    with the clause converted character by character (which keeps lengths)."""
    if len(clause) > MAX_ALIGNED:
        return [(0, len(read), 0, len(clause))]
    import difflib  # only for a conversion that changed a length

    chars = convert("\n".join(_safe(clause))).split("\n")
    reference = "".join(chars) if len(chars) == len(clause) and all(len(c) == 1 for c in chars) else clause
    matcher = difflib.SequenceMatcher(None, reference, read, autojunk=False)
    return [(j1, j2, i1, i2) for tag, i1, i2, j1, j2 in matcher.get_opcodes() if tag != "equal" and i2 - i1 != j2 - j1]


# ---- facts ------------------------------------------------------------------------------
def fact_needs_reading(fact: Fact) -> bool:
    return not _READ_ANEW.isdisjoint("".join((fact.metric, fact.quote, fact.as_written, *fact.keywords)))


def read_fact(fact: Fact) -> Fact:
    """A fact as matching reads it: its metric, keywords, quote and figure in the reading form."""
    return dataclasses.replace(
        fact, metric=read_words(fact.metric), keywords=tuple(read_words(k) for k in fact.keywords),
        quote=read_words(fact.quote), as_written=read_words(fact.as_written))


class ReadFacts(LazyFacts):
    """A fact base's facts as matching reads them: the ones at `converted` read anew (when
    first asked for), the rest as written."""

    def __init__(self, written: Sequence[Fact], converted: Iterable[int]) -> None:
        super().__init__(len(written))
        self.written = written
        self.converted = frozenset(converted)
        self._by_id: dict[str, int] = {}

    def _make(self, index: int) -> Fact:
        written = self.written[index]
        return read_fact(written) if index in self.converted else written

    def written_fact(self, fact: Fact) -> Fact:
        """The fact as its file writes it, for what a report quotes."""
        if not self._by_id:
            self._by_id = {self.written[i].id: i for i in self.converted}
        index = self._by_id.get(fact.id)
        return fact if index is None else self.written[index]


def read_facts(facts: Sequence[Fact]) -> Sequence[Fact]:
    """The facts as matching reads them: `facts` itself when none needs reading anew."""
    converted = [i for i, fact in enumerate(facts) if fact_needs_reading(fact)]
    return ReadFacts(facts, converted) if converted else facts


def written_fact(facts: Sequence[Fact], fact: Fact) -> Fact:
    return facts.written_fact(fact) if isinstance(facts, ReadFacts) else fact

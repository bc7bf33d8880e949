"""Read a source document for `facts draft` exactly as a news draft is read.

The checker's own stages do the reading: `read` (decoding, bold markers
masked without moving an offset), `extract`, `make_claims` and `frame`. This
module only adds what a fact needs and a check does not: where each figure
stands in the source (headline, heading, lead, infographic, body), and the
source's dates of report and base year.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from .claims import Claim, make_claims
from .extract import extract
from .frame import Frame, frame
from .gazetteer import Gazetteer
from .model import Mention
from .read import Draft, read_draft

Where = Literal["headline", "heading", "lead", "infographic", "body"]
# Which occurrence of a repeated figure is quoted: a sentence of the body before a summary of it.
PREFERENCE: tuple[Where, ...] = ("body", "lead", "infographic", "heading", "headline")
MAX_TITLE = 48  # a line this short that ends no sentence is a title (as claims.py reads one)
_SENTENCE_END = re.compile(r"[。！？!?；;]|\.(?=\s|$)")
_YEAR = re.compile(r"(?<![0-9])((?:19|20)[0-9]{2})(?=年)")


@dataclass(frozen=True)
class Line:
    start: int
    end: int
    number: int  # 1-based
    where: Where


@dataclass(frozen=True)
class SourceFigure:
    """One figure (or stated date) of the source, read as the checker reads a draft's."""

    claim: Claim
    frame: Frame
    line: Line

    @property
    def mention(self) -> Mention:
        return self.claim.mention


@dataclass(frozen=True)
class Source:
    draft: Draft  # text (verbatim) and prose (what the stages read)
    mentions: tuple[Mention, ...]
    figures: tuple[SourceFigure, ...]
    lines: tuple[Line, ...]
    report: Mention | None = None  # the date of report: the first day its lead names

    @property
    def name(self) -> str:
        return Path(self.draft.path).name

    def line_at(self, offset: int) -> Line:
        return next((line for line in self.lines if line.start <= offset <= line.end), self.lines[-1])

    def title(self) -> str | None:
        """The first title line: the source's headline, as far as a reader can tell."""
        first = next((line for line in self.lines if line.where == "headline"), None)
        return self.draft.text[first.start:first.end].strip() if first else None

    def years(self) -> Counter[int]:
        """The years the source names (2020年), most named first."""
        return Counter(int(m.group(1)) for m in _YEAR.finditer(self.draft.prose))


def read_source(path: Path | str, gazetteer: Gazetteer) -> Source:
    """Read and frame every figure of a source document; InputError when it cannot be read."""
    draft = read_draft(path)
    prose = draft.prose
    mentions = extract(prose)
    claims = list(make_claims(prose, mentions, gazetteer))
    lines = _lines(draft.text, prose, claims)
    figures = []
    for claim in claims:
        line = _containing(lines, claim.mention.start)
        if line is not None:
            figures.append(SourceFigure(claim, frame(prose, claim), line))
    return Source(draft, tuple(mentions), tuple(figures), lines, _report(lines, mentions))


def _report(lines: tuple[Line, ...], mentions: list[Mention]) -> Mention | None:
    """The first month and day the lead names (4月15日,江苏省政府召开…): when the source reports."""
    lead = next((line for line in lines if line.where == "lead"), None)
    if lead is None:
        return None
    return next((m for m in mentions if m.kind == "date" and lead.start <= m.start < lead.end and m.date is not None
                 and m.date.month is not None and m.date.day is not None), None)


def _containing(lines: tuple[Line, ...], offset: int) -> Line | None:
    return next((line for line in lines if line.start <= offset < line.end), None)


def _lines(text: str, prose: str, claims: list[Claim]) -> tuple[Line, ...]:
    """Every non-blank line with what it is: titles before the first paragraph are the
    headline, later ones headings; the first paragraph is the lead; a line of several figures
    set in bold (or with no sentence in it) is an infographic."""
    figures_on: Counter[int] = Counter()
    starts = [m.start() + 1 for m in re.finditer("\n", text)]
    line_starts = [0, *starts]
    for claim in claims:
        if claim.mention.is_figure:
            figures_on[_line_index(line_starts, claim.mention.start)] += 1
    found: list[Line] = []
    seen_body = seen_lead = False
    for index, start in enumerate(line_starts):
        end = starts[index] - 1 if index < len(starts) else len(text)
        body = prose[start:end].strip()
        if not body:
            continue
        where: Where
        if len(body) <= MAX_TITLE and _SENTENCE_END.search(body) is None:
            where = "heading" if seen_body else "headline"
        elif figures_on[index] >= 2 and ("**" in text[start:end] or _SENTENCE_END.search(body) is None):
            where, seen_body = "infographic", True
        else:
            where, seen_body = ("body" if seen_lead else "lead"), True
            seen_lead = True
        found.append(Line(start, end, index + 1, where))
    return tuple(found)


def _line_index(line_starts: list[int], offset: int) -> int:
    low, high = 0, len(line_starts) - 1
    while low < high:
        middle = (low + high + 1) // 2
        if line_starts[middle] <= offset:
            low = middle
        else:
            high = middle - 1
    return low

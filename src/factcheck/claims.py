"""From figures to claims: who a figure is about, when, and the words around it.

A figure's subject is the first place named in its clause (several joined by
、/和 are a group), else the last one named earlier in its sentence, else the
place its paragraph is about. A paragraph is about the place its section's
title names, or else the place the draft names most, until the paragraph
names another (a city inside that place does not replace it). 全省 / 该市 /
全国 point back to the last province, city or the country named in the
paragraph, else to the place the paragraph is about.

A figure's period is the date its sentence gives before it. When the
sentence gives none, the claim also carries the date an earlier part of the
same sentence gave (before a ；), or for a title line the date its lead gives,
else the date of report: the first day the draft's first paragraphs name
(4月15日召开的发布会, 截至2月25日, went live on February 20).

One pass over the text: every figure costs a bounded amount of work,
however long its sentence is.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from operator import itemgetter
from typing import Literal, NamedTuple

from .gazetteer import ANAPHORA, REGIONAL_KINDS, EntityMention, Gazetteer
from .lazy import later
from .model import DateValue, Mention
from .vocabulary import EVENT_WORDS


def _ends(marks: str) -> re.Pattern[str]:
    """These marks, or a full stop before a space or the end (not the point of 3.5)."""
    return re.compile(f"[{marks}]" + r"|\.(?=\s|$)")


_FULL_STOP = _ends("。！？!?\n")  # where a statement ends
_SENTENCE_END = _ends("。！？!?；;\n")  # where a sentence ends: at a ； too
_TITLE_ENDS = _ends("。！？!?；;")  # what a title line does not hold
_CLAUSE_MARK = re.compile("[，,：:]|(?<=\\S)\u3000(?=\\S)")  # a headline parts its halves with an ideographic space
_JOINERS = frozenset({"、", "和", "与", "及", "以及", ",", "，", "/", "and", "&"})
# Figures inside a title (《2020年数字福建建设工作要点》) name the document, they claim nothing.
_TITLE = re.compile(r"《[^》\n]{0,120}》")
# A date that is the base of a comparison (是去年同期的10倍), not when the figure holds.
_COMPARISON_BASES = ("同期",)
# Anchors that fix a point up to which a figure accumulated (截至3月末), not a whole span.
AS_OF = frozenset({"截至", "截止到", "截止", "直到", "到", "至", "末", "底", "以来", "by", "as of"})
MAX_TITLE = 48
LEFT_WINDOW, RIGHT_WINDOW, SENTENCE_WINDOW = 40, 24, 160
ENGLISH_REACH = 3
AFTER_DATE_REACH = 48  # characters after a figure within which its clause may give its date
REPORT_PARAGRAPHS = 3  # the lead and what follows it: where a report says when it was told

PeriodFrom = Literal["sentence", "clause", "lead", "report"]


class Claim(NamedTuple):  # a tuple, not a frozen dataclass: one is made for every figure
    """A figure and what its draft says around it: the words, sentence, place and dates."""

    mention: Mention
    sentence: tuple[int, int]  # the figure's sentence, as offsets
    window: str  # the words next to the figure (between its neighbours)
    at: int  # where the figure starts in `window`
    context: str  # the figure's sentence, clipped around it
    subject: str | None  # a place entity id, or None when the draft does not say
    period: DateValue | None  # the date the figure's own sentence gives
    as_of: bool = False  # the period is a point things accumulated to (截至3月末)
    carried: DateValue | None = None  # the date the paragraph (or a title's lead) gave earlier
    carried_as_of: bool = False
    carried_from: PeriodFrom | None = None
    places: tuple[str, ...] = ()  # places named together as the subject (怀化、衡阳)
    named: bool = False  # the subject is named in the figure's own sentence
    statement_start: int = 0  # the sentence's start, or before a ； the start of the one it goes on
    previous_end: int = -1  # where the figure before it ends, in the same statement
    next_start: int = -1  # where the figure after it starts, in the same sentence


@dataclass(frozen=True)
class _Line:
    start: int
    end: int
    kind: Literal["title", "body", "blank"]


def sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans: split at 。！？；, newlines, and an English full stop."""
    spans, start = [], 0
    for match in _SENTENCE_END.finditer(text):
        if match.end() > start:
            spans.append((start, match.end()))
        start = match.end()
    if start < len(text):
        spans.append((start, len(text)))
    return spans


def _lines(text: str) -> list[_Line]:
    """Paragraphs (lines), each marked as a title when it is short and ends no sentence."""
    found, start = [], 0
    for end in [m.start() for m in re.finditer("\n", text)] + [len(text)]:
        body = text[start:end].strip()
        if not body:
            found.append(_Line(start, end, "blank"))
        else:
            title = len(body) <= MAX_TITLE and _TITLE_ENDS.search(body) is None
            found.append(_Line(start, end, "title" if title else "body"))
        start = end + 1
    return found


class _Reader:
    """What the text has said so far, at the position of the figure being read."""

    def __init__(self, text: str, gazetteer: Gazetteer, names: list[EntityMention], anchors: list[Mention]) -> None:
        self.text, self.gazetteer = text, gazetteer
        self.topic = _main_place(names, gazetteer)
        self.section = self.topic  # the place the last title line named
        self.clause_marks = [m.start() for m in _CLAUSE_MARK.finditer(text)]
        events: list[tuple[int, int, object]] = [(n.start, 1, n) for n in names] + [(a.start, 1, a) for a in anchors]
        self.lines = _lines(text)
        events += [(line.start, 0, line) for line in self.lines]
        events += [(span[0], 0, span) for span in sentences(text)]
        events.sort(key=itemgetter(0, 1))  # never the items themselves: they do not order
        self.events, self.next_event = events, 0
        self.line: _Line | None = None
        self.sentence: tuple[int, int] = (0, len(text))
        self.previous_start = 0  # where the sentence before this one starts
        self.place: str | None = self.topic  # what the paragraph is about so far
        self.last_of_kind: dict[str, str] = {}  # in this paragraph
        self.sentence_place: str | None = None
        self.clause: tuple[int, list[str], int, bool] = (-1, [], 0, False)  # start, group, group end, closed
        self.sentence_anchor: Mention | None = None
        self.year_anchor: Mention | None = None
        self.line_anchor: Mention | None = None  # the last date of the sentence so far, across ；
        self.carried: Mention | None = None
        self.seen_body = False  # title lines before the first paragraph are headlines, not sections

    def advance(self, to: int) -> None:
        """Take in every name, date, sentence and paragraph that starts before `to`."""
        events = self.events
        while self.next_event < len(events) and (
                events[self.next_event][0] < to or events[self.next_event][:2] == (to, 0)):
            item = events[self.next_event][2]
            self.next_event += 1
            if isinstance(item, _Line):
                self._new_line(item)
            elif isinstance(item, tuple):
                self._new_sentence(item)
            elif isinstance(item, EntityMention):
                self._name(item)
            elif isinstance(item, Mention):
                self._anchor(item)

    def _new_line(self, line: _Line) -> None:
        self.line = line
        self.place, self.last_of_kind, self.line_anchor = self.section, {}, None
        self.seen_body = self.seen_body or line.kind == "body"

    def _new_sentence(self, span: tuple[int, int]) -> None:
        if span[0] == 0 or self.text[span[0] - 1] not in "；;":
            # A date or place holds to the end of its sentence, across ；, not past its full stop.
            self.line_anchor, self.sentence_place = None, None
        self.previous_start, self.sentence = self.sentence[0], span
        self.sentence_anchor, self.year_anchor = None, None
        self.clause = (-1, [], 0, False)
        self.carried = self.line_anchor

    def _name(self, name: EntityMention) -> None:
        place = self._resolve(name) if name.anaphor else self.gazetteer.place_of(name.entity)
        if place is None:
            return
        kind = self.gazetteer.kind(place)
        if not name.anaphor:
            self.last_of_kind[kind] = place
            if kind != "country":
                if self.line is not None and self.line.kind == "title" and self.seen_body:
                    self.section = place if self.section is None or not self._inside(place, self.section) else self.section
                if self.place is None or not self._inside(place, self.place):
                    self.place = place
        self.sentence_place = place
        self._in_clause(name, place)

    def _resolve(self, name: EntityMention) -> str | None:
        kinds = ANAPHORA[name.anaphor or ""]
        if "country" in kinds:
            return self.gazetteer.country
        named = next((self.last_of_kind[k] for k in sorted(kinds) if k in self.last_of_kind), None)
        if named is not None:
            return named
        for place in (self.place, self.section, self.topic):
            if place is not None and self.gazetteer.kind(place) in kinds:
                return place
        return None

    def _inside(self, place: str, topic: str) -> bool:
        """A place inside a region (南京 in 江苏) does not change what a paragraph is about."""
        return place == topic or (self.gazetteer.kind(topic) in REGIONAL_KINDS and self.gazetteer.is_within(place, topic))

    def _in_clause(self, name: EntityMention, place: str) -> None:
        start = self.clause_start(name.start)
        clause_start, group, group_end, closed = self.clause
        if start != clause_start:
            self.clause = (start, [place], name.end, False)
            return
        if closed or place in group:
            return
        if self.text[group_end:name.start].strip() in _JOINERS:
            self.clause = (start, [*group, place], name.end, False)
        else:
            self.clause = (start, group, group_end, True)

    def _anchor(self, date: Mention) -> None:
        self.line_anchor = date
        if date.start >= self.sentence[0]:
            self.sentence_anchor = date
            if date.date is not None and (date.date.year is not None or date.date.relative_year is not None) \
                    and not date.text.endswith("全年"):
                self.year_anchor = date

    def clause_start(self, position: int) -> int:
        index = bisect.bisect_left(self.clause_marks, position, lo=0) - 1
        cut = self.clause_marks[index] + 1 if index >= 0 else 0
        return max(cut, self.sentence[0])

    def subject(self, position: int) -> tuple[str | None, tuple[str, ...], bool]:
        """(subject, places named together, named in the sentence) for a figure at `position`."""
        clause_start, group, _, _ = self.clause
        if group and clause_start == self.clause_start(position):
            if len(group) > 1:
                return None, tuple(group), True
            return group[0], (), True
        if self.sentence_place is not None:
            return self.sentence_place, (), True
        return self.place, (), False

    def period(self) -> DateValue | None:
        anchor = self.sentence_anchor
        if anchor is None or anchor.date is None:
            return None
        date, year = anchor.date, self.year_anchor
        if anchor.text.endswith("全年") and year is not None and year.date is not None:
            return year.date  # 2019年全年: the whole of the year named
        if date.year is None and date.relative_year is None and year is not None and year.date is not None:
            return DateValue(
                year=year.date.year, relative_year=year.date.relative_year, month=date.month,
                day=date.day, quarter=date.quarter, half=date.half,
            )
        return date


def make_claims(text: str, mentions: list[Mention], gazetteer: Gazetteer,
                dated: Callable[[str | None], bool] | None = None) -> Iterator[Claim]:
    """Attach a sentence, words, subject and period to every figure in `mentions`, one figure
    at a time: a check holds one claim, not all of a draft's (a dense draft has a million).
    A date is a claim only where `dated(subject)` says a fact may state one (most of a
    draft's dates are only context)."""
    titles = [(t.start(), t.end()) for t in _TITLE.finditer(text)]
    figures = [m for m in mentions if (m.is_figure or m.kind == "date") and not _inside(m, titles)]
    dates = [m for m in mentions if _is_anchor(m)]
    anchors = [m for m in dates if not _is_event_date(text, m)]
    reader = _Reader(text, gazetteer, gazetteer.find(text), anchors)
    leads = _leads(reader.lines, figures, anchors)
    report = _report_date(reader.lines, dates)
    anchor_starts = [a.start for a in anchors]
    for position, mention in enumerate(figures):
        reader.advance(mention.start)
        sentence = reader.sentence
        subject, places, named = reader.subject(mention.start)
        if dated is not None and mention.kind == "date" and not dated(subject):
            continue
        # English gives a figure's date after it (50,000 by 2022), Chinese before it.
        english = text[max(sentence[0], mention.start - 8):mention.start].isascii()
        trailing = (_date_after(text, anchors, anchor_starts, mention, sentence)
                    if english or reader.sentence_anchor is None else None)
        carried, carried_from = (None, "clause") if trailing is not None else _carried(reader, leads, report)
        previous = figures[position - 1].end if position else 0
        following = figures[position + 1].start if position + 1 < len(figures) else len(text)
        # English takes about three characters where Chinese takes one.
        reach = ENGLISH_REACH if text[max(sentence[0], mention.start - 8):mention.start].isascii() else 1
        left = max(sentence[0], previous, mention.start - LEFT_WINDOW * reach)
        # The sentence before counts too: an infographic's labels sit on the line above its figures.
        context_start = max(reader.previous_start, mention.start - SENTENCE_WINDOW * reach)
        yield Claim(
            mention=mention,
            sentence=sentence,
            window=text[left:min(sentence[1], following, mention.end + RIGHT_WINDOW * reach)],
            at=mention.start - left,
            context=text[context_start:min(sentence[1], mention.end + SENTENCE_WINDOW * reach)],
            subject=subject,
            period=trailing.date if trailing is not None else reader.period(),
            as_of=_as_of(trailing or reader.sentence_anchor),
            carried=carried.date if carried is not None else None,
            carried_as_of=_as_of(carried),
            carried_from=carried_from if carried is not None else None,
            places=places,
            named=named,
            statement_start=(statement := _statement_start(text, sentence[0])),
            previous_end=_previous_figure_end(figures, position, statement),
            next_start=_next_figure_start(figures, position, _statement_end(text, sentence[1])),
        )


def _date_after(text: str, anchors: list[Mention], starts: list[int], mention: Mention,
                sentence: tuple[int, int]) -> Mention | None:
    """A date right after the figure in its clause, when none stands before it: up 25 percent
    in 2020, switched on 28,400 base stations in January-June."""
    index = bisect.bisect_left(starts, mention.end)
    if index >= len(starts) or starts[index] >= sentence[1] or starts[index] - mention.end > AFTER_DATE_REACH:
        return None
    between = text[mention.end:starts[index]]
    return None if _CLAUSE_MARK.search(between) or _FULL_STOP.search(between) else anchors[index]


def _previous_figure_end(figures: list[Mention], position: int, sentence_start: int) -> int:
    """Where the figure before this one ends, if it is in the same sentence (dates aside)."""
    for earlier in range(position - 1, max(-1, position - 4), -1):
        if figures[earlier].end <= sentence_start:
            break
        if figures[earlier].is_figure:
            return figures[earlier].end
    return -1


def _statement_start(text: str, sentence_start: int) -> int:
    """Where the statement of a sentence starts: before a ； back to the last full stop."""
    if sentence_start == 0 or text[sentence_start - 1] not in "；;":
        return sentence_start
    stops = [m.end() for m in _FULL_STOP.finditer(text, max(0, sentence_start - 4 * SENTENCE_WINDOW), sentence_start)]
    return stops[-1] if stops else max(0, sentence_start - 4 * SENTENCE_WINDOW)


def _statement_end(text: str, sentence_end: int) -> int:
    """Where the statement of a sentence ends: past a ； to the next full stop (目标是4万座;后来
    提高到5.2万座 is one statement)."""
    if sentence_end == 0 or text[sentence_end - 1] not in "；;":
        return sentence_end
    stop = _FULL_STOP.search(text, sentence_end)
    return stop.end() if stop else len(text)


def _next_figure_start(figures: list[Mention], position: int, sentence_end: int) -> int:
    for following in range(position + 1, min(len(figures), position + 4)):
        if figures[following].start >= sentence_end:
            break
        if figures[following].is_figure:
            return figures[following].start
    return -1


def _carried(reader: _Reader, leads: dict[int, Mention], report: Mention | None) -> tuple[Mention | None, PeriodFrom]:
    """The date a figure whose sentence gives none may hold for: its paragraph's, a title's
    lead's, or the date of report."""
    if reader.sentence_anchor is not None:
        return None, "clause"
    if reader.carried is not None:
        return reader.carried, "clause"
    line = reader.line
    lead = leads.get(line.start) if line is not None and line.kind == "title" else None
    if lead is not None:
        return lead, "lead"
    return report, "report"


def _report_date(lines: list[_Line], anchors: list[Mention]) -> Mention | None:
    """The first month and day named in the draft's first paragraphs: when it reports."""
    body = [line for line in lines if line.kind == "body"][:REPORT_PARAGRAPHS]
    if not body:
        return None
    return next((a for a in anchors if body[0].start <= a.start < body[-1].end and a.date is not None
                 and a.date.month is not None and a.date.day is not None), None)


def _is_anchor(mention: Mention) -> bool:
    if mention.kind != "date" or mention.date is None:
        return False
    return not any(mention.text.endswith(word) for word in _COMPARISON_BASES)


_EVENT_AFTER = re.compile(r"[的在于\s,，]*(?:上午|下午|晚间|晚)?[^，,。；;：:！？\n]{0,10}?(?:" + "|".join(EVENT_WORDS) + ")")


# In English the event comes first (told a news conference on April 15), or a dateline follows.
_EN_EVENT_BEFORE = later(
    r"(?:\b(?:conference|briefing|meeting|forum|statement|report)\b(?:(?!\.\s)[^;:!?]){0,40}?|"
    r"\b(?:said|announced|told|disclosed|reported|released|published|unveiled)\s+)\b(?:held\s+)?on\s*$",
    re.IGNORECASE)
_EN_DATELINE = re.compile(r"\s*\((?:Xinhua|Reuters|AP|AFP|CGTN|ECNS|China Daily)\)|\s*(?:--|—)", re.IGNORECASE)


def _is_event_date(text: str, mention: Mention) -> bool:
    """A date that an event or report follows (15日召开的发布会), or that follows one (a news
    conference held on April 15): when the news was told."""
    if mention.date is None or mention.date.day is None:
        return False
    if _EVENT_AFTER.match(text, mention.end) is not None or _EN_DATELINE.match(text, mention.end) is not None:
        return True
    if not mention.text.isascii():
        return False  # a Chinese date's event follows it (above)
    lead = mention.text[:len(mention.text) - len(mention.number_text)] if mention.number_text else ""
    return _EN_EVENT_BEFORE().search(text[max(0, mention.start - 60):mention.start] + lead) is not None


def _as_of(anchor: Mention | None) -> bool:
    return anchor is not None and (anchor.qualifier or "").lower() in AS_OF


def _main_place(names: list[EntityMention], gazetteer: Gazetteer) -> str | None:
    """The place a draft names most (the first named of equals), the nation aside."""
    counts: Counter[str] = Counter()
    for name in names:
        place = gazetteer.place_of(name.entity)
        if place is not None and gazetteer.kind(place) != "country":
            counts[place] += 1
    return counts.most_common(1)[0][0] if counts else None


def _leads(lines: list[_Line], figures: list[Mention], anchors: list[Mention]) -> dict[int, Mention]:
    """For each title line, the date the next paragraph gives before its first figure."""
    starts = [f.start for f in figures if f.is_figure]
    anchor_starts = [a.start for a in anchors]
    leads: dict[int, Mention] = {}
    lead: Mention | None = None
    for line in reversed(lines):
        if line.kind == "title" and lead is not None:
            leads[line.start] = lead
        if line.kind != "body":
            continue
        first = bisect.bisect_left(starts, line.start)
        first_figure = starts[first] if first < len(starts) and starts[first] < line.end else line.end
        last = bisect.bisect_left(anchor_starts, first_figure) - 1
        lead = anchors[last] if last >= 0 and anchors[last].start >= line.start else None
    return leads


def _inside(mention: Mention, spans: list[tuple[int, int]]) -> bool:
    """Is the mention inside one of `spans` (sorted, never overlapping)?"""
    index = bisect.bisect_right(spans, mention.start, key=lambda span: span[0]) - 1
    return index >= 0 and spans[index][0] <= mention.start and mention.end <= spans[index][1]

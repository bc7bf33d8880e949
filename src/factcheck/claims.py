"""From figures to claims: who a figure is about, when, and the words around it.

A figure's subject is the last entity named before it in its sentence, else
the place the draft is about so far (its headline, dateline or an earlier
sentence); 全省 / 该市 / 全国 point back to the last province, city or the
country named. Subjects are compared as places: an agency or a company
stands for the region it belongs to.
"""

from __future__ import annotations

import bisect
import re
import string
from dataclasses import dataclass
from typing import Iterator

from .model import DateValue, Entity, Mention

_REGIONAL_KINDS = frozenset({"province", "municipality", "region"})
PLACE_KINDS = frozenset({"country", "province", "municipality", "city", "district", "region"})
# Words that point back to a place named earlier, and the kinds they may point to.
ANAPHORA: dict[str, frozenset[str]] = {
    **dict.fromkeys(("全省", "本省", "该省", "我省", "省内", "全区"), frozenset({"province", "region"})),
    **dict.fromkeys(("全市", "本市", "该市", "我市", "市内"), frozenset({"city", "municipality"})),
    **dict.fromkeys(("全国", "我国", "国内"), frozenset({"country"})),
}
_SENTENCE_END = re.compile(r"[。！？!?；;\n]|\.(?=\s|$)")
_CLAUSE_MARKS = ("，", ",", "：", ":")
_JOINERS = frozenset({"、", "和", "与", "及", "以及", ",", "，", "/"})
# Figures inside a title (《2020年数字福建建设工作要点》) name the document, they claim nothing.
_TITLE = re.compile(r"《[^》\n]{0,120}》")
LEFT_WINDOW, RIGHT_WINDOW, SENTENCE_WINDOW = 40, 24, 160


@dataclass(frozen=True)
class EntityMention:
    start: int
    end: int
    entity: str | None  # None for an anaphor whose referent is not known yet
    anaphor: str | None = None


@dataclass(frozen=True)
class Claim:
    mention: Mention
    sentence: tuple[int, int]  # the figure's sentence, as offsets
    window: str  # the words next to the figure (between its neighbours)
    at: int  # where the figure starts in `window`
    context: str  # the figure's sentence, clipped around it
    subject: str | None  # a place entity id, or None when the draft does not say
    period: DateValue | None


class Gazetteer:
    """Finds entity names in text and maps any entity to the place it stands for."""

    def __init__(self, entities: dict[str, Entity]) -> None:
        self.entities = entities
        names: dict[str, str] = {}
        for entity in entities.values():
            for name in (entity.id, *entity.aliases):
                names.setdefault(_fold(name), entity.id)
            if entity.english:
                names.setdefault(entity.english.lower(), entity.id)
        names.update({word: "" for word in ANAPHORA})
        names.pop("", None)
        self._names = names
        # The lengths of names by their first two characters, longest first. One regex
        # alternation of all the names took 12 ms to compile at every start-up, and longer
        # to scan a draft than this does against a large base.
        lengths: dict[str, set[int]] = {}
        for name in names:
            lengths.setdefault(name[:2], set()).add(len(name))
        self._lengths = {head: sorted(sizes, reverse=True) for head, sizes in lengths.items()}
        firsts = sorted({name[0] for name in names})
        self._starts = re.compile("[" + "".join(map(re.escape, firsts)) + "]") if firsts else None

    def names_in(self, folded: str) -> Iterator[tuple[int, int, str]]:
        """(start, end, name) of the names in folded text, left to right, the longest at each place."""
        if self._starts is None:
            return
        search, at = self._starts.search, 0
        while (hit := search(folded, at)) is not None:
            at = hit.start()
            sizes = self._lengths.get(folded[at:at + 2], ())
            word = next((w for size in sizes if (w := folded[at:at + size]) in self._names), None)
            if word is None and folded[at] in self._names:
                word = folded[at]  # a one-character name (苏), the shortest
            if word is None:
                at += 1
                continue
            yield at, at + len(word), word
            at += len(word)

    def find(self, text: str) -> list[EntityMention]:
        """Every entity name and anaphor in text, anaphors resolved to the last fitting place."""
        found: list[EntityMention] = []
        last_of_kind: dict[str, str] = {}
        for start, end, word in self.names_in(text.lower() if text.isascii() else _fold(text)):
            if word.isascii() and not _word_bounded(text, start, end):
                continue
            entity_id = self._names[word]
            if word in ANAPHORA:
                kinds = ANAPHORA[word]
                referent = next((last_of_kind[k] for k in sorted(kinds) if k in last_of_kind), None)
                if "country" in kinds:
                    referent = next((e.id for e in self.entities.values() if e.kind == "country"), None)
                found.append(EntityMention(start, end, referent, word))
                continue
            place = self.place_of(entity_id)
            if place is not None:
                last_of_kind[self.entities[place].kind] = place
            found.append(EntityMention(start, end, entity_id))
        return found

    def next_topic(self, topic: str | None, entity_id: str | None) -> str | None:
        """The place a draft is about after naming `entity_id`: a place inside the
        current topic (南京 in a story about 江苏, a byline's city) does not replace it."""
        place = self.place_of(entity_id)
        if place is None or topic is None:
            return place or topic
        if self.entities[place].kind == "country":
            return topic  # 数字中国, 全国领先: the nation is named in passing, the story stays
        holds = self.entities[topic].kind in _REGIONAL_KINDS and place != topic and self.is_within(place, topic)
        return topic if holds else place

    def is_within(self, place: str, region: str) -> bool:
        seen: set[str] = set()
        while place in self.entities and place not in seen:
            if place == region:
                return True
            seen.add(place)
            place = self.entities[place].parent or ""
        return False

    def place_of(self, entity_id: str | None) -> str | None:
        """The place an entity stands for: itself, or its nearest place ancestor."""
        seen: set[str] = set()
        while entity_id is not None and entity_id in self.entities and entity_id not in seen:
            entity = self.entities[entity_id]
            if entity.kind in PLACE_KINDS:
                return entity_id
            if entity.kind == "media":
                return None
            seen.add(entity_id)
            entity_id = entity.parent
        return None


_ASCII_LOWER = str.maketrans(string.ascii_uppercase, string.ascii_lowercase)


def _fold(text: str) -> str:
    # Lower-case ASCII letters only, so offsets stay those of the text.
    return text.translate(_ASCII_LOWER)


def _word_bounded(text: str, start: int, end: int) -> bool:
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    return not (before.isascii() and before.isalnum()) and not (after.isascii() and after.isalnum())


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


def make_claims(text: str, mentions: list[Mention], gazetteer: Gazetteer) -> list[Claim]:
    """Attach a sentence, words, subject and period to every figure in `mentions`."""
    spans = sentences(text)
    entities = gazetteer.find(text)
    claims: list[Claim] = []
    entity_index, topic, span_index = 0, None, 0
    titles = [(t.start(), t.end()) for t in _TITLE.finditer(text)]
    figures = [m for m in mentions if (m.is_figure or m.kind == "date") and not _inside(m, titles)]
    ends = [e.end for e in entities]  # entities never overlap: their ends rise with their starts
    dates = sorted((m for m in mentions if m.kind == "date" and m.date is not None), key=lambda m: m.start)
    date_starts = [m.start for m in dates]
    for position, mention in enumerate(figures):
        while span_index + 1 < len(spans) and spans[span_index][1] <= mention.start:
            span_index += 1
        sentence = spans[span_index] if spans else (0, len(text))
        while entity_index < len(entities) and entities[entity_index].end <= sentence[0]:
            topic = gazetteer.next_topic(topic, entities[entity_index].entity)
            entity_index += 1
        stop = bisect.bisect_right(ends, mention.start, entity_index)
        before = [e for e in entities[entity_index:stop] if e.start >= sentence[0]]
        subject = _subject(text, before, _clause_start(text, sentence[0], mention.start), gazetteer) or topic
        previous = figures[position - 1].end if position else 0
        following = figures[position + 1].start if position + 1 < len(figures) else len(text)
        left = max(sentence[0], previous, mention.start - LEFT_WINDOW)
        claims.append(Claim(
            mention=mention,
            sentence=sentence,
            window=text[left:min(sentence[1], following, mention.end + RIGHT_WINDOW)],
            at=mention.start - left,
            context=text[max(_previous(spans, span_index), mention.start - SENTENCE_WINDOW):min(sentence[1], mention.end + SENTENCE_WINDOW)],
            subject=subject,
            period=_period(dates[bisect.bisect_left(date_starts, sentence[0]):bisect.bisect_right(date_starts, mention.start)], sentence, mention),
        ))
    return claims


def _inside(mention: Mention, spans: list[tuple[int, int]]) -> bool:
    """Is the mention inside one of `spans` (sorted, never overlapping)?"""
    index = bisect.bisect_right(spans, mention.start, key=lambda span: span[0]) - 1
    return index >= 0 and spans[index][0] <= mention.start and mention.end <= spans[index][1]


def _previous(spans: list[tuple[int, int]], index: int) -> int:
    """Start of the sentence before: an infographic's labels sit on the line above its figures."""
    return spans[index - 1][0] if index > 0 else (spans[0][0] if spans else 0)


def _clause_start(text: str, sentence_start: int, position: int) -> int:
    cut = max(text.rfind(mark, sentence_start, position) for mark in _CLAUSE_MARKS)
    return sentence_start if cut < 0 else cut + 1


def _subject(text: str, before: list[EntityMention], clause_start: int, gazetteer: Gazetteer) -> str | None:
    """The first place named in the figure's clause (Chinese puts the subject first:
    省内38家药企向湖北捐赠 is 海南's), else the last one named earlier in the sentence.
    Two places named together (四川、重庆) share the figure: no single subject."""
    places = [(e, gazetteer.place_of(e.entity)) for e in before]
    located = [(e, place) for e, place in places if place is not None]
    in_clause = [(e, place) for e, place in located if e.start >= clause_start]
    if len(in_clause) > 1 and in_clause[0][1] != in_clause[1][1]:
        between = text[in_clause[0][0].end:in_clause[1][0].start]
        if between.strip() in _JOINERS:
            return None
    if in_clause:
        return in_clause[0][1]
    return located[-1][1] if located else None


def _period(mentions: list[Mention], sentence: tuple[int, int], mention: Mention) -> DateValue | None:
    """The date the figure's sentence gives before it, with a year filled from an earlier one.
    `mentions` may be only the dates of the sentence up to the figure (make_claims passes those)."""
    dates = [
        m.date for m in mentions
        if m.kind == "date" and m.date is not None and sentence[0] <= m.start and m.end <= mention.start
    ]
    if not dates:
        return None
    period = dates[-1]
    if period.year is None and period.relative_year is None:
        for earlier in reversed(dates[:-1]):
            if earlier.year is not None or earlier.relative_year is not None:
                return DateValue(
                    year=earlier.year, relative_year=earlier.relative_year, month=period.month,
                    day=period.day, quarter=period.quarter, half=period.half,
                )
    return period

"""From figures to claims: who a figure is about, when, and the words around it.

A figure's subject is the last entity named before it in its sentence, else
the place the draft is about so far (its headline, dateline or an earlier
sentence); 全省 / 该市 / 全国 point back to the last province, city or the
country named. Subjects are compared as places: an agency or a company
stands for the region it belongs to.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .model import DateValue, Entity, Mention

PLACE_KINDS = frozenset({"country", "province", "municipality", "city", "district", "region"})
# Words that point back to a place named earlier, and the kinds they may point to.
ANAPHORA: dict[str, frozenset[str]] = {
    **dict.fromkeys(("全省", "本省", "该省", "我省", "省内", "全区"), frozenset({"province", "region"})),
    **dict.fromkeys(("全市", "本市", "该市", "我市", "市内"), frozenset({"city", "municipality"})),
    **dict.fromkeys(("全国", "我国", "国内"), frozenset({"country"})),
}
_SENTENCE_END = re.compile(r"[。！？!?；;\n]|\.(?=\s|$)")
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
                names.setdefault(name, entity.id)
            if entity.english:
                names.setdefault(entity.english.lower(), entity.id)
        names.update({word: "" for word in ANAPHORA})
        self._names = names
        ordered = sorted(names, key=len, reverse=True)
        self._pattern = re.compile("|".join(re.escape(n) for n in ordered)) if ordered else None

    def find(self, text: str) -> list[EntityMention]:
        """Every entity name and anaphor in text, anaphors resolved to the last fitting place."""
        if self._pattern is None:
            return []
        found: list[EntityMention] = []
        last_of_kind: dict[str, str] = {}
        for match in self._pattern.finditer(text.lower() if text.isascii() else _fold(text)):
            word = match.group()
            if word.isascii() and not _word_bounded(text, match.start(), match.end()):
                continue
            entity_id = self._names[word]
            if word in ANAPHORA:
                kinds = ANAPHORA[word]
                referent = next((last_of_kind[k] for k in sorted(kinds) if k in last_of_kind), None)
                if "country" in kinds:
                    referent = next((e.id for e in self.entities.values() if e.kind == "country"), None)
                found.append(EntityMention(match.start(), match.end(), referent, word))
                continue
            place = self.place_of(entity_id)
            if place is not None:
                last_of_kind[self.entities[place].kind] = place
            found.append(EntityMention(match.start(), match.end(), entity_id))
        return found

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


def _fold(text: str) -> str:
    # Lower-case ASCII letters only, so offsets stay those of the text.
    return "".join(c.lower() if "A" <= c <= "Z" else c for c in text)


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
    figures = [m for m in mentions if m.is_figure or m.kind == "date"]
    for position, mention in enumerate(figures):
        while span_index + 1 < len(spans) and spans[span_index][1] <= mention.start:
            span_index += 1
        sentence = spans[span_index] if spans else (0, len(text))
        while entity_index < len(entities) and entities[entity_index].end <= sentence[0]:
            topic = gazetteer.place_of(entities[entity_index].entity) or topic
            entity_index += 1
        before = [e for e in entities[entity_index:] if e.end <= mention.start and e.start >= sentence[0]]
        subject = _subject(before, gazetteer) or topic
        previous = figures[position - 1].end if position else 0
        following = figures[position + 1].start if position + 1 < len(figures) else len(text)
        claims.append(Claim(
            mention=mention,
            sentence=sentence,
            window=text[max(sentence[0], previous, mention.start - LEFT_WINDOW):min(sentence[1], following, mention.end + RIGHT_WINDOW)],
            context=text[max(sentence[0], mention.start - SENTENCE_WINDOW):min(sentence[1], mention.end + SENTENCE_WINDOW)],
            subject=subject,
            period=_period(mentions, sentence, mention),
        ))
    return claims


def _subject(before: list[EntityMention], gazetteer: Gazetteer) -> str | None:
    for entity in reversed(before):
        place = gazetteer.place_of(entity.entity)
        if place is not None:
            return place
    return None


def _period(mentions: list[Mention], sentence: tuple[int, int], mention: Mention) -> DateValue | None:
    """The date the figure's sentence gives before it, with a year filled from an earlier one."""
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

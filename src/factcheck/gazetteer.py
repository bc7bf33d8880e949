"""Places and bodies named in a text, and the place each one stands for.

Subjects are compared as places: an agency or a company stands for the
region it belongs to, and a city lies inside its province.
"""

from __future__ import annotations

import re
import string
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from .limits import within
from .model import Entity
from .reading import read_words

REGIONAL_KINDS = frozenset({"province", "municipality", "region"})
PLACE_KINDS = frozenset({"country", "province", "municipality", "city", "district", "region"})
# Words that point back to a place named earlier, and the kinds they may point to.
ANAPHORA: dict[str, frozenset[str]] = {
    **dict.fromkeys(("全省", "本省", "该省", "我省", "省内", "全区", "the province", "the island province",
                     "province-wide", "provincewide", "the region"), frozenset({"province", "region"})),
    **dict.fromkeys(("全市", "本市", "该市", "我市", "市内", "the city", "the municipality", "citywide"),
                    frozenset({"city", "municipality"})),
    **dict.fromkeys(("全国", "我国", "国内", "the country", "nationwide", "the nation"), frozenset({"country"})),
}


@dataclass(frozen=True)
class EntityMention:
    start: int
    end: int
    entity: str | None  # None for an anaphor: what it points to depends on where it stands
    anaphor: str | None = None


class Gazetteer:
    """Finds entity names in text and maps any entity to the place it stands for."""

    def __init__(self, entities: dict[str, Entity]) -> None:
        self.entities = entities
        names: dict[str, str] = {}
        for entity in entities.values():
            for name in (entity.id, *entity.aliases):
                # Names are read as a draft is (江蘇 is 江苏): no alias in another script is needed.
                names.setdefault(fold(read_words(name)), entity.id)
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
        self._starts = _starts(names)
        self.country = next((e.id for e in entities.values() if e.kind == "country"), None)

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
        """Every entity name and anaphor in text, in order; anaphors are left unresolved."""
        found: list[EntityMention] = []
        for start, end, word in self.names_in(text.lower() if text.isascii() else fold(text)):
            if word.isascii() and not _word_bounded(text, start, end):
                continue
            if word in ANAPHORA:
                found.append(EntityMention(start, end, None, word))
            else:
                found.append(EntityMention(start, end, self._names[word]))
            within(len(found), "place names")
        return found

    def is_within(self, place: str, region: str) -> bool:
        seen: set[str] = set()
        while place in self.entities and place not in seen:
            if place == region:
                return True
            seen.add(place)
            place = self.entities[place].parent or ""
        return False

    def lineage(self, place: str | None) -> tuple[str, ...]:
        """A place and the regions that hold it, the nation aside: 海口 -> (海口, 海南)."""
        chain: list[str] = []
        while place is not None and place in self.entities and place not in chain:
            if self.entities[place].kind == "country":
                break
            chain.append(place)
            place = self.entities[place].parent
        return tuple(chain)

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

    def kind(self, place: str) -> str:
        return self.entities[place].kind if place in self.entities else ""


def _starts(names: Iterable[str]) -> re.Pattern[str] | None:
    """Where a name may start: at one of their first two characters (the first alone matched
    most characters of Chinese text), and an English name only where a word starts (find()
    keeps an English name only if it is a whole word: every letter was a place to look)."""
    english = [name for name in names if name[0] in string.ascii_lowercase and name.isascii()]
    others = [name for name in names if not (name[0] in string.ascii_lowercase and name.isascii())]
    longer = [name for name in others if len(name) > 1]
    parts = [_chars({n for n in others if len(n) == 1})] if len(longer) < len(others) else []
    parts += [_chars({n[0] for n in longer}) + "(?=" + _chars({n[1] for n in longer}) + ")"] if longer else []
    parts += ["(?<![a-z0-9])" + _chars({n[0] for n in english})] if english else []
    return re.compile("|".join(parts)) if parts else None


def _chars(chars: set[str]) -> str:
    return "[" + "".join(map(re.escape, sorted(chars))) + "]"


_ASCII_LOWER = str.maketrans(string.ascii_uppercase, string.ascii_lowercase)


def fold(text: str) -> str:
    """Lower-case ASCII letters only, so offsets stay those of the text."""
    return text.translate(_ASCII_LOWER)


def _word_bounded(text: str, start: int, end: int) -> bool:
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    return not (before.isascii() and before.isalnum()) and not (after.isascii() and after.isalnum())

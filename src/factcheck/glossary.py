"""The glossary applied: every word of an entry read as the entry's first word.

A draft's words and a fact's terms are both put into these canonical words
before they are compared, so 开复工率 in a draft meets 复工面 in a fact as
复工率 meets 复工率, and "back at work" meets "resumed work". Normalizing both
sides keeps a fact's terms few, where listing every synonym would multiply
the terms every figure is scored against.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import cached_property

from .lazy import later
from .model import GlossaryEntry
from .reading import read_words
from .textscan import trie_pattern

_LATIN = re.compile("[a-z]")
_WORD = re.compile("[a-z]{2}")  # a word, not the g of 5g


class Glossary:
    """The glossary made ready to apply: its Chinese words and its English words, each as one pattern."""

    def __init__(self, entries: Sequence[GlossaryEntry] = ()) -> None:
        self.canonical_of: dict[str, str] = {}
        self.english_of: dict[str, str] = {}
        for entry in entries:
            zh = [read_words(word) for word in entry.zh]  # in the form drafts and facts are read in
            for words, first in ((zh, zh[0]), (entry.en, entry.en[0] if entry.en else "")):
                self.canonical_of.update((word.lower(), first.lower()) for word in words)
            if entry.en:
                self.english_of.update((word.lower(), entry.en[0].lower()) for word in zh)
        # Chinese and English words apart: English ones are looked for only in text that may hold
        # one (and compiled only then: 5G in a Chinese draft does not), and one alternation of
        # both scans Chinese text twice as slowly.
        chinese = [w for w in self.canonical_of if not w.isascii()]
        english = [w for w in self.canonical_of if w.isascii()]
        self.chinese = re.compile(trie_pattern(chinese)) if chinese else None
        self.english = later(trie_pattern(english)) if english else None
        self.english_in = _WORD if all(_WORD.search(w) for w in english) else _LATIN

    def canonical(self, text: str) -> str:
        """Lower-cased text with each glossary word as its entry's first word.

        >>> Glossary([GlossaryEntry(("复工率", "复工面"), ("work resumption rate", "back at work"))]).canonical("复工面达99%")
        '复工率达99%'
        """
        text = text.lower()
        if self.chinese is not None:
            text = self.chinese.sub(self._canonical_word, text)
        if self.english is not None and self.english_in.search(text):
            text = self.english().sub(self._canonical_word, text)
        return text

    def _canonical_word(self, match: re.Match[str]) -> str:
        return self.canonical_of[match.group()]

    @cached_property
    def starts(self) -> re.Pattern[str] | None:
        """Every word where it starts, overlapping ones too (工业产能恢复 holds 产能恢复). Only
        building an index asks: compiled then, not on every run (the index is cached)."""
        escaped = sorted(map(re.escape, self.canonical_of), key=len, reverse=True)
        return re.compile("(?=(" + "|".join(escaped) + "))") if escaped else None

    def terms(self, metric: str, keywords: Iterable[str]) -> list[str]:
        """A fact's words made canonical, and the English word of each entry its metric uses
        (a keyword such as 5G基站区级布局规划 only mentions 5G基站: its plans are not stations)."""
        found = [self.canonical(word) for word in (metric, *keywords)]
        if self.starts is not None:
            found += [self.english_of[m.group(1)] for m in self.starts.finditer(metric.lower())
                      if m.group(1) in self.english_of]
        return found

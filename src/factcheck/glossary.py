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

from .model import GlossaryEntry
from .reading import read_words


class Glossary:
    """The glossary made ready to apply: one pattern of all its words."""

    def __init__(self, entries: Sequence[GlossaryEntry] = ()) -> None:
        self.canonical_of: dict[str, str] = {}
        self.english_of: dict[str, str] = {}
        for entry in entries:
            zh = [read_words(word) for word in entry.zh]  # in the form drafts and facts are read in
            for words, first in ((zh, zh[0]), (entry.en, entry.en[0] if entry.en else "")):
                self.canonical_of.update((word.lower(), first.lower()) for word in words)
            if entry.en:
                self.english_of.update((word.lower(), entry.en[0].lower()) for word in zh)
        escaped = sorted(map(re.escape, self.canonical_of), key=len, reverse=True)
        self.pattern = re.compile("|".join(escaped)) if escaped else None
        # Every word where it starts, overlapping ones too (工业产能恢复 holds 产能恢复).
        self.starts = re.compile("(?=(" + "|".join(escaped) + "))") if escaped else None

    def canonical(self, text: str) -> str:
        """Lower-cased text with each glossary word as its entry's first word.

        >>> Glossary([GlossaryEntry(("复工率", "复工面"), ("work resumption rate", "back at work"))]).canonical("复工面达99%")
        '复工率达99%'
        """
        text = text.lower()
        if self.pattern is None:
            return text
        return self.pattern.sub(lambda m: self.canonical_of[m.group()], text)

    def terms(self, words: Iterable[str]) -> list[str]:
        """A fact's words made canonical, and the English word of each entry they use."""
        found = [self.canonical(word) for word in words]
        if self.starts is not None:
            found += [self.english_of[m.group(1)] for word in words for m in self.starts.finditer(word.lower())
                      if m.group(1) in self.english_of]
        return found

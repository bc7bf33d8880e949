"""The glossary's patterns find what a longest-first alternation of its words finds.

`textscan.trie_pattern` (the glossary's and the frame's words) shares the words' common beginnings (an alternation of a
hundred English words was tried at every letter); the plain alternation is kept
here as the reference it must agree with.
"""

from __future__ import annotations

import doctest
import re

from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck import glossary, lazy, textscan
from factcheck.facts import embedded_facts_dir, load_fact_base
from factcheck.glossary import Glossary
from factcheck.textscan import trie_pattern

SHIPPED = Glossary(load_fact_base([embedded_facts_dir()]).glossary)
WORDS = sorted(SHIPPED.canonical_of)


def reference(words: list[str]) -> re.Pattern[str]:
    return re.compile("|".join(sorted(map(re.escape, words), key=len, reverse=True)))


@settings(max_examples=300, deadline=None)
@given(words=st.lists(st.text("abc复工率", min_size=1, max_size=5), min_size=1, max_size=8),
       text=st.text("abc复工率 ", max_size=40))
def test_a_trie_finds_what_the_alternation_finds(words: list[str], text: str) -> None:
    ours = [m.span() for m in re.finditer(trie_pattern(words), text)]
    assert ours == [m.span() for m in reference(words).finditer(text)]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(WORDS + [" ", "s", "的", "re", "al"]), max_size=12).map("".join))
def test_the_shipped_glossary_reads_text_as_its_alternation_would(text: str) -> None:
    canonical = SHIPPED.canonical_of
    expected = text.lower()
    for words in ([w for w in WORDS if not w.isascii()], [w for w in WORDS if w.isascii()]):
        expected = reference(words).sub(lambda m: canonical[m.group()], expected)
    assert SHIPPED.canonical(text) == expected


def test_doctests() -> None:
    for module in (textscan, glossary, lazy):
        result = doctest.testmod(module)
        assert result.failed == 0 and result.attempted > 0, module.__name__


def test_english_words_are_looked_for_wherever_one_may_stand() -> None:
    """English words are looked for only in text with a run of two letters, unless a word has none."""
    from factcheck.model import GlossaryEntry

    lettered = Glossary([GlossaryEntry(("基站",), ("base station", "bts"))])
    spaced = Glossary([GlossaryEntry(("基站",), ("bts", "b s"))])
    assert lettered.canonical("5G BTS") == "5g base station"
    assert spaced.canonical("5G B S") == "5g bts"

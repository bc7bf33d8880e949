"""Small bounded look-arounds over text: markup gaps and whole words."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from .vocabulary import GAP, MAX_GAP

WordIndex = Mapping[str, tuple[str, ...]]
_GAP_CHARS = tuple(GAP)


def index_words(words: Iterable[str], first: bool) -> dict[str, tuple[str, ...]]:
    """Words keyed by their first (or last) character, longest first: a look-up tries only a few."""
    index: dict[str, tuple[str, ...]] = {}
    for word in sorted(words, key=len, reverse=True):
        key = word[0] if first else word[-1]
        index[key] = (*index.get(key, ()), word)
    return index


def gap(text: str, at: int, limit: int = MAX_GAP) -> int:
    """How many markup characters stand at `at` (at most `limit`)."""
    if not text.startswith(_GAP_CHARS, at):
        return 0  # the usual case, decided in one call
    end = at
    while end - at < limit and text.startswith(_GAP_CHARS, end):
        end += 1
    return end - at


def back_gap(text: str, at: int, limit: int = MAX_GAP) -> int:
    """How many markup characters end at `at` (at most `limit`)."""
    if at <= 0 or not text.endswith(_GAP_CHARS, 0, at):
        return 0
    begin = at
    while at - begin < limit and begin > 0 and text[begin - 1] in GAP:
        begin -= 1
    return at - begin


def word_after(text: str, at: int, words: WordIndex) -> tuple[int, str] | None:
    """An English word (case-insensitive, whole word) starting at `at`; `words` indexed by first character."""
    for word in words.get(text[at:at + 1].lower(), ()):
        end = at + len(word)
        if text[at:end].lower() == word and not ascii_letter(text[end:end + 1]):
            return end, word
    return None


def word_before(text: str, end: int, words: WordIndex) -> tuple[int, str] | None:
    """An English word (case-insensitive, whole word) ending at `end`; `words` indexed by last character."""
    for word in words.get(text[end - 1:end].lower() if end > 0 else "", ()):
        begin = end - len(word)
        if begin >= 0 and text[begin:end].lower() == word and not ascii_letter(text[begin - 1:begin] if begin else ""):
            return begin, word
    return None


def ascii_letter(char: str) -> bool:
    return char.isascii() and char.isalpha()


Trie = dict[str, "Trie"]  # "" marks the end of a word


def trie_pattern(words: Iterable[str]) -> str:
    """A pattern that finds what the longest-first alternation of `words` finds, with their
    common beginnings shared: the alternation tried a hundred English words at every letter.

    >>> trie_pattern(["rate", "rates", "ratio"])
    'rat(?:e(?:s)?|io)'
    """
    trie: Trie = {}
    chars: set[str] = set()
    for word in words:
        chars.update(word)
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}
    escaped = {char: re.escape(char) for char in chars}  # once per character, not per use
    return _node_pattern(trie, escaped)


def _node_pattern(node: Trie, escaped: dict[str, str]) -> str:
    branches = [escaped[char] + _node_pattern(rest, escaped) for char, rest in sorted(node.items()) if char]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{body})?" if "" in node else body  # longer first, then the word that ends here

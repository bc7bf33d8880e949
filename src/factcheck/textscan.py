"""Small bounded look-arounds over text: markup gaps and whole English words."""

from __future__ import annotations

from .vocabulary import GAP, MAX_GAP


def gap(text: str, at: int, limit: int = MAX_GAP) -> int:
    gap = 0
    while at + gap < len(text) and text[at + gap] in GAP and gap < limit:
        gap += 1
    return gap


def back_gap(text: str, at: int, limit: int = MAX_GAP) -> int:
    gap = 0
    while at - gap - 1 >= 0 and text[at - gap - 1] in GAP and gap < limit:
        gap += 1
    return gap


def word_after(text: str, at: int, words: tuple[str, ...]) -> tuple[int, str] | None:
    """An English word (case-insensitive, whole word) starting at `at`; `words` longest first."""
    first = text[at:at + 1].lower()
    if not first.isascii() or not first or first.isspace():
        return None
    for word in words:
        if word[0] != first:
            continue
        end = at + len(word)
        if text[at:end].lower() == word and not ascii_letter(text[end:end + 1]):
            return end, word
    return None


def word_before(text: str, end: int, words: tuple[str, ...]) -> tuple[int, str] | None:
    """An English word (case-insensitive, whole word) ending at `end`; `words` longest first."""
    last = text[end - 1:end].lower() if end > 0 else ""
    if not ascii_letter(last):
        return None
    for word in words:
        if word[-1] != last:
            continue
        begin = end - len(word)
        if begin >= 0 and text[begin:end].lower() == word and not ascii_letter(text[begin - 1:begin] if begin else ""):
            return begin, word
    return None


def ascii_letter(char: str) -> bool:
    return char.isascii() and char.isalpha()

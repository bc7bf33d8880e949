"""Text cut to a number of terminal cells (a Chinese character takes two), around what must show."""

from __future__ import annotations

from rich.cells import cell_len, get_character_cell_size

ELLIPSIS = "…"


def clip(text: str, start: int, end: int, width: int) -> tuple[str, int, int]:
    """`text` in at most `width` cells, keeping text[start:end] whole and in view with as much
    context on each side as fits, `…` where it was cut; and where that span is now.

    >>> clip("全省复工面已经提升至99.7%,人员返岗率提升至94%,中小工业企业复工面为84%。", 24, 27, 24)
    ('…岗率提升至94%,中小工业…', 6, 9)
    >>> clip("5.3万座", 0, 5, 6)
    ('5.3万…', 0, 4)
    """
    if cell_len(text) <= width:
        return text, start, end
    if cell_len(text[start:end]) + 2 > width:  # not even the span fits: as much of it as does
        kept = _take(text[start:end], width - 1)
        return kept + ELLIPSIS, 0, len(kept)
    left, right = start, end
    used = cell_len(text[start:end]) + (start > 0) + (end < len(text))  # with the ellipses
    grew = True
    while grew:
        grew = False
        if right < len(text):  # one more character on the right, then on the left
            cost = get_character_cell_size(text[right]) - (right + 1 == len(text))
            if used + cost <= width:
                right, used, grew = right + 1, used + cost, True
        if left > 0:
            cost = get_character_cell_size(text[left - 1]) - (left == 1)
            if used + cost <= width:
                left, used, grew = left - 1, used + cost, True
    head = ELLIPSIS if left > 0 else ""
    tail = ELLIPSIS if right < len(text) else ""
    return head + text[left:right] + tail, start - left + len(head), end - left + len(head)


def _take(text: str, width: int) -> str:
    """The longest start of `text` that fits in `width` cells."""
    used = 0
    for index, char in enumerate(text):
        used += get_character_cell_size(char)
        if used > width:
            return text[:index]
    return text

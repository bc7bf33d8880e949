"""Offsets of a reading that a conversion made longer or shorter, mapped back to its text.

OpenCC's traditional-to-simplified tables keep every character's length, so a
draft's reading is normally as long as its text and needs no map. A phrase
conversion may not (網際網路 -> 互联网): then the blocks it changed are kept,
and an offset found in the reading is moved back by the blocks before it.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field

# A changed block: (reading start, reading end, text start, text end).
Block = tuple[int, int, int, int]


@dataclass(frozen=True)
class OffsetMap:
    """Where offsets of a reading fall in its text; between blocks they move by the
    difference the blocks before them made."""

    blocks: tuple[Block, ...]  # in order, never overlapping
    _starts: tuple[int, ...] = field(default=(), init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_starts", tuple(block[0] for block in self.blocks))

    def to_text(self, offset: int, end: bool = False) -> int:
        """The text offset of a reading offset. Inside a changed block a start falls on the
        block's start and an `end` on its end, so a span covers the whole of what it touches.

        >>> m = OffsetMap(((2, 5, 2, 6),))  # text[2:6] was read as reading[2:5]
        >>> m.to_text(1), m.to_text(2), m.to_text(3), m.to_text(3, end=True), m.to_text(5), m.to_text(9)
        (1, 2, 2, 6, 6, 10)
        """
        index = bisect.bisect_right(self._starts, offset) - 1
        if index < 0:
            return offset
        start, stop, text_start, text_stop = self.blocks[index]
        if offset >= stop:
            return text_stop + offset - stop
        if offset == start:
            return text_start
        return text_stop if end else text_start

    def span(self, start: int, end: int) -> tuple[int, int]:
        return self.to_text(start), self.to_text(end, end=True)

"""How much one draft may hold: the bound that keeps a check's memory bounded.

A check holds every number, date and place name of its draft (a figure's claim reads
the whole draft: the place it is mostly about, the date of its lead); about 1.5 kB a
figure once it is a finding. Ten megabytes of news hold about 50,000 figures; ten
megabytes of `5%,` hold 3.3 million, which would need 5 GB. A draft with more than
MAX_ITEMS of any of them is refused (exit 2), found out before they are all held.
"""

from __future__ import annotations

from collections.abc import Iterable
from itertools import islice
from typing import TypeVar

MAX_ITEMS = 200_000

T = TypeVar("T")


class TooMany(Exception):
    """A draft holds more than MAX_ITEMS of one kind of thing; the message says which."""


def at_most(items: Iterable[T], what: str) -> list[T]:
    """The items as a list, or TooMany once there are more than MAX_ITEMS (the rest never made).

    >>> at_most(iter("abc"), "letters")
    ['a', 'b', 'c']
    """
    found = list(islice(items, MAX_ITEMS + 1))
    within(len(found), what)
    return found


def within(count: int, what: str) -> None:
    """TooMany when `count` passes MAX_ITEMS."""
    if count > MAX_ITEMS:
        raise TooMany(f"more than {MAX_ITEMS:,} {what}")

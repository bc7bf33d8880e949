"""Values worked out on first use and kept: `lazy` attributes, `later` patterns and `LazyFacts`.

functools.cached_property does the same, but before Python 3.12 it takes a
lock on every first read; a draft's figures read thousands of such values
once each, and the lock was a tenth of the cost of weighing a fact.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache
from typing import Any, Callable, Generic, TypeVar, overload

from .model import Fact

T = TypeVar("T")


class lazy(Generic[T]):  # noqa: N801 - used as a decorator, like property
    def __init__(self, func: Callable[[Any], T]) -> None:
        self.func = func
        self.name = func.__name__
        self.__doc__ = func.__doc__

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    @overload
    def __get__(self, obj: None, owner: type | None = None) -> lazy[T]: ...
    @overload
    def __get__(self, obj: object, owner: type | None = None) -> T: ...

    def __get__(self, obj: object | None, owner: type | None = None) -> T | lazy[T]:
        if obj is None:
            return self
        value = obj.__dict__[self.name] = self.func(obj)  # later reads find it there
        return value


def later(pattern: str, flags: int = 0) -> Callable[[], re.Pattern[str]]:
    """A pattern compiled when first asked for, then kept. For English patterns: a draft with no
    English never needs them, and compiling them all cost every run 4 ms. (A pattern passed as a
    string to `re`'s functions is compiled on first use too; this is for one searched between
    positions, or told apart by identity.)

    >>> later("[a-z]+")().findall("5G base stations")
    ['base', 'stations']
    """
    return cache(lambda: re.compile(pattern, flags))


class LazyFacts(Sequence[Fact]):
    """Facts each made when first asked for (`_make`), kept once made: a check looks at a few
    facts per figure, so making all 100,000 of a large base up front is work a run seldom needs."""

    def __init__(self, count: int) -> None:
        self._made: list[Fact | None] = [None] * count

    def __len__(self) -> int:
        return len(self._made)

    @overload
    def __getitem__(self, index: int) -> Fact: ...
    @overload
    def __getitem__(self, index: slice) -> tuple[Fact, ...]: ...

    def __getitem__(self, index: int | slice) -> Fact | tuple[Fact, ...]:
        if isinstance(index, slice):
            return tuple(self[i] for i in range(*index.indices(len(self))))
        fact = self._made[index]
        if fact is None:
            fact = self._made[index] = self._make(range(len(self))[index])
        return fact

    def _make(self, index: int) -> Fact:
        raise NotImplementedError

"""Time bounds for tests: an alarm instead of a hang, and the doubling test.

A doubling test times the same work at size n and 2n (the CPU time of this
process, best of a few runs taken in turn, so that other work on a shared
machine does not decide; the cycle collector paused) and asserts the ratio: about 2 when the work is linear, 4 when
quadratic. LINEAR leaves room for noise and n log n.
"""

from __future__ import annotations

import gc
import signal
import time
from contextlib import contextmanager
from typing import Callable, Iterator, TypeVar

T = TypeVar("T")
LINEAR = 2.3  # the largest ratio of time at 2n to time at n that counts as linear


@contextmanager
def within(seconds: float) -> Iterator[None]:
    """Fail instead of hanging: a generous alarm, not a timing assertion."""
    def expired(*_: object) -> None:
        raise TimeoutError(f"still running after {seconds} s")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def best_time(work: Callable[[], object], repeats: int = 5) -> float:
    """CPU time of the best run, the cycle collector paused: what a full collection costs
    depends on everything else alive in the test process, not on the work timed."""
    times = []
    for _ in range(repeats):
        gc.collect()  # garbage of the run before is not this run's cost
        gc.disable()
        try:
            started = time.process_time()
            work()
            times.append(time.process_time() - started)
        finally:
            gc.enable()
    return min(times)


def doubling_ratio(make: Callable[[int], T], work: Callable[[T], object], size: int, repeats: int = 5) -> float:
    """Time of `work(make(2 * size))` over time of `work(make(size))`, inputs made outside the
    timing, the two sizes run in turn (a busy spell falls on both), the best run of each."""
    small, large = make(size), make(2 * size)
    work(small)  # warm: imports, caches, compiled patterns
    times: dict[int, list[float]] = {0: [], 1: []}
    for _ in range(repeats):
        for which, made in enumerate((small, large)):
            times[which].append(best_time(lambda: work(made), 1))
    return min(times[1]) / min(times[0])

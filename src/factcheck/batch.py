"""Checking many drafts: expand folders, check each file (in parallel with jobs > 1), keep input order.

Workers forked on Linux check with the main process's Checker as they
inherit it; spawned ones (elsewhere) load their own once, from the cache the
main process has filled. A Checker is never pickled. Results come back in
input order, so `--jobs 4` prints exactly what `--jobs 1` prints.
"""

from __future__ import annotations

import dataclasses
import gc
import os
import signal
import sys
from contextlib import closing
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Generator, Iterator, NamedTuple, Sequence

from .check import Checker, FileResult
from .escape import file_name
from .globs import any_match, relative_to
from .read import Draft, InputError, read_draft
from .suppress import find as find_suppressions

if TYPE_CHECKING:
    from rich.progress import Progress, TaskID

PROGRESS_FROM = 5  # a progress bar for more files than this, when stderr is a terminal


# NamedTuples, not dataclasses: a frozen dataclass takes most of a millisecond to create,
# at import, on every run; these records need no more than a tuple.
class Job(NamedTuple):
    path: str
    max_size: int
    facts: tuple[str, ...] = ()
    default_facts: bool = True
    draft: Draft | None = None  # already read (standard input is read by the main process)
    # Findings without their candidate facts unless asked: they are most of what a worker
    # sends back, and unpickling them took the main process longer than writing the report.
    candidates: bool = True


class Outcome(NamedTuple):
    result: FileResult
    suppressed: int = 0
    warnings: tuple[str, ...] = ()
    error: str | None = None


def _ignore(warning: str) -> None:
    pass


def expand(
    paths: Sequence[str], include: Sequence[str], exclude: Sequence[str], root: Path,
    warn: Callable[[str], None] = _ignore,
) -> list[str]:
    """Folders become the drafts under them (sorted) that `include` takes and `exclude` leaves,
    hidden ones (.name) skipped; files named on the command line are taken as given;
    InputError for a missing path; a folder that cannot be read is warned about."""
    found: list[str] = []
    for name in paths:
        path = Path(name)
        if name != "-" and path.is_dir():
            inner = [str(p) for p in _files_under(path, warn) if _wanted(p, path, include, exclude, root)]
            if not inner:
                raise InputError(f"{name}: no drafts ({', '.join(include)}) in this directory")
            found.extend(inner)
        elif name != "-" and not path.exists():
            raise InputError(f"{name}: no such file or directory")
        else:
            found.append(name)
    return found


def _files_under(folder: Path, warn: Callable[[str], None]) -> list[Path]:
    """The files below `folder`, sorted as Path.rglob's were; hidden files and folders (.git,
    .venv, .github) are never drafts, links to folders are not followed. A loop, not recursion:
    a folder 1,000 deep made rglob raise RecursionError."""
    found: list[Path] = []
    folders = [str(folder)]
    while folders:
        current = folders.pop()
        try:
            with os.scandir(current) as entries:
                for entry in entries:
                    if entry.name.startswith("."):
                        continue
                    if entry.is_dir(follow_symlinks=False):
                        folders.append(entry.path)
                    elif _is_file(entry):
                        found.append(Path(entry.path))
        except OSError as exc:
            warn(f"{current}: cannot read this folder ({exc.strerror or exc}): its drafts are not checked")
    return sorted(found)


def _is_file(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_file()
    except OSError:  # a loop of links
        return False


def _wanted(file: Path, folder: Path, include: Sequence[str], exclude: Sequence[str], root: Path) -> bool:
    relative = relative_to(str(file), root)
    if relative == file.as_posix():  # outside the configuration's folder: relative to the folder given
        relative = file.relative_to(folder).as_posix()
    return any_match(list(include), relative) and not any_match(list(exclude), relative)


def check_job(job: Job, checker: Checker | None = None) -> Outcome:
    """Read, check and apply the draft's own suppressions; errors are returned, not raised."""
    try:
        draft = job.draft or read_draft(job.path, job.max_size)
        if file_name(draft.path) is not draft.path:  # bytes that were not UTF-8: reports carry \xNN
            draft = dataclasses.replace(draft, path=file_name(draft.path))
        result = (checker or _checker(job.facts, job.default_facts)).check(draft, job.candidates)
    except InputError as exc:
        return Outcome(FileResult(job.path, ()), error=str(exc))
    suppressions = find_suppressions(draft.text, markdown=not draft.path.endswith(".txt"))
    kept, silenced = suppressions.filter(result.findings)
    warnings = tuple(f"{draft.path}:{line}: {message}" for line, message in suppressions.warnings)
    return Outcome(FileResult(result.path, kept), silenced, warnings)


@lru_cache(maxsize=4)
def _checker(facts: tuple[str, ...], default_facts: bool) -> Checker:
    """One Checker per worker process (and per fact base): from the compiled cache, which the
    main process has just filled, so a worker does not parse the YAML or build the index again."""
    from .cache import load_checker_cached
    from .facts import embedded_facts_dir

    dirs = ([embedded_facts_dir()] if default_facts else []) + [Path(p) for p in facts]
    return load_checker_cached(dirs)


def _quiet_worker() -> None:
    """Workers leave Ctrl-C to the main process, which stops them; SIGTERM (what stopping
    them sends) ends a worker at once, whatever handler the main process had."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


# The main process's checker, for workers forked from it: they check with it as it is.
_inherited: Checker | None = None
AHEAD = 2  # drafts handed out per worker beyond the one being reported: memory stays flat


def _check_in_worker(job: Job) -> Outcome:
    return check_job(job, _inherited)


def outcomes(jobs: Sequence[Job], workers: int, checker: Checker) -> Generator[Outcome, None, None]:
    """Outcomes in input order; `checker` serves the in-process case (workers <= 1)."""
    if workers <= 1 or len(jobs) <= 1:
        for job in jobs:
            yield check_job(job, checker)
        return
    yield from _in_workers(jobs, min(workers, len(jobs)), checker)


def _in_workers(jobs: Sequence[Job], workers: int, checker: Checker) -> Generator[Outcome, None, None]:
    # Only here: most runs check one draft, and these imports cost several ms.
    import multiprocessing
    from collections import deque
    from concurrent.futures import Future, ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool
    from itertools import islice

    # Linux: workers are forked from this process, fact base and index loaded, so they
    # start at once and load nothing. The pool forks them all at its first task, before it
    # starts its own thread (the progress bar starts after the pool). Elsewhere fork is
    # unsafe (macOS) or missing: spawned workers load the checker from the cache.
    global _inherited
    context: multiprocessing.context.BaseContext = multiprocessing.get_context("spawn")
    if sys.platform == "linux":
        context = multiprocessing.get_context("fork")
        _inherited = checker
        checker.index  # noqa: B018  (built or loaded once, here, not once per worker)
        gc.freeze()  # the collector would otherwise write to, and so copy, every page it scans
    # A ProcessPoolExecutor, not a multiprocessing.Pool: a worker killed outright (the OOM
    # killer's kill -9) breaks it at once, where a Pool waited for the lost draft for ever.
    pool = ProcessPoolExecutor(workers, mp_context=context, initializer=_quiet_worker)
    try:
        waiting = iter(jobs)
        pending: deque[tuple[Job, Future[Outcome]]] = deque()
        try:
            for job in islice(waiting, workers * (AHEAD + 1)):
                pending.append((job, pool.submit(_check_in_worker, job)))
        except OSError as exc:  # fork refused: a limit on processes (BlockingIOError) or memory
            _stop(pool)
            yield from _one_at_a_time(jobs, checker, f"cannot start worker processes ({exc.strerror or exc}): checking one draft at a time")
            return
        finally:
            # The workers are forked and have their copy; a worker started later loads its own.
            _inherited = None
            gc.unfreeze()
        while pending:
            job, future = pending.popleft()
            try:
                outcome = future.result()
            except BrokenProcessPool:
                yield Outcome(FileResult(job.path, ()), error=f"{job.path}: not checked: a worker process was killed (out of memory?)")
                return
            for job in islice(waiting, 1):
                pending.append((job, pool.submit(_check_in_worker, job)))
            yield outcome
    finally:
        _stop(pool)


def _one_at_a_time(jobs: Sequence[Job], checker: Checker, warning: str) -> Iterator[Outcome]:
    for number, job in enumerate(jobs):
        outcome = check_job(job, checker)
        yield outcome._replace(warnings=(warning, *outcome.warnings)) if number == 0 else outcome


def _stop(pool: Any) -> None:
    """Leaving the pool stops its workers: Ctrl-C, SIGTERM or the first unreadable draft
    does not wait for drafts still being checked, and leaves no worker behind."""
    processes = getattr(pool, "_processes", None) or {}  # no public way before Python 3.14
    for process in list(processes.values()):
        if process.is_alive():
            process.terminate()
    pool.shutdown(wait=True, cancel_futures=True)


def checked(jobs: Sequence[Job], workers: int, checker: Checker, progress: bool) -> Iterator[Outcome]:
    """Every outcome as it comes, stopping after the first draft that cannot be read (as
    --jobs 1 does). A progress bar on stderr when it is a terminal and the report is not."""
    wanted = progress and len(jobs) > PROGRESS_FROM and sys.stderr.isatty() and not sys.stdout.isatty()
    bar = None
    try:
        with closing(outcomes(jobs, workers, checker)) as stream:
            for outcome in stream:
                if wanted and bar is None:
                    bar = _progress(len(jobs))  # from the first outcome: its thread must not be forked
                if bar is not None:
                    bar[0].advance(bar[1])
                yield outcome
                if outcome.error:
                    return
    finally:
        if bar is not None:
            bar[0].stop()


def _progress(total: int) -> "tuple[Progress, TaskID]":
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    bar = Progress(
        TextColumn("checking"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
        console=Console(stderr=True), transient=True,
        redirect_stdout=False, redirect_stderr=False,  # the report streams to stdout meanwhile
    )
    task = bar.add_task("checking", total=total)
    bar.start()
    return bar, task

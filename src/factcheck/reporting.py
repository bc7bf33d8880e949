"""How a check's report is shaped (the run's Options), and what it writes besides standard
output: more reports (--report-file) and, in GitHub Actions, the job summary.

Those are made as the report on standard output is, a file at a time (`Tee`): each
spooled (memory, then disk past a few MB) and written out once the run has come to its
end, so a run that stops half-way (an unreadable draft) leaves no half report, and memory
does not grow with the number of drafts.
"""

from __future__ import annotations

import os
from collections import deque
from pathlib import Path
from typing import IO, Generator, Iterable, Iterator, Mapping, Sequence

from .check import FileResult
from .config import FAILING, ByPath, Settings
from .report import SPOOL_BYTES, Options, Tally, streamer
from .terminal import styling, width

class ReportError(Exception):
    """A --report-file that is malformed or cannot be written; the message says which and why."""


def options(settings: Settings, verbose: bool, quiet: bool, statistics: bool, color: str, is_terminal: bool,
            environ: Mapping[str, str] = os.environ) -> Options:
    """Per file what is listed and what fails (looked up as each file is reported); the
    terminal's styles and width."""
    styles = styling(color, is_terminal, environ)
    return Options(
        color=styles.styles, colors=styles.colors, width=width(is_terminal, environ),
        verbose=verbose, quiet=quiet, statistics=statistics,
        show=settings.show, show_by_path=ByPath(settings.show_for),
        failing=FAILING[settings.fail_on], failing_by_path=ByPath(settings.failing_for),
    )


def report_files(given: Iterable[str], formats: Sequence[str]) -> list[tuple[str, Path]]:
    """`sarif=out.sarif` as ("sarif", Path("out.sarif")).

    >>> report_files(["sarif=out.sarif"], ["json", "sarif"])
    [('sarif', PosixPath('out.sarif'))]
    """
    found = []
    for item in given:
        name, sep, path = item.partition("=")
        if not sep or not path or name not in formats:
            raise ReportError(f"--report-file: {item!r} is not FORMAT=FILE with FORMAT one of {', '.join(formats)}")
        found.append((name, Path(path)))
    return found


class _Branch:
    """One more report of the results: a format fed a file at a time, its pieces spooled.

    A format yields at least once after it takes a file and before it asks for the next
    (report.streamer), so feeding a file and taking pieces until the file is taken never
    finds it asking for a file that has not come yet."""

    def __init__(self, name: str, options: Options) -> None:
        import tempfile  # only here, as shutil below: most runs write no report file, and imports cost start-up

        self.waiting: deque[FileResult] = deque()
        self.ended = False
        self.tally = Tally()
        self.spool: IO[bytes] = tempfile.SpooledTemporaryFile(max_size=SPOOL_BYTES, mode="w+b")
        self.pieces = streamer(name)(self._results(), options, self.tally)

    def _results(self) -> Iterator[FileResult]:
        while self.waiting or not self.ended:
            if not self.waiting:
                raise RuntimeError("a report format asked for a draft before it reported the one it had")
            yield self.waiting.popleft()

    def feed(self, result: FileResult) -> None:
        self.waiting.append(result)
        while self.waiting:
            self.spool.write(next(self.pieces).encode("utf-8"))

    def end(self, suppressed: int) -> IO[bytes]:
        """The whole report, in the spool, read from its start."""
        self.ended = True
        self.tally.suppressed = suppressed  # known only now (comments and the baseline silence as files go by)
        for piece in self.pieces:
            self.spool.write(piece.encode("utf-8"))
        self.spool.seek(0)
        return self.spool

    def close(self) -> None:
        if isinstance(self.pieces, Generator):  # left half-way (a run stopped): its own spools closed now
            self.pieces.close()
        self.spool.close()


class Tee:
    """The --report-file reports and the job summary, made from the results on their way to
    the report on standard output (`fed`), written by `finish` once the run is done."""

    def __init__(self, reports: Sequence[tuple[str, Path]], options: Options, step_summary: str | None = None) -> None:
        self.reports = [(path, _Branch(name, options)) for name, path in reports]
        self.summary = (step_summary, _Branch("markdown", options)) if step_summary else None

    def _branches(self) -> list[_Branch]:
        return [branch for _, branch in self.reports] + ([self.summary[1]] if self.summary else [])

    def fed(self, results: Iterable[FileResult]) -> Iterable[FileResult]:
        branches = self._branches()
        return _fed(results, branches) if branches else results

    def finish(self, suppressed: int) -> str | None:
        """Write the reports (ReportError when one cannot be) and append the job summary (a
        warning, returned, when it cannot be)."""
        try:
            for path, branch in self.reports:
                _write_report(path, branch.end(suppressed))
            return _append_summary(self.summary[0], self.summary[1].end(suppressed)) if self.summary else None
        finally:
            self.close()

    def close(self) -> None:
        for branch in self._branches():
            branch.close()


def _fed(results: Iterable[FileResult], branches: list[_Branch]) -> Iterator[FileResult]:
    for result in results:
        for branch in branches:
            branch.feed(result)
        yield result


def _write_report(path: Path, report: IO[bytes]) -> None:
    import shutil

    try:
        with open(path, "wb") as out:
            shutil.copyfileobj(report, out)
    except OSError as exc:
        raise ReportError(f"{path}: cannot write the report: {exc.strerror or exc}") from None


def step_summary_file(environ: Mapping[str, str] = os.environ) -> str | None:
    """$GITHUB_STEP_SUMMARY: in GitHub Actions, the file a step's job summary is appended to."""
    return environ.get("GITHUB_STEP_SUMMARY") or None


def _append_summary(path: str, report: IO[bytes]) -> str | None:
    """Append the full Markdown table (annotations show 10 of each level), cut to what GitHub
    takes; a warning when it cannot be written."""
    from .report.markdown import cut_summary

    report.seek(0, os.SEEK_END)
    report.write(b"\n")
    try:
        with open(path, "a", encoding="utf-8") as out:
            out.write(cut_summary(report))
    except OSError as exc:
        return f"{path}: cannot write the job summary: {exc.strerror or exc}"
    return None

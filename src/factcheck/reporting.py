"""How a check's report is shaped (the run's Options), and what it writes besides standard
output: more reports (--report-file) and, in GitHub Actions, the job summary."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Iterable, Mapping, Sequence

from .check import FileResult
from .config import FAILING, Settings
from .report import Options, formatter
from .terminal import styling, width


class ReportError(Exception):
    """A --report-file that is malformed or cannot be written; the message says which and why."""


def options(settings: Settings, results: Sequence[FileResult], suppressed: int, verbose: bool, quiet: bool,
            statistics: bool, color: str, is_terminal: bool, environ: Mapping[str, str] = os.environ) -> Options:
    """Per file what is listed and what fails; the terminal's styles and width."""
    styles = styling(color, is_terminal, environ)
    return Options(
        color=styles.styles, colors=styles.colors, width=width(is_terminal, environ),
        verbose=verbose, quiet=quiet, statistics=statistics, suppressed=suppressed,
        show=settings.show, show_by_path={r.path: settings.show_for(r.path) for r in results},
        failing=FAILING[settings.fail_on], failing_by_path={r.path: settings.failing_for(r.path) for r in results},
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


def write_reports(reports: Sequence[tuple[str, Path]], results: Sequence[FileResult], options: Options) -> None:
    for name, path in reports:
        try:
            path.write_text(formatter(name)(results, options), encoding="utf-8")
        except OSError as exc:
            raise ReportError(f"{path}: cannot write the report: {exc.strerror or exc}") from None


def write_step_summary(results: Sequence[FileResult], options: Options, environ: Mapping[str, str] = os.environ) -> str | None:
    """Append the full Markdown table to $GITHUB_STEP_SUMMARY (annotations show 10 of each level);
    a warning when it cannot be written."""
    from .report.markdown import step_summary

    path = environ.get("GITHUB_STEP_SUMMARY")
    if not path:
        return None
    try:
        with open(path, "a", encoding="utf-8") as out:
            out.write(step_summary(results, options))
    except OSError as exc:
        return f"{path}: cannot write the job summary: {exc.strerror or exc}"
    return None

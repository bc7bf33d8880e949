"""Output formats: each is one function from results to text, reading only `Finding`."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Callable, Mapping, Sequence

from ..escape import safe as safe  # re-exported: formats escape with it
from ..model import VERDICTS, Finding

if TYPE_CHECKING:  # not imported for real: `factcheck config` reads FORMATS without the pipeline
    from ..check import FileResult


def one_line(text: str) -> str:
    """Draft or fact text on one line: line breaks (U+2028 and U+2029 too) as spaces, controls as escapes.

    >>> one_line("a\\x1b[31mb\\nc\\u2028d")
    'a\\\\x1b[31mb c d'
    """
    return safe(_BREAKS.sub(" ", text))


_BREAKS = re.compile("\r\n|[\r\n\u2028\u2029]")


def line_start(path: str) -> str:
    """A path that begins a line of output: as one_line, and never `::` after spaces, which a
    CI runner reads as a workflow command (a committed file named `::error::x.md`).

    >>> line_start("::error::x.md"), line_start("a.md")
    ('./::error::x.md', 'a.md')
    """
    shown = one_line(path)
    return "./" + shown if shown.lstrip().startswith("::") else shown


def summary(results: Sequence[FileResult]) -> dict[str, int]:
    counts = Counter(f.verdict for r in results for f in r.findings)
    return {verdict: counts.get(verdict, 0) for verdict in VERDICTS}


def counts_text(results: Sequence[FileResult]) -> str:
    counts = summary(results)
    return f"{counts['discrepancy']} discrepancies, {counts['unverified']} unverified, {counts['agree']} agree"


def summary_line(results: Sequence[FileResult], suppressed: int = 0) -> str:
    files = len(results)
    silenced = f", {suppressed} suppressed" if suppressed else ""
    return f"{counts_text(results)}{silenced} in {files} file{'s' if files != 1 else ''}"


def per_file_lines(results: Sequence[FileResult]) -> list[str]:
    """`path: N discrepancies, N unverified, N agree` per file, when there is more than one."""
    if len(results) < 2:
        return []
    return [f"{line_start(r.path)}: {counts_text([r])}" for r in results]


@dataclass(frozen=True)
class Options:
    color: bool = False
    width: int | None = None
    verbose: bool = False
    show: frozenset[str] = frozenset(VERDICTS)  # what table, plain and markdown list
    show_by_path: Mapping[str, frozenset[str]] = field(default_factory=dict)  # per file, from overrides
    suppressed: int = 0  # findings silenced by comments or a baseline: counted, never listed

    def listed(self, result: FileResult) -> tuple[Finding, ...]:
        """The findings of a file that the human formats list (machine formats list all)."""
        show = self.show_by_path.get(result.path, self.show)
        return tuple(f for f in result.findings if f.verdict in show)


Formatter = Callable[[Sequence["FileResult"], Options], str]


# Each output format and the module that renders it, imported only when chosen
# (table pulls in rich, which is most of a plain run's import time).
FORMATS = {
    "table": "table", "plain": "plain", "json": "json_format", "github": "github",
    "sarif": "sarif", "junit": "junit", "markdown": "markdown",
}


def formatter(name: str) -> Formatter:
    import importlib

    render: Formatter = importlib.import_module(f".{FORMATS[name]}", __package__).render
    return render


def formatters() -> dict[str, Formatter]:
    """Every output format by name (imports them all: prefer `formatter(name)`)."""
    return {name: formatter(name) for name in FORMATS}

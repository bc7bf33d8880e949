"""Output formats: each is one function from results to text, reading only `Finding`."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Callable, Iterable, Iterator, Mapping, Sequence

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


def summary(results: Iterable[FileResult]) -> dict[str, int]:
    counts = Counter(f.verdict for r in results for f in r.findings)
    return {verdict: counts.get(verdict, 0) for verdict in VERDICTS}


def counts_text(counts: Mapping[str, int]) -> str:
    return f"{counts['discrepancy']} discrepancies, {counts['unverified']} unverified, {counts['agree']} agree"


class Tally:
    """What the end of a report says, gathered as files go by (reports are written file by
    file, so memory does not grow with the number of drafts): each file's counts, not its
    findings, and the findings silenced by comments or a baseline, known only at the end."""

    def __init__(self, suppressed: int = 0) -> None:
        self.files: list[tuple[str, dict[str, int]]] = []
        self.suppressed = suppressed

    def counted(self, results: Iterable[FileResult]) -> Iterator[FileResult]:
        for result in results:
            self.files.append((result.path, summary([result])))
            yield result

    def totals(self) -> dict[str, int]:
        return {verdict: sum(counts[verdict] for _, counts in self.files) for verdict in VERDICTS}

    def summary_line(self) -> str:
        files = len(self.files)
        silenced = f", {self.suppressed} suppressed" if self.suppressed else ""
        return f"{counts_text(self.totals())}{silenced} in {files} file{'s' if files != 1 else ''}"

    def per_file_lines(self) -> list[str]:
        """`path: N discrepancies, N unverified, N agree` per file, when there is more than one."""
        if len(self.files) < 2:
            return []
        return [f"{line_start(path)}: {counts_text(counts)}" for path, counts in self.files]


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
Streamer = Callable[[Iterable["FileResult"], Options, Tally], Iterator[str]]


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


def streamer(name: str) -> Streamer:
    """A format's report in pieces, file by file, its totals at the end (`render` joins them)."""
    import importlib

    stream: Streamer = importlib.import_module(f".{FORMATS[name]}", __package__).stream
    return stream


def formatters() -> dict[str, Formatter]:
    """Every output format by name (imports them all: prefer `formatter(name)`)."""
    return {name: formatter(name) for name in FORMATS}

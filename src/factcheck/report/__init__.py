"""Output formats: each is one function from results to text, reading only `Finding`.

A format is a `stream(results, options, tally)` generator: it reads the results one file
at a time and yields its report in pieces, so a run over many drafts writes each file's
report as it is checked and memory does not grow with the number of drafts. What the end
of a report says (totals, per-file counts, --statistics) it takes from the `Tally`, which
keeps counts, never findings. `render(results, options)` joins the pieces.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import IO, TYPE_CHECKING, Callable, Iterable, Iterator, Literal, Mapping, Sequence

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
_LINE_BREAK = re.compile(r"\r\n?|\n")  # what ends a line of a draft (read.make_draft)


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


def plural(count: int, singular: str, many: str | None = None) -> str:
    """`1 discrepancy`, `2 discrepancies`, `0 files`.

    >>> plural(1, "discrepancy", "discrepancies"), plural(2, "file")
    ('1 discrepancy', '2 files')
    """
    return f"{count} {singular if count == 1 else (many or singular + 's')}"


def counts_text(counts: Mapping[str, int]) -> str:
    return f"{plural(counts['discrepancy'], 'discrepancy', 'discrepancies')}, {counts['unverified']} unverified, {counts['agree']} agree"


class Tally:
    """What the end of a report says, gathered as files go by (reports are written file by
    file, so memory does not grow with the number of drafts): each file's counts, not its
    findings; the counts --statistics gives, by verdict and reason and by fact; and the
    findings silenced by comments or a baseline, known only at the end."""

    def __init__(self, suppressed: int = 0) -> None:
        self.files: list[tuple[str, dict[str, int]]] = []
        self.suppressed = suppressed
        self.kinds: Counter[tuple[str, str | None]] = Counter()  # (verdict, reason)
        self.facts: dict[str, Counter[str]] = {}  # fact id: its findings by verdict

    def counted(self, results: Iterable[FileResult]) -> Iterator[FileResult]:
        for result in results:
            self.add(result)
            yield result

    def add(self, result: FileResult) -> None:
        counts: dict[str, int] = dict.fromkeys(VERDICTS, 0)
        for finding in result.findings:
            counts[finding.verdict] += 1
            self.kinds[finding.verdict, finding.reason] += 1
            if finding.fact_id:
                self.facts.setdefault(finding.fact_id, Counter())[finding.verdict] += 1
        self.files.append((result.path, counts))

    def totals(self) -> dict[str, int]:
        return {verdict: sum(counts[verdict] for _, counts in self.files) for verdict in VERDICTS}

    def summary_line(self) -> str:
        silenced = f", {self.suppressed} suppressed" if self.suppressed else ""
        return f"{counts_text(self.totals())}{silenced} in {plural(len(self.files), 'file')}"

    def per_file_lines(self) -> list[str]:
        """`path: N discrepancies, N unverified, N agree` per file, when there is more than one."""
        if len(self.files) < 2:
            return []
        return [f"{line_start(path)}: {counts_text(counts)}" for path, counts in self.files]


def tallied(results: Iterable[FileResult], suppressed: int = 0) -> Tally:
    """The tally of results already at hand."""
    tally = Tally(suppressed)
    for result in results:
        tally.add(result)
    return tally


Level = Literal["error", "warning", "note"]


@dataclass(frozen=True)
class Options:
    color: bool = False  # styles in the table: bold and underline mark the figure
    colors: bool = True  # and colours with them (not under NO_COLOR)
    width: int | None = None  # the terminal's columns (None: the table's own default)
    verbose: bool = False
    quiet: bool = False  # list no finding: the summary line only
    statistics: bool = False  # counts by verdict and reason, and by fact, after the report
    show: frozenset[str] = frozenset(VERDICTS)  # what table, plain and markdown list
    show_by_path: Mapping[str, frozenset[str]] = field(default_factory=dict)  # per file, from overrides
    failing: frozenset[str] = frozenset({"discrepancy"})  # verdicts that make the exit status 1
    failing_by_path: Mapping[str, frozenset[str]] = field(default_factory=dict)  # per file, from overrides
    suppressed: int = 0  # for render(): findings silenced by comments or a baseline (streams read the Tally's)

    def listed(self, result: FileResult) -> tuple[Finding, ...]:
        """The findings of a file that the human formats list (machine formats list all)."""
        if self.quiet:
            return ()
        show = self.show_by_path.get(result.path, self.show)
        return tuple(f for f in result.findings if f.verdict in show)

    def level(self, path: str, finding: Finding) -> Level | None:
        """How CI formats rank a finding, agreeing with the exit status: `error` when it fails
        (--fail-on), `warning` for a discrepancy that does not, `note` for an unverified figure
        that does not; None for a figure that agrees."""
        if finding.verdict in self.failing_by_path.get(path, self.failing):
            return "error"
        return {"discrepancy": "warning", "unverified": "note"}.get(finding.verdict)  # type: ignore[return-value]


def whose(finding: Finding) -> str | None:
    """For a `subject` discrepancy, whose figure the draft's is.

    >>> from ..model import Expected
    >>> f = Finding("d.md", 1, 1, 0, 3, "10倍", "", "discrepancy", "subject", "10", "倍", Expected("10倍", "10", "倍", "海南"), subject="江苏")
    >>> whose(f)
    "10倍 is 海南's figure, not 江苏's"
    """
    expected = finding.expected
    if finding.reason != "subject" or expected is None or not expected.subject:
        return None
    other = f", not {finding.subject}'s" if finding.subject and finding.subject != expected.subject else ""
    return f"{finding.text} is {expected.subject}'s figure{other}"


def end(finding: Finding) -> tuple[int, int]:
    """The line and column just past the figure's last character (1-based, in code points).
    A figure's text breaks lines where its draft does: at LF, CRLF or a lone CR.

    >>> end(Finding("d.md", 3, 12, 0, 5, "5.3万座", "", "agree", None, None, None))
    (3, 17)
    >>> end(Finding("d.md", 3, 12, 0, 5, "5.3\\r万座", "", "agree", None, None, None))
    (4, 3)
    """
    lines = _LINE_BREAK.split(finding.text)
    if len(lines) == 1:
        return finding.line, finding.column + len(finding.text)
    return finding.line + len(lines) - 1, len(lines[-1]) + 1


def headline(finding: Finding) -> str:
    """What is wrong (or right) with a figure, in one sentence that names both sides."""
    if finding.verdict == "unverified":
        return f"{finding.text}: {finding.note or 'no fact in the fact base states this figure'}"
    if finding.verdict == "agree":
        return f"{finding.text}: agrees with the source"
    said = f"the source says {finding.expected.said()}" if finding.expected else "the source says otherwise"
    return whose(finding) or f"{finding.text}: {said} ({finding.reason or 'value'})"


SPOOL_BYTES = 1 << 22  # what a spool holds in memory before it moves to a temporary file
PIECE = 1 << 16  # what is read back from a spool at a time


def spool() -> IO[str]:
    """Text a report keeps until its last file is counted (junit's suites, markdown's rows,
    github's warnings and notices): in memory, then on disk past SPOOL_BYTES."""
    import tempfile  # only here: most reports never spool, and its import costs start-up time

    return tempfile.SpooledTemporaryFile(max_size=SPOOL_BYTES, mode="w+", encoding="utf-8")


def read_back(kept: IO[str]) -> Iterator[str]:
    """A spool's text from its start, in pieces of PIECE characters (not all at once: it may
    hold a report of thousands of drafts)."""
    kept.seek(0)
    while piece := kept.read(PIECE):
        yield piece


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
    """A format's report in pieces, file by file, its totals at the end (`render` joins them).
    Each format yields at least once after taking a file, before it asks for the next
    (reporting.Tee feeds several formats one file at a time on that promise)."""
    import importlib

    stream: Streamer = importlib.import_module(f".{FORMATS[name]}", __package__).stream
    return stream


def formatters() -> dict[str, Formatter]:
    """Every output format by name (imports them all: prefer `formatter(name)`)."""
    return {name: formatter(name) for name in FORMATS}

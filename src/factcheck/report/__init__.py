"""Output formats: each is one function from results to text, reading only `Finding`."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Callable, Literal, Mapping, Sequence

from ..model import VERDICTS, Finding

if TYPE_CHECKING:  # not imported for real: `factcheck config` reads FORMATS without the pipeline
    from ..check import FileResult

# C0/C1 controls, DEL, and the bidi overrides that can disguise text on a terminal.
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def safe(text: str) -> str:
    """Draft or fact text made inert for a terminal: controls shown as \\xNN.

    >>> safe("a\\x1b[31mb")
    'a\\\\x1b[31mb'
    """
    return _UNSAFE.sub(lambda m: f"\\x{ord(m.group()):02x}" if ord(m.group()) < 0x100 else f"\\u{ord(m.group()):04x}", text)


def one_line(text: str) -> str:
    return safe(text.replace("\r\n", " ").replace("\n", " ").replace("\r", " "))


def summary(results: Sequence[FileResult]) -> dict[str, int]:
    counts = Counter(f.verdict for r in results for f in r.findings)
    return {verdict: counts.get(verdict, 0) for verdict in VERDICTS}


def plural(count: int, singular: str, many: str | None = None) -> str:
    """`1 discrepancy`, `2 discrepancies`, `0 files`.

    >>> plural(1, "discrepancy", "discrepancies"), plural(2, "file")
    ('1 discrepancy', '2 files')
    """
    return f"{count} {singular if count == 1 else (many or singular + 's')}"


def counts_text(results: Sequence[FileResult]) -> str:
    counts = summary(results)
    return f"{plural(counts['discrepancy'], 'discrepancy', 'discrepancies')}, {counts['unverified']} unverified, {counts['agree']} agree"


def summary_line(results: Sequence[FileResult], suppressed: int = 0) -> str:
    silenced = f", {suppressed} suppressed" if suppressed else ""
    return f"{counts_text(results)}{silenced} in {plural(len(results), 'file')}"


def per_file_lines(results: Sequence[FileResult]) -> list[str]:
    """`path: N discrepancies, N unverified, N agree` per file, when there is more than one."""
    if len(results) < 2:
        return []
    return [f"{one_line(r.path)}: {counts_text([r])}" for r in results]


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
    suppressed: int = 0  # findings silenced by comments or a baseline: counted, never listed

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

    >>> end(Finding("d.md", 3, 12, 0, 5, "5.3万座", "", "agree", None, None, None))
    (3, 17)
    """
    lines = finding.text.split("\n")
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

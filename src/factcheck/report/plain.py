"""`--format plain`: one line per finding, `path:line:col: verdict [reason] text -> expected (source)`.

An unverified figure shows why in place of a reason, and its nearest fact: `[another-date]
3.5万个 (nearest SOURCE: FACT)`."""

from __future__ import annotations

from typing import Iterable, Iterator, Sequence

from ..check import FileResult
from ..model import Finding
from . import Options, Tally, line_start, one_line, whose
from .statistics import lines as statistics_lines


def line(finding: Finding) -> str:
    """`path:line:col: verdict [reason] text -> expected (source: fact)`; for a `subject`
    discrepancy, whose figure it is instead of `-> expected`; for an unverified figure with a
    nearest fact, `[why] text (nearest source: fact)`."""
    label = finding.reason or (finding.why if finding.fact_id else None)
    reason = f" [{label}]" if label else ""
    expected = f" -> {one_line(finding.expected.said())}" if finding.expected else ""
    said = one_line(whose(finding) or finding.text + expected)
    nearest = "nearest " if finding.verdict == "unverified" else ""
    source = f" ({nearest}{one_line(finding.source)}: {finding.fact_id})" if finding.source else ""
    return f"{line_start(finding.path)}:{finding.line}:{finding.column}: {finding.verdict}{reason} {said}{source}"


def stream(results: Iterable[FileResult], options: Options, tally: Tally) -> Iterator[str]:
    for result in tally.counted(results):
        listed = options.listed(result)
        lines = [line(f) for f in listed]
        if options.verbose:
            lines = [
                text + "".join(f"\n    candidate {one_line(c.fact_id)} {c.score:.2f} ({one_line(c.note)})" for c in f.candidates)
                for text, f in zip(lines, listed)
            ]
        yield "".join(text + "\n" for text in lines)
    extra = [] if options.quiet else tally.per_file_lines()
    extra += statistics_lines(tally) if options.statistics else []
    yield "".join(text + "\n" for text in [*extra, tally.summary_line()])


def render(results: Sequence[FileResult], options: Options) -> str:
    return "".join(stream(results, options, Tally(options.suppressed)))

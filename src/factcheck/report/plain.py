"""`--format plain`: one line per finding, `path:line:col: verdict [reason] text -> expected (source)`.

An unverified figure shows why in place of a reason, and its nearest fact: `[another-date]
3.5万个 (nearest SOURCE: FACT)`."""

from __future__ import annotations

from typing import Sequence

from ..check import FileResult
from ..model import Finding
from . import Options, one_line, per_file_lines, summary_line, whose
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
    return f"{one_line(finding.path)}:{finding.line}:{finding.column}: {finding.verdict}{reason} {said}{source}"


def render(results: Sequence[FileResult], options: Options) -> str:
    listed = [f for r in results for f in options.listed(r)]
    lines = [line(f) for f in listed]
    if options.verbose:
        lines = [
            text + "".join(f"\n    candidate {one_line(c.fact_id)} {c.score:.2f} ({one_line(c.note)})" for c in f.candidates)
            for text, f in zip(lines, listed)
        ]
    extra = [] if options.quiet else per_file_lines(results)
    extra += statistics_lines(results) if options.statistics else []
    return "\n".join([*lines, *extra, summary_line(results, options.suppressed)]) + "\n"

"""`--format plain`: one line per finding, `path:line:col: verdict [reason] text -> expected (source)`."""

from __future__ import annotations

from typing import Sequence

from ..check import FileResult
from ..model import Finding
from . import Options, line_start, one_line, per_file_lines, summary_line


def line(finding: Finding) -> str:
    reason = f" [{finding.reason}]" if finding.reason else ""
    expected = f" -> {one_line(finding.expected.text)}" if finding.expected else ""
    source = f" ({one_line(finding.source)}: {finding.fact_id})" if finding.source else ""
    return f"{line_start(finding.path)}:{finding.line}:{finding.column}: {finding.verdict}{reason} {one_line(finding.text)}{expected}{source}"


def render(results: Sequence[FileResult], options: Options) -> str:
    listed = [f for r in results for f in options.listed(r)]
    lines = [line(f) for f in listed]
    if options.verbose:
        lines = [
            text + "".join(f"\n    candidate {one_line(c.fact_id)} {c.score:.2f} ({one_line(c.note)})" for c in f.candidates)
            for text, f in zip(lines, listed)
        ]
    return "\n".join([*lines, *per_file_lines(results), summary_line(results, options.suppressed)]) + "\n"

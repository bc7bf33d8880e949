"""`--format plain`: one line per finding, `path:line:col: verdict [reason] text -> expected (source)`."""

from __future__ import annotations

from typing import Sequence

from ..check import FileResult
from ..model import Finding
from . import Options, one_line, summary_line


def line(finding: Finding) -> str:
    reason = f" [{finding.reason}]" if finding.reason else ""
    expected = f" -> {one_line(finding.expected.text)}" if finding.expected else ""
    source = f" ({one_line(finding.source)}: {finding.fact_id})" if finding.source else ""
    return f"{one_line(finding.path)}:{finding.line}:{finding.column}: {finding.verdict}{reason} {one_line(finding.text)}{expected}{source}"


def render(results: Sequence[FileResult], options: Options) -> str:
    lines = [line(f) for r in results for f in r.findings]
    if options.verbose:
        lines = [
            text + "".join(f"\n    candidate {c.fact_id} {c.score:.2f} ({c.note})" for c in f.candidates)
            for text, f in zip(lines, (f for r in results for f in r.findings))
        ]
    return "\n".join([*lines, summary_line(results)]) + "\n"

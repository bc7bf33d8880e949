"""`--format plain`: one line per finding, `path:line:col: verdict [reason] text -> expected (source)`."""

from __future__ import annotations

from typing import Iterable, Iterator, Sequence

from ..check import FileResult
from ..model import Finding
from . import Options, Tally, line_start, one_line


def line(finding: Finding) -> str:
    reason = f" [{finding.reason}]" if finding.reason else ""
    expected = f" -> {one_line(finding.expected.text)}" if finding.expected else ""
    source = f" ({one_line(finding.source)}: {finding.fact_id})" if finding.source else ""
    return f"{line_start(finding.path)}:{finding.line}:{finding.column}: {finding.verdict}{reason} {one_line(finding.text)}{expected}{source}"


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
    yield "".join(text + "\n" for text in [*tally.per_file_lines(), tally.summary_line()])


def render(results: Sequence[FileResult], options: Options) -> str:
    return "".join(stream(results, options, Tally(options.suppressed)))

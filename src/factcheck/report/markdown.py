"""`--format markdown`: a summary table for a pull-request comment.

One table row per finding listed (`--show` applies, as in table and plain).
Draft text is made inert before it reaches a cell: Markdown punctuation
(`|`, backticks, `*`, `_`, `[`, `]`, `(`, `)`, `!`, `~`, `$`) is backslash-escaped, `<`, `>` and `&` become
entities so no HTML can start, `@` and `#` get a word joiner so no one is
mentioned and no issue linked, and line breaks and control characters are
flattened by `one_line`.
"""

from __future__ import annotations

from typing import Sequence

from ..check import FileResult
from ..model import Finding
from . import Options, counts_text, one_line, summary_line
from .statistics import by_fact, by_kind

_ENTITIES = {"<": "&lt;", ">": "&gt;", "&": "&amp;"}
_BACKSLASHED = set("\\`*_[]()!|~$")  # emphasis, code, links, images, cells, strike, math
_JOINED = set("@#")  # a word joiner after these: no @mention, no #123 link
ICONS = {"discrepancy": "❌", "unverified": "⚠️", "agree": "✅"}


def cell(text: str) -> str:
    """Text safe in a GitHub-flavoured Markdown table cell.

    >>> cell("a|b <script> `x` [l](u) @bob")
    'a\\\\|b &lt;script&gt; \\\\`x\\\\` \\\\[l\\\\]\\\\(u\\\\) @\\u2060bob'
    """
    out = []
    for char in one_line(text):
        if char in _ENTITIES:
            out.append(_ENTITIES[char])
        elif char in _BACKSLASHED:
            out.append("\\" + char)
        elif char in _JOINED:
            out.append(char + "\u2060")
        else:
            out.append(char)
    return "".join(out)


def _says(finding: Finding) -> str:
    if finding.expected is None:
        return ""
    whose = f" ({finding.expected.subject})" if finding.reason == "subject" and finding.expected.subject else ""
    return finding.expected.said() + whose


def row(finding: Finding) -> str:
    verdict = finding.verdict + (f" ({finding.reason})" if finding.reason else "")
    source = f"{finding.source} · {finding.fact_id}" if finding.fact_id else ""
    cells = [
        cell(f"{finding.path}:{finding.line}:{finding.column}"), cell(finding.text),
        f"{ICONS[finding.verdict]} {cell(verdict)}", cell(_says(finding)), cell(source), cell(finding.claim),
    ]
    return "| " + " | ".join(cells) + " |"


def _statistics(results: Sequence[FileResult]) -> list[str]:
    lines = ["<details><summary>Statistics</summary>", "", "| verdict | findings |", "| --- | --- |"]
    lines += [f"| {cell(kind)} | {count} |" for kind, count in by_kind(results)]
    lines += ["", "| fact | findings |", "| --- | --- |"]
    lines += [f"| {cell(fact)} | {cell(counts)} |" for fact, counts in by_fact(results)]
    return [*lines, "", "</details>", ""]


def render(results: Sequence[FileResult], options: Options) -> str:
    lines = ["### factcheck", "", cell(summary_line(results, options.suppressed)), ""]
    rows = [row(f) for r in results for f in options.listed(r)]
    if rows:
        lines += ["| where | figure | verdict | source says | source | claim |", "| --- | --- | --- | --- | --- | --- |", *rows, ""]
    if len(results) > 1 and not options.quiet:
        lines += ["<details><summary>By file</summary>", ""]
        lines += [f"- {cell(r.path)}: {cell(counts_text([r]))}" for r in results]
        lines += ["", "</details>", ""]
    if options.statistics:
        lines += _statistics(results)
    return "\n".join(lines)


SUMMARY_LIMIT = 1_000_000  # GitHub refuses a job summary over 1 MiB


def step_summary(results: Sequence[FileResult], options: Options) -> str:
    """The Markdown report for $GITHUB_STEP_SUMMARY, cut at a row when it would be too large.

    >>> step_summary([], Options())
    '### factcheck\\n\\n0 discrepancies, 0 unverified, 0 agree in 0 files\\n\\n'
    """
    text = render(results, options) + "\n"
    if len(text.encode("utf-8")) <= SUMMARY_LIMIT:
        return text
    kept = text.encode("utf-8")[: SUMMARY_LIMIT - 200].decode("utf-8", "ignore").rsplit("\n", 1)[0]
    return kept + "\n\n… cut here: a job summary holds 1 MiB; every finding is in the job log.\n"

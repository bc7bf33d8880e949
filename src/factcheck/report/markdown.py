"""`--format markdown`: a summary table for a pull-request comment.

One table row per finding listed (`--show` applies, as in table and plain).
Draft text is made inert before it reaches a cell: Markdown punctuation
(`|`, backticks, `*`, `_`, `[`, `]`, `(`, `)`, `!`, `~`, `$`) is backslash-escaped, `<`, `>` and `&` become
entities so no HTML can start, `@` and `#` get a word joiner so no one is
mentioned and no issue linked, and line breaks and control characters are
flattened by `one_line`. A URL (GitHub links a bare `https://…` or `www.…`
even in a table) is shown as code, never as a live link.
"""

from __future__ import annotations

import io
import re
from typing import IO, Iterable, Iterator, Sequence

from ..check import FileResult
from ..model import Finding
from . import Options, Tally, counts_text, one_line, read_back, spool
from .statistics import by_fact, by_kind

_ENTITIES = {"<": "&lt;", ">": "&gt;", "&": "&amp;"}
_BACKSLASHED = set("\\`*_[]()!|~$")  # emphasis, code, links, images, cells, strike, math
_JOINED = set("@#")  # a word joiner after these: no @mention, no #123 link
ICONS = {"discrepancy": "❌", "unverified": "⚠️", "agree": "✅"}
_URL = re.compile(r"(?:https?://|ftp://|www\.)[^\s<>]*", re.I)  # what GitHub would turn into a link


def cell(text: str) -> str:
    """Text safe in a GitHub-flavoured Markdown table cell.

    >>> cell("a|b <script> `x` [l](u) @bob")
    'a\\\\|b &lt;script&gt; \\\\`x\\\\` \\\\[l\\\\]\\\\(u\\\\) @\\u2060bob'
    >>> cell("见https://evil.example/a|b 与www.x.cn")
    '见`https://evil.example/a\\\\|b` 与`www.x.cn`'
    """
    flat, out, at = one_line(text), [], 0
    for url in _URL.finditer(flat):
        out.append(_escaped(flat[at:url.start()]))
        out.append(_code(url.group()))
        at = url.end()
    out.append(_escaped(flat[at:]))
    return "".join(out)


def _escaped(text: str) -> str:
    out = []
    for char in text:
        if char in _ENTITIES:
            out.append(_ENTITIES[char])
        elif char in _BACKSLASHED:
            out.append("\\" + char)
        elif char in _JOINED:
            out.append(char + "\u2060")
        else:
            out.append(char)
    return "".join(out)


def _code(text: str) -> str:
    """A code span: shown as written, linked to nothing. Its fence is longer than any run of
    backticks inside; a pipe is still escaped, as a table cell needs even inside code."""
    fence = "`" * (max((len(run) for run in re.findall("`+", text)), default=0) + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text.replace('|', chr(92) + '|')}{pad}{fence}"


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


def _statistics(tally: Tally) -> list[str]:
    lines = ["<details><summary>Statistics</summary>", "", "| verdict | findings |", "| --- | --- |"]
    lines += [f"| {cell(kind)} | {count} |" for kind, count in by_kind(tally)]
    lines += ["", "| fact | findings |", "| --- | --- |"]
    lines += [f"| {cell(fact)} | {cell(counts)} |" for fact, counts in by_fact(tally)]
    return [*lines, "", "</details>", ""]


def stream(results: Iterable[FileResult], options: Options, tally: Tally) -> Iterator[str]:
    """The summary comes first, so rows go to a spool (memory, then disk past a few MB)
    until the last file is counted."""
    with spool() as rows_kept:
        rows = 0
        for result in tally.counted(results):
            for finding in options.listed(result):
                rows_kept.write(row(finding) + "\n")
                rows += 1
            yield ""  # a file taken, its rows spooled: reporting.Tee may feed the next
        yield f"### factcheck\n\n{cell(tally.summary_line())}\n"
        if rows:
            yield "\n| where | figure | verdict | source says | source | claim |\n| --- | --- | --- | --- | --- | --- |\n"
            yield from read_back(rows_kept)
    if len(tally.files) > 1 and not options.quiet:
        yield "\n<details><summary>By file</summary>\n\n"
        yield "".join(f"- {cell(path)}: {cell(counts_text(counts))}\n" for path, counts in tally.files)
        yield "\n</details>\n"
    if options.statistics:
        yield "\n" + "\n".join(_statistics(tally))


def render(results: Sequence[FileResult], options: Options) -> str:
    return "".join(stream(results, options, Tally(options.suppressed)))


SUMMARY_LIMIT = 1_000_000  # GitHub refuses a job summary over 1 MiB


def step_summary(results: Sequence[FileResult], options: Options) -> str:
    """The Markdown report for $GITHUB_STEP_SUMMARY, cut at a row when it would be too large.

    >>> step_summary([], Options())
    '### factcheck\\n\\n0 discrepancies, 0 unverified, 0 agree in 0 files\\n\\n'
    """
    return cut_summary(io.BytesIO((render(results, options) + "\n").encode("utf-8")))


def cut_summary(report: IO[bytes]) -> str:
    """A job summary from the report in `report` (UTF-8, read from its start): all of it,
    or when too large, what fits, cut at a row. Reads at most SUMMARY_LIMIT + 1 bytes."""
    report.seek(0)
    text = report.read(SUMMARY_LIMIT + 1)
    if len(text) <= SUMMARY_LIMIT:
        return text.decode("utf-8")
    kept = text[: SUMMARY_LIMIT - 200].decode("utf-8", "ignore").rsplit("\n", 1)[0]
    return kept + "\n\n… cut here: a job summary holds 1 MiB; every finding is in the job log.\n"

"""`--format table`: a rich table for people, built from Text objects so draft text is never markup."""

from __future__ import annotations

import io
from typing import Any, Iterable, Iterator, Sequence

from rich.cells import cell_len
from rich.console import Console
from rich.table import Table
from rich.text import Text

from ..check import FileResult
from ..model import Finding
from . import Options, Tally, line_start, one_line

STYLES = {"agree": "green", "discrepancy": "bold red", "unverified": "yellow"}
CLAIM_WIDTH = 60


def _claim(finding: Finding) -> Text:
    claim = one_line(finding.claim)
    figure = one_line(finding.text)
    at = claim.find(figure)
    if len(claim) > CLAIM_WIDTH and at >= 0:
        left = max(0, at - CLAIM_WIDTH // 2)
        prefix = "…" if left else ""
        claim, at = prefix + claim[left:left + CLAIM_WIDTH], at - left + len(prefix)
    text = Text(claim)
    if at >= 0:
        text.stylize("bold underline", at, at + len(figure))
    return text


def _verdict(finding: Finding) -> Text:
    label = finding.verdict + (f" ({finding.reason})" if finding.reason else "")
    return Text(label, style=STYLES[finding.verdict])


def _source(finding: Finding, verbose: bool = False) -> Text:
    text = Text("")
    if finding.fact_id is not None:
        quote = one_line(finding.quote or "")
        text.append(f"{one_line(finding.source or '')} · {one_line(finding.fact_id)}\n“{quote}”", style="dim")
    if verbose and finding.candidates:
        text.append("\n" if text.plain else "")
        text.append("candidates:", style="italic")
        for candidate in finding.candidates:
            text.append(f"\n  {one_line(candidate.fact_id)} {candidate.score:.2f} ({one_line(candidate.note)})")
    return text


def stream(results: Iterable[FileResult], options: Options, tally: Tally) -> Iterator[str]:
    buffer = io.StringIO()
    console = Console(
        file=buffer, force_terminal=options.color, no_color=not options.color,
        width=options.width or 160, highlight=False, emoji=False, markup=False,
    )
    for result in tally.counted(results):
        table = Table(show_lines=True, expand=False)
        table.add_column("where", no_wrap=True)
        table.add_column("claim", ratio=3)
        table.add_column("verdict", no_wrap=True)
        table.add_column("source says", ratio=1)
        table.add_column("source", ratio=3)
        for finding in options.listed(result):
            says = Text(one_line(finding.expected.text)) if finding.expected else Text("")
            where = Text(f"{finding.line}:{finding.column}")
            table.add_row(where, _claim(finding), _verdict(finding), says, _source(finding, options.verbose))
        _title(console, table, line_start(result.path))
        console.print(table)
        yield _taken(buffer)
    for line in tally.per_file_lines():
        console.print(Text(line), **_UNWRAPPED)
    console.print(Text(tally.summary_line()))
    yield _taken(buffer)


# A line with a path in it is never wrapped nor cut: a wrapped line could begin with `::`
# (a workflow command to a CI runner). A terminal folds it for the eye instead.
_UNWRAPPED: dict[str, Any] = {"no_wrap": True, "overflow": "ignore", "crop": False}


NARROWEST = 50  # the table's width with its headers alone: a title this long always fits


def _title(console: Console, table: Table, path: str) -> None:
    """The path as the table's title when it fits, else on a line of its own above the table."""
    if cell_len(path) <= NARROWEST or cell_len(path) <= min(console.measure(table).maximum, console.width):
        table.title = Text(path)
    else:
        console.print(Text(path), **_UNWRAPPED)


def _taken(buffer: io.StringIO) -> str:
    text = buffer.getvalue()
    buffer.seek(0)
    buffer.truncate()
    return text


def render(results: Sequence[FileResult], options: Options) -> str:
    return "".join(stream(results, options, Tally(options.suppressed)))

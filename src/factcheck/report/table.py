"""`--format table`: findings for people at a terminal, fitted to its width.

Wide enough, a table per draft: where, verdict, what the draft says against what
the source says, and the figure in context (its sentence, the source's quote,
the fact). Narrower, the same as a block per finding. Every line is cut to fit
(`…` marks a cut) around the figure, which always shows, so nothing wraps;
cells are built from Text objects, so draft text is never markup. A draft's
table is written as soon as it is checked. No line begins with `::` (a workflow
command to a CI runner): a path that begins a line goes through `line_start`,
and nothing wraps, so a long one cannot be folded onto a line of its own.
"""

from __future__ import annotations

import io
from typing import Iterable, Iterator, NamedTuple, Sequence

from rich import box
from rich.cells import cell_len
from rich.console import Console
from rich.table import Table
from rich.text import Text

from ..check import FileResult
from ..model import Finding
from . import Options, Tally, line_start, one_line, whose
from .fit import clip
from .statistics import lines as statistics_lines

DEFAULT_WIDTH = 160  # when the output is not a terminal and COLUMNS does not say
MIN_CONTEXT = 56  # cells for a finding's context below which the table becomes blocks (~116 columns)
STYLES = {"agree": "green", "discrepancy": "bold red", "unverified": "yellow"}
FIGURE = "bold underline"
LABEL = 10  # "candidate" and a space


class Row(NamedTuple):
    where: str
    verdict: Text
    says: Text
    context: list[tuple[str, str, int, int]]  # (label, text, start, end of what to keep in view)


def _says(finding: Finding) -> Text:
    """`5.3万座 → 5.2万座`: the draft's figure beside the source's (and whose, for a subject)."""
    text = Text(one_line(finding.text), style="bold")
    if finding.expected is not None:
        text.append(f" → {one_line(finding.expected.said())}")
        if finding.reason == "subject" and finding.expected.subject:
            text.append(f" ({one_line(finding.expected.subject)})")
    return text


def _context(finding: Finding, verbose: bool) -> list[tuple[str, str, int, int]]:
    claim = one_line(finding.claim)
    lines = [("draft", claim, finding.claim_offset, finding.claim_offset + len(one_line(finding.text)))]
    if finding.quote:  # any verdict: an unverified figure may name the nearest fact
        quote = one_line(finding.quote)
        said = one_line(finding.expected.text if finding.expected else finding.text)
        at = quote.find(said)  # the fact's figure as written is in its quote (validated)
        lines.append(("source", f"“{quote}”", *((at + 1, at + 1 + len(said)) if at >= 0 else (1, 1))))
    note = whose(finding)
    if note:
        lines.append(("note", one_line(note), 0, 0))
    if finding.fact_id:
        lines.append(("fact", one_line(f"{finding.fact_id} · {finding.source or ''}"), 0, 0))
    if verbose:
        lines += [("candidate", one_line(f"{c.fact_id} {c.score:.2f} ({c.note})"), 0, 0) for c in finding.candidates]
    return lines


def row(finding: Finding, verbose: bool = False) -> Row:
    label = finding.verdict + (f"\n({finding.reason})" if finding.reason else "")
    return Row(f"{finding.line}:{finding.column}", Text(label, style=STYLES[finding.verdict]), _says(finding), _context(finding, verbose))


def _line(label: str, text: str, start: int, end: int, width: int) -> Text:
    """One context line in `width` cells: its label, then the text cut around [start, end)."""
    shown, start, end = clip(text, start, end, max(width - LABEL, 1))
    line = Text()
    line.append(label.ljust(LABEL), style="dim")
    line.append(shown)
    if end > start and label in ("draft", "source"):
        line.stylize(FIGURE, LABEL + start, LABEL + end)
    return line


def _fitted(text: Text, width: int) -> Text:
    """A one-line Text cut at the end to `width` cells."""
    if cell_len(text.plain) <= width:
        return text
    shown, _, _ = clip(text.plain, 0, 0, width)
    cut = text[: len(shown) - 1]
    cut.append("…")
    return cut


def _table(path: str, rows: list[Row], width: int) -> Table | None:
    """The draft's findings as a table in `width` cells, or None when the context would be too narrow."""
    where = max([5, *(len(r.where) for r in rows)])
    verdict = max([7, *(cell_len(line) for r in rows for line in r.verdict.plain.split("\n"))])
    says = min(max([14, *(cell_len(r.says.plain) for r in rows)]), 32)
    context = width - (where + verdict + says) - 13  # 5 rules and 8 cells of padding
    if context < MIN_CONTEXT:
        return None
    table = Table(title=_fitted(Text(line_start(path)), width), box=box.HEAVY_HEAD, show_lines=True, expand=False)
    for name, size in (("where", where), ("verdict", verdict), ("draft → source", says), ("in context", context)):
        table.add_column(name, width=size, no_wrap=True, overflow="ellipsis")
    for r in rows:
        lines = Text("\n").join(_line(label, text, start, end, context) for label, text, start, end in r.context)
        table.add_row(r.where, r.verdict, _fitted(r.says, says), lines)
    return table


def _blocks(path: str, rows: list[Row], width: int) -> list[Text]:
    """The same findings stacked, a block each, for a narrow terminal."""
    out = [_fitted(Text(line_start(path), style="bold"), width)]
    for r in rows:
        head = Text(f"{r.where}  ")
        head.append_text(Text(" ").join(r.verdict.split("\n")))
        head.append("  ")
        head.append_text(r.says)
        out += [Text(""), _fitted(head, width)]
        out += [Text("  ") + _line(label, text, start, end, width - 2) for label, text, start, end in r.context]
    return out


def stream(results: Iterable[FileResult], options: Options, tally: Tally) -> Iterator[str]:
    width = options.width or DEFAULT_WIDTH
    buffer = io.StringIO()
    console = Console(
        file=buffer, force_terminal=options.color, no_color=not options.colors, width=width,
        color_system="standard" if options.color else None, highlight=False, emoji=False, markup=False,
    )
    for result in tally.counted(results):
        rows = [row(f, options.verbose) for f in options.listed(result)]
        if rows:
            _print(console, result.path, rows, width)
        yield _taken(buffer)  # (empty for a draft with nothing listed)
    extra = [] if options.quiet else tally.per_file_lines()
    extra += statistics_lines(tally) if options.statistics else []
    for text in [*extra, tally.summary_line()]:
        console.print(_fitted(Text(text), width))
    yield _taken(buffer)


def _print(console: Console, path: str, rows: list[Row], width: int) -> None:
    table = _table(path, rows, width)
    if table is not None:
        console.print(table)
        return
    for line in _blocks(path, rows, width):
        console.print(line, no_wrap=True, overflow="ellipsis")  # (lines fit: this only guards a width below ~13)
    console.print(Text(""))


def _taken(buffer: io.StringIO) -> str:
    text = buffer.getvalue()
    buffer.seek(0)
    buffer.truncate()
    return text


def render(results: Sequence[FileResult], options: Options) -> str:
    return "".join(stream(results, options, Tally(options.suppressed)))

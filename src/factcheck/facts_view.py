"""The fact base shown to people: `facts list` and `explain`."""

from __future__ import annotations

import io

from rich.cells import cell_len
from rich.console import Console
from rich.table import Table
from rich.text import Text

from .check import fact_value_text
from .facts import FactBase
from .model import Fact
from .report import one_line
from .report.fit import clip


TABLE_FROM = 120  # columns; narrower, one block per fact


def _console(buffer: io.StringIO, color: bool, width: int) -> Console:
    return Console(
        file=buffer, force_terminal=color, no_color=False, width=width, color_system="standard" if color else None,
        highlight=False, markup=False, emoji=False,
    )


def _matches(base: FactBase, fact: Fact, subject: str | None, grep: str | None) -> bool:
    if subject is not None:
        entity = base.entities.get(fact.subject)
        names = {fact.subject, *(entity.aliases if entity else ()), (entity.english.lower() if entity else "")}
        if subject not in names and subject.lower() not in names:
            return False
    if grep is not None:
        haystack = " ".join((fact.id, fact.metric, *fact.keywords, fact.quote)).lower()
        return grep.lower() in haystack
    return True


COLUMNS = ("id", "subject", "metric", "period", "value", "as written", "kind", "source")
MIN_WIDTHS = (24, 7, 12, 7, 10, 10, 5, 12)  # what a narrow table keeps of each column
OVERHEAD = 3 * len(COLUMNS) + 1  # a rule and two cells of padding per column, and the last rule


def _fields(fact: Fact) -> tuple[str, ...]:
    kind = fact.kind + (f" {fact.direction}" if fact.direction else "") + (" target" if fact.target else "")
    value = f"{fact_value_text(fact)} {fact.unit}"
    return tuple(one_line(x) for x in (fact.id, fact.subject, fact.metric, fact.period or "", value, fact.as_written, kind, fact.source))


def fitted_widths(natural: list[int], least: tuple[int, ...], room: int) -> list[int]:
    """Column widths that fit `room` cells: the widest column gives up a cell at a time, none below its least.

    >>> fitted_widths([30, 7, 20], (10, 7, 10), 40)
    [20, 7, 13]
    """
    widths = list(natural)
    while sum(widths) > room:
        shrinkable = [i for i, w in enumerate(widths) if w > least[i]]
        if not shrinkable:
            break
        widest = max(shrinkable, key=lambda i: widths[i])
        widths[widest] -= 1
    return widths


def facts_table(base: FactBase, subject: str | None, grep: str | None, color: bool = False, width: int | None = None) -> str:
    """The facts that match, as a table fitted to `width` (180 when not known), or one block per fact when narrow.
    Cells are cut with `…`, never wrapped."""
    buffer = io.StringIO()
    console = _console(buffer, color, width or 180)
    shown = [f for f in base.facts if _matches(base, f, subject, grep)]
    rows = [_fields(f) for f in shown]
    if console.width >= TABLE_FROM:
        natural = [max([cell_len(name), *(cell_len(r[i]) for r in rows)]) for i, name in enumerate(COLUMNS)]
        widths = fitted_widths(natural, MIN_WIDTHS, console.width - OVERHEAD)
        table = Table(show_lines=False)
        for column, size in zip(COLUMNS, widths):
            table.add_column(column, no_wrap=True, width=size)
        for fields in rows:
            table.add_row(*(Text(clip(x, 0, 0, size)[0]) for x, size in zip(fields, widths)))
        console.print(table)
    else:
        for fields in rows:
            named = dict(zip(COLUMNS, fields))
            lines = [fields[0], *(f"  {name.ljust(10)} {named[name]}" for name in COLUMNS[1:] if named[name])]
            for line in lines:
                console.print(Text(clip(line, 0, 0, console.width)[0]))
            console.print(Text(""))
    console.print(Text(f"{len(shown)} of {len(base.facts)} facts"))
    return buffer.getvalue()


def explain(base: FactBase, fact: Fact) -> str:
    entity = base.entities.get(fact.subject)
    rows = [
        ("id", fact.id),
        ("subject", f"{fact.subject}" + (f" ({entity.english})" if entity else "")),
        ("metric", fact.metric),
        ("keywords", ", ".join(fact.keywords)),
        ("period", fact.period or "-"),
        ("kind", fact.kind + (f", {fact.direction}" if fact.direction else "") + (", target" if fact.target else "")),
        ("value", f"{fact_value_text(fact)} {fact.unit}" + (f" (also counted in {', '.join(fact.counters)})" if fact.counters else "")),
        ("as written", fact.as_written + (f" (qualifier {fact.qualifier}: {fact.bound})" if fact.qualifier else "")),
        ("source", fact.source),
        ("quote", fact.quote),
        ("defined at", f"{fact.path}:{fact.line}"),
    ]
    rows += [(f"spec ({s.verdict}{'/' + s.reason if s.reason else ''})", s.text) for s in fact.specs]
    width = max(len(name) for name, _ in rows)
    return "".join(f"{name.ljust(width)}  {one_line(value)}\n" for name, value in rows)

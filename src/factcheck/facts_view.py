"""The fact base shown to people: `facts list` and `explain`."""

from __future__ import annotations

import io

from rich.console import Console
from rich.table import Table
from rich.text import Text

from .check import fact_value_text
from .facts import FactBase
from .model import Fact
from .report import one_line


def _console(buffer: io.StringIO, color: bool) -> Console:
    return Console(file=buffer, force_terminal=color, no_color=not color, width=180, highlight=False, markup=False, emoji=False)


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


def facts_table(base: FactBase, subject: str | None, grep: str | None, color: bool = False) -> str:
    buffer = io.StringIO()
    table = Table(show_lines=False)
    for column in ("id", "subject", "metric", "period", "value", "as written", "kind", "source"):
        table.add_column(column)
    shown = [f for f in base.facts if _matches(base, f, subject, grep)]
    for fact in shown:
        kind = fact.kind + (f" {fact.direction}" if fact.direction else "") + (" target" if fact.target else "")
        value = f"{fact_value_text(fact)} {fact.unit}"
        table.add_row(*(Text(one_line(x)) for x in (fact.id, fact.subject, fact.metric, fact.period or "", value, fact.as_written, kind, fact.source)))
    console = _console(buffer, color)
    console.print(table)
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

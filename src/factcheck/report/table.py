"""`--format table`: a rich table for people, built from Text objects so draft text is never markup."""

from __future__ import annotations

import io
from typing import Sequence

from rich.console import Console
from rich.table import Table
from rich.text import Text

from ..check import FileResult
from ..model import Finding
from . import Options, one_line, summary_line

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


def _source(finding: Finding) -> Text:
    if finding.fact_id is None:
        return Text("")
    quote = one_line(finding.quote or "")
    return Text(f"{finding.source} · {finding.fact_id}\n“{quote}”", style="dim")


def render(results: Sequence[FileResult], options: Options) -> str:
    buffer = io.StringIO()
    console = Console(
        file=buffer, force_terminal=options.color, no_color=not options.color,
        width=options.width or 160, highlight=False, emoji=False, markup=False,
    )
    for result in results:
        table = Table(title=Text(one_line(result.path)), show_lines=True, expand=False)
        table.add_column("where", no_wrap=True)
        table.add_column("claim", ratio=3)
        table.add_column("verdict", no_wrap=True)
        table.add_column("source says", ratio=1)
        table.add_column("source", ratio=3)
        for finding in result.findings:
            says = Text(one_line(finding.expected.text)) if finding.expected else Text("")
            table.add_row(f"{finding.line}:{finding.column}", _claim(finding), _verdict(finding), says, _source(finding))
        console.print(table)
    console.print(Text(summary_line(results)))
    return buffer.getvalue()

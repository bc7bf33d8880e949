"""Figures in a table of the source (rows of cells between pipes, as a Markdown table is
written in plain text): each cell's figure is named by its row's label and its column's
header, and a header may give the period (第一季度) or say the column is a change (同比增长).

    | 指标 | 第一季度 | 同比增长 |
    | 工业用电量 | 312亿千瓦时 | 4.6% |
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .author_phrase import clean, trimmed
from .extract import extract
from .model import DateValue, Direction, Mention

_RULE = re.compile(r"^[\s|:\-]+$")
_RISE = re.compile("增长|增幅|增速|提高|上升")
_FALL = re.compile("下降|降幅|减少|回落")


@dataclass(frozen=True)
class Cell:
    """What a table says of the figure in one of its cells."""

    label: str  # the row's label: 工业用电量
    header: str  # the column's header: 第一季度, 同比增长
    date: DateValue | None  # a period the header gives
    change: Direction | None  # the column states changes (同比增长), a rise unless the figure is signed


def table_cells(text: str, mentions: list[Mention]) -> dict[int, Cell]:
    """The cell of each figure that stands in a table: its start -> Cell."""
    cells: dict[int, Cell] = {}
    header: list[str] = []
    dated: DateValue | None = None
    offset = 0
    for line in text.split("\n"):
        if line.count("|") < 2:
            header = []
        elif _RULE.match(line):
            pass
        elif not header:
            header = _cells(line)
            dated = next((d for cell in header for d in _dates(cell)), None)
        else:
            cells.update(_row(line, offset, header, mentions, dated))
        offset += len(line) + 1
    return cells


def _cells(line: str) -> list[str]:
    return [clean(cell) for cell in line.strip().strip("|").split("|")]


def _row(line: str, offset: int, header: list[str], mentions: list[Mention], dated: DateValue | None) -> dict[int, Cell]:
    found: dict[int, Cell] = {}
    row = _cells(line)
    label = trimmed(next((cell for cell in row if cell and not re.search(r"[0-9]", cell)), ""))
    start = offset + len(line) - len(line.lstrip()) + (1 if line.lstrip().startswith("|") else 0)
    for index, cell in enumerate(line.strip().strip("|").split("|")):
        end = start + len(cell)
        for mention in mentions:
            if start <= mention.start < end and mention.is_figure and index < len(header):
                found[mention.start] = _cell(label, header[index], mention, dated)
        start = end + 1
    return found


def _dates(text: str) -> list[DateValue]:
    return [m.date for m in extract(text) if m.kind == "date" and m.date is not None]


def _cell(label: str, header: str, mention: Mention, dated: DateValue | None) -> Cell:
    """A cell's reading; a date in any header (一季度) is the period of the whole table."""
    dates = _dates(header) or ([dated] if dated else [])
    change: Direction | None = None
    if _FALL.search(header):
        change = "down"
    elif _RISE.search(header):
        change = mention.direction or "up"  # -8.3% under 同比增长 is a fall
    return Cell(label, "" if _dates(header) else header, dates[0] if dates else None, change)


def cell_phrase(cell: Cell) -> tuple[str, tuple[str, ...]]:
    """A cell's metric and keywords: 工业用电量同比增长; 新能源汽车 + 产量."""
    noun = cell.label if cell.change or not cell.header else cell.label + cell.header
    metric = noun + ({"up": "同比增长", "down": "同比下降"}[cell.change] if cell.change else "")
    return metric, tuple(dict.fromkeys(w for w in (noun, cell.label) if w))

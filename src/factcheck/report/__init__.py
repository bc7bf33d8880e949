"""Output formats: each is one function from results to text, reading only `Finding`."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import Callable, Sequence

from ..check import FileResult
from ..model import VERDICTS

# C0/C1 controls, DEL, and the bidi overrides that can disguise text on a terminal.
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def safe(text: str) -> str:
    """Draft or fact text made inert for a terminal: controls shown as \\xNN.

    >>> safe("a\\x1b[31mb")
    'a\\\\x1b[31mb'
    """
    return _UNSAFE.sub(lambda m: f"\\x{ord(m.group()):02x}" if ord(m.group()) < 0x100 else f"\\u{ord(m.group()):04x}", text)


def one_line(text: str) -> str:
    return safe(text.replace("\r\n", " ").replace("\n", " ").replace("\r", " "))


def summary(results: Sequence[FileResult]) -> dict[str, int]:
    counts = Counter(f.verdict for r in results for f in r.findings)
    return {verdict: counts.get(verdict, 0) for verdict in VERDICTS}


def summary_line(results: Sequence[FileResult]) -> str:
    counts = summary(results)
    files = len(results)
    return (
        f"{counts['discrepancy']} discrepancies, {counts['unverified']} unverified, "
        f"{counts['agree']} agree in {files} file{'s' if files != 1 else ''}"
    )


@dataclass(frozen=True)
class Options:
    color: bool = False
    width: int | None = None
    verbose: bool = False


Formatter = Callable[[Sequence[FileResult], Options], str]


def formatters() -> dict[str, Formatter]:
    """Every output format by name; imported lazily so start-up stays fast."""
    from . import json_format, plain, table

    found: dict[str, Formatter] = {
        "table": table.render,
        "plain": plain.render,
        "json": json_format.render,
    }
    return found

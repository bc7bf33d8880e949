"""`--format json`: the contract other tools read. Field names never change; fields may be added."""

from __future__ import annotations

import json
import re
from typing import Any, Sequence

from ..check import FileResult
from ..model import Finding
from . import Options, summary

VERSION = 1
# json.dumps escapes C0 controls; these it leaves raw with ensure_ascii=False: DEL, C1 (\x9b is CSI
# on some terminals), the bidi overrides that disguise text, and the line separators.
_RAW = re.compile("[\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def finding_dict(finding: Finding, verbose: bool = False) -> dict[str, Any]:
    data: dict[str, Any] = {
        "line": finding.line,
        "column": finding.column,
        "start": finding.start,
        "end": finding.end,
        "text": finding.text,
        "claim": finding.claim,
        "verdict": finding.verdict,
        "reason": finding.reason,
        "value": finding.value,
        "unit": finding.unit,
        "expected": None if finding.expected is None else {
            "text": finding.expected.text,
            "value": finding.expected.value,
            "unit": finding.expected.unit,
        },
        "fact": None if finding.fact_id is None else {
            "id": finding.fact_id,
            "source": finding.source,
            "quote": finding.quote,
        },
        "score": finding.score,
    }
    if verbose:
        data["candidates"] = [{"id": c.fact_id, "score": c.score, "note": c.note} for c in finding.candidates]
    return data


def document(results: Sequence[FileResult], verbose: bool = False) -> dict[str, Any]:
    return {
        "version": VERSION,
        "files": [
            {"path": r.path, "findings": [finding_dict(f, verbose) for f in r.findings]} for r in results
        ],
        "summary": summary(results),
    }


def render(results: Sequence[FileResult], options: Options) -> str:
    data = document(results, options.verbose)
    data["suppressed"] = options.suppressed  # silenced by comments or a baseline: counted, not listed
    return dumps(data)


def dumps(data: Any) -> str:
    """Indented JSON, Chinese readable (ensure_ascii=False), every invisible or disguising character escaped.

    >>> print(dumps("x\\u202e"), end="")
    "x\\u202e"
    """
    text = json.dumps(data, ensure_ascii=False, indent=2)
    return _RAW.sub(lambda m: f"\\u{ord(m.group()):04x}", text) + "\n"

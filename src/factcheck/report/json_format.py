"""`--format json`: the contract other tools read. Field names never change; fields may be added."""

from __future__ import annotations

import json
from typing import Any, Sequence

from ..check import FileResult
from ..model import Finding
from . import Options, summary

VERSION = 1


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
    # ensure_ascii=False keeps Chinese readable; json.dumps escapes every control character.
    return json.dumps(document(results, options.verbose), ensure_ascii=False, indent=2) + "\n"

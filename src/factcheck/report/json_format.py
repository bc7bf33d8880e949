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
        "subject": finding.subject,
        "verdict": finding.verdict,
        "reason": finding.reason,
        "value": finding.value,
        "unit": finding.unit,
        "expected": None if finding.expected is None else {
            "text": finding.expected.text,
            "value": finding.expected.value,
            "unit": finding.expected.unit,
            "subject": finding.expected.subject,
            "english": finding.expected.english,
        },
        "fact": None if finding.fact_id is None or finding.verdict == "unverified" else _fact(finding),
        "score": finding.score,
    }
    if finding.verdict == "unverified":
        data["nearest"] = None if finding.fact_id is None else _fact(finding)
        data["why"] = finding.why
    data["note"] = finding.note
    data["rule"] = finding.rule
    if verbose:
        data["candidates"] = [{"id": c.fact_id, "score": c.score, "note": c.note} for c in finding.candidates]
    return data


def _fact(finding: Finding) -> dict[str, Any]:
    return {"id": finding.fact_id, "source": finding.source, "quote": finding.quote}


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
    """JSON laid out by depth, Chinese readable (ensure_ascii=False), every invisible or
    disguising character escaped.

    The outer levels are indented as `indent=2` would; each finding (anything deeper than
    EXPANDED levels) is one line: one finding per line reads and diffs well, and it keeps
    to json's C encoder, which `indent` turns off (it made 10,000 findings cost 1.4 s).

    >>> print(dumps({"files": [{"path": "a.md", "findings": [{"text": "x\u202e", "score": 1.0}]}]}), end="")
    {
      "files": [
        {
          "path": "a.md",
          "findings": [
            {"text": "x\u202e", "score": 1.0}
          ]
        }
      ]
    }
    """
    return _RAW.sub(lambda m: f"\\u{ord(m.group()):04x}", _laid_out(data, 0)) + "\n"


EXPANDED = 4  # levels indented: document, files, file, findings
_compact = json.JSONEncoder(ensure_ascii=False, separators=(", ", ": ")).encode


def _laid_out(value: Any, depth: int) -> str:
    if depth >= EXPANDED or not isinstance(value, (dict, list)) or not value:
        return _compact(value)
    inner = "\n" + "  " * (depth + 1)
    if isinstance(value, dict):
        items = [f"{_compact(str(key))}: {_laid_out(item, depth + 1)}" for key, item in value.items()]
        return "{" + inner + ("," + inner).join(items) + "\n" + "  " * depth + "}"
    items = [_laid_out(item, depth + 1) for item in value]
    return "[" + inner + ("," + inner).join(items) + "\n" + "  " * depth + "]"

"""`--format sarif`: SARIF 2.1.0 for GitHub code scanning (github/codeql-action/upload-sarif).

One rule per discrepancy reason (`discrepancy/value`, `discrepancy/unit`, ...)
and one for `unverified`. A discrepancy is an `error`, an unverified figure a
`warning`. Figures that agree are not results (code scanning would raise an
alert for each: it does not read SARIF's `kind: pass`); the run's
`properties.summary` counts every verdict.

Regions use 1-based code-point columns (`columnKind: unicodeCodePoints`),
`endColumn` one past the figure's last character, as SARIF specifies.
Each result has a `partialFingerprints` entry built from what the finding
says (path, claim, figure, verdict, reason, fact), not from its line, so an
alert follows a paragraph that moves.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any, Iterable, Iterator, Sequence
from urllib.parse import quote

from .. import __version__
from ..check import FileResult
from ..model import REASONS, Finding
from . import Options, Tally
from .json_format import Later, Streamed, stream_dumps

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_DESCRIPTIONS = {
    "value": "The figure differs from the value its source gives.",
    "unit": "The figure's unit or magnitude (万/亿, 元/美元) differs from the source.",
    "direction": "The figure states a rise where the source states a fall, or the reverse.",
    "period": "The figure belongs to another period (year, quarter, month) in the source.",
    "subject": "The source gives this figure for another region, company or body.",
    "qualifier": "The figure's qualifier (超过, 近, 约, 以上) contradicts the source.",
}


def rule_id(finding: Finding) -> str:
    return "unverified" if finding.verdict == "unverified" else f"discrepancy/{finding.reason or 'value'}"


def rules() -> list[dict[str, Any]]:
    found = [
        {
            "id": f"discrepancy/{reason}",
            "name": f"Discrepancy{reason.capitalize()}",
            "shortDescription": {"text": f"A figure disagrees with its source ({reason})"},
            "fullDescription": {"text": text},
            "help": {"text": f"{text} Correct the draft or check the fact with 'factcheck explain FACT-ID'."},
            "defaultConfiguration": {"level": "error"},
            "properties": {"tags": ["factcheck", "discrepancy"]},
        }
        for reason, text in ((r, _DESCRIPTIONS[r]) for r in REASONS)
    ]
    found.append({
        "id": "unverified",
        "name": "Unverified",
        "shortDescription": {"text": "A figure that no fact in the fact base states"},
        "fullDescription": {"text": "No fact in the fact base matches this figure: check it by hand or add the fact."},
        "help": {"text": "Add the figure's source to the fact base, or verify it by hand."},
        "defaultConfiguration": {"level": "warning"},
        "properties": {"tags": ["factcheck", "unverified"]},
    })
    return found


def uri(path: str) -> str:
    """A relative URI reference for a draft path (absolute paths become file: URIs).

    >>> uri("drafts/a b.md"), uri("a:b\\n.md")
    ('drafts/a%20b.md', 'a%3Ab%0A.md')
    """
    if Path(path).is_absolute():
        return Path(path).as_uri()
    return quote(Path(path).as_posix(), safe="/-._~")


def fingerprint(finding: Finding) -> str:
    parts = (finding.path, "".join(finding.claim.split()), finding.text, finding.verdict, finding.reason or "", finding.fact_id or "")
    return hashlib.sha256("\x00".join(parts).encode("utf-8")).hexdigest()[:32]


def _region(finding: Finding) -> dict[str, int]:
    lines = finding.text.split("\n")
    end_line = finding.line + len(lines) - 1
    end_column = finding.column + len(finding.text) if len(lines) == 1 else len(lines[-1]) + 1
    return {"startLine": finding.line, "startColumn": finding.column, "endLine": end_line, "endColumn": end_column}


def _message(finding: Finding) -> str:
    if finding.verdict == "unverified":
        return f"{finding.text}: no fact in the fact base states this figure."
    says = f" the source says {finding.expected.text}" if finding.expected else ""
    return f"{finding.text}:{says} ({finding.source}, fact {finding.fact_id}). Claim: {finding.claim}"


def result(finding: Finding, index: dict[str, int]) -> dict[str, Any]:
    rule = rule_id(finding)
    return {
        "ruleId": rule,
        "ruleIndex": index[rule],
        "level": "error" if finding.verdict == "discrepancy" else "warning",
        "message": {"text": _message(finding)},
        "locations": [{
            "physicalLocation": {
                "artifactLocation": {"uri": uri(finding.path), "uriBaseId": "%SRCROOT%"},
                "region": _region(finding),
            },
        }],
        "partialFingerprints": {"factcheckFinding/v1": fingerprint(finding)},
        "properties": {
            "verdict": finding.verdict, "reason": finding.reason, "fact": finding.fact_id,
            "expected": finding.expected.text if finding.expected else None, "score": finding.score,
        },
    }


def stream(results: Iterable[FileResult], options: Options, tally: Tally) -> Iterator[str]:
    driver_rules = rules()
    index = {rule["id"]: number for number, rule in enumerate(driver_rules)}
    findings = (result(f, index) for r in tally.counted(results) for f in r.findings if f.verdict != "agree")
    return stream_dumps({
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "factcheck", "version": __version__, "semanticVersion": __version__,
                "rules": driver_rules,
            }},
            "columnKind": "unicodeCodePoints",
            "originalUriBaseIds": {"%SRCROOT%": {"description": {"text": "The folder factcheck ran in."}}},
            "results": Streamed(findings),
            "properties": Later(lambda: {"summary": {**tally.totals(), "suppressed": tally.suppressed}}),
        }],
    })


def render(results: Sequence[FileResult], options: Options) -> str:
    return "".join(stream(results, options, Tally(options.suppressed)))

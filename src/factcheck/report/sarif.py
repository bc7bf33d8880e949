"""`--format sarif`: SARIF 2.1.0 for GitHub code scanning (github/codeql-action/upload-sarif).

One rule per discrepancy reason (`discrepancy/value`, `discrepancy/unit`, ...)
and one for `unverified`, each with a readable name and a link to its entry in
docs/verdicts.md. Levels agree with the exit status: `error` for what fails
(--fail-on), `warning` for a discrepancy that does not, `note` for an
unverified figure that does not. Figures that agree are not results (code
scanning would raise an alert for each: it does not read SARIF's `kind: pass`);
the run's `properties.summary` counts every verdict.

A relative draft path is a URI reference against `%SRCROOT%`; an absolute one is
a `file:` URI and carries no `uriBaseId` (SARIF §3.4.4). Regions use 1-based
code-point columns (`columnKind: unicodeCodePoints`), `endColumn` one past the
figure's last character, as SARIF specifies. Each result has a
`partialFingerprints` entry built from what the finding says (path, claim,
figure, verdict, reason, fact), not from its line, so an alert follows a
paragraph that moves.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any, Iterable, Iterator, Sequence
from urllib.parse import quote

from .. import HOMEPAGE, __version__
from ..check import FileResult
from ..model import REASONS, Finding
from . import Options, Tally, end, headline
from .json_format import PAUSE, Later, Streamed, stream_dumps

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
DOCS = f"{HOMEPAGE}/blob/main/docs/verdicts.md"
_NAMES = {
    "value": "WrongValue", "unit": "WrongUnitOrMagnitude", "direction": "WrongDirection",
    "period": "WrongPeriod", "subject": "AnotherSubjectsFigure", "qualifier": "WrongQualifier",
}
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
            "name": _NAMES[reason],
            "shortDescription": {"text": f"A figure disagrees with its source ({reason})"},
            "fullDescription": {"text": text},
            "helpUri": f"{DOCS}#{reason}",
            "help": {"text": f"{text} Correct the draft or check the fact with 'factcheck explain FACT-ID'."},
            "defaultConfiguration": {"level": "error"},
            "properties": {"tags": ["factcheck", "discrepancy"]},
        }
        for reason, text in ((r, _DESCRIPTIONS[r]) for r in REASONS)
    ]
    found.append({
        "id": "unverified",
        "name": "UnverifiedFigure",
        "shortDescription": {"text": "A figure that no fact in the fact base states"},
        "fullDescription": {"text": "No fact in the fact base matches this figure: check it by hand or add the fact."},
        "helpUri": f"{DOCS}#unverified",
        "help": {"text": "Add the figure's source to the fact base, or verify it by hand."},
        "defaultConfiguration": {"level": "note"},
        "properties": {"tags": ["factcheck", "unverified"]},
    })
    return found


def location(path: str) -> dict[str, str]:
    """An artifactLocation: a relative URI reference against %SRCROOT%, or an absolute file: URI alone.

    >>> location("drafts/a b.md"), location("a:b\\n.md")
    ({'uri': 'drafts/a%20b.md', 'uriBaseId': '%SRCROOT%'}, {'uri': 'a%3Ab%0A.md', 'uriBaseId': '%SRCROOT%'})
    >>> location("/srv/news/a.md")
    {'uri': 'file:///srv/news/a.md'}
    """
    if Path(path).is_absolute():
        return {"uri": Path(path).as_uri()}
    return {"uri": quote(Path(path).as_posix(), safe="/-._~"), "uriBaseId": "%SRCROOT%"}


def fingerprint(finding: Finding) -> str:
    parts = (finding.path, "".join(finding.claim.split()), finding.text, finding.verdict, finding.reason or "", finding.fact_id or "")
    return hashlib.sha256("\x00".join(parts).encode("utf-8")).hexdigest()[:32]


def _region(finding: Finding) -> dict[str, int]:
    end_line, end_column = end(finding)
    return {"startLine": finding.line, "startColumn": finding.column, "endLine": end_line, "endColumn": end_column}


def _message(finding: Finding) -> str:
    source = f" ({finding.source}, fact {finding.fact_id})" if finding.fact_id else ""
    return f"{headline(finding)}.{source} Claim: {finding.claim}"


def result(finding: Finding, index: dict[str, int], level: str) -> dict[str, Any]:
    rule = rule_id(finding)
    return {
        "ruleId": rule,
        "ruleIndex": index[rule],
        "level": level,
        "message": {"text": _message(finding)},
        "locations": [{
            "physicalLocation": {"artifactLocation": location(finding.path), "region": _region(finding)},
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
    return stream_dumps({
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "factcheck", "version": __version__, "semanticVersion": __version__,
                "informationUri": HOMEPAGE, "rules": driver_rules,
            }},
            "columnKind": "unicodeCodePoints",
            "originalUriBaseIds": {"%SRCROOT%": {"description": {"text": "The folder factcheck ran in."}}},
            "results": Streamed(_results(tally.counted(results), options, index)),
            "properties": Later(lambda: {"summary": {**tally.totals(), "suppressed": tally.suppressed}}),
        }],
    })


def _results(results: Iterable[FileResult], options: Options, index: dict[str, int]) -> Iterator[Any]:
    """A result per finding that needs a look (agreeing figures are not results), a PAUSE per file."""
    for file in results:
        for finding in file.findings:
            level = options.level(file.path, finding)
            if level is not None:
                yield result(finding, index, level)
        yield PAUSE


def render(results: Sequence[FileResult], options: Options) -> str:
    return "".join(stream(results, options, Tally(options.suppressed)))

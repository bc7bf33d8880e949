"""`--format json`: the contract other tools read. Field names never change; fields may be added."""

from __future__ import annotations

import json
import re
from typing import Any, Callable, Iterable, Iterator, Sequence

from ..check import FileResult
from ..model import Finding
from . import Options, Tally

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


def stream(results: Iterable[FileResult], options: Options, tally: Tally) -> Iterator[str]:
    # A file's findings as they are written too, never all as dicts at once: a draft may have 200,000.
    files = Streamed({"path": r.path, "findings": Streamed(finding_dict(f, options.verbose) for f in r.findings)}
                     for r in tally.counted(results))
    return stream_dumps({
        "version": VERSION, "files": files, "summary": Later(tally.totals),
        "suppressed": Later(lambda: tally.suppressed),  # silenced by comments or a baseline: counted, not listed
    })


def render(results: Sequence[FileResult], options: Options) -> str:
    return "".join(stream(results, options, Tally(options.suppressed)))


class Streamed:  # plain classes: a NamedTuple costs start-up time to create
    """A list written item by item as it is iterated: the files of a report, as they are checked."""

    __slots__ = ("items",)

    def __init__(self, items: Iterable[Any]) -> None:
        self.items = items


# An item of a Streamed list that writes nothing, only yields an empty piece: a list whose
# items are not one per file (sarif's results, one per finding) has one after each file, so
# the report yields once per file taken, as reporting.Tee needs.
PAUSE = Streamed(())


class Later:
    """A value made when the writing reaches it, after the lists before it: totals."""

    __slots__ = ("make",)

    def __init__(self, make: Callable[[], Any]) -> None:
        self.make = make


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
    return "".join(stream_dumps(data))


def stream_dumps(data: Any) -> Iterator[str]:
    """`dumps` in pieces: a `Streamed` list is written as it is iterated, a `Later` value when reached."""
    for chunk in _laid_out(data, 0):
        yield _RAW.sub(lambda m: f"\\u{ord(m.group()):04x}", chunk)
    yield "\n"


EXPANDED = 4  # levels indented: document, files, file, findings
_compact = json.JSONEncoder(ensure_ascii=False, separators=(", ", ": ")).encode


def _laid_out(value: Any, depth: int) -> Iterator[str]:
    if isinstance(value, Later):
        value = value.make()
    if isinstance(value, Streamed):
        yield from _container("[]", (None if item is PAUSE else _laid_out(item, depth + 1) for item in value.items), depth)
    elif depth >= EXPANDED or not isinstance(value, (dict, list)) or not value:
        yield _compact(value)
    elif isinstance(value, dict):
        yield from _container("{}", (_keyed(key, item, depth + 1) for key, item in value.items()), depth)
    else:
        yield from _container("[]", (_laid_out(item, depth + 1) for item in value), depth)


def _keyed(key: Any, value: Any, depth: int) -> Iterator[str]:
    yield f"{_compact(str(key))}: "
    yield from _laid_out(value, depth)


def _container(brackets: str, members: Iterator[Iterator[str] | None], depth: int) -> Iterator[str]:
    inner = "\n" + "  " * (depth + 1)
    empty = True
    for member in members:
        if member is None:  # PAUSE
            yield ""
            continue
        yield (brackets[0] if empty else ",") + inner
        yield from member
        empty = False
    yield brackets if empty else "\n" + "  " * depth + brackets[1]

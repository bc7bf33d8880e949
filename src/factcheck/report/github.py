"""`--format github`: GitHub Actions workflow commands, shown as annotations on the draft.

    ::error file=drafts/a.md,line=14,col=12,title=factcheck%3A discrepancy (value)::5.3万座: the source says 5.2万座; ...

discrepancy -> `error`, unverified -> `warning`. Figures that agree are not
annotated (an annotation asks for action, and GitHub shows only the first
few of each kind per step); a closing `::notice` counts every verdict.

Every line starts with `::` and draft text can never start another: the
message escapes `%`, CR and LF (%25, %0D, %0A) and the properties also `:`
and `,` (%3A, %2C), as GitHub documents; other control characters (a
terminal escape such as ESC [31m) are shown as `\\x1b` text first.
"""

from __future__ import annotations

from typing import Iterable, Iterator, Sequence

from ..check import FileResult
from ..model import Finding
from . import Options, Tally, safe

LEVELS = {"discrepancy": "error", "unverified": "warning"}


def escape_data(text: str) -> str:
    """A message: `%`, CR, LF escaped.

    >>> escape_data("a%b\\n::warning::x")
    'a%25b%0A::warning::x'
    """
    return safe(text).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """A property value: as a message, and `:` and `,` too.

    >>> escape_property("a,b::c")
    'a%2Cb%3A%3Ac'
    """
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def message(finding: Finding) -> str:
    parts = [finding.text]
    if finding.expected is not None:
        parts.append(f"the source says {finding.expected.text}")
    elif finding.verdict == "unverified":
        parts.append("no fact in the fact base states this figure")
    if finding.source:
        parts.append(f"source {finding.source} ({finding.fact_id})")
    text = ": ".join(parts[:2]) + "".join(f"; {p}" for p in parts[2:])
    if finding.quote:
        text += f"\n“{finding.quote}”"
    return text + f"\nclaim: {finding.claim}"


def command(finding: Finding) -> str:
    level = LEVELS[finding.verdict]
    title = f"factcheck: {finding.verdict}" + (f" ({finding.reason})" if finding.reason else "")
    properties = {"file": finding.path, "line": str(finding.line), "col": str(finding.column), "title": title}
    props = ",".join(f"{key}={escape_property(value)}" for key, value in properties.items())
    return f"::{level} {props}::{escape_data(message(finding))}"


def stream(results: Iterable[FileResult], options: Options, tally: Tally) -> Iterator[str]:
    for result in tally.counted(results):
        yield "".join(command(f) + "\n" for f in result.findings if f.verdict in LEVELS)
    yield f"::notice title=factcheck::{escape_data(tally.summary_line())}\n"


def render(results: Sequence[FileResult], options: Options) -> str:
    return "".join(stream(results, options, Tally(options.suppressed)))

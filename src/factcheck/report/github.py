"""`--format github`: GitHub Actions workflow commands, shown as annotations on the draft.

    ::error file=drafts/a.md,line=14,endLine=14,col=12,endColumn=16,title=factcheck%3A discrepancy (value)::5.3万座: ...

The level agrees with the exit status: `error` for what fails (--fail-on),
`warning` for a discrepancy that does not, `notice` for an unverified figure
that does not. Figures that agree are not annotated (an annotation asks for
action). GitHub shows at most 10 annotations of each level per step, so the
failing ones come first: they are written as each draft is checked, the others
wait in a spool (memory, then disk past a few MB) until the last draft. A
closing `::notice` counts every verdict, and with $GITHUB_STEP_SUMMARY set the
run also writes the full Markdown table there.

Every line starts with `::` and draft text can never start another: the
message escapes `%`, CR and LF (%25, %0D, %0A) and the properties also `:`
and `,` (%3A, %2C), as GitHub documents; other control characters (a
terminal escape such as ESC [31m) are shown as `\\x1b` text first.
"""

from __future__ import annotations

from typing import Iterable, Iterator, Sequence

from ..check import FileResult
from ..model import Finding
from . import Options, Tally, end, headline, read_back, safe, spool

COMMANDS = {"error": "error", "warning": "warning", "note": "notice"}


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
    text = headline(finding)
    if finding.fact_id:  # any verdict that names a fact: its source and words
        text += f"\nsource: {finding.source} ({finding.fact_id})"
        if finding.quote:
            text += f"\n“{finding.quote}”"
    return text + f"\nclaim: {finding.claim}"


def _position(finding: Finding) -> dict[str, str]:
    """line/endLine, and col/endColumn (the last character's, inclusive) when on one line:
    GitHub takes columns only for a one-line annotation."""
    end_line, end_column = end(finding)
    if end_line != finding.line:
        return {"line": str(finding.line), "endLine": str(end_line)}
    return {"line": str(finding.line), "endLine": str(end_line), "col": str(finding.column), "endColumn": str(end_column - 1)}


def command(finding: Finding, level: str) -> str:
    title = f"factcheck: {finding.verdict}" + (f" ({finding.reason})" if finding.reason else "")
    properties = {"file": finding.path, **_position(finding), "title": title}
    props = ",".join(f"{key}={escape_property(value)}" for key, value in properties.items())
    return f"::{COMMANDS[level]} {props}::{escape_data(message(finding))}"


def stream(results: Iterable[FileResult], options: Options, tally: Tally) -> Iterator[str]:
    """Errors as each draft is checked; warnings, then notices, once the last one is."""
    with spool() as warnings, spool() as notes:
        later = {"warning": warnings, "note": notes}
        for result in tally.counted(results):
            errors = []
            for finding in result.findings:
                level = options.level(result.path, finding)
                if level == "error":
                    errors.append(command(finding, level) + "\n")
                elif level is not None:
                    later[level].write(command(finding, level) + "\n")
            yield "".join(errors)
        yield from read_back(warnings)
        yield from read_back(notes)
    yield f"::notice title=factcheck::{escape_data(tally.summary_line())}\n"


def render(results: Sequence[FileResult], options: Options) -> str:
    return "".join(stream(results, options, Tally(options.suppressed)))

"""`--format junit`: JUnit XML for CI systems that show test reports (GitLab, Jenkins, Azure).

A `<testsuite>` per draft and a `<testcase>` per figure, valid under the common
Jenkins/Ant JUnit schema. The counts agree with the exit status: a finding that
fails (--fail-on) is a `<failure>`; a discrepancy or an unverified figure that
does not fail is `<skipped>` with what to look at; a figure that agrees passes.
A test is named by its draft (classname) and its figure, numbered when the
figure recurs in the draft, never by line:column (a test's history would break
whenever text moved); the position is in the message. Built with xml.etree, so
draft text is escaped; characters XML 1.0 forbids are dropped and other control
characters (ESC) are shown as `\\x1b` text first, so a report viewer never sees them.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections import Counter
from typing import Iterable, Iterator, Sequence

from ..check import FileResult
from ..model import Finding
from . import Options, Tally, headline, one_line, read_back, safe, spool

# Everything outside XML 1.0's Char production: #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF]
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_text(text: str) -> str:
    """Text that XML 1.0 can carry, with controls made visible.

    >>> xml_text("a\\x1b[31mb\\x00\\ufffe")
    'a\\\\x1b[31mb\\\\x00'
    """
    return _NOT_XML.sub("", safe(text))


def case_names(findings: Sequence[Finding]) -> list[str]:
    """A test name per figure: its text, with ` (2)`, ` (3)` ... when it recurs in the draft.

    >>> import dataclasses
    >>> f = Finding("d.md", 1, 1, 0, 3, "10倍", "", "agree", None, None, None)
    >>> case_names([f, dataclasses.replace(f, text="5%"), f])
    ['10倍', '5%', '10倍 (2)']
    """
    seen: Counter[str] = Counter()
    names = []
    for finding in findings:
        seen[finding.text] += 1
        names.append(finding.text + (f" ({seen[finding.text]})" if seen[finding.text] > 1 else ""))
    return names


def _details(finding: Finding) -> str:
    """One line per field, each value kept on its line (one_line): a line break in a file name
    or a quote began a line of the report with whatever followed, `::error::` included."""
    lines = [f"{one_line(finding.path)}:{finding.line}:{finding.column}: {finding.verdict}" + (f" [{finding.reason}]" if finding.reason else "")]
    lines.append(one_line(headline(finding)))
    if finding.fact_id is not None:  # any verdict that names a fact
        lines.append(f"fact: {one_line(finding.fact_id)} ({one_line(finding.source or '')})")
        lines.append(f"quote: {one_line(finding.quote or '')}")
    lines.append(f"claim: {one_line(finding.claim)}")
    return "\n".join(lines)


def testcase(suite: ET.Element, finding: Finding, name: str, level: str | None) -> None:
    case = ET.SubElement(suite, "testcase", classname=xml_text(finding.path), name=xml_text(name))
    where = f"{finding.line}:{finding.column}: "
    if level == "error":
        failure = ET.SubElement(case, "failure", message=xml_text(where + headline(finding)), type=finding.verdict + (f"/{finding.reason}" if finding.reason else ""))
        failure.text = xml_text(_details(finding))
    elif level is not None:  # needs a look, does not fail
        skipped = ET.SubElement(case, "skipped", message=xml_text(where + headline(finding)))
        skipped.text = xml_text(_details(finding))
    else:
        out = ET.SubElement(case, "system-out")
        out.text = xml_text(_details(finding))


def _counts(result: FileResult, options: Options) -> tuple[int, int]:
    levels = [options.level(result.path, f) for f in result.findings]
    return levels.count("error"), sum(level in ("warning", "note") for level in levels)


def testsuite(parent: ET.Element, result: FileResult, options: Options) -> None:
    failures, skipped = _counts(result, options)
    suite = ET.SubElement(parent, "testsuite", name=xml_text(result.path))
    suite.set("tests", str(len(result.findings)))
    suite.set("failures", str(failures))
    suite.set("errors", "0")
    suite.set("skipped", str(skipped))
    for finding, name in zip(result.findings, case_names(result.findings)):
        testcase(suite, finding, name, options.level(result.path, finding))


def stream(results: Iterable[FileResult], options: Options, tally: Tally) -> Iterator[str]:
    """The root element carries the totals, so each file's <testsuite> goes to a spool (memory,
    then disk past a few MB) and the document is written once the last file is counted."""
    tests = failures = 0
    with spool() as suites:
        for result in tally.counted(results):
            holder = ET.Element("testsuites")
            testsuite(holder, result, options)
            ET.indent(holder[0], level=1)  # as ET.indent(root) lays out a child of the root
            suites.write("\n  " + ET.tostring(holder[0], encoding="unicode"))
            tests += len(result.findings)
            failures += _counts(result, options)[0]
            yield ""  # a file taken, its report spooled: reporting.Tee may feed the next
        root = ET.Element("testsuites", name="factcheck")
        root.set("tests", str(tests))
        root.set("failures", str(failures))
        root.set("errors", "0")  # (the schema has no `skipped` here: each testsuite counts its own)
        head = '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode")
        if not tally.files:
            yield head + "\n"
            return
        yield head.removesuffix(" />") + ">"
        yield from read_back(suites)
        yield "\n</testsuites>\n"


def render(results: Sequence[FileResult], options: Options) -> str:
    return "".join(stream(results, options, Tally(options.suppressed)))

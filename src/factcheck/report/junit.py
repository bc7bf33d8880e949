"""`--format junit`: JUnit XML for CI systems that show test reports (GitLab, Jenkins, Azure).

A `<testsuite>` per draft and a `<testcase>` per figure: a discrepancy is a
`<failure>`, an unverified figure is `<skipped>` (it could not be checked),
a figure that agrees passes. Built with xml.etree, so draft text is escaped;
characters XML 1.0 forbids are dropped and other control characters (ESC)
are shown as `\\x1b` text first, so a report viewer never sees them.
"""

from __future__ import annotations

import re
import tempfile
import xml.etree.ElementTree as ET
from typing import Iterable, Iterator, Sequence

from ..check import FileResult
from ..model import Finding
from . import Options, Tally, one_line, safe, summary

SPOOL_BYTES = 1 << 22

# Everything outside XML 1.0's Char production: #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF]
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_text(text: str) -> str:
    """Text that XML 1.0 can carry, with controls made visible.

    >>> xml_text("a\\x1b[31mb\\x00\\ufffe")
    'a\\\\x1b[31mb\\\\x00'
    """
    return _NOT_XML.sub("", safe(text))


def _case_name(finding: Finding) -> str:
    return f"{finding.line}:{finding.column} {finding.text}"


def _details(finding: Finding) -> str:
    """One line per field, each value kept on its line (one_line): a line break in a file name
    or a quote began a line of the report with whatever followed, `::error::` included."""
    lines = [f"{one_line(finding.path)}:{finding.line}:{finding.column}: {finding.verdict}" + (f" [{finding.reason}]" if finding.reason else "")]
    lines.append(f"figure: {one_line(finding.text)}")
    if finding.expected is not None:
        lines.append(f"source says: {one_line(finding.expected.text)}")
    if finding.fact_id is not None:
        lines.append(f"fact: {one_line(finding.fact_id)} ({one_line(finding.source or '')})")
        lines.append(f"quote: {one_line(finding.quote or '')}")
    lines.append(f"claim: {one_line(finding.claim)}")
    return "\n".join(lines)


def testcase(suite: ET.Element, finding: Finding) -> None:
    case = ET.SubElement(suite, "testcase", classname=xml_text(finding.path), name=xml_text(_case_name(finding)))
    case.set("file", xml_text(finding.path))
    case.set("line", str(finding.line))
    if finding.verdict == "discrepancy":
        says = f": the source says {finding.expected.text}" if finding.expected else ""
        failure = ET.SubElement(case, "failure", message=xml_text(f"{finding.text}{says}"), type=f"discrepancy/{finding.reason or 'value'}")
        failure.text = xml_text(_details(finding))
    elif finding.verdict == "unverified":
        ET.SubElement(case, "skipped", message=xml_text(f"{finding.text}: no fact in the fact base states this figure"))
    else:
        out = ET.SubElement(case, "system-out")
        out.text = xml_text(_details(finding))


def testsuite(parent: ET.Element, result: FileResult) -> None:
    counts = summary([result])
    suite = ET.SubElement(parent, "testsuite", name=xml_text(result.path))
    suite.set("tests", str(len(result.findings)))
    suite.set("failures", str(counts["discrepancy"]))
    suite.set("errors", "0")
    suite.set("skipped", str(counts["unverified"]))
    for finding in result.findings:
        testcase(suite, finding)


def stream(results: Iterable[FileResult], options: Options, tally: Tally) -> Iterator[str]:
    """The root element carries the totals, so each file's <testsuite> goes to a spool (memory,
    then disk past a few MB) and the document is written once the last file is counted."""
    with tempfile.SpooledTemporaryFile(max_size=SPOOL_BYTES, mode="w+", encoding="utf-8") as spool:
        for result in tally.counted(results):
            holder = ET.Element("testsuites")
            testsuite(holder, result)
            ET.indent(holder[0], level=1)  # as ET.indent(root) lays out a child of the root
            spool.write("\n  " + ET.tostring(holder[0], encoding="unicode"))
        counts = tally.totals()
        root = ET.Element("testsuites", name="factcheck")
        root.set("tests", str(sum(counts.values())))
        root.set("failures", str(counts["discrepancy"]))
        root.set("errors", "0")
        root.set("skipped", str(counts["unverified"]))
        head = '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode")
        if not tally.files:
            yield head + "\n"
            return
        yield head.removesuffix(" />") + ">"
        spool.seek(0)
        yield from iter(lambda: spool.read(SPOOL_BYTES), "")
        yield "\n</testsuites>\n"


def render(results: Sequence[FileResult], options: Options) -> str:
    return "".join(stream(results, options, Tally(options.suppressed)))

"""A drafted fact file as YAML text: keys in the schema's order, `# check:` comments on the
fields to review, scalars quoted only when they must be. Written by hand rather than by a
YAML library, which would lose the comments and reorder keys; the tests load every output
back through the fact loader."""

from __future__ import annotations

import re
from collections.abc import Iterator

from .author import Authored
from .author_build import Drafted, Proposal

INDENT = "  "  # of a fact under `facts:`, as the shipped files
_PLAIN_START = re.compile(r"[^\s\-?:,\[\]{}#&*!|>'\"%@`.+0-9]")
_NOT_PLAIN = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff#]|: |:$|\s$|^\s")
_FLOW = re.compile(r"[,\[\]{}:]")
_WORDS = {"yes", "no", "on", "off", "y", "n", "true", "false", "null", "~"}
_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\t": "\\t", "\r": "\\r"}


def scalar(text: str, flow: bool = False) -> str:
    """A string as a YAML scalar: plain when that reads back as the same string, else
    double-quoted with escapes.

    >>> scalar("新建5G基站"), scalar("2020"), scalar("a: b"), scalar("x, y", flow=True)
    ('新建5G基站', '"2020"', '"a: b"', '"x, y"')
    """
    if (text and _PLAIN_START.match(text) and not _NOT_PLAIN.search(text) and text.lower() not in _WORDS
            and not (flow and _FLOW.search(text))):
        return text
    return '"' + "".join(_escaped(char) for char in text) + '"'


def _escaped(char: str) -> str:
    if char in _ESCAPES:
        return _ESCAPES[char]
    code = ord(char)
    if code < 0x20 or 0x7F <= code <= 0x9F or char in "\u2028\u2029\ufeff" or 0xD800 <= code <= 0xDFFF:
        return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"
    return char


def flow_list(items: tuple[str, ...]) -> str:
    return "[" + ", ".join(scalar(item, flow=True) for item in items) + "]"


def render(authored: Authored) -> str:
    """The whole fact file."""
    return "".join(line + "\n" for line in _file(authored))


def render_facts(authored: Authored) -> str:
    """Only the items of the facts list (for --merge: appended to an existing file)."""
    return "\n".join("".join(line + "\n" for line in fact_lines(fact_id, fact)) for fact_id, fact in authored.facts)


def _file(authored: Authored) -> Iterator[str]:
    yield from _header(authored)
    yield f"source: {scalar(authored.source.name)}"
    if authored.title:
        yield _commented(f"title: {scalar(authored.title)}", "the first title line of the source: is it the headline?")
    if authored.publisher:
        yield f"publisher: {scalar(authored.publisher)}"
    if authored.published:
        yield f'published: "{authored.published}"'
    if authored.base_year is not None:
        yield _commented(f"base_year: {authored.base_year}", authored.year_doubt)
    if not authored.facts:
        yield "facts: []"
        return
    yield "facts:"
    for fact_id, fact in authored.facts:
        yield ""
        yield from fact_lines(fact_id, fact)


def _header(authored: Authored) -> Iterator[str]:
    yield f"# Drafted by `factcheck facts draft` from {authored.source.name}: review every"
    yield "# `# check:` comment, correct the field and remove the comment (docs/fact-schema.md,"
    yield '# "Adding a source").'
    yield from header_notes(authored)


def header_notes(authored: Authored) -> Iterator[str]:
    """Proposed entities, specs of the fact base that fail, and what was left out: comments."""
    if authored.proposals:
        yield "#"
        yield "# Proposed entities: places and bodies the gazetteer lacks. Add each to the gazetteer"
        yield "# (facts/entities.yaml) after review, then make it the subject of its facts:"
        for proposal in authored.proposals:
            yield from _proposal(proposal)
    if authored.broken:
        yield "#"
        yield "# check: specs of the fact base that fail with these facts (validate lists them too); settle"
        yield "# which fact each sentence speaks of, in this file or the other:"
        for line in authored.broken:
            yield f"# - {_one_line(line)}"
    if authored.left_out:
        yield "#"
        yield "# Not facts (left out on purpose):"
        for items, why in authored.left_out:
            yield f"# - {_one_line(items)}: {why};"


def _proposal(proposal: Proposal) -> Iterator[str]:
    yield f"#   - id: {scalar(proposal.id)}    # check: as the source writes it: {proposal.seen}"
    yield f"#     kind: {proposal.kind}    # check: the kind"
    yield '#     english: ""    # check: the English name'
    if proposal.parent:
        yield f"#     parent: {scalar(proposal.parent)}"


def fact_lines(fact_id: str, fact: Drafted) -> Iterator[str]:
    """One fact as the item of a list, two spaces in, keys in the schema's order."""
    doubts = fact.doubts
    pad = INDENT + "  "
    yield f"{INDENT}- id: {fact_id}"
    yield _commented(f"{pad}subject: {scalar(fact.subject)}", doubts.get("subject"))
    yield _commented(f"{pad}metric: {scalar(fact.metric)}", doubts.get("metric"))
    if fact.keywords:
        yield _commented(f"{pad}keywords: {flow_list(fact.keywords)}", doubts.get("keywords"))
    if fact.period:
        yield _commented(f'{pad}period: "{fact.period}"', doubts.get("period"))
    elif doubts.get("period"):
        yield f"{pad}# check: period: {doubts['period']}"
    yield f"{pad}kind: {fact.kind}"
    if fact.direction:
        yield f"{pad}direction: {fact.direction}"
    yield _commented(f'{pad}value: "{fact.value}"', doubts.get("value"))
    yield _commented(f"{pad}unit: {scalar(fact.unit)}", doubts.get("unit"))
    if fact.counters:
        yield f"{pad}counters: {flow_list(fact.counters)}"
    if fact.qualifier:
        yield f"{pad}qualifier: {scalar(fact.qualifier)}"
    yield f"{pad}as_written: {scalar(fact.as_written)}"
    if fact.target:
        yield _commented(f"{pad}target: true", doubts.get("target"))
    yield _commented(f"{pad}quote: {scalar(fact.quote)}", doubts.get("quote"))
    for place in fact.also:
        yield f"{pad}# also in {_one_line(place)}"
    if doubts.get("specs"):
        yield f"{pad}# check: specs: {doubts['specs']}"
    if fact.specs:
        yield f"{pad}specs:"
        for verdict, text, reason in fact.specs:
            yield f"{pad}  - {verdict}: {scalar(text)}"
            if reason:
                yield f"{pad}    reason: {reason}"


def _commented(line: str, doubt: str | None) -> str:
    return f"{line}  # check: {_one_line(doubt)}" if doubt else line


def _one_line(text: str) -> str:
    return " ".join(text.split())

"""The pipeline for one draft: read -> extract -> claims -> match -> findings."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from functools import cached_property

from .claims import Claim, make_claims
from .gazetteer import Gazetteer
from .glossary import Glossary
from .english import of_fact
from .extract import extract
from .facts import FactBase
from .candidates import FactIndex, Sentence
from .frame import Frame, frame
from .match import Decision, decide
from .model import Expected, Fact, Finding
from .read import Draft, make_draft

# A claim is the figure's sentence, cut to this many characters around the figure: a
# 5 MB "sentence" (no full stop) would otherwise be copied into every one of its findings.
MAX_CLAIM = 600
# A finding quotes its fact, cut to this many characters around the figure as written, with
# "…" where it was cut: a 5 MB quote matched by 100 figures made a 500 MB report.
MAX_QUOTE = 600


@dataclass(frozen=True)
class FileResult:
    path: str
    findings: tuple[Finding, ...]


class Checker:
    """A fact base made ready for matching: build once, check many drafts."""

    def __init__(self, base: FactBase) -> None:
        self.base = base

    @cached_property
    def gazetteer(self) -> Gazetteer:
        return Gazetteer(self.base.entities)

    @cached_property
    def glossary(self) -> Glossary:
        return Glossary(self.base.glossary)

    @cached_property
    def index(self) -> FactIndex:
        return FactIndex(self.base, self.gazetteer)

    def check(self, draft: Draft, candidates: bool = True) -> FileResult:
        """The draft's findings; `candidates=False` leaves out the facts weighed for each."""
        mentions = extract(draft.prose)
        claims = make_claims(draft.prose, mentions, self.gazetteer)
        sentence = Sentence()
        frames = (frame(draft.prose, c) for c in claims)
        findings = [f for f in (self._finding(draft, fr, sentence, candidates) for fr in frames) if f is not None]
        return FileResult(draft.path, tuple(findings))

    def check_text(self, text: str, path: str = "<text>", markdown: bool = False) -> FileResult:
        return self.check(make_draft(path, text, markdown))

    def _finding(self, draft: Draft, framed: Frame, sentence: Sentence, candidates: bool) -> Finding | None:
        decision = decide(framed, self.index, self.gazetteer, sentence, candidates, self.glossary)
        claim = framed.claim
        mention = claim.mention
        if mention.kind == "date" and decision.verdict == "unverified":
            return None  # a date is context, unless a fact states it
        line, column = draft.position(mention.start)
        claim_text, claim_offset = claim_sentence(draft.text, claim)
        return Finding(
            path=draft.path, line=line, column=column, start=mention.start, end=mention.end,
            text=draft.text[mention.start:mention.end], claim=claim_text,
            verdict=decision.verdict, reason=decision.reason,
            value=_value_text(mention.value) if mention.kind != "date" else (mention.date.iso() if mention.date else None),
            unit=mention.unit if mention.kind != "date" else "date",
            expected=_expected(decision, english=mention.text.isascii()) if decision.verdict == "discrepancy" else None,
            fact_id=decision.fact.id if decision.fact else None,
            source=decision.fact.source if decision.fact else None,
            quote=quoted(decision.fact) if decision.fact else None,
            score=round(decision.score, 3),
            candidates=decision.candidates,
            why=decision.why,
            note=decision.note,
            rule=decision.rule,
            subject=claim.subject,
            claim_offset=claim_offset,
        )


def claim_sentence(text: str, claim: Claim) -> tuple[str, int]:
    """The claim's sentence on one line (at most MAX_CLAIM characters around the figure), and where the figure starts in it."""
    start, end = claim.sentence
    if end - start > MAX_CLAIM:
        room = max(0, MAX_CLAIM - (claim.mention.end - claim.mention.start)) // 2
        start = max(start, claim.mention.start - room)
        end = min(end, claim.mention.end + room)
    raw = text[start:end]
    stripped = raw.lstrip()
    offset = claim.mention.start - start - (len(raw) - len(stripped))
    flat = "".join(" " if c in "\r\n\t" else c for c in stripped.rstrip())
    return flat, max(0, offset)


def quoted(fact: Fact) -> str:
    """The fact's quote as a finding carries it: whole, or MAX_QUOTE characters around the figure.

    >>> len(quoted(Fact("f", "s", "x", "m", (), "count", None, "", "5座", "甲" * 1000 + "5座" + "乙" * 1000)))
    602
    """
    quote = fact.quote
    if len(quote) <= MAX_QUOTE:
        return quote
    start = max(0, min(quote.find(fact.as_written) - MAX_QUOTE // 2, len(quote) - MAX_QUOTE))
    return ("…" if start else "") + quote[start:start + MAX_QUOTE] + ("…" if start + MAX_QUOTE < len(quote) else "")


def _value_text(value: Decimal | None) -> str | None:
    if value is None:
        return None
    text = format(value.normalize(), "f")
    return text


def fact_value_text(fact: Fact) -> str | None:
    return fact.date if fact.value is None else _value_text(fact.value)


def _expected(decision: Decision, english: bool) -> Expected | None:
    fact = decision.fact
    if fact is None:
        return None
    return Expected(text=fact.as_written, value=fact_value_text(fact), unit=fact.unit, subject=fact.subject,
                    english=of_fact(fact) if english else None)

"""The pipeline for one draft: read -> extract -> claims -> match -> findings."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from decimal import Decimal
from functools import cached_property, partial

from .claims import Claim, make_claims
from .gazetteer import Gazetteer
from .glossary import Glossary
from .english import of_fact
from .extract import extract
from .facts import FactBase
from .candidates import FactIndex, Sentence
from .frame import Frame, frame
from .match import decide
from .model import Expected, Fact, Finding
from .limits import TooMany
from .read import Draft, InputError, make_draft
from .reading import HIDDEN, written_fact

# A claim is the figure's sentence, cut to this many characters around the figure: a
# 5 MB "sentence" (no full stop) would otherwise be copied into every one of its findings.
MAX_CLAIM = 600
CLAIM_STEP = 100  # a long sentence is cut on this grid, so that neighbouring figures share a cut
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
        """The draft's findings; `candidates=False` leaves out the facts weighed for each.
        InputError for a draft holding more than limits.MAX_ITEMS numbers (or names)."""
        try:
            return self._check(draft, candidates)
        except TooMany as exc:
            raise InputError(f"{draft.path}: {exc} in one draft: too many to check") from None

    def _check(self, draft: Draft, candidates: bool) -> FileResult:
        # Every stage reads the draft's reading; findings quote and place its own text.
        mentions = extract(draft.reading)
        hidden = not HIDDEN.isdisjoint(draft.text)
        # A date no fact may state is left out, unless it is to be looked at for hidden characters.
        dated = None if hidden else partial(self.index.dated, self.gazetteer)
        claims = make_claims(draft.reading, mentions, self.gazetteer, dated)
        sentence = Sentence()
        cuts = ClaimCuts(draft.text)
        findings: list[Finding] = []
        for claim in claims:
            finding = self._finding(draft, frame(draft.reading, claim), sentence, candidates, cuts)
            findings += [finding] if finding is not None else []
            findings += _hidden(draft, claim) if hidden else []
        return FileResult(draft.path, tuple(findings))

    def check_text(self, text: str, path: str = "<text>", markdown: bool = False) -> FileResult:
        return self.check(make_draft(path, text, markdown))

    def _finding(self, draft: Draft, framed: Frame, sentence: Sentence, candidates: bool, cuts: ClaimCuts) -> Finding | None:
        decision = decide(framed, self.index, self.gazetteer, sentence, candidates, self.glossary)
        claim = framed.claim
        mention = claim.mention
        if mention.kind == "date" and decision.verdict == "unverified":
            return None  # a date is context, unless a fact states it
        start, end = draft.span(mention.start, mention.end)
        line, column = draft.position(start)
        claim_text, claim_offset = claim_sentence(draft.text, draft.span(*claim.sentence), (start, end), cuts)
        fact = written_fact(self.index.facts, decision.fact) if decision.fact else None
        return Finding(
            path=draft.path, line=line, column=column, start=start, end=end,
            text=draft.text[start:end], claim=claim_text,
            verdict=decision.verdict, reason=decision.reason,
            value=_value_text(mention.value) if mention.kind != "date" else (mention.date.iso() if mention.date else None),
            unit=mention.unit if mention.kind != "date" else "date",
            expected=_expected(fact, english=not _chinese(claim.context)) if decision.verdict == "discrepancy" else None,
            fact_id=fact.id if fact else None,
            source=fact.source if fact else None,
            quote=quoted(fact) if fact else None,
            score=round(decision.score, 3),
            candidates=decision.candidates,
            why=decision.why,
            note=decision.note,
            rule=decision.rule,
            subject=claim.subject,
            claim_offset=claim_offset,
        )


def _hidden(draft: Draft, claim: Claim) -> list[Finding]:
    """An invisible character in or right beside a figure is a finding of its own: it is how
    a wrong figure would be slipped past a checker (the figure is read as if it were a space)."""
    start, end = draft.span(claim.mention.start, claim.mention.end)
    text = draft.text
    found = [i for i in range(max(0, start - 1), min(len(text), end + 1)) if text[i] in HIDDEN]
    if not found:
        return []
    line, column = draft.position(start)
    claim_text, claim_offset = claim_sentence(text, draft.span(*claim.sentence), (start, end))
    names = ", ".join(f"U+{ord(text[i]):04X} {unicodedata.name(text[i], '')}".rstrip() for i in found)
    return [Finding(
        path=draft.path, line=line, column=column, start=start, end=end, text=text[start:end], claim=claim_text,
        verdict="unverified", reason=None, value=None, unit=None, why="hidden-character", rule="hidden character",
        note=f"an invisible character ({names}) stands in or beside this figure: the draft may not read as it looks",
        subject=claim.subject, claim_offset=claim_offset,
    )]


def claim_sentence(text: str, sentence: tuple[int, int], figure: tuple[int, int],
                   cuts: ClaimCuts | None = None) -> tuple[str, int]:
    """The sentence of a figure (spans of `text`) on one line, at most MAX_CLAIM characters
    around the figure, and where the figure starts in it. Figures of a draft cut in order
    may share `cuts`: neighbours in a long sentence then share one string."""
    window = claim_window(sentence, figure)
    flat, lead = (cuts or ClaimCuts(text)).of(window)
    return flat, max(0, figure[0] - window[0] - lead)


def claim_window(sentence: tuple[int, int], figure: tuple[int, int]) -> tuple[int, int]:
    """The part of a sentence a finding quotes: all of it, or MAX_CLAIM characters with the
    figure near the middle, starting at a multiple of CLAIM_STEP from the sentence's start,
    so that the figures of a 5 MB sentence share a cut per CLAIM_STEP characters.

    >>> claim_window((0, 50), (10, 12)), claim_window((0, 5000), (1000, 1002)), claim_window((0, 5000), (1040, 1042))
    ((0, 50), (700, 1300), (700, 1300))
    """
    start, end = sentence
    if end - start <= MAX_CLAIM:
        return sentence
    if figure[1] - figure[0] > MAX_CLAIM // 2 - CLAIM_STEP:
        room = max(0, MAX_CLAIM - (figure[1] - figure[0])) // 2
        return max(start, figure[0] - room), min(end, figure[1] + room)
    steps = (figure[0] - start - MAX_CLAIM // 2 + CLAIM_STEP // 2) // CLAIM_STEP
    first = max(start, min(start + steps * CLAIM_STEP, end - MAX_CLAIM))
    return first, first + MAX_CLAIM


_ON_ONE_LINE = str.maketrans("\r\n\t", "   ")


class ClaimCuts:
    """A draft's sentences cut for findings, the last cut kept for the figures that share it."""

    __slots__ = ("text", "window", "flat", "lead")

    def __init__(self, text: str) -> None:
        self.text, self.window, self.flat, self.lead = text, (0, 0), "", 0

    def of(self, window: tuple[int, int]) -> tuple[str, int]:
        """The cut on one line, and how many spaces its start lost."""
        if window != self.window:
            raw = self.text[window[0]:window[1]]
            stripped = raw.lstrip()
            self.window, self.lead = window, len(raw) - len(stripped)
            self.flat = stripped.rstrip().translate(_ON_ONE_LINE)
        return self.flat, self.lead


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


def _chinese(sentence: str) -> bool:
    """Has the sentence a Chinese character? One with none is English, and its expected figures
    are said in English too (26% alone is ASCII in a Chinese sentence as well). Not a character
    class: compiling [\u3400-\u9fff] takes a millisecond, on every run with a discrepancy."""
    return any("\u3400" <= char <= "\u9fff" for char in sentence)


def _value_text(value: Decimal | None) -> str | None:
    if value is None:
        return None
    return format(value.normalize(), "f")


def fact_value_text(fact: Fact) -> str | None:
    return fact.date if fact.value is None else _value_text(fact.value)


def _expected(fact: Fact | None, english: bool) -> Expected | None:
    if fact is None:
        return None
    return Expected(text=fact.as_written, value=fact_value_text(fact), unit=fact.unit, subject=fact.subject,
                    english=of_fact(fact) if english else None)

"""The small frozen records that flow through the pipeline.

read -> extract -> claims -> match -> report: each stage takes and returns
these, so a stage can be tested alone and a new output format only reads
`Finding`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Literal, NamedTuple

# What a mention is: a figure to check, or context (a date, an ordinal).
MentionKind = Literal["quantity", "percent", "points", "multiple", "date", "ordinal"]
# How the written figure relates to the true one: 超过5万 is "gt", 近90% is "lt".
Bound = Literal["eq", "gt", "ge", "lt", "le", "approx"]
Direction = Literal["up", "down"]
Verdict = Literal["agree", "discrepancy", "unverified"]
Reason = Literal["value", "unit", "direction", "period", "subject", "qualifier"]
# Why a figure is unverified: what kept it from being compared with its nearest fact.
Why = Literal[
    "another-date", "undated-source", "progress", "plan", "another-place", "another-scope",
    "another-quantity", "generic-count", "loose-fit", "no-fact", "hidden-character",
]
VERDICTS: tuple[Verdict, ...] = ("agree", "discrepancy", "unverified")
REASONS: tuple[Reason, ...] = ("value", "unit", "direction", "period", "subject", "qualifier")


@dataclass(frozen=True, slots=True)
class DateValue:
    """A calendar point or period as written; unknown parts stay None.

    `relative_year` is 0 for 今年, 1 for 明年, -1 for 去年: the year is
    resolved later from the draft's context, not guessed here.
    """

    year: int | None = None
    month: int | None = None
    day: int | None = None
    quarter: int | None = None
    half: int | None = None
    relative_year: int | None = None
    year_end: int | None = None  # 2020—2022年: year=2020, year_end=2022

    def iso(self, base_year: int | None = None) -> str:
        """ISO-like text: 2020, 2020-Q1, 2020-03, 2020-04-15, 2020/2022.

        >>> DateValue(year=2020, quarter=1).iso()
        '2020-Q1'
        >>> DateValue(month=4, day=15).iso()
        '-04-15'
        >>> DateValue(relative_year=1, month=4, day=13).iso(2020)
        '2021-04-13'
        """
        year = self.year
        if year is None and self.relative_year is not None and base_year is not None:
            year = base_year + self.relative_year
        head = "" if year is None else str(year)
        if self.year_end is not None:
            return f"{head}/{self.year_end}"
        if self.quarter is not None:
            return f"{head}-Q{self.quarter}"
        if self.half is not None:
            return f"{head}-H{self.half}"
        if self.month is None:
            return head
        text = f"{head}-{self.month:02d}"
        return text if self.day is None else f"{text}-{self.day:02d}"


@dataclass(frozen=True, slots=True)
class Mention:
    """One figure found in a text, with its exact span: text == source[start:end]."""

    start: int
    end: int
    text: str
    kind: MentionKind
    value: Decimal | None = None  # normalized: 5.2万 -> 52000, 33% -> 33
    high: Decimal | None = None  # upper end of a range (value is the lower)
    unit: str | None = None  # counter or currency without magnitude: 座, 元, 吨; % ; 百分点 ; 倍
    scale: int = 0  # power of ten written with the number: 万 -> 4, 亿 -> 8
    qualifier: str | None = None  # as written: 以上, 近, 余, 约, 不低于 ...
    bound: Bound = "eq"
    direction: Direction | None = None  # from a sign or 增长/下降 right before the figure
    phrase: str | None = None  # for multiples: 是…的 / 增加了 / 增长 (they differ by one)
    date: DateValue | None = None  # for kind == "date"
    number_text: str = ""  # the numeral alone, e.g. "5.2万" in "超过5.2万座"

    @property
    def is_figure(self) -> bool:
        """A figure that states a checkable quantity (not a date or an ordinal)."""
        return self.kind not in ("date", "ordinal")


@dataclass(frozen=True)
class Entity:
    id: str
    kind: str
    aliases: tuple[str, ...]
    english: str
    parent: str | None = None
    path: str = ""
    line: int = 0
    abbreviations: tuple[str, ...] = ()


@dataclass(frozen=True)
class GlossaryEntry:
    """Words that name one measure: every fact using one is known by all of them."""

    zh: tuple[str, ...]
    en: tuple[str, ...]
    path: str = ""
    line: int = 0


@dataclass(frozen=True)
class Spec:
    """An example sentence a fact file says must agree, be flagged for `reason`, or be left
    unverified with this fact as its nearest (for `why`, if given)."""

    text: str
    verdict: Verdict
    reason: Reason | None = None
    line: int = 0
    why: str | None = None


@dataclass(frozen=True)
class Fact:
    id: str
    source: str  # the source document's file name
    subject: str  # an Entity id
    metric: str
    keywords: tuple[str, ...]
    kind: str  # count, amount, share, change, multiple, date, duration
    value: Decimal | None  # None for dates: see `date`
    unit: str
    as_written: str
    quote: str
    period: str | None = None
    qualifier: str | None = None
    bound: Bound = "eq"
    direction: Direction | None = None
    target: bool | None = None  # a plan (true) or an achievement (false); None: read from the quote
    date: str | None = None  # ISO-like, for kind == "date"
    counters: tuple[str, ...] = ()  # other counters that mean the same thing here (座/个)
    specs: tuple[Spec, ...] = ()
    path: str = ""
    line: int = 0


# Plain NamedTuples: a frozen dataclass costs about a millisecond to create at every
# start-up, and a finding carries up to eight candidates.
class Expected(NamedTuple):
    text: str
    value: str | None
    unit: str | None
    subject: str | None = None  # the fact's subject: another place's, for a `subject` discrepancy
    english: str | None = None  # for an English draft, the figure as English writes it (12.7 billion yuan)

    def said(self) -> str:
        """What the source says, in the draft's terms too: 127亿元 (12.7 billion yuan)."""
        return f"{self.text} ({self.english})" if self.english else self.text


class Candidate(NamedTuple):
    fact_id: str
    score: float
    note: str


@dataclass(frozen=True, slots=True)
class Finding:
    """One verdict on one figure of a draft: the only thing reporters read."""

    path: str
    line: int
    column: int
    start: int
    end: int
    text: str
    claim: str
    verdict: Verdict
    reason: Reason | None
    value: str | None
    unit: str | None
    expected: Expected | None = None
    fact_id: str | None = None
    source: str | None = None
    quote: str | None = None
    score: float = 0.0
    candidates: tuple[Candidate, ...] = field(default=(), compare=False)
    why: Why | None = None  # for an unverified figure with a nearest fact (fact_id, source, quote)
    note: str | None = None  # what an editor should know: why it was not compared, or with what
    rule: str = ""  # the rule of docs/verdicts.md that decided
    subject: str | None = None  # the place the draft's figure is about, when the draft says
    claim_offset: int = 0  # where the figure starts in `claim`

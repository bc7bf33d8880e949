"""The frame of a figure: what exactly it claims, beyond its number.

A claim says who a figure is about and what its sentence says around it;
the frame reads from that what a checker must agree on before two figures
can be compared at all:

- time: the period the sentence gives, else (for a figure that is not a
  plan) the one its paragraph or its title's lead gave earlier;
- status: a plan (将, 计划, 力争, 目标 …) or an achievement (已, 累计, 截至 …),
  by the last such word before the figure in its sentence; unknown if none;
- scope: words that narrow what is counted (产业链, 行业, 中小, 重点 …), read
  in the figure's clause, and whether it is a stock (累计, 总数) or a flow
  (新建, 新增);
- change: a rise or fall (同比增长33%) rather than a level.

A fact is framed the same way from its quote, metric and keywords; its
`target` and `period` fields are the authority for its status and time.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from .claims import ENGLISH_REACH, Claim, PeriodFrom
from .extract import level_reached
from .lazy import lazy, later
from .textscan import trie_pattern
from .model import DateValue, Direction, Fact
from .vocabulary import (
    ACHIEVED_WORDS, EN_ACHIEVED_WORDS, EN_FLOW_WORDS, EN_PLAN_WORDS, EN_SCOPE_WORDS, EN_STOCK_WORDS, FLOW_WORDS,
    GENERIC, GENERIC_NOUNS, NOT_SCOPE_WORDS, PLAN_JIANG_NEXT, PLAN_WORDS, SCOPE_SAME, SCOPE_WORDS, STOCK_WORDS,
)

Status = Literal["plan", "achieved"]
Stock = Literal["stock", "flow"]

STATUS_REACH = 80  # characters before a figure searched for a plan or achievement word
CLAUSE_REACH, AFTER_REACH = 40, 16
COUNTED_REACH = 6  # characters after a figure that name what it counts (1400多家企业)
SHORT_CLAUSE = 5  # characters before a figure under which its clause names no metric
# Clause ends. An English comma ends a clause only before a word that starts another statement:
# in "chains such as autos, ships, wire and cable" the commas part a list, and ", with investment
# of", ", up 33 percent" go on with the statement before them.
_CLAUSE_END = re.compile(
    r"[，：；。！？!?\n:;]|,(?=\s*(?:(?:and|but|while|whereas|or|said|says|officials|he|she|they|it)\b|$))"
    r"|,(?=[^\x00-\x7f])")
# What follows the level a change starts from, up to the level it reaches: 提升至, 后来提高到, rose to.
_CHANGED_TO = re.compile(
    r"[^。！？!?\n]{0,8}?(?:提高|提升|增加|增长|上调|调整|下调|下降|降低|回升|回落|扩大|减少|升|降|增|减)了?(?:至|到|为)"
    r"|\s*(?:to|up to|down to)\s"
    r"|[^.!?\n,]{0,64}?\b(?:raised|increased|lifted|cut|lowered|revised|adjusted|rose|grew|fell|dropped)\b(?:\s+\w+)?\s+to\b",
    re.IGNORECASE)
_COUNTED = re.compile(r"\s+((?:[A-Za-z0-9][\w-]*\s*){1,4})")  # 53,000 new 5G base stations: up to the noun
# A figure that is a difference: 1.2 more than the national average, 3 points higher than.
_COMPARED = re.compile(r"\s+(?:[a-z-]+\s+){0,2}(?:more|higher|lower|less|fewer|greater)\s+than\b", re.IGNORECASE)
# A rate per something: 每万人, 人均, per capita, for every 10,000 residents.
_PER = re.compile(r"每|人均|\b(?:per|for every|for each|a head)\b", re.IGNORECASE)
# An English preposition that makes two figures one statement's: 992 million yuan for 4,660 companies.
_LINKED = re.compile(r"\s+(?:for|of|to|in|from|by|across|among)\s+", re.IGNORECASE)
# Figures in a list share what their list names: 251万件、1.1万吨、166万只.
_LISTED = re.compile(r"\s*(?:[、/]|and|or)\s*")
# What a clause may hold and still name no metric: dates, signs, and the words any metric has.
_BARE_WORDS = re.compile(
    "|".join(sorted(map(re.escape, (*GENERIC, *GENERIC_NOUNS, "当月", "当年", "为", "是", "在", "但", "已", "已经", "达", "到")),
                    key=len, reverse=True))
    + r"|[0-9０-９一二三四五六七八九十年月日季度上下半前后末底初\s\W]")
class _Words:
    """Chinese words and whole English words (case aside), longest first, found in order.

    Two patterns, not one: a case-blind alternation of a few hundred words costs 40 times
    more per character than the Chinese words alone, and most text has no Latin letter."""

    def __init__(self, chinese: Iterable[str], english: Iterable[str]) -> None:
        self.chinese = re.compile(trie_pattern(chinese))
        self.english = later(r"\b" + trie_pattern(w.lower() for w in english) + r"\b", re.IGNORECASE)

    def finditer(self, text: str, start: int = 0, end: int | None = None) -> list[re.Match[str]]:
        end = len(text) if end is None else end
        found = list(self.chinese.finditer(text, start, end))
        if _LATIN.search(text, start, end):
            found = sorted((*found, *self.english().finditer(text, start, end)), key=lambda m: m.start())
        return found


_LATIN = re.compile(r"[A-Za-z]{2}")  # every English marker word has two letters or more; 5G has one
_PLANS = frozenset((*PLAN_WORDS, *EN_PLAN_WORDS))
_MARKERS = _Words((*PLAN_WORDS, *ACHIEVED_WORDS), (*EN_PLAN_WORDS, *EN_ACHIEVED_WORDS))
_SCOPE_OF = {**{w: w for w in SCOPE_WORDS}, **SCOPE_SAME, **EN_SCOPE_WORDS}
_SCOPES = _Words((*SCOPE_WORDS, *SCOPE_SAME, *NOT_SCOPE_WORDS), EN_SCOPE_WORDS)
_STOCK = frozenset((*STOCK_WORDS, *EN_STOCK_WORDS))
_STOCKS = _Words((*STOCK_WORDS, *FLOW_WORDS), (*EN_STOCK_WORDS, *EN_FLOW_WORDS))


class Frame:
    """What one figure of a draft claims, read from its claim when first asked: most dates
    of a draft are never weighed against a fact, and need no frame."""

    def __init__(self, text: str, claim: Claim) -> None:
        self.text, self.claim = text, claim

    @lazy
    def status(self) -> Status | None:
        return _status(self.text, self.claim)

    @lazy
    def _when(self) -> tuple[DateValue | None, bool, PeriodFrom | None]:
        claim = self.claim
        if claim.mention.kind == "date":
            return None, False, None  # a date that is the claim: its value, not its time
        if claim.period is None and claim.carried is not None and self.status != "plan":
            return claim.carried, claim.carried_as_of, claim.carried_from
        return claim.period, claim.as_of, "sentence" if claim.period is not None else None

    @property
    def time(self) -> DateValue | None:
        return self._when[0]

    @property
    def as_of(self) -> bool:
        """The time is a point things accumulated to (截至3月末), not a whole span."""
        return self._when[1]

    @property
    def time_from(self) -> PeriodFrom | None:
        return self._when[2]

    @lazy
    def _clause(self) -> tuple[str, str]:
        return _clause(self.text, self.claim)

    @lazy
    def scope(self) -> frozenset[str]:
        left, right = self._clause
        return scope_words(left) | scope_words(right[:COUNTED_REACH + 3], COUNTED_REACH)

    @lazy
    def stock(self) -> Stock | None:
        left, right = self._clause
        return stock_of(left + " " + right)

    @lazy
    def change(self) -> bool:
        """A rise or fall (同比增长33%, 1.2 more than the national average) rather than a level
        (提升至94% is a level reached)."""
        mention = self.claim.mention
        if mention.direction is not None and mention.kind != "multiple" and mention.phrase != "至":
            return True
        return _COMPARED.match(self.text, mention.end) is not None

    @lazy
    def words(self) -> str:
        """The figure's clause (or two), lower-cased: where its metric must be named."""
        return (_clause(self.text, self.claim, reach_back=True)[0] + " " + self._clause[1]).lower()

    @lazy
    def counted(self) -> str:
        """The English words a count counts, right after it (36 tasks, 7,005 companies)."""
        mention = self.claim.mention
        if mention.kind != "quantity" or mention.unit is not None or not self.text[mention.start:mention.end].isascii():
            return ""  # 68.09 billion yuan counts yuan, whatever follows
        found = _COUNTED.match(self.text, mention.end)
        return found.group(1) if found else ""

    @lazy
    def rate(self) -> bool:
        """A figure per something (每万人16.9个, 16.9 for every 10,000 residents): not a count."""
        left, right = self._clause
        return _PER.search(left[-12:] + " " + right[:24]) is not None  # or its denominator: for every 10,000

    @lazy
    def before(self) -> bool:
        """The level a change starts from: 75.6% in 由75.6%提升至94%, 4万座 in 4万座,后提高到5.2万座."""
        claim, mention = self.claim, self.claim.mention
        return claim.next_start >= 0 and _CHANGED_TO.match(self.text, mention.end, claim.next_start) is not None


@dataclass(frozen=True)
class FactFrame:
    """What a fact states, read from its quote and fields."""

    status: Status | None
    scope: frozenset[str]
    stock: Stock | None
    before: bool
    reached: Direction | None  # 由71.1%提升至94.0%: the level was reached by a rise


def frame(text: str, claim: Claim) -> Frame:
    """The frame of `claim`, a figure of `text`."""
    return Frame(text, claim)


def fact_frame(fact: Fact) -> FactFrame:
    at = fact.quote.find(fact.as_written)
    if fact.target is not None:
        status: Status | None = "plan" if fact.target else "achieved"
    else:
        status = _status_before(fact.quote, 0, at if at >= 0 else len(fact.quote))
    return FactFrame(
        status=status,
        scope=scope_words(" ".join((fact.quote, fact.metric, *fact.keywords))),
        stock=stock_of(_fact_phrase(fact, at)),
        before=at >= 0 and _CHANGED_TO.match(fact.quote, at + len(fact.as_written)) is not None,
        reached=level_reached(fact.quote, at) if at >= 0 else None,
    )


def scope_words(phrase: str, starting_before: int | None = None) -> frozenset[str]:
    """The scope words in a phrase (供应链上1400多家企业 -> {供应链}), read whole (细分产业链 is
    产业链, not 产业); with `starting_before`, only those that start that early in it."""
    found = (m.group().lower() for m in _SCOPES.finditer(phrase) if starting_before is None or m.start() < starting_before)
    return frozenset(_SCOPE_OF[word] for word in found if word in _SCOPE_OF)


def stock_of(phrase: str) -> Stock | None:
    """A stock (累计建成, 总数) or a flow (新建, 新增): the word nearest the end decides."""
    found = [m.group().lower() for m in _STOCKS.finditer(phrase)]
    if not found:
        return None
    return "stock" if found[-1] in _STOCK else "flow"


def _status(text: str, claim: Claim) -> Status | None:
    return _status_before(text, max(claim.sentence[0], claim.mention.start - STATUS_REACH), claim.mention.start)


def _status_before(text: str, start: int, end: int) -> Status | None:
    """Plan or achievement: the last such word between `start` and `end` decides."""
    words = [m for m in _MARKERS.finditer(text, start, end)
             if m.group() != "将" or text[m.end():m.end() + 1] in PLAN_JIANG_NEXT]
    last = words[-1].group().lower() if words else None
    if last in _PLANS:
        return "plan"
    return "achieved" if last is not None else None


def _clause(text: str, claim: Claim, reach_back: bool = False) -> tuple[str, str]:
    """The figure's clause, left and right of it, from the figure before it if that one is
    in the clause.

    With `reach_back`, the words a metric of the figure may be named in: a figure
    joined to the one before it (由75.6%提升至94%, 4万座,后来提高到5.2万座, 251万件、1.1万吨)
    shares its clause, and a clause that names nothing but dates and words any
    metric has (同比增长33%, 3月当月降幅为6.7%) takes in up to two before it.
    """
    mention = claim.mention
    reach = CLAUSE_REACH * (ENGLISH_REACH if text[max(0, mention.start - 8):mention.start].isascii() else 1)
    start = max(claim.statement_start, mention.start - 3 * reach)
    left = text[start:mention.start]
    marks = [0] + [m.end() for m in _CLAUSE_END.finditer(left)]
    previous = claim.previous_end - start
    cut = marks[-1]
    english = reach > CLAUSE_REACH
    if reach_back and previous >= 0 and _joined(left[previous:]):
        cut = max(m for m in marks if m <= previous)  # the statement began with the figure before
    elif previous > cut and not (english and reach_back and _LINKED.fullmatch(left[previous:])):
        cut = previous  # unless a preposition links the two: of 992 million yuan for 4,660 companies
    elif reach_back:
        back = len(marks) - 1
        while back > 0 and len(marks) - back <= 2 and _bare(left[marks[back]:]):
            back -= 1
        cut = marks[back]
    cut = max(cut, len(left) - reach * (3 if reach_back else 1))
    # The right side ends at the next figure: in 10 flagship projects and 60 demonstration
    # projects, the words after 60 are its own.
    following = claim.next_start if claim.next_start > mention.end else claim.sentence[1]
    right = text[mention.end:min(claim.sentence[1], following, mention.end + AFTER_REACH * reach // CLAUSE_REACH)]
    stop = _CLAUSE_END.search(right)
    return left[cut:], right[:stop.start()] if stop else right


def _joined(gap: str) -> bool:
    """Does `gap` join two figures into one statement: 提升至, 后来提高到新建, 、?"""
    if _LISTED.fullmatch(gap):
        return True
    found = _CHANGED_TO.match(gap)
    return found is not None and len(gap) - found.end() <= 4


def _bare(clause: str) -> bool:
    """A clause that names nothing but dates and words any metric has: 3月当月降幅为."""
    return len(_BARE_WORDS.sub("", clause)) < SHORT_CLAUSE


def _fact_phrase(fact: Fact, at: int) -> str:
    """The clause of the fact's figure in its quote."""
    if at < 0:
        return fact.quote
    left = fact.quote[max(0, at - CLAUSE_REACH):at]
    cut = max((m.end() for m in _CLAUSE_END.finditer(left)), default=0)
    right = fact.quote[at + len(fact.as_written):at + len(fact.as_written) + AFTER_REACH]
    stop = _CLAUSE_END.search(right)
    return left[cut:] + " " + (right[:stop.start()] if stop else right)

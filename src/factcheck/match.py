"""Decide a verdict for each figure: agree, discrepancy or unverified, by rules in order.

Candidate facts come from the index (`candidates`) and are scored on their
metric words (`metric`). Each is then weighed against the figure's frame:
the same place, time, status (plan or achievement), scope and kind of
statement, and a value that agrees. The rules (docs/verdicts.md) ask little
of an agreement and much of a discrepancy: a figure is called wrong only
when everything but the one thing named is the same, its metric words are
specific, and no other fact explains it. Anything else is unverified, with
the nearest fact and what kept them apart.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Callable, Literal, NamedTuple

from rapidfuzz import fuzz, process

from . import compare
from .candidates import FactIndex, Sentence, claim_dimension
from .frame import Frame, FactFrame
from .gazetteer import Gazetteer
from .glossary import Glossary
from .lazy import lazy
from .metric import MARGIN, PLAUSIBLE, RELATED, SURE, TIE, MetricScorer, token_fit, tokens
from .model import Candidate, Fact, Reason, Verdict, Why

Place = Literal["same", "unknown", "other", "part", "whole"]
_NO_FACT = "no fact speaks of it"
FEW = 10  # counts under this are anyone's (四个方面): they agree only beside the fact's own words
# The share of a fact's own words (its metric without generic words) that must stand by the figure.
SPECIFIC = 80
_LATIN = re.compile("[a-z]")  # frame words are lower case


class Judged:
    """One candidate fact weighed against one figure's frame. Each part is worked out when
    a rule first asks for it: most candidates are set aside by their place or date, and
    their status, scope and figures are never read."""

    def __init__(self, frame: Frame, index: FactIndex, gazetteer: Gazetteer, i: int, dim: str, metric: float,
                 words: Callable[[], str]) -> None:
        self.frame, self.index, self.gazetteer, self.i, self.dim = frame, index, gazetteer, i, dim
        self.fact: Fact = index.facts[i]
        self.metric = metric
        self.words = words  # the figure's clause in the glossary's words, when asked

    @lazy
    def place(self) -> Place:
        return _place(self.frame, self.index.places[self.i], self.gazetteer)

    @lazy
    def time(self) -> compare.Time:
        frame = self.frame
        return compare.time_relation(frame.time, frame.as_of, frame.time_from == "report",
                                     self.index.base_years[self.i], self.fact.period)

    @lazy
    def status(self) -> Why | None:
        """"progress" or "plan" when the draft and the source differ."""
        return _status(self.frame, self.index.frame(self.i))

    @lazy
    def scope(self) -> str | None:
        """The scope the draft names and the source does not."""
        return _scope(self.frame, self.index.frame(self.i))

    @lazy
    def same_kind(self) -> bool:
        """The same kind of quantity: a change with a change, a percent with a percent."""
        return _same_kind(self.frame, self.fact, self.dim, self.index.dimensions[self.i])

    @lazy
    def before_ok(self) -> bool:
        """The level a change starts from is compared with such a level only."""
        return self.frame.before == self.index.frame(self.i).before

    @lazy
    def reason(self) -> Reason | None:
        """What is wrong with the figure; None when the figures agree."""
        return _reason(self.frame, self.index.frame(self.i), self.fact, self.dim, self.index.dimensions[self.i],
                       self.index.base_years[self.i])

    @lazy
    def specific(self) -> bool:
        """The fact's own words, not only generic ones, stand by the figure (only a fitting
        fact is ever asked)."""
        return self.metric >= RELATED and _specific(self.index.specific_terms(self.i), self.words())

    @lazy
    def exact(self) -> bool:
        """The very number of the fact, not a rounding or a bound of it."""
        return compare.same_number(self.frame.claim, self.fact, self.dim)

    @lazy
    def compatible(self) -> bool:
        """Nothing in the frames keeps the two figures apart: they may agree."""
        return (self.place in ("same", "unknown") and self.time != "other" and self.same_kind
                and self.status is None and self.scope is None)

    @lazy
    def comparable(self) -> bool:
        """Every known part of the frames is the same: a different figure is a discrepancy."""
        return (self.metric >= SURE and self.compatible and self.before_ok and self.time != "undated"
                and self.specific)


class Decision(NamedTuple):  # not a dataclass: one is made for every figure, and replaced
    verdict: Verdict
    reason: Reason | None
    fact: Fact | None  # for an unverified figure, its nearest fact (if any)
    score: float
    candidates: tuple[Candidate, ...]
    rule: str = ""
    why: Why | None = None
    note: str | None = None


def decide(frame: Frame, index: FactIndex, gazetteer: Gazetteer, sentence: Sentence | None = None,
           show: bool = True, glossary: Glossary | None = None) -> Decision:
    """The verdict on one figure. Figures of a draft decided in order may share a `Sentence`.

    Only facts scoring RELATED or more can decide. With `show=False` the decision lists
    no candidates, and so it scores facts down to RELATED only, and down to PLAUSIBLE
    only for a figure left unverified, whose nearest fact and score are the best there:
    the verdict, fact and score are the same.
    """
    sentence = sentence if sentence is not None else Sentence()
    glossary = glossary or Glossary()
    claim = frame.claim
    dim = claim_dimension(claim)
    candidates = index.candidates(claim, dim, sentence, gazetteer.lineage(claim.subject), glossary)
    if not candidates:
        return Decision("unverified", None, None, 0.0, (), "nothing fits", "no-fact", _NO_FACT)
    if show:
        return _decided(frame, gazetteer, _scored(frame, index, gazetteer, dim, candidates, PLAUSIBLE, sentence, glossary), show)
    decision = _decided(frame, gazetteer, _scored(frame, index, gazetteer, dim, candidates, RELATED, sentence, glossary), show)
    if decision.verdict != "unverified" or decision.fact is not None:
        return decision
    # Nothing fits: only the best score under RELATED is wanted, no fact is weighed.
    scorer = MetricScorer(claim, PLAUSIBLE, sentence.fits, glossary, _Clause(frame, glossary), frame.counted)
    scores = (_metric(frame, index, i, dim, scorer) for i in scorer.plausible(candidates, _terms(index, scorer)))
    return decision._replace(score=max((m for m in scores if m >= PLAUSIBLE), default=0.0))


def _scored(frame: Frame, index: FactIndex, gazetteer: Gazetteer, dim: str, candidates: list[int],
            floor: float, sentence: Sentence, glossary: Glossary) -> list[Judged]:
    """The candidates scoring `floor` or more, weighed against the frame, best fit first."""
    claim = frame.claim
    words = _Clause(frame, glossary)
    scorer = MetricScorer(claim, floor, sentence.fits, glossary, words, frame.counted)
    judged = []
    for i in scorer.plausible(candidates, _terms(index, scorer)):
        metric = _metric(frame, index, i, dim, scorer)
        if metric >= floor:
            judged.append(Judged(frame, index, gazetteer, i, dim, metric, words))
    return sorted(judged, key=lambda j: (-j.metric, j.fact.id))


class _Clause:
    """The figure's clause in the glossary's words, read only if a fact's words or English
    terms are to be looked for in it."""

    def __init__(self, frame: Frame, glossary: Glossary) -> None:
        self.frame, self.glossary = frame, glossary
        self.text: str | None = None

    def __call__(self) -> str:
        if self.text is None:
            self.text = self.glossary.canonical(self.frame.words)
        return self.text


def _terms(index: FactIndex, scorer: MetricScorer) -> list[tuple[str, ...]]:
    """The facts' terms the figure's words can fit: English ones only where English is written."""
    return index.terms if scorer.latin else index.chinese_terms


def _metric(frame: Frame, index: FactIndex, i: int, dim: str, scorer: MetricScorer) -> float:
    metric = scorer.best(_terms(index, scorer)[i])
    mention = frame.claim.mention
    if dim == index.dimensions[i] and mention.unit and not compare.counters_agree(mention, index.facts[i]):
        metric *= 0.8  # 5.2万家 is probably not about 基站 counted in 座
    if not scorer.names_counted(index.terms[i], index.facts[i].unit):
        metric *= 0.8  # 36 tasks is no count of projects
    return metric


def _decided(frame: Frame, gazetteer: Gazetteer, judged: list[Judged], show: bool) -> Decision:
    shown = tuple(Candidate(j.fact.id, round(j.metric, 3), _candidate_note(j)) for j in judged[:8]) if show else ()
    related = [j for j in judged if j.metric >= RELATED]
    for name, rule in RULES:
        decision = rule(frame, related, gazetteer)
        if decision is not None:
            return decision._replace(candidates=shown, rule=name)
    return _unverified(frame, judged)._replace(candidates=shown, rule="nothing fits")


# ---- the rules, in the order they are tried (docs/verdicts.md) -----------------------------
Rule = Callable[[Frame, list[Judged], Gazetteer], "Decision | None"]


def agree(frame: Frame, related: list[Judged], gazetteer: Gazetteer) -> Decision | None:
    """The figure agrees with a fact of a compatible frame that fits its words about as well as any.
    A figure the draft dates agrees with one the source leaves undated only if it is its very
    number; a count under FEW, or a hedged figure the fact only satisfies (more than 15 billion
    for 68 billion), only if the fact's own words, not only 个 or 方面, stand by it."""
    best = next((j for j in related if j.compatible), None)  # related are best fit first
    if best is None:
        return None
    mention = frame.claim.mention
    few = claim_dimension(frame.claim) == "count" and compare.magnitude(mention) < FEW
    hedged = mention.bound in ("gt", "ge", "lt", "le")
    agreeing = [j for j in related if j.metric >= best.metric - MARGIN and j.compatible and j.reason is None
                and (j.exact or j.time != "undated") and (not (few or hedged and not j.exact) or j.specific)]
    if not agreeing or any(j.metric > agreeing[0].metric + MARGIN and j.exact for j in related):
        return None  # none agrees, or another fact with this very figure fits clearly better: it is meant
    return Decision("agree", None, agreeing[0].fact, agreeing[0].metric, ())


def other_place(frame: Frame, related: list[Judged], gazetteer: Gazetteer) -> Decision | None:
    """The figure is exactly another place's, named in its sentence, and not its own place's:
    its own place has no fact of it, or one that says otherwise, or the figure is distinctive."""
    claim = frame.claim
    if not claim.named or claim.places or claim.mention.kind == "date":
        return None
    additive = compare.additive(claim.mention)
    for j in related:
        moved = j.place == "other" or (j.place == "part" and additive)
        if not (moved and j.metric >= SURE and j.exact and j.time != "other" and j.same_kind
                and j.status is None and j.scope is None and j.specific):
            continue
        own = [o for o in related if o is not j and o.place in ("same", "part") and o.scope is None
               and o.metric >= j.metric - MARGIN]
        contradicted = any(o.comparable and o.reason is not None for o in own)
        if own and not (compare.distinctive(claim.mention) or contradicted):
            continue  # a rate of its own place that happens to equal another's
        place = gazetteer.place_of(j.fact.subject) or j.fact.subject
        return Decision("discrepancy", "subject", j.fact, j.metric, (),
                        note=f"the source gives this figure for {place}")
    return None


def another_date(frame: Frame, related: list[Judged], gazetteer: Gazetteer) -> Decision | None:
    """The figure is exactly the fact's, put at another date the sentence names, and either it
    is distinctive or the source gives another figure for that date. A plan's distinctive
    figure reported as reached by a date (截至6月底…127亿元) is the plan's, misdated."""
    if frame.time_from != "sentence":
        return None
    j = next((j for j in related if j.metric >= SURE and j.time == "other" and j.place == "same" and j.exact
              and j.status != "plan" and j.scope is None and j.specific), None)
    if j is None:
        return None
    stated = any(o.comparable and o.time == "same" and o.reason is not None for o in related)
    if not (stated or compare.distinctive(frame.claim.mention)):
        return None
    return Decision("discrepancy", "period", j.fact, j.metric, (), note=f"the source gives this figure for {j.fact.period}")


def explained(frame: Frame, related: list[Judged], gazetteer: Gazetteer) -> Decision | None:
    """A fact of another frame, fitting about as well as any the figure could contradict,
    has this very figure: it is that fact's, or a true one of its own."""
    comparable = [j for j in related if j.comparable]
    floor = comparable[0].metric - MARGIN if comparable else 0.0
    for j in related:
        if j.metric < floor or j.reason is not None:
            continue
        why = _why(j)
        if why is None or (why == "another-scope" and comparable):
            continue  # the draft names the scope (中小) of the fact it can be compared with
        return Decision("unverified", None, j.fact, j.metric, (), why=why, note=_note(why, j))
    return None


def differs(frame: Frame, related: list[Judged], gazetteer: Gazetteer) -> Decision | None:
    """The fact the figure speaks of, in every part of its frame, says another figure."""
    comparable = [j for j in related if j.comparable]
    if not comparable:
        return None
    # The words fit another fact clearly better: that one is meant. Not a fact the draft's own
    # scope word sets apart (链条的复工率 is no figure of all firms, however well it fits).
    rival = next(j for j in related if j.scope is None)  # comparable[0], if none before it
    if rival.metric > comparable[0].metric + MARGIN:
        return None
    if comparable[0].place != "same":
        return None  # a draft that names no place for its figure cannot be held to one place's fact
    close = [j for j in comparable if j.metric >= comparable[0].metric - TIE]
    best = min(close, key=lambda j: _distance(frame, j.fact))
    return Decision("discrepancy", best.reason or "value", best.fact, best.metric, ())


RULES: tuple[tuple[str, Rule], ...] = (
    ("agree", agree),
    ("other place", other_place),
    ("another date", another_date),
    ("explained", explained),
    ("differs", differs),
)


def _unverified(frame: Frame, judged: list[Judged]) -> Decision:
    """No rule decided: the nearest related fact, and what kept the figure from it. A fact
    that fits the figure's words only loosely is no nearest fact, only its score is kept."""
    if not judged or judged[0].metric < RELATED:
        return Decision("unverified", None, None, judged[0].metric if judged else 0.0, (), why="no-fact",
                        note=_NO_FACT)
    nearest = judged[0]
    # Past every rule with no part of the frame apart: the draft names no place, or the words
    # fit the nearest fact too loosely to hold the figure to it.
    why: Why = _why(nearest) or ("another-place" if nearest.place == "unknown" else "loose-fit")
    return Decision("unverified", None, nearest.fact, nearest.metric, (), why=why, note=_note(why, nearest))


def _why(j: Judged) -> Why | None:
    """The first part of the frames that differs, as an editor would check it."""
    if j.place == "other":
        return "another-place"
    if j.place in ("part", "whole") or j.scope is not None:
        return "another-scope"
    if j.time == "other":
        return "another-date"
    if j.status is not None:
        return j.status
    if not j.same_kind:
        return "another-quantity"
    if not j.before_ok:
        return "another-date"
    if j.time == "undated":
        return "undated-source"
    if not j.specific:
        return "generic-count"
    return None


def _note(why: Why, j: Judged) -> str:
    fact = j.fact
    when = fact.period or "no date"
    notes: dict[str, str] = {
        "another-date": f"another date: the source's figure is for {when}",
        "undated-source": "the draft dates its figure; the source gives none for its own",
        "progress": f"progress against a plan: the source states a plan ({fact.as_written})",
        "plan": f"a plan: the source states what was achieved ({fact.as_written})",
        "another-place": f"another place: the source's figure is for {fact.subject}"
                         if j.place == "other" else "the draft names no place, and facts of several places fit",
        "another-scope": f"another scope: {j.scope or 'a part or a whole of'} the source's {fact.metric}",
        "another-quantity": "a change, where the source states a level (or the reverse)",
        "generic-count": f"a count of something unnamed; the source counts {fact.metric}",
        "loose-fit": f"its words fit the nearest fact, {fact.metric}, too loosely to hold it to it",
    }
    return notes[why]


# ---- weighing one fact --------------------------------------------------------------------
def _reason(frame: Frame, facts_frame: FactFrame, fact: Fact, dim: str, fact_dim: str,
            base_year: int | None) -> Reason | None:
    """What is wrong with the figure; a level reached by a fall where the source's rose (降至94%
    for 提升至94%) is a wrong direction, though the number is the same."""
    reason = compare.reason(frame.claim, fact, dim, fact_dim, base_year)
    mention = frame.claim.mention
    reached = mention.direction if mention.phrase == "至" else None
    if reason is None and reached and facts_frame.reached and reached != facts_frame.reached:
        return "direction"
    return reason


def _same_kind(frame: Frame, fact: Fact, dim: str, fact_dim: str) -> bool:
    """Figures of one kind: a change (增长33%) with a change, a level with a level, and a unit
    with its own (a percent and a multiple of another number are not one figure written two
    ways); a date with a date that is not a part of the fact's span (2022年 of 2020—2022年)."""
    mention = frame.claim.mention
    if dim == "date":
        return not compare.date_within(mention, fact)
    if frame.rate and dim == "count":
        return False  # 16.9 base stations for every 10,000 residents is no count of stations
    if dim != fact_dim and not (dim in ("percent", "points") and fact_dim in ("percent", "points")):
        return compare.same_number(frame.claim, fact, dim)  # the same digits in another unit: a slip
    return not frame.change or fact.kind in ("change", "multiple") or dim == "points"


def _place(frame: Frame, place: str | None, gazetteer: Gazetteer) -> Place:
    claim = frame.claim
    if claim.places:  # several places named together (怀化、衡阳)
        if place is None:
            return "unknown"
        if all(p != place and gazetteer.is_within(p, place) for p in claim.places):
            return "part"
        if place in claim.places or gazetteer.kind(place) == "region":
            return "unknown"  # 四川、重庆 for 成渝地区, which the gazetteer cannot split
        return "other"
    if claim.subject is None or place is None:
        return "unknown"
    if claim.subject == place:
        return "same"
    if gazetteer.is_within(claim.subject, place):
        return "part"  # 怀化 in a story of 湖南's figure
    if gazetteer.is_within(place, claim.subject):
        return "whole"  # 全国 where the source speaks of one province
    return "other"


def _status(frame: Frame, fact: FactFrame) -> Why | None:
    if frame.status is None or fact.status is None or frame.status == fact.status:
        return None
    return "progress" if frame.status == "achieved" else "plan"


def _scope(frame: Frame, fact: FactFrame) -> str | None:
    extra = sorted(frame.scope - fact.scope)
    if extra:
        return "、".join(extra)
    if frame.stock is not None and fact.stock is not None and frame.stock != fact.stock:
        return "累计" if frame.stock == "stock" else "新增"
    return None


def _specific(terms: tuple[str, ...], words: str) -> bool:
    """Are the fact's own words (its metric without 方面, 项目, 企业 …) in the figure's clause?
    Chinese ones as they stand; English ones in any order (rates in key chains)."""
    chinese = [t for t in terms if not t.isascii()]
    if chinese and process.extractOne(words, chinese, scorer=fuzz.partial_ratio, processor=None,
                                      score_cutoff=SPECIFIC) is not None:
        return True
    english = [t for t in terms if t.isascii()]
    if not english or not _LATIN.search(words):
        return False  # no English word in the clause: no English term stands by the figure
    among = tokens(words)
    return any(token_fit(t, among) >= SPECIFIC for t in english)


def _distance(frame: Frame, fact: Fact) -> Decimal:
    value = frame.claim.mention.value
    if value is None or fact.value is None:
        return Decimal(0)
    return abs(compare.magnitude(frame.claim.mention) - abs(fact.value)) / max(abs(fact.value), Decimal(1))


def _candidate_note(j: Judged) -> str:
    parts = [f"place {j.place}", f"time {j.time}"]
    parts += [w for w in (j.status, j.scope and f"scope {j.scope}") if w]
    parts.append("figures agree" if j.reason is None else f"differs: {j.reason}")
    return ", ".join(parts)

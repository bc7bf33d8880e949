"""Match claims to facts and decide a verdict for each figure.

Candidates come from indexes (metric character pairs and the digits of the
value), never from a scan of the whole base, so the cost of a figure hardly
grows with the base. Each candidate is scored on its metric words with
rapidfuzz; the verdict then follows from what agrees and what does not.
"""

from __future__ import annotations

import dataclasses
import re
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal
from itertools import islice
from typing import Iterable

from rapidfuzz import fuzz, process

from . import compare
from .claims import Claim, Gazetteer
from .facts import FactBase
from .model import Candidate, Fact, Reason, Verdict
from .units import COUNTERS, dimension

RELATED = 0.72  # metric score from which a fact speaks of the same thing
SURE = 0.8  # metric score needed to call a different figure a discrepancy
TIE = 0.02  # metric scores this close are a tie, settled by the nearer value
MARGIN = 0.05  # how much better a fact must fit to be the one meant over one that agrees
PLAUSIBLE = 0.5  # metric score under which a fact is neither weighed further nor shown
MAX_CANDIDATES = 60
POSTING_BUDGET = 20_000  # index entries read for a figure of no known place
# Words every metric shares: they say nothing about which fact is meant.
GENERIC = ("同比", "增长", "下降", "增幅", "降幅", "增速", "达到", "实现", "累计", "全省", "全市", "全国", "全年", "今年", "目前", "其中")
# Verbs between a name and its figure (基地共有11万余家企业) that should not part them.
_LINKING_VERBS = re.compile(r"(共有|拥有|共计|合计|达到|达|为|是|有|共)+\s*$")
_CLAUSE_MARK = re.compile("[,，;；:：、]")
_WORD = re.compile(r"[a-z0-9]+|[^\sa-z0-9]")
_KIND_DIMENSION = {"percent": "percent", "points": "points", "multiple": "multiple"}
_NEIGHBOUR_DIMENSIONS = {"percent": ("percent", "points"), "points": ("points", "percent")}


@dataclass(frozen=True)
class Judged:
    """One candidate fact weighed against one claim."""

    fact: Fact
    metric: float
    subject: str  # same | unknown | other
    period_ok: bool
    reason: Reason | None  # None when the figures agree


@dataclass(frozen=True)
class Decision:
    verdict: Verdict
    reason: Reason | None
    fact: Fact | None
    score: float
    candidates: tuple[Candidate, ...]


def _terms(fact: Fact) -> tuple[str, ...]:
    terms = []
    for word in (fact.metric, *fact.keywords):
        word = word.lower()
        for generic in GENERIC:
            word = word.replace(generic, "")
        if len(word.strip()) >= 2:
            terms.append(word.strip())
    return tuple(dict.fromkeys(terms))


def _grams(text: str) -> set[str]:
    tokens = _WORD.findall(text.lower())
    grams = {a + b for a, b in zip(tokens, tokens[1:]) if not (a.isascii() and b.isascii())}
    grams.update(t for t in tokens if len(t) > 2 and t.isascii())
    return grams


def _digits(value: Decimal | None) -> tuple[int, ...]:
    return () if value is None or value == 0 else abs(value).normalize().as_tuple().digits


class FactIndex:
    """Finds the facts a claim may speak of without looking at every fact."""

    def __init__(self, base: FactBase, gazetteer: Gazetteer) -> None:
        self.facts = base.facts
        self.terms = [_terms(f) for f in base.facts]
        self.places = [gazetteer.place_of(f.subject) for f in base.facts]
        self.dimensions = [dimension(f.unit) for f in base.facts]
        self.base_years = [base.sources[f.source].base_year if f.source in base.sources else None for f in base.facts]
        # Postings of metric grams by gram, and the same per place ("" for facts of no
        # place): a figure about a place looks among that place's facts, not the whole base.
        # Dates and figures sit on shelves of their own, as a date is only compared with dates.
        self.by_gram: dict[str, dict[str, list[int]]] = {}
        self.by_place: dict[str, dict[str, list[int]]] = {}
        self.by_digits: dict[tuple[int, ...], list[int]] = {}
        # Each fact's metric grams; facts with the same terms share one set.
        self.gram_sets: list[frozenset[str]] = []
        shared: dict[tuple[str, ...], frozenset[str]] = {}
        for index, terms in enumerate(self.terms):
            grams = shared.get(terms)
            if grams is None:
                grams = shared[terms] = frozenset().union(*(_grams(t) for t in terms))
            self.gram_sets.append(grams)
            shelf = _shelf(self.dimensions[index])
            everywhere = self.by_gram.setdefault(shelf, {})
            here = self.by_place.setdefault(shelf + (self.places[index] or ""), {})
            for gram in grams:
                everywhere.setdefault(gram, []).append(index)
                here.setdefault(gram, []).append(index)
            self.by_digits.setdefault(_digits(self.facts[index].value), []).append(index)

    def candidates(self, claim: Claim, claim_dimension: str, sentence: Sentence | None = None) -> list[int]:
        sentence = sentence if sentence is not None else Sentence()
        shelf = _shelf(claim_dimension)
        if claim_dimension == "date" and not self._shelved(shelf, claim.subject):
            return []  # most places state no date: the sentence's words need not be read
        grams = sentence.grams(claim.context)
        ranked = sentence.ranked.get((shelf, claim.subject))
        if ranked is None:
            ranked = sentence.ranked[shelf, claim.subject] = self._ranked(shelf, claim.subject, grams)
        allowed = _NEIGHBOUR_DIMENSIONS.get(claim_dimension, (claim_dimension,))
        dimensions = self.dimensions
        chosen = list(islice((i for i in ranked if dimensions[i] in allowed), MAX_CANDIDATES))
        if claim_dimension == "date":
            return chosen
        # Facts with the same digits, from any place: in another unit (1200万吨 for 1200万只)
        # a unit slip, if of the claim's own place; in the claim's dimension, maybe the figure
        # of another place (a wrong subject). Only those whose metric shares a word can score.
        taken, own = set(chosen), (claim.subject, None)
        same_digits = self.by_digits.get(_digits(claim.mention.value), ())
        return chosen + [
            i for i in same_digits
            if i not in taken and dimensions[i] != "date" and (dimensions[i] in allowed or self.places[i] in own)
            and not grams.isdisjoint(self.gram_sets[i])
        ]

    def _shelved(self, shelf: str, subject: str | None) -> bool:
        """Does the shelf hold any fact the claim's place may speak of?"""
        if subject is None:
            return bool(self.by_gram.get(shelf))
        return bool(self.by_place.get(shelf + subject) or self.by_place.get(shelf))

    def _ranked(self, shelf: str, subject: str | None, grams: frozenset[str]) -> list[int]:
        """Facts sharing grams with the sentence, most shared first (ties: first seen)."""
        if subject is None:
            postings = self._rarest(self.by_gram.get(shelf, {}), grams)
        else:
            tables = [t for t in (self.by_place.get(shelf + subject), self.by_place.get(shelf)) if t]
            postings = [table[g] for table in tables for g in sorted(grams & table.keys())]
        hits: Counter[int] = Counter()
        for posting in postings:
            hits.update(posting)
        return [i for i, _ in hits.most_common()]

    @staticmethod
    def _rarest(table: dict[str, list[int]], grams: frozenset[str]) -> list[list[int]]:
        """A figure of no known place: the postings of its rarest grams, up to POSTING_BUDGET
        entries (all of them in a base of a few thousand facts)."""
        postings = sorted((table[g] for g in sorted(grams & table.keys())), key=len)
        kept: list[list[int]] = []
        volume = 0
        for posting in postings:
            if kept and volume + len(posting) > POSTING_BUDGET:
                break
            kept.append(posting)
            volume += len(posting)
        return kept


class Sentence:
    """What the figures of one sentence share, worked out once for them all: its grams
    and the facts ranked by shared grams.

    Pass one to `decide` for each claim of a draft in order; it starts afresh whenever
    the context changes, so it holds one sentence at a time.
    """

    def __init__(self) -> None:
        self.context: str | None = None
        self._grams: frozenset[str] = frozenset()
        self.ranked: dict[tuple[str, str | None], list[int]] = {}

    def grams(self, context: str) -> frozenset[str]:
        if context != self.context:
            self.context = context
            self._grams = frozenset(_grams(context))
            self.ranked = {}
        return self._grams


def _shelf(dimension: str) -> str:
    return "\1" if dimension == "date" else ""


def claim_dimension(claim: Claim) -> str:
    mention = claim.mention
    if mention.kind == "date":
        return "date"
    return _KIND_DIMENSION.get(mention.kind) or dimension(mention.unit)


class MetricScorer:
    """How well metric words fit the words around one figure (0..1), each term scored once.

    Scores of `floor` or more are exact; under it a score may be too low (parts that
    cannot reach the floor are not worked out), which is safe where nothing under the
    floor is shown or weighed. A date is judged on the words beside it only: a
    sentence names many things.
    """

    def __init__(self, claim: Claim, floor: float = PLAUSIBLE) -> None:
        self.floor = floor
        mention = claim.mention
        # The words left and right of the figure, the figure cut out, so that words on
        # both sides of it join (双创示范基地11万余家企业).
        left = _LINKING_VERBS.sub("", claim.window[:claim.at].rstrip().lower())
        right = claim.window[claim.at + mention.end - mention.start:].lstrip().lower()
        self.left, self.right, self.beside = left, right, left + right
        self.context = "" if mention.kind == "date" else claim.context.lower()
        # What is counted follows its count (11万余家企业), and what is due follows its
        # deadline (4月13日前基本实现…); a rate or an amount follows its name.
        self.follows = mention.kind == "date" or (mention.kind == "quantity" and mention.unit in COUNTERS)
        self.known: dict[str, float] = {}
        self.known_best: dict[tuple[str, ...], float] = {}
        # From screening: terms whose plain fit beside the figure may reach the floor, and
        # each term's fit to the sentence where 0.85 of it may.
        self.screened: set[str] = set()
        self.near_figure: set[str] = set()
        self.in_sentence: dict[str, float] = {}

    def best(self, terms: tuple[str, ...]) -> float:
        # Facts of one metric over many periods share their terms: score them once.
        score = self.known_best.get(terms)
        if score is None:
            score = self.known_best[terms] = max((self.term(t) for t in terms), default=0.0)
        return score

    def plausible(self, candidates: list[int], terms: list[tuple[str, ...]]) -> list[int]:
        """The candidates that may score the floor or more.

        A term's score is at most its plain partial_ratio with the words beside the
        figure, or 0.85 of it with the sentence (the weights only take away); two batch
        calls with a cut-off find the terms that come near, and a fact with none of
        them needs no alignment, bounds or periods.
        """
        if not candidates:
            return candidates
        self.screen(dict.fromkeys(t for i in candidates for t in terms[i]))
        near = self.near_figure | self.in_sentence.keys()
        return [i for i in candidates if not near.isdisjoint(terms[i])]

    def screen(self, terms: Iterable[str]) -> None:
        fresh = [t for t in terms if t not in self.screened]
        if not fresh:
            return
        self.screened.update(fresh)
        self.near_figure.update(t for t, _, _ in process.extract(
            self.beside, fresh, scorer=fuzz.partial_ratio, processor=None, limit=None,
            score_cutoff=100 * self.floor))
        if self.context:
            self.in_sentence.update((t, score) for t, score, _ in process.extract(
                self.context, fresh, scorer=fuzz.partial_ratio, processor=None, limit=None,
                score_cutoff=100 * self.floor / 0.85))

    def term(self, term: str) -> float:
        """The term's score: exact when the floor or more; under it, parts that cannot
        reach the floor count as 0."""
        score = self.known.get(term)
        if score is None:
            if term not in self.screened:
                self.screen((term,))
            score = self.local(term) if term in self.near_figure else 0.0
            fit = self.in_sentence.get(term)
            if fit is not None:
                score = max(score, 0.85 * fit / 100)
            self.known[term] = score
        return score

    def exact(self, term: str) -> float:
        """The term's score computed in full, without screening (what `term` must agree with)."""
        score = self.local(term)
        if self.context:
            score = max(score, 0.85 * fuzz.partial_ratio(term, self.context) / 100)
        return score

    def local(self, term: str) -> float:
        """The term's best fit next to the figure. Words right beside the figure count in
        full (工业投资52.11亿元, 10个标志性); farther ones, and short terms that may match
        by chance, count less; words across a comma less again."""
        found = fuzz.partial_ratio_alignment(term, self.beside)
        if found is None:
            return 0.0
        at = len(self.left)
        before = found.dest_end <= at
        gap = self.left[found.dest_end:] if before else self.right[:max(0, found.dest_start - at)]
        if len(gap.strip()) <= 1:
            weight = min(1.0, (len(term) + 1) / 4)  # even beside the figure, 企业 says little
        else:
            weight = min(1.0, len(term) / 4) * max(0.7, 1 - 0.03 * len(gap))
        if _CLAUSE_MARK.search(gap):
            weight *= 0.85
        if (before and self.follows) or (found.dest_start >= at and not self.follows):
            weight *= 0.92
        # A longer matching term is more specific: 双创示范基地企业复工面 over 复工面.
        specificity = 0.85 + 0.15 * min(1.0, len(term) / 8)
        return found.score / 100 * weight * specificity


def decide(claim: Claim, index: FactIndex, sentence: Sentence | None = None, show: bool = True) -> Decision:
    """The verdict on one claim. Claims of a draft decided in order may share a `Sentence`.

    Only facts scoring RELATED or more can decide. With `show=False` the decision lists
    no candidates, and so it scores facts down to RELATED only, and down to PLAUSIBLE
    only for a figure left unverified, whose score is its nearest fact's: the verdict,
    fact and score are the same.
    """
    sentence = sentence if sentence is not None else Sentence()
    dim = claim_dimension(claim)
    candidates = index.candidates(claim, dim, sentence)
    if not candidates:
        return Decision("unverified", None, None, 0.0, ())
    if show:
        return _decided(claim, index, dim, _scored(claim, index, dim, candidates, PLAUSIBLE), show)
    decision = _decided(claim, index, dim, _scored(claim, index, dim, candidates, RELATED), show)
    if decision.verdict != "unverified":
        return decision
    nearest = max((m for m, _ in _scored(claim, index, dim, candidates, PLAUSIBLE)), default=0.0)
    return dataclasses.replace(decision, score=nearest)


def _scored(claim: Claim, index: FactIndex, dim: str, candidates: list[int], floor: float) -> list[tuple[float, int]]:
    """(metric, candidate) for the candidates scoring `floor` or more."""
    scorer = MetricScorer(claim, floor)
    metrics = ((_metric(claim, index, i, dim, scorer), i) for i in scorer.plausible(candidates, index.terms))
    return [(metric, i) for metric, i in metrics if metric >= floor]


def _decided(claim: Claim, index: FactIndex, dim: str, scored: list[tuple[float, int]], show: bool) -> Decision:
    judged = sorted((_judge(claim, index, i, dim, metric) for metric, i in scored), key=lambda j: (-j.metric, j.fact.id))
    shown = tuple(Candidate(j.fact.id, round(j.metric, 3), _note(j)) for j in judged[:8]) if show else ()
    related = [j for j in judged if j.metric >= RELATED and j.subject != "other"]
    # A fact that fits the words clearly better is the one meant, even if a vaguer one agrees.
    agreeing = [j for j in related if j.reason is None and j.period_ok and j.metric >= related[0].metric - MARGIN]
    if agreeing:
        return Decision("agree", None, agreeing[0].fact, agreeing[0].metric, shown)
    sure = [j for j in related if j.metric >= SURE]
    elsewhere = [j for j in judged if j.metric >= SURE and j.subject == "other" and j.reason is None and j.period_ok]
    if claim.mention.kind == "date":
        elsewhere = []
    if sure and not (elsewhere and elsewhere[0].metric > sure[0].metric + MARGIN):
        return _discrepancy(claim, sure, shown)
    if elsewhere:
        return Decision("discrepancy", "subject", elsewhere[0].fact, elsewhere[0].metric, shown)
    return Decision("unverified", None, None, max((m for m, _ in scored), default=0.0), shown)


def _discrepancy(claim: Claim, sure: list[Judged], shown: tuple[Candidate, ...]) -> Decision:
    in_period = [j for j in sure if j.period_ok]
    other_period = [j for j in sure if not j.period_ok and j.reason is None]
    if other_period:
        # The figure is right for another period: point at the fact for the period the draft names.
        fits = [j for j in in_period if j.metric >= other_period[0].metric - MARGIN]
        target = fits[0] if fits else other_period[0]
        return Decision("discrepancy", "period", target.fact, target.metric, shown)
    if not in_period:
        return Decision("discrepancy", "period", sure[0].fact, sure[0].metric, shown)
    top = in_period[0].metric
    close = [j for j in in_period if j.metric >= top - TIE]
    best = min(close, key=lambda j: _distance(claim, j.fact))
    return Decision("discrepancy", best.reason or "value", best.fact, best.metric, shown)


def _distance(claim: Claim, fact: Fact) -> Decimal:
    value = claim.mention.value
    if value is None or fact.value is None:
        return Decimal(0)
    return abs(compare.magnitude(claim.mention) - abs(fact.value)) / max(abs(fact.value), Decimal(1))


def _metric(claim: Claim, index: FactIndex, i: int, dim: str, scorer: MetricScorer) -> float:
    metric = scorer.best(index.terms[i])
    if dim == index.dimensions[i] and claim.mention.unit and not compare.counters_agree(claim.mention, index.facts[i]):
        metric *= 0.8  # 5.2万家 is probably not about 基站 counted in 座
    return metric


def _judge(claim: Claim, index: FactIndex, i: int, dim: str, metric: float) -> Judged:
    fact = index.facts[i]
    place = index.places[i]
    if claim.subject is None or place is None:
        subject = "unknown"
    else:
        subject = "same" if claim.subject == place else "other"
    base_year = index.base_years[i]
    period_ok = compare.periods_compatible(compare.period_text(claim.period, base_year), fact.period)
    reason = _reason(claim, fact, dim, index.dimensions[i], base_year)
    return Judged(fact, metric, subject, period_ok, reason)


def _reason(claim: Claim, fact: Fact, dim: str, fact_dim: str, base_year: int | None) -> Reason | None:
    mention = claim.mention
    if dim == "date":
        return None if _date_agrees(claim, fact, base_year) else "value"
    if mention.value is None or fact.value is None:
        return "value"
    claim_value, fact_value = compare.magnitude(mention), abs(fact.value)
    if dim == "multiple":
        claim_value = compare.ratio(claim_value, mention.phrase)
        fact_value = compare.ratio(fact_value, compare.fact_phrase(fact))
    same_number = claim_value == fact_value
    if dim != fact_dim:
        return "unit" if same_number else "value"
    if dim not in ("percent", "points", "multiple") and compare.same_figure_other_scale(mention, fact):
        return "unit"
    if fact.direction and mention.direction and fact.direction != mention.direction:
        return "direction" if same_number else "value"
    quantum = compare.quantum(mention)
    if dim == "multiple" and mention.phrase != compare.fact_phrase(fact):
        quantum = Decimal(0)
    if compare.value_agrees(claim_value, mention.bound, quantum, fact_value, fact.bound):
        return None
    return "qualifier" if same_number or _rounds_to(claim_value, quantum, fact_value) else "value"


def _rounds_to(claim: Decimal, quantum: Decimal, fact: Decimal) -> bool:
    return quantum > 0 and abs(claim - fact) <= quantum / 2


def _date_agrees(claim: Claim, fact: Fact, base_year: int | None) -> bool:
    date = claim.mention.date
    if date is None or fact.date is None:
        return False
    written = date.iso(base_year)
    return written == fact.date or (written.startswith("-") and fact.date.endswith(written))


def _note(judged: Judged) -> str:
    parts = [f"subject {judged.subject}", "period ok" if judged.period_ok else "period differs"]
    parts.append("figures agree" if judged.reason is None else f"differs: {judged.reason}")
    return ", ".join(parts)

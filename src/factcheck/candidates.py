"""Candidate facts for a claim, found through indexes, never by a scan of the whole base.

Facts are indexed by the character pairs of their metric words, per place, and
by the digits of their values, so the cost of a figure hardly grows with the
base. Dates and figures sit on shelves of their own: a date is only compared
with dates.
"""

from __future__ import annotations

import re
from collections import Counter
from decimal import Decimal
from itertools import chain, islice

from .claims import Claim
from .facts import FactBase
from .frame import FactFrame, fact_frame
from .gazetteer import Gazetteer
from .metric import ContextFits, english
from .glossary import Glossary
from .model import Fact
from .reading import read_facts
from .units import dimension
from .vocabulary import GENERIC, GENERIC_NOUNS

MAX_CANDIDATES = 60
POSTING_BUDGET = 20_000  # index entries read for a figure of no known place
_WORD = re.compile(r"[a-z0-9]+|[^\sa-z0-9]")
_KIND_DIMENSION = {"percent": "percent", "points": "points", "multiple": "multiple"}
_NEIGHBOUR_DIMENSIONS = {"percent": ("percent", "points"), "points": ("points", "percent")}


def _terms(fact: Fact, glossary: Glossary) -> tuple[str, ...]:
    """The words a fact is known by: its metric and keywords in the glossary's canonical
    words, with the English ones of the entries they use, lower-cased and without the
    words every metric shares."""
    terms = []
    for word in glossary.terms(fact.metric, fact.keywords):
        for generic in GENERIC:
            word = word.replace(generic, "")
        if len(word.strip()) >= 2:
            terms.append(word.strip())
    return tuple(dict.fromkeys(terms))


_GENERIC_LONGEST_FIRST = sorted(GENERIC_NOUNS, key=len, reverse=True)  # industrial chains before chains


def specific_terms(terms: tuple[str, ...]) -> tuple[str, ...]:
    """The terms that name a fact rather than any count: 贷款需求重点企业名单批次, not 方面
    or 工作方面 (nothing is left of them without the words every count has)."""
    found = []
    for term in terms:
        rest = term
        for word in _GENERIC_LONGEST_FIRST:
            rest = rest.replace(word, "")
        if len(term) < 3 or len(rest.strip()) < 2:
            continue
        if not term.isascii():
            found.append(term)  # Chinese is read whole, as it stands
            continue
        # English words move about (areas of the plan, the plan's areas): its own words must
        # stand by the figure, or the term whole when one word is left (demonstration projects);
        # one English word alone (banks, investment) names no more than 银行 or 投资 would.
        own = " ".join(rest.split())
        needle = own if " " in own else term
        if " " in needle:
            found.append(needle)
    return tuple(found)


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
        self.facts = read_facts(base.facts)  # as written, or in the reading form (reading.py)
        glossary = Glossary(base.glossary)
        # Facts of one metric over many periods share their words: each set is read once.
        known: dict[tuple[str, tuple[str, ...]], tuple[str, ...]] = {}
        self.terms = [known.get((f.metric, f.keywords)) or known.setdefault((f.metric, f.keywords), _terms(f, glossary))
                      for f in self.facts]
        # A sentence with no English word is scored on a fact's Chinese terms alone: its English
        # ones score nothing there (metric.MetricScorer), and were a quarter of the terms weighed.
        chinese = {terms: tuple(t for t in terms if not english(t)) for terms in known.values()}
        self.chinese_terms = [chinese[terms] for terms in self.terms]
        self.places = [gazetteer.place_of(f.subject) for f in base.facts]
        self.dimensions = [dimension(f.unit) for f in base.facts]
        self.base_years = [base.sources[f.source].base_year if f.source in base.sources else None for f in base.facts]
        # Read when a fact is first weighed in full: most facts of a large base never are.
        self.frames: dict[int, FactFrame] = {}
        self.specifics: dict[int, tuple[str, ...]] = {}
        # Postings of metric grams by gram, and the same per place ("" for facts of no
        # place): a figure about a place looks among that place's facts, not the whole base.
        # Dates and figures sit on shelves of their own, as a date is only compared with dates;
        # a place's figures in tables by dimension (`_aisle`), as a count is compared with counts.
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
            here = self.by_place.setdefault(_table(self.dimensions[index], self.places[index] or ""), {})
            for gram in grams:
                everywhere.setdefault(gram, []).append(index)
                here.setdefault(gram, []).append(index)
            self.by_digits.setdefault(_digits(self.facts[index].value), []).append(index)

    def frame(self, i: int) -> FactFrame:
        found = self.frames.get(i)
        if found is None:
            found = self.frames[i] = fact_frame(self.facts[i])
        return found

    def specific_terms(self, i: int) -> tuple[str, ...]:
        found = self.specifics.get(i)
        if found is None:
            found = self.specifics[i] = specific_terms(self.terms[i])
        return found

    def candidates(self, claim: Claim, claim_dimension: str, sentence: Sentence | None = None,
                   lineage: tuple[str, ...] = (), glossary: Glossary | None = None) -> list[int]:
        """The facts a claim may speak of. `lineage` is its place and the places that hold
        it (海口, 海南, 中国): a city's figure is weighed against its province's facts too."""
        sentence = sentence if sentence is not None else Sentence()
        lineage = lineage or ((claim.subject,) if claim.subject is not None else ())
        if claim_dimension == "date" and not self._shelved("date", lineage):
            return []  # most places state no date: the sentence's words need not be read (see `dated`)
        grams = sentence.grams(claim.context, glossary)
        # Of a place, only the tables of the claim's dimension are read; of no place, the shelf.
        key = (_aisle(claim_dimension) if lineage else _shelf(claim_dimension), lineage)
        ranked = sentence.ranked.get(key)
        if ranked is None:
            ranked = sentence.ranked[key] = self._ranked(claim_dimension, lineage, grams)
        allowed = _NEIGHBOUR_DIMENSIONS.get(claim_dimension, (claim_dimension,))
        dimensions = self.dimensions
        chosen = (ranked[:MAX_CANDIDATES] if lineage
                  else list(islice((i for i in ranked if dimensions[i] in allowed), MAX_CANDIDATES)))
        if claim_dimension == "date":
            return chosen
        # Facts with the same digits, from any place: in another unit (1200万吨 for 1200万只)
        # a unit slip, if of the claim's own place; in the claim's dimension, maybe the figure
        # of another place (a wrong subject). Only those whose metric shares a word can score.
        taken, own = set(chosen), (*lineage, None)
        same_digits = self.by_digits.get(_digits(claim.mention.value), ())
        return chosen + [
            i for i in same_digits
            if i not in taken and dimensions[i] != "date" and (dimensions[i] in allowed or self.places[i] in own)
            and not grams.isdisjoint(self.gram_sets[i])
        ]

    def dated(self, gazetteer: Gazetteer, subject: str | None) -> bool:
        """May a fact state a date about this place (or about no place in particular)? A
        draft's other dates are context only, never claims (claims.make_claims)."""
        lineage = gazetteer.lineage(subject) or ((subject,) if subject is not None else ())
        return self._shelved("date", lineage)

    def _shelved(self, dimension: str, lineage: tuple[str, ...]) -> bool:
        """Does the index hold any fact of this dimension the claim's place may speak of?"""
        if not lineage:
            return bool(self.by_gram.get(_shelf(dimension)))
        return any(self.by_place.get(_table(dimension, place)) for place in (*lineage, ""))

    def _ranked(self, dimension: str, lineage: tuple[str, ...], grams: frozenset[str]) -> list[int]:
        """Facts sharing grams with the sentence, most shared first (ties: first seen): of the
        places in `lineage` (and of no place), those of the dimension's tables; of no place
        given, any on its shelf."""
        if not lineage:
            postings = self._rarest(self.by_gram.get(_shelf(dimension), {}), grams)
        else:
            tables = [t for t in (self.by_place.get(_table(dimension, p)) for p in (*lineage, "")) if t]
            postings = [table[g] for table in tables for g in sorted(grams & table.keys())]
        hits = Counter(chain.from_iterable(postings))  # one call: Counter.update per posting cost more
        return sorted(hits, key=hits.__getitem__, reverse=True)  # as most_common(): ties stay first seen

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
        self.ranked: dict[tuple[str, tuple[str, ...]], list[int]] = {}
        self.fits = ContextFits()

    def grams(self, context: str, glossary: Glossary | None = None) -> frozenset[str]:
        if context != self.context:
            self.context = context
            canonical = glossary.canonical(context) if glossary else context.lower()
            self._grams = frozenset(_grams(canonical))
            self.ranked = {}
            self.fits = ContextFits(canonical if glossary else None)
        return self._grams


def _shelf(dimension: str) -> str:
    return "\1" if dimension == "date" else ""


def _aisle(dimension: str) -> str:
    """The dimensions a claim of this one is weighed against share a place's table: percent
    and points one, every other dimension (dates among them) its own."""
    return min(_NEIGHBOUR_DIMENSIONS.get(dimension, (dimension,)))


def _table(dimension: str, place: str) -> str:
    return _aisle(dimension) + "\0" + place


def claim_dimension(claim: Claim) -> str:
    mention = claim.mention
    if mention.kind == "date":
        return "date"
    return _KIND_DIMENSION.get(mention.kind) or dimension(mention.unit)

"""How well a fact's metric words fit the words around a figure: a score from 0 to 1.

rapidfuzz aligns each metric term with the words beside the figure; words right
beside it count in full, farther ones and short terms less.
"""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import chain, filterfalse
from typing import Callable, Iterable

from rapidfuzz import fuzz, process

from .claims import ENGLISH_REACH, Claim
from .glossary import Glossary
from .units import COUNTERS
from .vocabulary import EN_COUNTER_NOUNS

RELATED = 0.72  # metric score from which a fact speaks of the same thing
SURE = 0.8  # metric score needed to call a different figure a discrepancy
TIE = 0.02  # metric scores this close are a tie, settled by the nearer value
MARGIN = 0.05  # how much better a fact must fit to be the one meant over one that agrees
PLAUSIBLE = 0.5  # metric score under which a fact is neither weighed further nor shown
# Verbs between a name and its figure (基地共有11万余家企业) that should not part them.
_LINKING_VERBS = re.compile(r"(共有|拥有|共计|合计|达到|达|为|是|有|共)+\s*$")
_CLAUSE_MARK = re.compile("[,，;；:：、]")
_NO_GLOSSARY = Glossary()
_LATIN = re.compile("[a-z]{3}")  # an English word, not the g of 5G
_LETTER = re.compile("[a-z]")


@lru_cache(maxsize=1 << 16)
def english(term: str) -> bool:
    """An English term (terms are lower case): fit by its words, not its characters."""
    return term.isascii() and _LETTER.search(term) is not None


_TOKEN = re.compile(r"[a-z0-9]+")
_STOPWORDS = frozenset(("of", "the", "in", "on", "for", "and", "a", "an", "to", "by", "with", "at", "from", "its",
                        "per", "as", "or", "that", "which", "is", "was", "were", "are", "via", "through"))
# Words English uses for one another in metrics: firms, companies and enterprises are counted alike.
_SAME_WORD = {"firm": "company", "enterprise": "company", "business": "company"}


def _stem(token: str) -> str:
    """Enough of English endings for metric words: enterprises -> enterprise, companies ->
    company, correspondingly -> corresponding."""
    if token.endswith("ly") and len(token) > 6:
        token = token[:-2]
    if token.endswith("ies") and len(token) > 4:
        return token[:-3] + "y"
    if token.endswith("s") and not token.endswith("ss") and len(token) > 3:
        return token[:-1]
    return token


@lru_cache(maxsize=1 << 14)
def _term_tokens(term: str) -> frozenset[str]:
    return tokens(term)  # a fact's terms are few and fitted again and again


def tokens(text: str) -> frozenset[str]:
    """The English words of a text, stemmed, stop words left out."""
    return frozenset(filter(None, map(_word, _TOKEN.findall(text.lower().replace("'s", "")))))


@lru_cache(maxsize=1 << 14)
def _word(token: str) -> str:
    """A word as a token: stemmed and made the same as its synonyms; "" for a stop word."""
    if token in _STOPWORDS:
        return ""
    stem = _stem(token)
    return _SAME_WORD.get(stem, stem)


# What a Chinese counter counts, in English words: 7,005 companies are counted in 家.
_COUNTED_BY = {unit: tokens(" ".join(nouns)) for unit, nouns in EN_COUNTER_NOUNS.items()}


def token_fit(term: str, among: frozenset[str]) -> float:
    """The share (0..100) of a term's words that are `among` these."""
    words = _term_tokens(term)
    return 100 * len(words & among) / len(words) if words else 0.0


class ContextFits:
    """Terms' plain fits to one sentence, shared by the figures of that sentence: the
    costliest part of scoring is done once per sentence, not once per figure. Kept per
    floor, as a higher cut-off lets rapidfuzz give up on a term sooner."""

    def __init__(self, text: str | None = None) -> None:
        self.text = text  # the sentence in the glossary's words, once worked out
        self.screened: dict[float, set[str]] = {}
        self.scores: dict[float, dict[str, float]] = {}  # of floor / 0.85 or more
        self.tokens: frozenset[str] | None = None  # its English words, once asked for


class MetricScorer:
    """How well metric words fit the words around one figure (0..1), each term scored once.

    Scores of `floor` or more are exact; under it a score may be too low (parts that
    cannot reach the floor are not worked out), which is safe where nothing under the
    floor is shown or weighed. A date is judged on the words beside it only: a
    sentence names many things.
    """

    def __init__(self, claim: Claim, floor: float = PLAUSIBLE, fits: ContextFits | None = None,
                 glossary: Glossary | None = None, clause: Callable[[], str] | None = None, counted: str = "") -> None:
        self.floor = floor
        self.fits = fits if fits is not None else ContextFits()
        canonical = (glossary or _NO_GLOSSARY).canonical
        mention = claim.mention
        # The words left and right of the figure, the figure cut out, so that words on
        # both sides of it join (双创示范基地11万余家企业), in the glossary's words.
        left = _LINKING_VERBS.sub("", canonical(claim.window[:claim.at].rstrip()))
        right = canonical(claim.window[claim.at + mention.end - mention.start:].lstrip())
        self.left, self.right, self.beside = left, right, left + right
        if mention.kind == "date":
            self.context = ""
        else:
            self.context = self.fits.text if self.fits.text is not None else canonical(claim.context)
        words = self.beside + self.context
        self.latin = _LATIN.search(words) is not None
        # English words beside the figure are those of its clause (frame.words: the statement
        # it is part of), not of the next clause the wider English window reaches into.
        self.beside_tokens = tokens(clause() if clause is not None else self.beside) if self.latin else frozenset()
        self.context_tokens = self._context_tokens() if self.latin else frozenset()
        self.counted = tokens(counted)  # what an English count counts: its term must name it
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

    def _context_tokens(self) -> frozenset[str]:
        if self.fits.text is None or self.context != self.fits.text:  # no glossary, or a date's empty context
            return tokens(self.context)
        if self.fits.tokens is None:
            self.fits.tokens = tokens(self.context)  # the same sentence: the same words
        return self.fits.tokens

    def best(self, terms: tuple[str, ...]) -> float:
        # Facts of one metric over many periods share their terms: score them once.
        score = self.known_best.get(terms)
        if score is None:
            score = self.known_best[terms] = max(map(self.term, terms), default=0.0)
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
        self.screen(dict.fromkeys(chain.from_iterable(map(terms.__getitem__, candidates))))
        near = self.near_figure | self.in_sentence.keys()
        return [i for i in candidates if not near.isdisjoint(terms[i])]

    def screen(self, terms: Iterable[str]) -> None:
        # Filters over every term of every candidate: kept to C-level iteration where it can be.
        fresh = list(filterfalse(self.screened.__contains__, terms)) if self.screened else list(terms)
        if not fresh:
            return
        self.screened.update(fresh)
        chinese = list(filterfalse(english, fresh))
        if self.latin and len(chinese) < len(fresh):
            self._screen_english(list(filter(english, fresh)))  # elsewhere they score nothing
        fresh = chinese
        if not fresh:
            return
        self.near_figure.update(t for t, _, _ in process.extract(
            self.beside, fresh, scorer=fuzz.partial_ratio, processor=None, limit=None,
            score_cutoff=100 * self.floor))
        if self.context:
            screened = self.fits.screened.setdefault(self.floor, set())
            scores = self.fits.scores.setdefault(self.floor, {})
            new = list(filterfalse(screened.__contains__, fresh)) if screened else fresh
            if new:
                screened.update(new)
                scores.update((t, score) for t, score, _ in process.extract(
                    self.context, new, scorer=fuzz.partial_ratio, processor=None, limit=None,
                    score_cutoff=100 * self.floor / 0.85))
            self.in_sentence.update((t, scores[t]) for t in scores.keys() & fresh)

    def _screen_english(self, terms: list[str]) -> None:
        """English words move about (investment in 5G, 5G investment): a term fits by how
        many of its words stand near the figure or in the sentence, in any order."""
        for term in terms:
            if token_fit(term, self.beside_tokens) >= 100 * self.floor:
                self.near_figure.add(term)
            fit = token_fit(term, self.context_tokens)
            if self.context and fit >= 100 * self.floor / 0.85:
                self.in_sentence[term] = fit

    def names_counted(self, terms: tuple[str, ...], unit: str | None) -> bool:
        """Does a fact name what an English count counts, in one of its terms or by its counter
        (7,005 companies, a fact counted in 家)? 36 tasks is no count of projects."""
        if not self.counted:
            return True
        named = _COUNTED_BY.get(unit or "", frozenset()).union(*(_term_tokens(t) for t in terms if t.isascii()))
        return not self.counted.isdisjoint(named)

    def _worth(self, term: str) -> bool:
        """An English term scores nothing where no English word stands."""
        return self.latin or not english(term)

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
        if not self._worth(term):
            return 0.0
        score = self.local(term)
        if self.context:
            fit = token_fit(term, self.context_tokens) if english(term) else fuzz.partial_ratio(term, self.context)
            score = max(score, 0.85 * fit / 100)
        return score

    def local(self, term: str) -> float:
        """The term's best fit next to the figure. Words right beside the figure count in
        full (工业投资52.11亿元, 10个标志性); farther ones, and short terms that may match
        by chance, count less; words across a comma less again."""
        if english(term):
            size = len(term) / ENGLISH_REACH
            return (token_fit(term, self.beside_tokens) / 100 * min(1.0, (size + 1) / 4)
                    * (0.85 + 0.15 * min(1.0, size / 8)))
        found = fuzz.partial_ratio_alignment(term, self.beside)
        if found is None:
            return 0.0
        at = len(self.left)
        before = found.dest_end <= at
        gap = self.left[found.dest_end:] if before else self.right[:max(0, found.dest_start - at)]
        # An English word says about what one Chinese character says: weigh letters by three.
        size = len(term) / ENGLISH_REACH if term.isascii() else len(term)
        spaced = len(gap) / ENGLISH_REACH if gap.isascii() else len(gap)
        if len(gap.strip()) <= 1:
            weight = min(1.0, (size + 1) / 4)  # even beside the figure, 企业 says little
        else:
            weight = min(1.0, size / 4) * max(0.7, 1 - 0.03 * spaced)
        if _CLAUSE_MARK.search(gap):
            weight *= 0.85
        if (before and self.follows) or (found.dest_start >= at and not self.follows):
            weight *= 0.92
        # A longer matching term is more specific: 双创示范基地企业复工面 over 复工面.
        specificity = 0.85 + 0.15 * min(1.0, size / 8)
        return found.score / 100 * weight * specificity

"""The matcher skips what it can prove will not fit: the proof must hold.

`MetricScorer` screens terms with a cheap upper bound of their score and
drops a candidate, or a part of a term's score, that cannot reach its floor
(PLAUSIBLE, or RELATED when no candidates are listed);
if the bound were wrong, a fact that fits would silently vanish from the
verdict. Checked against the unscreened score (`exact`) on every claim of the
labelled drafts and the sources, and on random terms. Likewise a decision that
lists no candidates weighs only the facts that may decide: it must decide the same.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck.claims import Claim, make_claims
from factcheck.extract import extract
from factcheck.frame import Frame, frame
from factcheck.candidates import Sentence, claim_dimension
from factcheck.match import decide
from factcheck.metric import PLAUSIBLE, RELATED, MetricScorer
from factcheck.read import read_draft

DRAFTS = Path(__file__).parent / "drafts"


def frames_of(text: str, checker) -> list[Frame]:  # type: ignore[no-untyped-def]
    return [frame(text, c) for c in make_claims(text, extract(text), checker.gazetteer)]


def claims_of(paths: list[Path], checker) -> list[Frame]:  # type: ignore[no-untyped-def]
    frames: list[Frame] = []
    for path in paths:
        draft = read_draft(str(path))
        frames += frames_of(draft.prose, checker)
    return frames


@pytest.fixture(scope="module")
def frames(checker, sources: Path) -> list[Frame]:  # type: ignore[no-untyped-def]
    paths = sorted(p for p in DRAFTS.iterdir() if p.suffix in (".md", ".txt")) + sorted(sources.glob("*.txt"))
    found = claims_of(paths, checker)
    assert len(found) > 200
    return found


@pytest.fixture(scope="module")
def claims(frames: list[Frame]) -> list[Claim]:
    return [f.claim for f in frames]


@pytest.mark.parametrize("floor", [PLAUSIBLE, RELATED])
def test_no_candidate_that_fits_is_skipped(claims: list[Claim], checker, floor: float) -> None:  # type: ignore[no-untyped-def]
    index, kept_any = checker.index, 0
    for claim in claims:
        dimension = claim_dimension(claim)
        candidates = index.candidates(claim, dimension, Sentence())
        reference, scorer = MetricScorer(claim), MetricScorer(claim, floor)
        exact = {i: max(reference.exact(t) for t in index.terms[i]) for i in candidates}
        kept = scorer.plausible(candidates, index.terms)
        assert {i for i in candidates if exact[i] >= floor} <= set(kept), claim.context
        for i in kept:
            screened = scorer.best(index.terms[i])
            assert screened == exact[i] if exact[i] >= floor else screened < floor
        kept_any += len(kept) < len(candidates)
    assert kept_any > 0  # the bound does skip something, or this test proves nothing


# Figures no fact states, about metrics close to shipped ones: unverified, with a nearest fact under RELATED.
NEAR_MISSES = "福建今年建成设备基站达到777个。海南今年工业设备投资达到777亿元。海南今年规模设备企业达到777家。"


def test_a_decision_without_candidates_is_the_same(frames: list[Frame], checker) -> None:  # type: ignore[no-untyped-def]
    shown, bare, skipped, near = Sentence(), Sentence(), 0, 0
    for framed in frames + frames_of(NEAR_MISSES, checker):
        full = decide(framed, checker.index, checker.gazetteer, shown)
        quick = decide(framed, checker.index, checker.gazetteer, bare, show=False)
        assert full._replace(candidates=()) == quick, framed.claim.context
        skipped += any(c.score < RELATED for c in full.candidates)
        near += full.verdict == "unverified" and PLAUSIBLE <= full.score < RELATED
    assert skipped > 0 and near > 0  # facts under RELATED were met, or this proves nothing


LETTERS = "工业投资增长企业数量产值基站个家亿元同比全省海南江苏5g"


@settings(max_examples=300, deadline=None)
@given(data=st.data(), term=st.text(alphabet=LETTERS, min_size=2, max_size=10))
def test_the_bound_holds_for_any_term(claims: list[Claim], data: st.DataObject, term: str) -> None:
    claim = data.draw(st.sampled_from(claims))
    floor = data.draw(st.sampled_from([PLAUSIBLE, RELATED]))
    cut = data.draw(st.integers(0, max(0, len(claim.context) - 2)))
    for word in (term, claim.context[cut:cut + len(term)].lower()):
        if len(word) < 2:
            continue
        exact = MetricScorer(claim).exact(word)
        scorer = MetricScorer(claim, floor)
        kept = scorer.plausible([0], [(word,)])
        if exact >= floor:
            assert kept == [0] and scorer.term(word) == exact, (word, exact)
        else:
            assert MetricScorer(claim, floor).term(word) < floor

"""`--statistics`: how many findings of each verdict and reason, and for each fact.

Counted over every finding (not only those `--show` lists), as the summary line is, by
the report's `Tally` as files go by: counts per verdict, reason and fact, not findings.
"""

from __future__ import annotations

from ..model import REASONS
from . import Tally, one_line

_RANK = {"discrepancy": 0, "unverified": 1, "agree": 2}


def _kind(verdict: str, reason: str | None) -> str:
    return verdict + (f" ({reason})" if reason else "")


def by_kind(tally: Tally) -> list[tuple[str, int]]:
    """(`discrepancy (value)`, 2), ... discrepancies by reason first, then unverified, then agree."""
    ranked = sorted(
        ((_RANK[verdict], REASONS.index(reason) if reason else -1, _kind(verdict, reason)), count)
        for (verdict, reason), count in tally.kinds.items()
    )
    return [(label, count) for (_, _, label), count in ranked]


def by_fact(tally: Tally) -> list[tuple[str, str]]:
    """(fact id, `1 discrepancy, 2 agree`) for every fact a finding names, the most named first."""
    ranked = sorted(tally.facts.items(), key=lambda item: (-sum(item[1].values()), item[0]))
    return [(fact, ", ".join(f"{counts[v]} {v}" for v in ("discrepancy", "unverified", "agree") if counts[v])) for fact, counts in ranked]


def lines(tally: Tally) -> list[str]:
    """The statistics as aligned text lines.

    >>> from ..check import FileResult
    >>> from ..model import Finding
    >>> from . import tallied
    >>> f = Finding("d.md", 1, 1, 0, 3, "5.3万座", "", "discrepancy", "value", "53000", "座", fact_id="js-5g")
    >>> print("\\n".join(lines(tallied([FileResult("d.md", (f,))]))))
    by verdict and reason:
      discrepancy (value)  1
    by fact:
      js-5g  1 discrepancy
    """
    kinds, facts = by_kind(tally), by_fact(tally)
    width = max((len(k) for k, _ in kinds), default=0)
    out = ["by verdict and reason:", *(f"  {kind.ljust(width)}  {count}" for kind, count in kinds)]
    width = max((len(one_line(f)) for f, _ in facts), default=0)
    out += ["by fact:", *(f"  {one_line(fact).ljust(width)}  {counts}" for fact, counts in facts)]
    return out

"""`--statistics`: how many findings of each verdict and reason, and for each fact.

Counted over every finding (not only those `--show` lists), as the summary line is.
"""

from __future__ import annotations

from collections import Counter
from typing import Sequence

from ..check import FileResult
from ..model import REASONS, Finding
from . import one_line


def _kind(finding: Finding) -> str:
    return finding.verdict + (f" ({finding.reason})" if finding.reason else "")


_RANK = {"discrepancy": 0, "unverified": 1, "agree": 2}


def by_kind(results: Sequence[FileResult]) -> list[tuple[str, int]]:
    """(`discrepancy (value)`, 2), ... discrepancies by reason first, then unverified, then agree."""
    counts = Counter(
        (_RANK[f.verdict], REASONS.index(f.reason) if f.reason else -1, _kind(f)) for r in results for f in r.findings
    )
    return [(label, count) for (_, _, label), count in sorted(counts.items())]


def by_fact(results: Sequence[FileResult]) -> list[tuple[str, str]]:
    """(fact id, `1 discrepancy, 2 agree`) for every fact a finding names, the most named first."""
    facts: dict[str, Counter[str]] = {}
    for finding in (f for r in results for f in r.findings if f.fact_id):
        facts.setdefault(finding.fact_id or "", Counter())[finding.verdict] += 1
    ranked = sorted(facts.items(), key=lambda item: (-sum(item[1].values()), item[0]))
    return [(fact, ", ".join(f"{counts[v]} {v}" for v in ("discrepancy", "unverified", "agree") if counts[v])) for fact, counts in ranked]


def lines(results: Sequence[FileResult]) -> list[str]:
    """The statistics as aligned text lines.

    >>> from ..model import Finding
    >>> f = Finding("d.md", 1, 1, 0, 3, "5.3万座", "", "discrepancy", "value", "53000", "座", fact_id="js-5g")
    >>> print("\\n".join(lines([FileResult("d.md", (f,))])))
    by verdict and reason:
      discrepancy (value)  1
    by fact:
      js-5g  1 discrepancy
    """
    kinds, facts = by_kind(results), by_fact(results)
    width = max((len(k) for k, _ in kinds), default=0)
    out = ["by verdict and reason:", *(f"  {kind.ljust(width)}  {count}" for kind, count in kinds)]
    width = max((len(one_line(f)) for f, _ in facts), default=0)
    out += ["by fact:", *(f"  {one_line(fact).ljust(width)}  {counts}" for fact, counts in facts)]
    return out

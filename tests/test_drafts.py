"""Labelled drafts, checked end to end through the CLI's JSON output.

Each `tests/drafts/NAME.md|txt` has `NAME.expected.yaml`: every figure of the
draft in order, with the verdict (and reason) the checker must give. The
precision and recall of `discrepancy` over all of them are printed.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from factcheck.cli import app

DRAFTS = Path(__file__).parent / "drafts"
CASES = sorted(p for p in DRAFTS.iterdir() if p.suffix in (".md", ".txt"))


def run_json(path: Path, *args: str) -> dict[str, Any]:
    result = CliRunner().invoke(app, ["--format", "json", *args, str(path)])
    assert result.exit_code in (0, 1), result.output
    return json.loads(result.stdout)


def labelled(path: Path, *args: str) -> list[tuple[dict[str, Any], dict[str, Any] | None]]:
    """Pair each expected label with the finding for the same figure (by text and occurrence);
    `args` choose the fact base."""
    expected = yaml.safe_load(path.with_suffix(".expected.yaml").read_text(encoding="utf-8"))
    findings = run_json(path, *args)["files"][0]["findings"]
    by_text: dict[str, list[dict[str, Any]]] = {}
    for finding in findings:
        by_text.setdefault(finding["text"], []).append(finding)
    seen: Counter[str] = Counter()
    pairs = []
    for label in expected:
        text = str(label["text"])
        occurrences = by_text.get(text, [])
        pairs.append((label, occurrences[seen[text]] if seen[text] < len(occurrences) else None))
        seen[text] += 1
    extra = [f for f in findings if seen[f["text"]] < len(by_text[f["text"]])]
    for finding in extra:
        seen[finding["text"]] += 1
        pairs.append(({"text": finding["text"], "verdict": "(not labelled)"}, finding))
    return pairs


def _got(finding: dict[str, Any] | None) -> str:
    if finding is None:
        return "(not found)"
    return finding["verdict"] + (f"/{finding['reason']}" if finding["reason"] else "")


def _want(label: dict[str, Any]) -> str:
    return label["verdict"] + (f"/{label['reason']}" if label.get("reason") else "")


@pytest.mark.parametrize("path", CASES, ids=[p.name for p in CASES])
def test_every_labelled_figure(path: Path) -> None:
    wrong = [
        f"{label['text']}: want {_want(label)}, got {_got(finding)} ({finding and finding['fact'] and finding['fact']['id']})"
        for label, finding in labelled(path)
        if _want(label) != _got(finding)
    ]
    assert not wrong, "\n".join(wrong)


def test_discrepancy_precision_and_recall(capsys: pytest.CaptureFixture[str]) -> None:
    counts: Counter[str] = Counter()
    total = 0
    for path in CASES:
        for label, finding in labelled(path):
            total += label["verdict"] != "(not labelled)"
            flagged = finding is not None and finding["verdict"] == "discrepancy"
            wanted = label["verdict"] == "discrepancy"
            counts["tp" if flagged and wanted else "fp" if flagged else "fn" if wanted else "tn"] += 1
    precision = counts["tp"] / max(1, counts["tp"] + counts["fp"])
    recall = counts["tp"] / max(1, counts["tp"] + counts["fn"])
    with capsys.disabled():
        print(f"\nlabelled figures: {total}; discrepancy precision {precision:.2f}, recall {recall:.2f} ({dict(counts)})")
    assert total >= 60
    assert precision >= 0.9 and recall >= 0.9


def test_dates_no_fact_may_state_are_left_out_without_changing_a_finding(monkeypatch: pytest.MonkeyPatch) -> None:
    """`FactIndex.dated` keeps most of a draft's dates from being made claims (a speed-up): every
    draft, of ours and modelled on real reporting, gets the same findings as when all are."""
    from factcheck.cache import load_checker_cached
    from factcheck.candidates import FactIndex
    from factcheck.facts import embedded_facts_dir
    from factcheck.read import read_draft

    checker = load_checker_cached([embedded_facts_dir()])
    drafts = [read_draft(str(p)) for p in CASES + sorted(DRAFTS.parent.glob("reporting/*/*.md"))]
    quick = [checker.check(d).findings for d in drafts]
    monkeypatch.setattr(FactIndex, "dated", lambda self, gazetteer, subject: True)
    assert [checker.check(d).findings for d in drafts] == quick
    assert sum(map(len, quick)) > 900

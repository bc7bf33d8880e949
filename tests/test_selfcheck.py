"""The sources themselves, checked against the fact base built from them, and the README's example."""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

from typer.testing import CliRunner

from factcheck.cli import app

ROOT = Path(__file__).resolve().parents[1]


def test_sources_show_no_discrepancy(sources: Path) -> None:
    result = CliRunner().invoke(app, ["--format", "json", *sorted(str(p) for p in sources.glob("*.txt"))])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    counts = Counter(f["verdict"] for file in report["files"] for f in file["findings"])
    assert counts["discrepancy"] == 0
    covered = counts["agree"] + counts["unverified"]
    assert counts["agree"] >= 0.95 * covered, counts


def test_fact_base_specs_and_quotes_validate(sources: Path) -> None:
    result = CliRunner().invoke(app, ["facts", "validate", "--sources", str(sources)])
    assert result.exit_code == 0, result.output

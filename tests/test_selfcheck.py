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


def test_readme_shows_the_example_output(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(ROOT)
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    shown = re.search(r"--format plain` .*?```text\n(.*?)```", readme, re.S)
    assert shown, "the README's example output block is missing"
    result = CliRunner().invoke(app, ["examples/jiangsu-draft.md", "--format", "plain"])
    assert result.exit_code == 1
    assert result.stdout == shown.group(1)

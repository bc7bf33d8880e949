"""The benchmark generator and measuring functions work, at a tiny size (no timing is asserted)."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest

from factcheck.facts import embedded_facts_dir, load_fact_base

BENCHMARKS = Path(__file__).resolve().parents[1] / "benchmarks"
sys.path.insert(0, str(BENCHMARKS))

import run  # noqa: E402
import synth  # noqa: E402


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    out = tmp_path_factory.mktemp("bench")
    return synth.generate(out, 300, {"3k": 3000, "big": 20_000}, batch=3)


def test_the_generated_fact_base_loads_with_the_shipped_one(world: dict[str, object]) -> None:
    base = load_fact_base([embedded_facts_dir(), Path(str(world["facts"]))])
    generated = [f for f in base.facts if f.id.startswith("syn")]
    assert len(generated) == world["n_facts"] == 300
    assert {f.kind for f in generated} >= {"count", "amount", "share", "change"}
    for fact in generated:
        assert fact.as_written in fact.quote
        assert base.entities[fact.subject]


def test_drafts_hold_the_figures_their_manifest_names(world: dict[str, object]) -> None:
    drafts: dict[str, str] = world["drafts"]  # type: ignore[assignment]
    text = Path(drafts["big"]).read_text(encoding="utf-8")
    manifest = json.loads(Path(drafts["big"]).with_suffix(".manifest.json").read_text())
    assert 20_000 <= len(text.encode()) < 25_000
    assert {label["verdict"] for label in manifest} == {"agree", "discrepancy", "unverified"}
    for label in manifest:
        assert any(c.isdigit() for c in text[label["start"]:label["end"]])
    assert len(list(Path(str(world["batch"])).glob("*.md"))) == 3


def test_a_draft_against_the_shipped_base_is_about_3_kb() -> None:
    text = synth.shipped_draft(load_fact_base([embedded_facts_dir()]))
    assert 3000 <= len(text.encode()) < 4000


def test_the_measurements_run(world: dict[str, object], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FACTCHECK_CACHE_DIR", str(tmp_path / "cache"))
    from factcheck.cache import load_checker_cached

    facts = Path(str(world["facts"]))
    checker = load_checker_cached([embedded_facts_dir(), facts])
    drafts: dict[str, str] = world["drafts"]  # type: ignore[assignment]
    text = Path(drafts["big"]).read_text(encoding="utf-8")
    manifest = json.loads(Path(drafts["big"]).with_suffix(".manifest.json").read_text())
    measured = run.throughput(checker, text, budget=30, steps=[5_000, 20_000], manifest=manifest)
    assert [r["bytes"] for r in measured["runs"]][-1] > 15_000
    assert sum(measured["verdicts"].values()) == measured["runs"][-1]["findings"] > 0
    assert set(measured["labels"]) == {"agree", "discrepancy", "unverified"}
    assert run.floor_mb_s(text, repeat=1) > 0
    assert run.peak_mb() > 0
    assert run.median_seconds([sys.executable, "-c", "pass"], {}, repeat=1, warmup=False) > 0
    env = dict(os.environ)
    row = run.measure_size(300, {"facts": str(facts), "drafts": {"big": drafts["3k"]}}, env, budget=30, steps=[3000], repeat=1)
    assert row["facts"] == 300 + len(load_fact_base([embedded_facts_dir()]).facts)
    assert row["load_cold"] > 0 and row["load_warm"] > 0 and row["runs"]
    report = run.report({"machine": run.machine(), "sizes": [row]})
    assert "by fact base size" in report


def test_jobs_with_a_process_pool(world: dict[str, object], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FACTCHECK_CACHE_DIR", str(tmp_path / "cache"))
    wall, cpu = run.pool_seconds(Path(str(world["batch"])), Path(str(world["facts"])), 2)
    assert wall > 0 and cpu > 0


def test_the_start_up_phases_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FACTCHECK_CACHE_DIR", str(tmp_path / "cache"))
    draft = tmp_path / "shipped-3k.md"
    draft.write_text(synth.shipped_draft(load_fact_base([embedded_facts_dir()])), encoding="utf-8")
    phases = run.startup_phases(draft)
    assert all(isinstance(seconds, float) for seconds in phases.values())
    assert "check it in traditional characters" in phases
    assert len(run.traditional_copy(draft).read_text(encoding="utf-8")) == len(draft.read_text(encoding="utf-8"))

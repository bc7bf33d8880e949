"""Shared fixtures: the shipped fact base, the sources beside the repository, a CLI runner."""

from __future__ import annotations

from pathlib import Path

import pytest

from factcheck.facts import FactBase, embedded_facts_dir, load_fact_base

ROOT = Path(__file__).resolve().parents[1]
SOURCES = ROOT.parent / "shared" / "sources"
EXAMPLES = ROOT / "examples"


@pytest.fixture(autouse=True, scope="session")
def private_fact_cache(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    """The CLI caches the compiled fact base: never in the real home during tests."""
    patch = pytest.MonkeyPatch()
    patch.setenv("FACTCHECK_CACHE_DIR", str(tmp_path_factory.mktemp("factcheck-cache")))
    yield
    patch.undo()


@pytest.fixture(scope="session")
def base() -> FactBase:
    return load_fact_base([embedded_facts_dir()])


@pytest.fixture(scope="session")
def checker(base: FactBase):  # type: ignore[no-untyped-def]
    from factcheck.check import Checker

    return Checker(base)


@pytest.fixture(scope="session")
def sources() -> Path:
    if not SOURCES.is_dir():
        pytest.skip(f"the source documents are not beside the repository ({SOURCES})")
    return SOURCES

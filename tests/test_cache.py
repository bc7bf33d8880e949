"""The compiled fact-base cache: hits are equal to a fresh load, and nothing a user can do to
the cache (edit a fact, corrupt or truncate an entry, make the folder read-only) breaks a run."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from samples import GOOD_FACT

from factcheck import cache
from factcheck.facts import FactBaseError, embedded_facts_dir, load_fact_base

FACT_FILE = GOOD_FACT.replace("source: s.txt", "source: cache-test.txt\nbase_year: 2020").replace(
    "id: js-5g", "id: cache-test-stations"
)


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("FACTCHECK_CACHE_DIR", str(folder))
    monkeypatch.delenv("FACTCHECK_NO_CACHE", raising=False)
    return folder


@pytest.fixture
def facts(tmp_path: Path) -> list[Path]:
    """The shipped fact base plus one small file of our own, in a folder we may edit."""
    folder = tmp_path / "facts"
    shutil.copytree(embedded_facts_dir(), folder)
    (folder / "cache-test.yaml").write_text(FACT_FILE, encoding="utf-8")
    return [folder]


def entries(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if not p.name.startswith(".")) if folder.is_dir() else []


def no_yaml(dirs: object) -> None:
    raise AssertionError("the fact files were parsed again")


def test_a_hit_is_equal_to_a_fresh_load(cache_dir: Path, facts: list[Path], monkeypatch: pytest.MonkeyPatch) -> None:
    fresh = load_fact_base(facts)
    first = cache.load_fact_base_cached(facts)
    assert [p.suffix for p in entries(cache_dir)] == [".factbase"]
    monkeypatch.setattr(cache, "load_fact_base", no_yaml)
    second = cache.load_fact_base_cached(facts)
    assert first == fresh and second == fresh
    assert [f.value for f in second.facts] == [f.value for f in fresh.facts]
    assert [str(f.value) for f in second.facts] == [str(f.value) for f in fresh.facts]  # exact decimals


def test_a_hit_builds_facts_only_when_asked(cache_dir: Path, facts: list[Path]) -> None:
    fresh = load_fact_base(facts)
    cache.load_fact_base_cached(facts)
    lazy = cache.load_fact_base_cached(facts).facts
    assert isinstance(lazy, cache.LazyFacts) and len(lazy) == len(fresh.facts)
    assert lazy[5] == fresh.facts[5] and lazy[-1] == fresh.facts[-1] and lazy[2:9:3] == fresh.facts[2:9:3]
    assert lazy[5] is lazy[5]  # built once
    assert sum(fact is not None for fact in lazy._made) == 4  # 5, the last, 2 and 8
    with pytest.raises(IndexError):
        lazy[len(fresh.facts)]
    assert list(lazy) == list(fresh.facts) and lazy == fresh.facts and fresh.facts == lazy


def test_a_changed_fact_file_is_read_again(cache_dir: Path, facts: list[Path]) -> None:
    cache.load_fact_base_cached(facts)
    path = facts[0] / "cache-test.yaml"
    path.write_text(FACT_FILE.replace('"52000"', '"53000"').replace("5.2万座", "5.3万座"), encoding="utf-8")
    changed = cache.load_fact_base_cached(facts)
    assert changed == load_fact_base(facts)
    assert changed.fact("cache-test-stations").value == 53000  # type: ignore[union-attr]


def test_a_new_fact_file_is_read(cache_dir: Path, facts: list[Path]) -> None:
    cache.load_fact_base_cached(facts)
    (facts[0] / "more.yaml").write_text(FACT_FILE.replace("cache-test", "more-test"), encoding="utf-8")
    assert cache.load_fact_base_cached(facts).fact("more-test-stations") is not None


CORRUPTIONS = {
    "garbage": lambda data: os.urandom(len(data)),
    "truncated": lambda data: data[: len(data) // 2],
    "empty": lambda data: b"",
    "header only": lambda data: data[:40],
    "payload garbage": lambda data: data[:60] + os.urandom(len(data) - 60),
    "one byte changed": lambda data: data[:-100] + bytes([data[-100] ^ 0x01]) + data[-99:],
}


@pytest.mark.parametrize("corrupt", CORRUPTIONS.values(), ids=CORRUPTIONS.keys())
def test_a_corrupt_entry_is_rebuilt(cache_dir: Path, facts: list[Path], corrupt) -> None:  # type: ignore[no-untyped-def]
    expected = cache.load_fact_base_cached(facts)
    (entry,) = entries(cache_dir)
    entry.write_bytes(corrupt(entry.read_bytes()))
    assert cache.load_fact_base_cached(facts) == expected
    assert cache.load_fact_base_cached(facts) == expected  # and the rebuilt entry serves


def test_an_unwritable_cache_dir_means_no_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, facts: list[Path]) -> None:
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("a file where the cache folder should be")
    monkeypatch.setenv("FACTCHECK_CACHE_DIR", str(blocker / "cache"))
    assert cache.load_fact_base_cached(facts) == load_fact_base(facts)


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root writes into read-only folders")
def test_a_read_only_cache_dir_means_no_cache(cache_dir: Path, facts: list[Path]) -> None:
    cache_dir.mkdir()
    cache_dir.chmod(0o500)
    try:
        assert cache.load_fact_base_cached(facts) == load_fact_base(facts)
        assert entries(cache_dir) == []
    finally:
        cache_dir.chmod(0o700)


def test_no_cache_when_turned_off(cache_dir: Path, facts: list[Path], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FACTCHECK_NO_CACHE", "1")
    assert cache.load_fact_base_cached(facts) == load_fact_base(facts)
    assert not cache_dir.exists()


def test_the_cache_folder_follows_xdg(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("FACTCHECK_CACHE_DIR", raising=False)
    monkeypatch.delenv("FACTCHECK_NO_CACHE", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache.cache_dir() == tmp_path / "xdg" / "factcheck"
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/is/ignored")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert cache.cache_dir() == tmp_path / "home" / ".cache" / "factcheck"


def test_a_broken_fact_base_raises_and_is_not_cached(cache_dir: Path, facts: list[Path]) -> None:
    (facts[0] / "broken.yaml").write_text(FACT_FILE.replace("subject: 江苏", "subject: 无此地"), encoding="utf-8")
    for _ in range(2):
        with pytest.raises(FactBaseError, match="unknown entity"):
            cache.load_fact_base_cached(facts)
    assert entries(cache_dir) == []


def test_a_missing_fact_folder_raises(cache_dir: Path, tmp_path: Path) -> None:
    with pytest.raises(FactBaseError, match="no such fact file"):
        cache.load_fact_base_cached([tmp_path / "nowhere"])


def test_the_checker_index_comes_from_the_cache(cache_dir: Path, facts: list[Path]) -> None:
    from factcheck.check import Checker

    text = "江苏今年将新建5G基站5.3万座。"
    expected = Checker(load_fact_base(facts)).check_text(text)
    built = cache.load_checker_cached(facts)
    assert "index" in built.__dict__  # built and stored
    assert {p.suffix for p in entries(cache_dir)} == {".factbase", ".factindex"}
    loaded = cache.load_checker_cached(facts)
    assert "index" in loaded.__dict__  # restored, not built on first use
    assert vars(loaded.index).keys() == vars(built.index).keys()
    assert loaded.index.facts is loaded.base.facts
    assert loaded.check_text(text) == built.check_text(text) == expected


def test_an_index_of_facts_in_traditional_characters_comes_from_the_cache(cache_dir: Path, facts: list[Path]) -> None:
    from factcheck.check import Checker
    from factcheck.reading import ReadFacts

    hant = GOOD_FACT.replace("source: s.txt", "source: hant.txt").replace("id: js-5g", "id: hant-stations")
    for simplified, traditional in (("江苏", "江蘇"), ("新建", "新建數量"), ("5.2万座", "5.2萬座")):
        hant = hant.replace(simplified, traditional)
    (facts[0] / "hant.yaml").write_text(hant, encoding="utf-8")
    text = "江蘇今年將新建5G基站5.3萬座。"
    expected = Checker(load_fact_base(facts)).check_text(text)
    built = cache.load_checker_cached(facts)
    assert isinstance(built.index.facts, ReadFacts)
    loaded = cache.load_checker_cached(facts)
    assert "index" in loaded.__dict__ and isinstance(loaded.index.facts, ReadFacts)
    assert loaded.index.facts.written is loaded.base.facts
    assert loaded.index.facts.converted == built.index.facts.converted
    assert loaded.check_text(text) == built.check_text(text) == expected


def test_a_corrupt_index_entry_is_rebuilt(cache_dir: Path, facts: list[Path]) -> None:
    cache.load_checker_cached(facts)
    (index_entry,) = [p for p in entries(cache_dir) if p.suffix == ".factindex"]
    index_entry.write_bytes(index_entry.read_bytes()[:-10])
    checker = cache.load_checker_cached(facts)
    assert checker.check_text("江苏今年将新建5G基站5.2万座。").findings[0].verdict == "agree"

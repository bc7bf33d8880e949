"""The compiled fact-base cache: hits are equal to a fresh load, and nothing a user can do to
the cache (edit a fact, corrupt or truncate an entry, make the folder read-only) breaks a run."""

from __future__ import annotations

import hmac
import marshal
import os
import shutil
import stat
import time
import tracemalloc
from pathlib import Path

import pytest
from bounds import within
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


def _never_built(monkeypatch: pytest.MonkeyPatch) -> None:
    """From here on a FactIndex built, not restored, fails the test."""
    from factcheck.candidates import FactIndex

    def built(*args: object) -> None:
        raise AssertionError("the index was built, not restored from the cache")

    monkeypatch.setattr(FactIndex, "__init__", built)


def test_the_checker_index_comes_from_the_cache(cache_dir: Path, facts: list[Path], monkeypatch: pytest.MonkeyPatch) -> None:
    from factcheck.check import Checker

    text = "江苏今年将新建5G基站5.3万座。"
    expected = Checker(load_fact_base(facts)).check_text(text)
    built = cache.load_checker_cached(facts)
    assert "index" in built.__dict__  # built and stored
    assert {p.suffix for p in entries(cache_dir)} == {".factbase", ".factindex"}
    _never_built(monkeypatch)
    loaded = cache.load_checker_cached(facts)
    assert "index" in loaded.__dict__  # restored, not built on first use
    assert vars(loaded.index).keys() == vars(built.index).keys()
    assert loaded.index.facts is loaded.base.facts
    assert loaded.check_text(text) == built.check_text(text) == expected


def test_an_index_of_facts_in_traditional_characters_comes_from_the_cache(cache_dir: Path, facts: list[Path], monkeypatch: pytest.MonkeyPatch) -> None:
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
    _never_built(monkeypatch)  # the index of traditional facts was built again on every run
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


# ---- nothing read from the cache is trusted (issue 17, point 13) -----------------------------------

def _entry(folder: Path, suffix: str = ".factbase") -> Path:
    (found,) = [p for p in entries(folder) if p.suffix == suffix]
    return found


def _forged(entry: Path, payload: bytes, secret: bytes) -> None:
    """Rewrite an entry around another payload, its MAC made with `secret`."""
    data = entry.read_bytes()
    head = data[:len(cache.MAGIC) + cache.KEY_BYTES] + len(payload).to_bytes(8, "little")
    entry.write_bytes(head + hmac.new(secret, head + payload, "sha256").digest() + payload)


def _planted_value(cache_dir: Path, secret: bytes) -> None:
    entry = _entry(cache_dir)
    data = entry.read_bytes()
    form, names, columns, *rest = marshal.loads(data[len(cache.MAGIC) + cache.KEY_BYTES + 8 + cache.MAC_BYTES:])
    value = names.index("value")
    columns[value] = [53000 if v == 52000 else v for v in columns[value]]
    _forged(entry, marshal.dumps((form, names, columns, *rest)), secret)


def test_a_planted_entry_is_not_used(cache_dir: Path, facts: list[Path]) -> None:
    """An entry written by someone without the folder's secret changed a fact's value (5.3万座 then agreed)."""
    cache.load_fact_base_cached(facts)
    _planted_value(cache_dir, b"x" * 32)
    assert cache.load_fact_base_cached(facts).fact("cache-test-stations").value == 52000  # type: ignore[union-attr]


def test_an_entry_is_decoded_only_once_authenticated(cache_dir: Path, facts: list[Path], monkeypatch: pytest.MonkeyPatch) -> None:
    """marshal crashes the interpreter on crafted bytes: a forged entry never reaches it."""
    cache.load_fact_base_cached(facts)
    _forged(_entry(cache_dir), b"\xe3" + os.urandom(200), b"x" * 32)

    def crash(data: object) -> None:
        raise AssertionError("marshal.loads was given bytes the cache did not write")

    monkeypatch.setattr(marshal, "loads", crash)
    assert cache.load_fact_base_cached(facts) == load_fact_base(facts)


MALFORMED = {
    "not a tuple": lambda data: 5,
    "columns not lists": lambda data: (data[0], data[1], [0] * len(data[2]), *data[3:]),
    "an entity row too short": lambda data: (*data[:5], [("x",)], *data[6:]),
    "decimal column out of range": lambda data: (*data[:3], [10_000], *data[4:]),
    "a glossary row not words": lambda data: (*data[:7], [(("产量",), "output", "g.yaml", 1)]),
}


@pytest.mark.parametrize("change", MALFORMED.values(), ids=MALFORMED.keys())
def test_a_malformed_entry_is_rebuilt_even_when_authentic(cache_dir: Path, facts: list[Path], change) -> None:  # type: ignore[no-untyped-def]
    expected = cache.load_fact_base_cached(facts)
    entry = _entry(cache_dir)
    data = marshal.loads(entry.read_bytes()[len(cache.MAGIC) + cache.KEY_BYTES + 8 + cache.MAC_BYTES:])
    _forged(entry, marshal.dumps(change(data)), (cache_dir / cache.SECRET_NAME).read_bytes())
    assert cache.load_fact_base_cached(facts) == expected


@pytest.mark.parametrize("state", [
    {"\0facts": [], "a b": 1}, {"\0facts": 5}, [1, 2], {"\0facts": [], "\0read": {"facts": ["x"]}},
    {"\0facts": [], "\0read": {"a b": [1]}},
], ids=["not a name", "shared not a list", "not a mapping", "read facts not numbers", "read facts not a name"])
def test_a_malformed_index_is_rebuilt_even_when_authentic(cache_dir: Path, facts: list[Path], state: object) -> None:
    cache.load_checker_cached(facts)
    _forged(_entry(cache_dir, ".factindex"), marshal.dumps((cache.FORMAT, state)), (cache_dir / cache.SECRET_NAME).read_bytes())
    checker = cache.load_checker_cached(facts)
    assert checker.check_text("江苏今年将新建5G基站5.2万座。").findings[0].verdict == "agree"


@pytest.mark.parametrize("special", ["fifo", "/dev/zero"])
def test_an_entry_that_is_not_a_regular_file_is_replaced_unread(cache_dir: Path, facts: list[Path], special: str) -> None:
    """A FIFO entry hung every run; a link to /dev/zero was read without end."""
    expected = cache.load_fact_base_cached(facts)
    entry = _entry(cache_dir)
    entry.unlink()
    if special == "fifo":
        os.mkfifo(entry)
    else:
        entry.symlink_to(special)
    with within(10):
        assert cache.load_fact_base_cached(facts) == expected
    assert entry.is_file() and not entry.is_symlink()


def test_the_folder_is_made_private(cache_dir: Path, facts: list[Path]) -> None:
    """Under umask 000 the folder was 0777: anyone could plant entries."""
    old = os.umask(0)
    try:
        cache.load_fact_base_cached(facts)
    finally:
        os.umask(old)
    assert stat.S_IMODE(cache_dir.stat().st_mode) == 0o700
    assert stat.S_IMODE((cache_dir / cache.SECRET_NAME).stat().st_mode) == 0o600
    assert all(stat.S_IMODE(p.stat().st_mode) == 0o600 for p in entries(cache_dir))


def test_a_folder_others_may_write_is_not_used(cache_dir: Path, facts: list[Path], capsys: pytest.CaptureFixture[str]) -> None:
    cache_dir.mkdir(mode=0o700)
    cache_dir.chmod(0o777)
    cache._warned.clear()
    for _ in range(2):
        assert cache.load_fact_base_cached(facts) == load_fact_base(facts)
    assert entries(cache_dir) == []
    assert capsys.readouterr().err == (
        f"factcheck: warning: the cache folder {cache_dir} is writable by others: not used "
        "(make it yours and 0700, or set FACTCHECK_CACHE_DIR)\n"  # once per process
    )


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="needs root to give the folder away")
def test_a_folder_of_another_user_is_not_used(cache_dir: Path, facts: list[Path], capsys: pytest.CaptureFixture[str]) -> None:
    cache_dir.mkdir(mode=0o700)
    os.chown(cache_dir, 65534, 65534)
    cache._warned.clear()
    assert cache.load_fact_base_cached(facts) == load_fact_base(facts)
    assert entries(cache_dir) == [] and "belongs to another user: not used" in capsys.readouterr().err


@pytest.mark.parametrize("mode", [0o644, 0o600], ids=["readable by others", "too short"])
def test_a_secret_that_is_not_private_is_replaced(cache_dir: Path, facts: list[Path], mode: int) -> None:
    cache.load_fact_base_cached(facts)
    secret = cache_dir / cache.SECRET_NAME
    if mode == 0o600:
        secret.write_bytes(b"short")
    secret.chmod(mode)
    planted = secret.read_bytes()
    _planted_value(cache_dir, planted.ljust(32, b"\0")[:32] if len(planted) != 32 else planted)
    assert cache.load_fact_base_cached(facts).fact("cache-test-stations").value == 52000  # type: ignore[union-attr]
    assert secret.read_bytes() != planted and stat.S_IMODE(secret.stat().st_mode) == 0o600


def test_a_huge_fact_file_is_not_read_to_make_the_key(cache_dir: Path, facts: list[Path]) -> None:
    """The key read every fact file whole before the size check: a sparse 1 GB file cost 1 GB."""
    with open(facts[0] / "huge.yaml", "wb") as handle:
        handle.truncate(1_000_000_000)
    tracemalloc.start()
    try:
        with pytest.raises(FactBaseError, match="larger than"):
            cache.load_fact_base_cached(facts)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 50_000_000


def test_temporaries_left_by_a_killed_run_are_pruned(cache_dir: Path, facts: list[Path]) -> None:
    cache_dir.mkdir(mode=0o700)
    stale, fresh = cache_dir / ".tmp-stale", cache_dir / ".tmp-fresh"
    stale.write_bytes(b"x" * 1000)
    fresh.write_bytes(b"x")
    os.utime(stale, (time.time() - 2 * cache.STALE_SECONDS,) * 2)
    cache.load_fact_base_cached(facts)  # writes an entry, then prunes
    assert not stale.exists() and fresh.exists()  # a fresh one may be another run's, being written

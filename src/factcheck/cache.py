"""A compiled cache of the fact base: parse the YAML once, load it in a fraction of the time.

The cache lives in the user's cache directory (`$FACTCHECK_CACHE_DIR`, else
`$XDG_CACHE_HOME/factcheck`, else `~/.cache/factcheck`); `FACTCHECK_NO_CACHE=1`
turns it off. An entry is keyed by a content hash of every fact file the
loader reads (path, size and bytes, with SHA-256), the tool and Python
versions and the package's own modules, so editing a fact file, upgrading
or changing the code all mean a rebuild, never a stale answer.

Entries are `marshal` data (columns of strings, numbers and tuples), not
pickle: loading one cannot run code, and it is faster. A loaded base keeps
its columns and builds each Fact on first use (CachedFacts): 100,000 facts load
in about 0.2 s. A broken fact base is never cached (FactBaseError
propagates); a missing, unreadable, truncated, corrupt, forged or stale entry
is rebuilt, and a cache directory that cannot be written just means no cache.
Writes are atomic (a temporary file, then os.replace), so processes running
side by side (--jobs) never see half an entry.

Nothing read from the cache is trusted as it is. marshal can crash the
interpreter on crafted bytes, so an entry is decoded only once its HMAC-SHA256,
keyed with 32 random bytes kept in the folder (`.secret`, mode 0600, owned by
the user), is verified; the decoded structure is then checked. The folder is
created 0700; one that belongs to another user or that others may write is
not used (one warning line). Every file is opened as inputs.read_bytes does:
regular files only, bounded. Temporaries left by a killed run are pruned.

`load_checker_cached` also keeps the built `FactIndex`, which takes far
longer to build than the fact base takes to load (docs/performance.md).
"""

from __future__ import annotations

import dataclasses
import gc
import hashlib
import hmac
import marshal
import os
import stat
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable, Sequence

from . import __version__
from .facts import MAX_FACT_FILE_BYTES, FactBase, SourceInfo, _yaml_files, load_fact_base
from .inputs import ReadError, read_bytes
from .lazy import LazyFacts
from .model import Entity, Fact, GlossaryEntry, Spec
from .reading import ReadFacts

if TYPE_CHECKING:
    from .check import Checker

FORMAT = 3  # 3: entries authenticated with an HMAC, and the fact base's glossary in them
MAGIC = b"factcheck cache 3\n"
KEY_BYTES = MAC_BYTES = SECRET_BYTES = 32
SECRET_NAME = ".secret"
MAX_ENTRY_BYTES = 1 << 30
STALE_SECONDS = 3600  # a temporary older than this was left by a run that was killed
MAX_ENTRIES = 8  # entries kept (fact bases x {base, index}); the least recently used go first
_BASE_SUFFIX, _INDEX_SUFFIX = ".factbase", ".factindex"
# The modules whose code decides what a cached fact base or index holds: an
# edit to one (same version, editable install) must not serve an old entry.
BASE_MODULES = ("__init__.py", "cache.py", "facts.py", "model.py", "units.py", "yamldata.py", "reading.py",
                "traditional.py")
INDEX_MODULES = ("candidates.py", "match.py", "claims.py", "compare.py", "check.py", "frame.py", "vocabulary.py",
                 "glossary.py")


def cache_dir() -> Path | None:
    """Where entries go, or None when caching is turned off."""
    if os.environ.get("FACTCHECK_NO_CACHE", "") not in ("", "0"):
        return None
    if os.environ.get("FACTCHECK_CACHE_DIR"):
        return Path(os.environ["FACTCHECK_CACHE_DIR"])
    xdg = os.environ.get("XDG_CACHE_HOME", "")
    if os.path.isabs(xdg):
        return Path(xdg) / "factcheck"
    try:
        return Path.home() / ".cache" / "factcheck"
    except RuntimeError:  # no home directory to be found: no cache
        return None


def load_fact_base_cached(dirs: Iterable[Path]) -> FactBase:
    """`load_fact_base(dirs)`, from the cache when the fact files have not changed."""
    return _load(list(dirs))[0]


def load_checker_cached(dirs: Iterable[Path]) -> "Checker":
    """A Checker for `dirs` whose fact index comes from the cache when it can.

    Building the index is most of the start-up cost of a large fact base
    (about 2 s for 100,000 facts, against about 0.2 s to load it from here).
    """
    from .check import Checker

    dirs = list(dirs)
    base, key, store = _load(dirs)
    checker = Checker(base)
    if key is None or store is None:
        return checker
    entry = store.folder / (_slot(dirs) + _INDEX_SUFFIX)
    key = hashlib.sha256(key + _environment(INDEX_MODULES)).digest()
    state = _decoded(_read_entry(store, entry, key), _decode_index)
    if state is not None:
        from .candidates import FactIndex

        index = object.__new__(FactIndex)
        shared = state.pop("\0facts")
        read = state.pop("\0read", {})
        index.__dict__.update(state)
        index.__dict__.update(dict.fromkeys(shared, base.facts))
        index.__dict__.update({name: ReadFacts(base.facts, converted) for name, converted in read.items()})
        checker.__dict__["index"] = index  # what functools.cached_property stores
        _touch(entry)
        return checker
    payload = _encode_index(checker.index.__dict__, base.facts)
    if payload is not None:
        _write_entry(store, entry, key, payload)
    return checker


# -- keys ------------------------------------------------------------------


def _load(dirs: list[Path]) -> tuple[FactBase, bytes | None, _Store | None]:
    problems: list[Any] = []
    files = _yaml_files(dirs, problems)
    store = None if problems else _store()
    if store is None:
        return load_fact_base(dirs), None, None  # raises FactBaseError on a missing path
    entry = store.folder / (_slot(dirs) + _BASE_SUFFIX)
    # Hashing in a thread while decoding was tried: the two fight for the GIL
    # at every file and the whole takes twice as long; so one after the other.
    key = _key(files)
    if key is None:
        return load_fact_base(dirs), None, None
    stored = _read_entry(store, entry, key)
    base = _decoded(stored, _decode_base)
    if base is not None:
        _touch(entry)
        return base, key, store
    base = load_fact_base(dirs)  # a broken fact base raises here and is never cached
    payload = _encode_base(base)
    if payload is not None:
        _write_entry(store, entry, key, payload)
    return base, key, store


def _slot(dirs: Sequence[Path]) -> str:
    """One entry per set of fact folders: a changed file replaces its entry, not adds one."""
    names = "\0".join(os.path.abspath(str(d)) for d in dirs)
    return hashlib.blake2b(names.encode("utf-8", "surrogatepass"), digest_size=12).hexdigest()


def _key(files: Sequence[Path]) -> bytes | None:
    """Content hash of the fact files, the versions and the code; None if a file cannot be read.

    SHA-256 because CPUs hash it in hardware: 40 MB of YAML in ~25 ms here, blake2b ~70 ms.
    """
    digest = hashlib.sha256(_environment())
    try:
        for path in files:
            data = read_bytes(path, MAX_FACT_FILE_BYTES)  # size checked first: a sparse 1 GB file is not read
            name = str(path).encode("utf-8", "surrogatepass")
            digest.update(len(name).to_bytes(8, "little") + name + len(data).to_bytes(8, "little"))
            digest.update(data)
    except ReadError:
        return None  # the loader reports it
    return digest.digest()


def _environment(modules: Sequence[str] = ()) -> bytes:
    """What else decides what is cached: versions, the records' fields, the code that builds them."""
    parts = [f"format {FORMAT}", __version__, sys.version, sys.implementation.cache_tag or ""]
    for record in (Fact, Spec, Entity, SourceInfo, GlossaryEntry):
        parts.append(record.__name__ + ":" + ",".join(f.name for f in dataclasses.fields(record)))
    package = Path(__file__).parent
    for name in sorted(set(BASE_MODULES) | set(modules)):
        try:
            stat = (package / name).stat()
        except OSError:
            continue
        parts.append(f"{name}:{stat.st_size}:{stat.st_mtime_ns}")
    return "\n".join(parts).encode("utf-8", "surrogatepass")


# -- the folder and its secret ----------------------------------------------


class _Store:  # a plain class: a NamedTuple costs start-up time to create
    __slots__ = ("folder", "secret")

    def __init__(self, folder: Path, secret: bytes) -> None:
        self.folder = folder
        self.secret = secret  # the HMAC key of every entry


_warned: set[str] = set()


def _store() -> _Store | None:
    """The cache folder, made 0700, and its secret; None when caching is off or the folder
    cannot be trusted (another user's, or writable by others: warned once)."""
    folder = cache_dir()
    if folder is None:
        return None
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        info = os.stat(folder)
    except OSError:
        return None
    problem = _untrusted(info)
    if problem:
        _warn(f"the cache folder {folder} {problem}: not used (make it yours and 0700, or set FACTCHECK_CACHE_DIR)")
        return None
    secret = _secret(folder / SECRET_NAME)
    return None if secret is None else _Store(folder, secret)


def _untrusted(info: os.stat_result) -> str | None:
    if not stat.S_ISDIR(info.st_mode):
        return "is not a folder"
    if hasattr(os, "geteuid") and info.st_uid != os.geteuid():
        return "belongs to another user"
    if info.st_mode & 0o022:
        return "is writable by others"
    return None


def _warn(message: str) -> None:
    from .escape import inert

    if message not in _warned:
        _warned.add(message)
        sys.stderr.write(f"factcheck: warning: {inert(message)}\n")


def _secret(path: Path) -> bytes | None:
    """The folder's secret: 32 bytes in a 0600 file of this user's; made if missing or not so."""
    try:
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
    except FileNotFoundError:
        return _new_secret(path, replace=False)
    except OSError:
        return _new_secret(path, replace=True)  # a link, a loop: not ours
    try:
        info = os.fstat(descriptor)
        secret = os.read(descriptor, SECRET_BYTES + 1) if stat.S_ISREG(info.st_mode) else b""
    except OSError:
        secret = b""
    finally:
        os.close(descriptor)
    mine = not hasattr(os, "geteuid") or info.st_uid == os.geteuid()
    if len(secret) == SECRET_BYTES and mine and not info.st_mode & 0o077:
        return secret
    return _new_secret(path, replace=True)


def _new_secret(path: Path, replace: bool) -> bytes | None:
    """A new secret, written atomically (0600); if another process made one first, theirs."""
    secret = os.urandom(SECRET_BYTES)
    temporary = None
    try:
        handle, temporary = tempfile.mkstemp(prefix=".tmp-", dir=path.parent)
        with os.fdopen(handle, "wb") as out:
            out.write(secret)
        if replace:
            os.replace(temporary, path)
        else:
            try:
                os.link(temporary, path)  # never over a secret another process has just made
            except FileExistsError:
                return _secret(path)
    except OSError:
        return None
    finally:
        if temporary is not None and os.path.lexists(temporary):
            try:
                os.unlink(temporary)
            except OSError:
                pass
    return secret


# -- entries ---------------------------------------------------------------
# MAGIC, the key (32), the payload's length (8), HMAC-SHA256 of all that and the payload (32), the payload.


def _mac(store: _Store, head: bytes | memoryview, payload: bytes | memoryview) -> bytes:
    mac = hmac.new(store.secret, head, "sha256")
    mac.update(payload)
    return mac.digest()


def _read_entry(store: _Store, path: Path, key: bytes) -> memoryview | None:
    """The payload of an entry; None if it is absent, foreign, truncated, forged or for another key."""
    try:
        data = read_bytes(path, MAX_ENTRY_BYTES)
    except ReadError:
        return None
    head = len(MAGIC) + KEY_BYTES + 8
    if len(data) < head + MAC_BYTES or not data.startswith(MAGIC) or data[len(MAGIC):len(MAGIC) + KEY_BYTES] != key:
        return None
    view = memoryview(data)
    payload = view[head + MAC_BYTES:]
    if len(payload) != int.from_bytes(data[head - 8:head], "little"):
        return None
    if not hmac.compare_digest(_mac(store, view[:head], payload), data[head:head + MAC_BYTES]):
        return None
    return payload


def _decoded(payload: Any, decode: Any) -> Any:
    """Decode a payload with the collector paused (it only slows the building of many objects)."""
    if payload is None:
        return None
    enabled = gc.isenabled()
    gc.disable()
    try:
        return decode(marshal.loads(payload))
    except Exception:  # noqa: BLE001 - a corrupt or foreign entry may raise anything: rebuild
        return None
    finally:
        if enabled:
            gc.enable()


def _write_entry(store: _Store, entry: Path, key: bytes, payload: bytes) -> None:
    """Write atomically; any OSError (read-only, full, missing) just leaves no entry."""
    temporary = None
    try:
        handle, temporary = tempfile.mkstemp(prefix=".tmp-", dir=store.folder)
        head = MAGIC + key + len(payload).to_bytes(8, "little")
        with os.fdopen(handle, "wb") as out:
            out.write(head + _mac(store, head, payload))
            out.write(payload)
        os.replace(temporary, entry)
        temporary = None
        _prune(store.folder)
    except OSError:
        pass
    finally:
        if temporary is not None:
            try:
                os.unlink(temporary)
            except OSError:
                pass


def _touch(entry: Path) -> None:
    try:
        os.utime(entry)
    except OSError:
        pass


def _prune(folder: Path) -> None:
    """Keep the MAX_ENTRIES entries used last; remove temporaries a killed run left."""
    entries, now = [], time.time()
    for path in folder.iterdir():
        info = path.lstat()
        if path.suffix in (_BASE_SUFFIX, _INDEX_SUFFIX):
            entries.append((info.st_mtime_ns, path))
        elif path.name.startswith(".tmp-") and now - info.st_mtime > STALE_SECONDS:
            path.unlink(missing_ok=True)
    entries.sort(reverse=True)
    for _, old in entries[MAX_ENTRIES:]:
        old.unlink(missing_ok=True)


# -- payloads --------------------------------------------------------------
# A fact base becomes columns of plain values (one list per Fact field),
# with equal strings and tuples shared so that marshal writes them once.


def _encode_base(base: FactBase) -> bytes | None:
    pool: dict[Any, Any] = {}
    names = [f.name for f in dataclasses.fields(Fact)]
    columns = [[_shared(pool, getattr(fact, name)) for fact in base.facts] for name in names]
    decimals = [i for i, column in enumerate(columns) if any(isinstance(v, Decimal) for v in column)]
    specs = [i for i, column in enumerate(columns) if any(isinstance(v, tuple) and v and isinstance(v[0], Spec) for v in column)]
    for i in decimals:
        columns[i] = [_plain_decimal(v) for v in columns[i]]
    for i in specs:
        columns[i] = [tuple(dataclasses.astuple(s) for s in v) for v in columns[i]]
    entities = [dataclasses.astuple(e) for e in base.entities.values()]
    sources = [dataclasses.astuple(s) for s in base.sources.values()]
    glossary = [dataclasses.astuple(g) for g in base.glossary]
    try:
        return marshal.dumps((FORMAT, names, columns, decimals, specs, entities, sources, glossary))
    except ValueError:  # a value marshal cannot write (a new kind of field): no cache
        return None


def _plain_decimal(value: Decimal | None) -> int | str | None:
    """An int when Decimal(int) gives back the same value and exponent (most values), else its text."""
    if value is None:
        return None
    exponent = value.as_tuple().exponent
    return int(value) if exponent == 0 else str(value)


def _shared(pool: dict[Any, Any], value: Any) -> Any:
    if isinstance(value, (str, tuple)):
        return pool.setdefault((type(value), value), value)
    return value


def _decode_base(data: Any) -> FactBase:
    form, names, columns, decimals, specs, entities, sources, glossary = data
    if form != FORMAT or names != [f.name for f in dataclasses.fields(Fact)]:
        raise ValueError("another layout")
    if not isinstance(columns, list) or len(columns) != len(names) or not all(isinstance(c, list) for c in columns):
        raise ValueError("not a column per field")
    count = len(columns[0])
    if any(len(column) != count for column in columns):
        raise ValueError("columns of different lengths")
    for column in (decimals, specs):
        if not isinstance(column, list) or not all(isinstance(i, int) and 0 <= i < len(names) for i in column):
            raise ValueError("not a list of columns")
    _rows(entities, Entity)
    _rows(sources, SourceInfo)
    if not isinstance(glossary, list) or not all(_glossary_row(r) for r in glossary):
        raise ValueError("not glossary rows")
    return FactBase(
        CachedFacts(names, columns, decimals, specs),
        {row[0]: Entity(*row) for row in entities},
        {row[0]: SourceInfo(*row) for row in sources},
        tuple(GlossaryEntry(*row) for row in glossary),
    )


def _glossary_row(row: Any) -> bool:
    """(zh words, en words, path, line), as GlossaryEntry holds them."""
    return (isinstance(row, tuple) and len(row) == len(dataclasses.fields(GlossaryEntry))
            and all(isinstance(words, tuple) and all(isinstance(w, str) for w in words) for words in row[:2])
            and isinstance(row[2], str) and isinstance(row[3], int))


def _rows(rows: Any, record: type) -> None:
    """A list of tuples, one value per field of `record`, the first a string (the id)."""
    width = len(dataclasses.fields(record))
    if not isinstance(rows, list) or not all(isinstance(r, tuple) and len(r) == width and isinstance(r[0], str) for r in rows):
        raise ValueError(f"not {record.__name__} rows")


class CachedFacts(LazyFacts):
    """The facts of a cached base, each made into a `Fact` from its columns when first asked for."""

    def __init__(self, names: list[str], columns: list[list[Any]], decimals: list[int], specs: list[int]) -> None:
        super().__init__(len(columns[0]) if columns else 0)
        self._names = names
        self._columns = columns
        self._decimals = decimals
        self._specs = specs

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Sequence) or isinstance(other, str):
            return NotImplemented
        return len(self) == len(other) and all(a == b for a, b in zip(self, other))

    __hash__ = None  # type: ignore[assignment]  # mutable cache inside, like a list

    def _make(self, index: int) -> Fact:
        values = [column[index] for column in self._columns]
        for i in self._decimals:
            values[i] = None if values[i] is None else Decimal(values[i])
        for i in self._specs:
            values[i] = tuple(Spec(*s) for s in values[i]) if values[i] else ()
        # What the dataclass __init__ would store, without its frozen-field checks.
        fact = object.__new__(Fact)
        fact.__dict__.update(zip(self._names, values))
        return fact


def _encode_index(state: dict[str, Any], facts: Sequence[Fact]) -> bytes | None:
    pool: dict[Any, Any] = {}
    plain: dict[str, Any] = {"\0facts": [name for name, value in state.items() if value is facts]}
    # Facts read anew (written in traditional characters): which ones, read again on loading.
    plain["\0read"] = {name: sorted(value.converted) for name, value in state.items()
                       if isinstance(value, ReadFacts) and value.written is facts}
    for name, value in state.items():
        if value is facts or name in plain["\0read"]:
            continue
        plain[name] = [_shared(pool, v) for v in value] if isinstance(value, list) else value
    try:
        return marshal.dumps((FORMAT, plain))
    except ValueError:
        return None


def _decode_index(data: Any) -> dict[str, Any]:
    form, state = data
    if form != FORMAT or not isinstance(state, dict) or not isinstance(state.get("\0facts"), list):
        raise ValueError("another layout")
    shared, read = state["\0facts"], state.get("\0read", {})
    names = [*shared, *read, *(k for k in state if k not in ("\0facts", "\0read"))]
    if not all(isinstance(name, str) and name.isidentifier() for name in names):
        raise ValueError("not attribute names")
    if not isinstance(read, dict) or not all(isinstance(rows, list) and all(isinstance(i, int) for i in rows) for rows in read.values()):
        raise ValueError("not fact numbers")
    return state

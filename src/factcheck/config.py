"""Settings for a run: defaults, then the configuration file, then the command line.

Keys (the same in `.factcheck.yaml` and in `[tool.factcheck]` of `pyproject.toml`):

    facts          fact directories or files, relative to the configuration file
    default-facts  also load the fact base shipped with factcheck (true)
    include        globs of drafts to take when a directory is expanded (*.md, *.markdown, *.txt)
    exclude        globs of drafts to leave out when a directory is expanded
    fail-on        discrepancy | unverified | never: what makes the exit status 1
    format         the output format (table on a terminal, else plain)
    show           verdicts listed by table, plain and markdown (all)
    jobs           drafts checked in parallel (1; 0 means one per CPU)
    max-size       the largest draft accepted, in bytes
    baseline       a baseline file of known findings to silence, relative to the configuration file
    overrides      a list of {paths: [globs], fail-on: ..., show: ...}; the last match wins

A flag given on the command line beats the file, including its overrides.
"""

from __future__ import annotations

import difflib
import os
import reprlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, Mapping, NamedTuple

from .config_files import ConfigError, ConfigFile
from .globs import any_match, relative_to
from .model import VERDICTS

FAIL_ON = ("discrepancy", "unverified", "never")
# The verdicts that make the exit status 1 under each fail-on.
FAILING: Mapping[str, frozenset[str]] = {
    "discrepancy": frozenset({"discrepancy"}), "unverified": frozenset({"discrepancy", "unverified"}), "never": frozenset(),
}
DEFAULT_INCLUDE = ("*.md", "*.markdown", "*.txt")
DEFAULT_MAX_SIZE = 10_000_000
# The read buffer of a draft is allocated at its limit: 10^11 was a MemoryError, 2^63-1 an
# OverflowError. A draft of a gigabyte would take hours to check anyway.
MAX_SIZE_LIMIT = 1_000_000_000
MAX_JOBS = 1_000_000  # any number is taken; workers() never starts more than one per CPU
KEYS = ("facts", "default-facts", "include", "exclude", "fail-on", "format", "show", "jobs", "max-size", "baseline", "overrides")
OVERRIDE_KEYS = ("paths", "fail-on", "show")
DEFAULT = "default"
COMMAND_LINE = "command line"

__all__ = ["ConfigError", "Override", "Settings", "resolve", "parse_show", "describe"]


class Override(NamedTuple):  # not a dataclass: cheaper to create at import, on every run
    paths: tuple[str, ...]
    fail_on: str | None = None
    show: frozenset[str] | None = None
    origin: str = ""


@dataclass(frozen=True)
class Settings:
    facts: tuple[Path, ...] = ()
    default_facts: bool = True
    include: tuple[str, ...] = DEFAULT_INCLUDE
    exclude: tuple[str, ...] = ()
    fail_on: str = "discrepancy"
    format: str | None = None  # None: table on a terminal, else plain
    show: frozenset[str] = frozenset(VERDICTS)
    jobs: int = 1
    max_size: int = DEFAULT_MAX_SIZE
    baseline: Path | None = None
    overrides: tuple[Override, ...] = ()
    root: Path = Path(".")  # globs are relative to this: the configuration file's folder
    config: Path | None = None
    origins: Mapping[str, str] = field(default_factory=dict)
    stdin_filename: str | None = None  # flag only: the name standard input is reported under

    def _override(self, path: str, attribute: str) -> Any:
        relative = relative_to(path, self.root)
        chosen = None
        for override in self.overrides:
            value = getattr(override, attribute)
            if value is not None and any_match(override.paths, relative):
                chosen = value
        return chosen

    def fail_on_for(self, path: str) -> str:
        if self.origins.get("fail-on") == COMMAND_LINE:
            return self.fail_on
        found: str | None = self._override(path, "fail_on")
        return found or self.fail_on

    def failing_for(self, path: str) -> frozenset[str]:
        """The verdicts that fail for this file (its fail-on, overrides included)."""
        return FAILING[self.fail_on_for(path)]

    def show_for(self, path: str) -> frozenset[str]:
        if self.origins.get("show") == COMMAND_LINE:
            return self.show
        found: frozenset[str] | None = self._override(path, "show")
        return self.show if found is None else found

    def workers(self) -> int:
        """Drafts checked at once: `jobs`, at most one per CPU (`jobs: 100000` forked a
        worker per draft until the process limit made fork fail)."""
        return min(self.jobs, cpus()) if self.jobs > 0 else cpus()


class ByPath(dict[str, frozenset[str]]):
    """A setting for each draft as overrides give it (`show_for`, `failing_for`), looked up
    as each file is reported (`Options` asks with `get`), so nothing is kept per draft; the
    last answer is kept, as a file's findings are asked about one after another. A dict, not
    a Mapping ABC: cheaper to define."""

    def __init__(self, lookup: Callable[[str], frozenset[str]]) -> None:
        super().__init__()
        self.lookup = lookup
        self.last: tuple[str, frozenset[str]] | None = None

    def get(self, path: str, default: Any = None) -> frozenset[str]:
        if self.last is None or self.last[0] != path:
            self.last = (path, self.lookup(path))
        return self.last[1]


def cpus() -> int:
    """The CPUs this process may run on."""
    affinity = getattr(os, "sched_getaffinity", None)
    return len(affinity(0)) if affinity is not None else (os.cpu_count() or 1)


def parse_show(text: str | Iterable[str]) -> frozenset[str]:
    """`agree,discrepancy` (or a list) to a set of verdicts; ValueError names a wrong one.

    >>> sorted(parse_show("discrepancy, unverified"))
    ['discrepancy', 'unverified']
    """
    items = text.split(",") if isinstance(text, str) else list(text)
    chosen = {str(item).strip() for item in items if str(item).strip()}
    wrong = sorted(chosen - set(VERDICTS))
    if wrong or not chosen:
        raise ValueError(f"show: {', '.join(wrong) or 'nothing'} is not a verdict (choose from: {', '.join(VERDICTS)}, comma-separated)")
    return frozenset(chosen)


def _unknown(key: str, known: Iterable[str]) -> str:
    close = difflib.get_close_matches(key, list(known), n=1)
    hint = f" (did you mean {close[0]!r}?)" if close else ""
    return f"unknown key {_brief(key)}{hint}; known keys: {', '.join(known)}"


_REPR = reprlib.Repr()
_REPR.maxstring = _REPR.maxother = 80


def _brief(value: Any) -> str:
    """A value in an error message: its repr, cut short and never nested deep
    (a 1 MB string or a list 300 levels deep is still a one-line message)."""
    return _REPR.repr(value)


class _Reader:
    """Typed access to the factcheck table, each error naming file:line."""

    def __init__(self, file: ConfigFile, formats: Iterable[str]) -> None:
        self.file, self.formats = file, tuple(formats)
        self.root = file.path.parent

    def texts(self, value: Any, *keys: str | int) -> tuple[str, ...]:
        items = [value] if isinstance(value, str) else value
        if not isinstance(items, list) or not all(isinstance(i, str) and i.strip() for i in items):
            raise self.file.error(f"{keys[-1]}: expected a text or a list of texts", *keys)
        return tuple(items)

    def choice(self, value: Any, choices: tuple[str, ...], *keys: str | int) -> str:
        if not isinstance(value, str) or value not in choices:
            raise self.file.error(f"{keys[-1]}: {_brief(value)} is not one of {', '.join(choices)}", *keys)
        return value

    def show(self, value: Any, *keys: str | int) -> frozenset[str]:
        try:
            return parse_show(value if isinstance(value, str) else self.texts(value, *keys))
        except ValueError as exc:
            raise self.file.error(str(exc), *keys) from None

    def integer(self, value: Any, least: int, most: int, *keys: str | int) -> int:
        if isinstance(value, bool) or not isinstance(value, int) or not least <= value <= most:
            raise self.file.error(f"{keys[-1]}: expected a whole number from {least} to {most}, not {_brief(value)}", *keys)
        return value

    def flag(self, value: Any, *keys: str | int) -> bool:
        if not isinstance(value, bool):
            raise self.file.error(f"{keys[-1]}: expected true or false, not {_brief(value)}", *keys)
        return value

    def path(self, value: Any, *keys: str | int) -> Path:
        if not isinstance(value, str) or not value.strip():
            raise self.file.error(f"{keys[-1]}: expected the name of a file, not {_brief(value)}", *keys)
        return self.root / value

    def paths(self, value: Any, *keys: str | int) -> tuple[Path, ...]:
        return tuple(self.root / p for p in self.texts(value, *keys))

    def overrides(self, value: Any) -> tuple[Override, ...]:
        if not isinstance(value, list):
            raise self.file.error("overrides: expected a list of {paths: [...], fail-on: ..., show: ...}", "overrides")
        return tuple(self.override(item, index) for index, item in enumerate(value))

    def override(self, item: Any, index: int) -> Override:
        if not isinstance(item, dict):
            raise self.file.error("overrides: each item must be a mapping with 'paths'", "overrides", index)
        for key in item:
            if key not in OVERRIDE_KEYS:
                raise self.file.error(f"overrides: {_unknown(key, OVERRIDE_KEYS)}", "overrides", index, key)
        if "paths" not in item:
            raise self.file.error("overrides: an item without 'paths'", "overrides", index)
        fail_on = item.get("fail-on")
        show = item.get("show")
        return Override(
            paths=self.texts(item["paths"], "overrides", index, "paths"),
            fail_on=None if fail_on is None else self.choice(fail_on, FAIL_ON, "overrides", index, "fail-on"),
            show=None if show is None else self.show(show, "overrides", index, "show"),
            origin=self.file.where("overrides", index),
        )


def _file_values(file: ConfigFile, formats: Iterable[str]) -> dict[str, Any]:
    """Every key of the file, checked and converted to its Settings value."""
    reader = _Reader(file, formats)
    readers: dict[str, Callable[[Any], Any]] = {
        "facts": lambda v: reader.paths(v, "facts"),
        "default-facts": lambda v: reader.flag(v, "default-facts"),
        "include": lambda v: reader.texts(v, "include"),
        "exclude": lambda v: reader.texts(v, "exclude"),
        "fail-on": lambda v: reader.choice(v, FAIL_ON, "fail-on"),
        "format": lambda v: reader.choice(v, reader.formats, "format"),
        "show": lambda v: reader.show(v, "show"),
        "jobs": lambda v: reader.integer(v, 0, MAX_JOBS, "jobs"),
        "max-size": lambda v: reader.integer(v, 1, MAX_SIZE_LIMIT, "max-size"),
        "baseline": lambda v: reader.path(v, "baseline"),
        "overrides": reader.overrides,
    }
    values: dict[str, Any] = {}
    for key, value in file.data.items():
        if key not in readers:
            raise file.error(_unknown(key, KEYS), key)
        values[key] = readers[key](value)
    return values


def resolve(file: ConfigFile | None, flags: Mapping[str, Any], formats: Iterable[str], cwd: Path) -> Settings:
    """Defaults, overridden by the file's keys, overridden by the flags given (not None).

    `flags` uses the configuration's key names and Settings' value types.
    """
    values: dict[str, Any] = {}
    origins = {key: DEFAULT for key in KEYS}
    if file is not None:
        for key, value in _file_values(file, formats).items():
            values[key], origins[key] = value, file.where(key)
    for key, value in flags.items():
        if value is not None:
            values[key], origins[key] = value, COMMAND_LINE
    return Settings(
        **{key.replace("-", "_"): value for key, value in values.items()},
        root=file.path.parent if file is not None else cwd,
        config=file.path if file is not None else None,
        origins=origins,
    )


def _shown(key: str, settings: Settings) -> str:
    value = getattr(settings, key.replace("-", "_"))
    if key == "format" and value is None:
        return "table on a terminal, else plain"
    if key == "show":
        return ",".join(v for v in VERDICTS if v in value)
    if key == "jobs" and value == 0:
        return f"0 (one per CPU: {settings.workers()})"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, tuple) and key != "overrides":
        return ", ".join(str(v) for v in value) or "(none)"
    return "(none)" if value is None else str(value)


def describe(settings: Settings) -> str:
    """The resolved settings, one per line, each with where it came from."""
    head = f"config file: {settings.config}" if settings.config else "config file: (none found)"
    lines = [head]
    for key in KEYS:
        if key == "overrides":
            continue
        lines.append(f"{key}: {_shown(key, settings)}  [{settings.origins.get(key, DEFAULT)}]")
    lines.append(f"overrides: {len(settings.overrides) or '(none)'}  [{settings.origins.get('overrides', DEFAULT)}]")
    for override in settings.overrides:
        parts = [f"paths={', '.join(override.paths)}"]
        if override.fail_on is not None:
            parts.append(f"fail-on={override.fail_on}")
        if override.show is not None:
            parts.append(f"show={','.join(v for v in VERDICTS if v in override.show)}")
        lines.append(f"  - {' '.join(parts)}  [{override.origin}]")
    from .escape import inert

    return "".join(inert(line) + "\n" for line in lines)  # paths and globs come from files: one line each, inert

"""Find and read a configuration file: `.factcheck.yaml` or `[tool.factcheck]` in `pyproject.toml`.

Discovery walks up from a start folder (the current one) to the root; in
each folder `.factcheck.yaml` is looked for first, then a `pyproject.toml`
that has a `[tool.factcheck]` table (one without it is passed over). The
first found wins: files are never merged.

Every value keeps the line it came from, so a mistake is reported as
`file:line: message`. YAML lines come from `yamldata`; TOML has no
positions in `tomllib`, so the line of a key is found by scanning the
`[tool.factcheck...]` sections of the file text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any, NamedTuple

from . import yamldata
from .inputs import ReadError, read_bytes

YAML_NAME = ".factcheck.yaml"
TOML_NAME = "pyproject.toml"
MAX_CONFIG_BYTES = 1_000_000


class ConfigError(Exception):
    """A configuration that cannot be used: `str()` is `file:line: message`."""

    def __init__(self, path: Path | str, line: int, message: str) -> None:
        super().__init__(f"{path}:{line}: {message}" if line else f"{path}: {message}")
        self.path, self.line, self.message = str(path), line, message


@dataclass(frozen=True)
class ConfigFile:
    """The factcheck table of one file, with a way back to the line of each key."""

    path: Path
    data: dict[str, Any]
    text: str = field(repr=False, default="")
    toml: bool = False

    def line(self, *keys: str | int) -> int:
        """The line of a key path such as ("overrides", 0, "show"); 0 when unknown."""
        if self.toml:
            return self._toml.line(keys)
        node: Any = self.data
        line = yamldata.line_of(node)
        for key in keys:
            line = yamldata.line_of(node, key) or line
            try:
                node = node[key]
            except (KeyError, IndexError, TypeError):
                break
        return line

    @cached_property
    def _toml(self) -> _TomlLines:
        return _TomlLines(self.text)

    def where(self, *keys: str | int) -> str:
        line = self.line(*keys)
        return f"{self.path}:{line}" if line else str(self.path)

    def error(self, message: str, *keys: str | int) -> ConfigError:
        return ConfigError(self.path, self.line(*keys), message)


def find_config(start: Path) -> Path | None:
    """The nearest configuration file at or above `start`, or None."""
    folder = start.resolve()
    for candidate in (folder, *folder.parents):
        yaml_file = candidate / YAML_NAME
        if yaml_file.is_file():
            return yaml_file
        toml_file = candidate / TOML_NAME
        if toml_file.is_file() and _has_factcheck_table(toml_file):
            return toml_file
    return None


def _has_factcheck_table(path: Path) -> bool:
    """Whether a pyproject.toml has factcheck settings; read line by line, every pattern
    anchored and unable to backtrack (100,000 blank lines made `^\\s*` take 37 s)."""
    try:
        text = read_bytes(path, MAX_CONFIG_BYTES).decode("utf-8", errors="replace")
    except ReadError:
        return False
    table = ""
    for line in text.splitlines():
        header = _HEADER.match(line)
        if header:
            table = _dotted(header.group(2))
            if table == "tool.factcheck" or table.startswith("tool.factcheck."):
                return True
        elif re.match(_DOTTED_KEY, line):
            return True
        # `factcheck = {...}` counts only in the [tool] table: the same line under
        # [project.scripts] (an entry point) or a dependency table is not settings.
        elif table == "tool" and re.match(_FACTCHECK_KEY, line):
            return True
    return False


def read_config(path: Path) -> ConfigFile:
    """Read a configuration file; any problem is a ConfigError naming the file (and line)."""
    try:
        data = read_bytes(path, MAX_CONFIG_BYTES)
    except ReadError as exc:
        raise ConfigError(path, 0, f"cannot read: {exc}") from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ConfigError(path, 0, "not UTF-8 text") from None
    if path.name.endswith(".toml"):
        return _read_toml(path, text)
    return _read_yaml(path, text)


def _read_yaml(path: Path, text: str) -> ConfigFile:
    try:
        data = yamldata.load(text)
    except yamldata.YamlDataError as exc:
        raise ConfigError(path, exc.line, exc.message) from None
    if data is None:
        data = yamldata.Map()
    if not isinstance(data, dict):
        raise ConfigError(path, yamldata.line_of(data) or 1, "the configuration must be a mapping of settings")
    return ConfigFile(path, data, text)


def _tomllib() -> Any:
    try:
        import tomllib
    except ImportError:  # Python 3.10
        try:
            import tomli as tomllib  # type: ignore[no-redef,import-not-found,unused-ignore]
        except ImportError:
            return None
    return tomllib


def _read_toml(path: Path, text: str) -> ConfigFile:
    tomllib = _tomllib()
    if tomllib is None:
        raise ConfigError(path, 0, "reading [tool.factcheck] needs Python 3.11 or the 'tomli' package (or use .factcheck.yaml)")
    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        line = re.search(r"line (\d+)", str(exc))
        raise ConfigError(path, int(line.group(1)) if line else 0, f"TOML syntax error: {exc}") from None
    except RecursionError:  # tomllib recurses once per level of [[[...]]] or {a = {b = ...}}
        raise ConfigError(path, 0, "values nested too deeply") from None
    table = document.get("tool", {}).get("factcheck") if isinstance(document.get("tool"), dict) else None
    if table is None:
        table = {}
    if not isinstance(table, dict):
        raise ConfigError(path, _TomlLines(text).line(()), "tool.factcheck must be a table")
    return ConfigFile(path, table, text, toml=True)


# Every pattern is matched against one line and cannot backtrack: a configuration comes
# from whoever opened the pull request.
_HEADER = re.compile(r"[ \t]*(\[\[?)([^\]\n]*)\]\]?[ \t]*(?:#.*)?$")
_DOTTED_KEY = r"[ \t]*tool[ \t]*\.[ \t]*factcheck\b"  # (compiled when a pyproject.toml is read)
_FACTCHECK_KEY = r"[ \t]*factcheck[ \t]*[.=]"


def _dotted(name: str) -> str:
    """A table name as tomllib reads it: `tool . "factcheck"` -> tool.factcheck."""
    return ".".join(part.strip().strip("\"'") for part in name.split("."))


class _Section(NamedTuple):  # not a dataclass: cheaper to create at import, on every run
    name: str  # dotted, unquoted: tool.factcheck.overrides
    start: int  # the header's line
    end: int  # its last line
    array: bool  # [[...]]


class _TomlLines:
    """Where the keys of a TOML text are (tomllib keeps no positions), found once per
    file: each key of each of thousands of overrides must not scan the file again."""

    def __init__(self, text: str) -> None:
        self.lines = text.splitlines()
        self.sections = _sections(self.lines)
        self.named: dict[str, list[_Section]] = {}
        self.arrays: dict[str, list[_Section]] = {}  # [[...]] only
        for section in self.sections:
            self.named.setdefault(section.name, []).append(section)
            if section.array:
                self.arrays.setdefault(section.name, []).append(section)
        self.found: dict[tuple[str, int, int], int] = {}

    def find_key(self, key: str, start: int, end: int) -> int:
        if (key, start, end) not in self.found:
            self.found[key, start, end] = _find_key(self.lines, key, start, end)
        return self.found[key, start, end]

    def line(self, keys: tuple[str | int, ...]) -> int:
        """Best-effort line of a key path inside [tool.factcheck].

        ("overrides", 1, "show") is looked for in the second `[[tool.factcheck.overrides]]`,
        or after `overrides =` for an inline array; falls back to the header, then to 1.
        """
        if len(keys) >= 2 and isinstance(keys[0], str) and isinstance(keys[1], int):
            tables = self.arrays.get(f"tool.factcheck.{keys[0]}", [])
            if keys[1] < len(tables):
                table = tables[keys[1]]
                last = keys[-1]
                found = self.find_key(last, table.start + 1, table.end) if isinstance(last, str) and len(keys) > 2 else 0
                return found or table.start
        main = self.named.get("tool.factcheck", [])
        for section in main:
            if not keys or not isinstance(keys[0], str):
                return section.start
            parent = self.find_key(keys[0], section.start + 1, section.end)
            if parent:
                last = keys[-1]
                inner = self.find_key(last, parent, section.end) if len(keys) > 1 and isinstance(last, str) else 0
                return inner or parent
        if keys and isinstance(keys[0], str) and self.named.get(f"tool.factcheck.{keys[0]}"):
            return self.named[f"tool.factcheck.{keys[0]}"][0].start
        nearby = main or [s for s in self.sections if s.name.startswith("tool.factcheck")]
        return nearby[0].start if nearby else 1


def _sections(lines: list[str]) -> list[_Section]:
    heads: list[tuple[str, int, bool]] = []
    for number, line in enumerate(lines, 1):
        match = _HEADER.match(line)
        if match:
            heads.append((_dotted(match.group(2)), number, match.group(1) == "[["))
    ends = [line - 1 for _, line, _ in heads[1:]] + [len(lines)]
    return [_Section(name, line, end, array) for (name, line, array), end in zip(heads, ends)]


def _find_key(lines: list[str], key: str, start: int, end: int) -> int:
    pattern = re.compile(r"(?:^|[{,])\s*[\"']?" + re.escape(key) + r"[\"']?\s*=")
    for number in range(max(start, 1), min(end, len(lines)) + 1):
        if pattern.search(lines[number - 1]):
            return number
    return 0

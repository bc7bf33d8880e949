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
from pathlib import Path
from typing import Any, NamedTuple

from . import yamldata

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
            return _toml_line(self.text, keys)
        node: Any = self.data
        line = yamldata.line_of(node)
        for key in keys:
            line = yamldata.line_of(node, key) or line
            try:
                node = node[key]
            except (KeyError, IndexError, TypeError):
                break
        return line

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
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return False
    if re.search(r"^\s*\[\[?\s*tool\s*\.\s*factcheck\b|^\s*tool\s*\.\s*factcheck\b", text, re.M):
        return True
    # `factcheck = {...}` counts only in the [tool] table: the same line under
    # [project.scripts] (an entry point) or a dependency table is not settings.
    for key in re.finditer(r"^\s*factcheck\s*[.=]", text, re.M):
        headers = [h.group(2) for h in _HEADER.finditer(text, 0, key.start())]
        if headers and re.sub(r"\s", "", headers[-1]) == "tool":
            return True
    return False


def read_config(path: Path) -> ConfigFile:
    """Read a configuration file; any problem is a ConfigError naming the file (and line)."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ConfigError(path, 0, f"cannot read: {exc.strerror or exc}") from None
    if len(data) > MAX_CONFIG_BYTES:
        raise ConfigError(path, 0, f"larger than {MAX_CONFIG_BYTES} bytes: not a configuration file")
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
    table = document.get("tool", {}).get("factcheck") if isinstance(document.get("tool"), dict) else None
    if table is None:
        table = {}
    if not isinstance(table, dict):
        raise ConfigError(path, _toml_line(text, ()), "tool.factcheck must be a table")
    return ConfigFile(path, table, text, toml=True)


_HEADER = re.compile(r"^\s*(\[\[?)\s*([^\]]+?)\s*\]\]?\s*(?:#.*)?$", re.M)


class _Section(NamedTuple):  # not a dataclass: cheaper to create at import, on every run
    name: str  # dotted, unquoted: tool.factcheck.overrides
    start: int  # the header's line
    end: int  # its last line
    array: bool  # [[...]]


def _toml_line(text: str, keys: tuple[str | int, ...]) -> int:
    """Best-effort line of a key path inside [tool.factcheck] (tomllib keeps no positions).

    ("overrides", 1, "show") is looked for in the second `[[tool.factcheck.overrides]]`,
    or after `overrides =` for an inline array; falls back to the header, then to 1.
    """
    lines = text.splitlines()
    sections = _sections(lines)
    if len(keys) >= 2 and isinstance(keys[0], str) and isinstance(keys[1], int):
        tables = [s for s in sections if s.array and s.name == f"tool.factcheck.{keys[0]}"]
        if keys[1] < len(tables):
            table = tables[keys[1]]
            last = keys[-1]
            found = _find_key(lines, last, table.start + 1, table.end) if isinstance(last, str) and len(keys) > 2 else 0
            return found or table.start
    main = [s for s in sections if s.name == "tool.factcheck"]
    for section in main:
        if not keys or not isinstance(keys[0], str):
            return section.start
        parent = _find_key(lines, keys[0], section.start + 1, section.end)
        if parent:
            last = keys[-1]
            inner = _find_key(lines, last, parent, section.end) if len(keys) > 1 and isinstance(last, str) else 0
            return inner or parent
    if keys and isinstance(keys[0], str):
        tables = [s for s in sections if s.name == f"tool.factcheck.{keys[0]}"]
        if tables:
            return tables[0].start
    nearby = main or [s for s in sections if s.name.startswith("tool.factcheck")]
    return nearby[0].start if nearby else 1


def _sections(lines: list[str]) -> list[_Section]:
    heads: list[tuple[str, int, bool]] = []
    for number, line in enumerate(lines, 1):
        match = _HEADER.match(line)
        if match:
            name = re.sub(r"\s*\.\s*", ".", match.group(2)).replace('"', "").replace("'", "")
            heads.append((name, number, match.group(1) == "[["))
    ends = [line - 1 for _, line, _ in heads[1:]] + [len(lines)]
    return [_Section(name, line, end, array) for (name, line, array), end in zip(heads, ends)]


def _find_key(lines: list[str], key: str, start: int, end: int) -> int:
    pattern = re.compile(r"(?:^|[{,])\s*[\"']?" + re.escape(key) + r"[\"']?\s*=")
    for number in range(max(start, 1), min(end, len(lines)) + 1):
        if pattern.search(lines[number - 1]):
            return number
    return 0

"""Load the fact base: fact files and the entity gazetteer, checked field by field.

Every problem becomes a `Problem` with the file and line it is on; the
loader collects them all so `factcheck facts validate` can list every one,
and `load_fact_base` raises `FactBaseError` when there is any.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any, Callable, Iterable, Sequence

from . import yamldata
from .inputs import ReadError, read_bytes
from .model import Bound, Entity, Fact, GlossaryEntry, Spec
from .reading import read_words
from .units import QUALIFIER_BOUNDS, is_known_unit

MAX_FACT_FILE_BYTES = 20_000_000
MAX_DIGITS = 40
ID_PATTERN = re.compile(r"[a-z0-9][a-z0-9-]*\Z")
PERIOD_PATTERN = re.compile(r"\d{4}(-Q[1-4]|-H[12]|-\d{2}(-\d{2})?|/\d{4})?\Z")
KINDS = ("count", "amount", "share", "change", "multiple", "date", "duration")
ENTITY_KINDS = (
    "country", "province", "municipality", "city", "district", "region", "agency",
    "company", "organization", "programme", "park", "project", "media",
)
FILE_KEYS = {"source", "title", "publisher", "published", "base_year", "facts"}
FACT_KEYS = {
    "id", "subject", "metric", "keywords", "period", "kind", "value", "unit", "counters",
    "as_written", "qualifier", "direction", "target", "quote", "specs",
}
REQUIRED_FACT_KEYS = ("id", "subject", "metric", "kind", "value", "unit", "as_written", "quote")
ENTITY_KEYS = {"id", "kind", "aliases", "abbreviations", "english", "parent"}
ENTITIES_FILE = "entities.yaml"
GLOSSARY_KEYS = {"zh", "en"}


@dataclass(frozen=True)
class Problem:
    path: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


class FactBaseError(Exception):
    """The fact base cannot be used; `problems` says where and why."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(str(problems[0]) if problems else "broken fact base")
        self.problems = problems


@dataclass(frozen=True)
class SourceInfo:
    name: str
    title: str
    base_year: int | None


@dataclass(frozen=True)
class FactBase:
    facts: Sequence[Fact]  # a tuple, or a LazyFacts from the cache
    entities: dict[str, Entity]
    sources: dict[str, SourceInfo]
    glossary: tuple[GlossaryEntry, ...] = ()

    def fact(self, fact_id: str) -> Fact | None:
        return next((f for f in self.facts if f.id == fact_id), None)


def embedded_facts_dir() -> Path:
    """The fact base shipped inside the package (or the repository's facts/ when run from source)."""
    # Beside this module, not via importlib.resources (7 to 12 ms to import): the package
    # is always installed as files, and the wheel puts the fact base in factcheck/_facts.
    packaged = Path(__file__).resolve().with_name("_facts")
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[2] / "facts"


def load_fact_base(dirs: Iterable[Path]) -> FactBase:
    """Load and check every fact file under `dirs`; raise FactBaseError on any problem."""
    base, problems = collect(dirs)
    if problems:
        raise FactBaseError(problems)
    return base


def collect(dirs: Iterable[Path]) -> tuple[FactBase, list[Problem]]:
    """Load what can be loaded and list every problem found on the way."""
    problems: list[Problem] = []
    entity_docs: list[tuple[str, Any]] = []
    fact_docs: list[tuple[str, Any]] = []
    glossary_docs: list[tuple[str, Any]] = []
    for path in _yaml_files(dirs, problems):
        doc = _read_yaml(path, problems)
        if doc is None:
            continue
        is_gazetteer = isinstance(doc, dict) and "entities" in doc
        is_glossary = isinstance(doc, dict) and "terms" in doc
        (entity_docs if is_gazetteer else glossary_docs if is_glossary else fact_docs).append((str(path), doc))
    entities: dict[str, Entity] = {}
    for name, doc in entity_docs:
        _entities(name, doc, entities, problems)
    _check_entities(entities, problems)
    facts: list[Fact] = []
    sources: dict[str, SourceInfo] = {}
    for name, doc in fact_docs:
        _fact_file(name, doc, entities, facts, sources, problems)
    _check_unique_ids(facts, problems)
    glossary: list[GlossaryEntry] = []
    for name, doc in glossary_docs:
        _glossary(name, doc, glossary, problems)
    return FactBase(tuple(facts), entities, sources, tuple(glossary)), problems


def _yaml_files(dirs: Iterable[Path], problems: list[Problem]) -> list[Path]:
    files: list[Path] = []
    for directory in dirs:
        if directory.is_file():
            files.append(directory)
        elif directory.is_dir():
            found = _fact_files_under(directory)
            if not found:
                problems.append(Problem(str(directory), 0, "no fact files (*.yaml, *.yml) in this directory"))
            files.extend(found)
        else:
            problems.append(Problem(str(directory), 0, _not_a_fact_file(directory)))
    return files


def _fact_files_under(directory: Path) -> list[Path]:
    """Every *.yaml / *.yml file below `directory`, sorted; symbolic links to folders are
    not followed (as Path.rglob), unreadable folders are skipped. os.scandir reads each
    entry's type with its name: a third of rglob's time on thousands of files."""
    found: list[Path] = []
    folders = [str(directory)]
    while folders:
        try:
            with os.scandir(folders.pop()) as entries:
                for entry in entries:
                    if entry.is_dir(follow_symlinks=False):
                        folders.append(entry.path)
                    elif os.path.splitext(entry.name)[1] in (".yaml", ".yml") and _is_file(entry):
                        found.append(Path(entry.path))
        except OSError:
            continue
    return sorted(found)


def _is_file(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_file()
    except OSError:  # a loop of links (ELOOP): not a fact file, as Path.is_file says
        return False


def _not_a_fact_file(path: Path) -> str:
    if path.is_symlink():
        return "a broken symbolic link or a loop of links, not a fact file"
    if path.exists():
        return "not a regular file or directory (a FIFO, device or socket)"
    return "no such fact file or directory"


def _read_yaml(path: Path, problems: list[Problem]) -> Any:
    try:
        text = read_bytes(path, MAX_FACT_FILE_BYTES).decode("utf-8-sig")
    except ReadError as exc:
        problems.append(Problem(str(path), 0, str(exc) if str(exc).startswith("larger") else f"cannot read: {exc}"))
        return None
    except UnicodeDecodeError as exc:
        problems.append(Problem(str(path), 0, f"cannot read: {exc}"))
        return None
    try:
        doc = yamldata.load(text)
    except yamldata.YamlDataError as exc:
        problems.append(Problem(str(path), exc.line, exc.message))
        return None
    if doc is None:  # an emptied file would drop its facts without a word
        problems.append(Problem(str(path), 1, "empty: a fact file is a mapping with 'source' and 'facts'"))
    return doc


class _Fields:
    """Typed access to one mapping, recording a problem for each bad field."""

    def __init__(self, path: str, node: Any, allowed: set[str], problems: list[Problem]) -> None:
        self.path, self.node, self.problems = path, node, problems
        for key in node:
            if key not in allowed:
                self.error(key, f"unknown key {key!r} (expected one of: {', '.join(sorted(allowed))})")

    def line(self, key: str | None = None) -> int:
        return yamldata.line_of(self.node, key)

    def error(self, key: str | None, message: str) -> None:
        self.problems.append(Problem(self.path, self.line(key), message))

    def text(self, key: str, required: bool = True) -> str | None:
        value = self.node.get(key)
        if value is None:
            if required:
                self.error(None, f"missing required key {key!r}")
            return None
        if not isinstance(value, str) or not value.strip():
            self.error(key, f"{key!r} must be a non-empty string, not {_shown(value)}")
            return None
        return value

    def texts(self, key: str) -> tuple[str, ...]:
        value = self.node.get(key)
        if value is None:
            return ()
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            self.error(key, f"{key!r} must be a list of non-empty strings")
            return ()
        return tuple(value)

    def flag(self, key: str) -> bool:
        value = self.node.get(key, False)
        if not isinstance(value, bool):
            self.error(key, f"{key!r} must be true or false, not {_shown(value)}")
            return False
        return value


def is_file_name(name: str) -> bool:
    """A plain file name: `facts validate --sources DIR` reads DIR/name, and a path
    (`../../secret.env`) would make it tell which quotes some other file contains.

    >>> is_file_name("002_a0d4ed38e53a1507.txt"), is_file_name("../x"), is_file_name("a/b"), is_file_name("..")
    (True, False, False, False)
    """
    return name not in (".", "..") and not any(c in name for c in "/\\:\0")  # ':' for C:secret on Windows


def _shown(value: Any) -> str:
    return f"{type(value).__name__} {str(value)[:40]!r}"


def _entities(path: str, doc: Any, entities: dict[str, Entity], problems: list[Problem]) -> None:
    items = doc.get("entities")
    if not isinstance(items, list):
        problems.append(Problem(path, yamldata.line_of(doc, "entities"), "'entities' must be a list"))
        return
    for item in items:
        if not isinstance(item, dict):
            problems.append(Problem(path, yamldata.line_of(items), "each entity must be a mapping"))
            continue
        fields = _Fields(path, item, ENTITY_KEYS, problems)
        entity_id, kind, english = fields.text("id"), fields.text("kind"), fields.text("english")
        if kind is not None and kind not in ENTITY_KINDS:
            fields.error("kind", f"unknown entity kind {kind!r} (expected one of: {', '.join(ENTITY_KINDS)})")
        aliases = fields.texts("aliases")
        for alias in aliases:
            if len(alias) < 2:
                fields.error("aliases", f"alias {alias!r} is one character: list it under 'abbreviations'")
        if entity_id is None:
            continue
        if entity_id in entities:
            fields.error("id", f"duplicate entity id {entity_id!r} (first at {entities[entity_id].path}:{entities[entity_id].line})")
            continue
        entities[entity_id] = Entity(
            id=entity_id, kind=kind or "", aliases=aliases, english=english or "",
            parent=fields.text("parent", required=False), path=path, line=fields.line(),
            abbreviations=fields.texts("abbreviations"),
        )


def _glossary(path: str, doc: Any, glossary: list[GlossaryEntry], problems: list[Problem]) -> None:
    items = doc.get("terms")
    if not isinstance(items, list):
        problems.append(Problem(path, yamldata.line_of(doc, "terms"), "'terms' must be a list of {zh: [...], en: [...]}"))
        return
    owner = {word: entry for entry in glossary for word in (*entry.zh, *entry.en)}
    for index, item in enumerate(items):
        if not isinstance(item, dict):
            problems.append(Problem(path, yamldata.line_of(items, index), "each glossary entry must be a mapping"))
            continue
        fields = _Fields(path, item, GLOSSARY_KEYS, problems)
        zh, en = fields.texts("zh"), tuple(word.lower() for word in fields.texts("en"))
        if not zh:
            fields.error(None, "a glossary entry needs 'zh': the Chinese words it joins")
        for word in (*zh, *en):
            if len(word) < 2:
                fields.error(None, f"glossary word {word!r} is one character: it would match inside any word")
            elif word in owner:
                first = owner[word]
                fields.error(None, f"glossary word {word!r} is also in the entry at {first.path}:{first.line}")
        entry = GlossaryEntry(zh, en, path, fields.line())
        owner.update(dict.fromkeys((*zh, *en), entry))
        glossary.append(entry)


def _check_entities(entities: dict[str, Entity], problems: list[Problem]) -> None:
    owner: dict[str, str] = {}
    for entity in entities.values():
        if entity.parent is not None and entity.parent not in entities:
            problems.append(Problem(entity.path, entity.line, f"entity {entity.id!r}: unknown parent {entity.parent!r}"))
        for name in (entity.id, *entity.aliases):
            if owner.setdefault(name, entity.id) != entity.id:
                problems.append(Problem(entity.path, entity.line, f"name {name!r} belongs to both {owner[name]!r} and {entity.id!r}"))
    for entity in entities.values():
        seen, parent = {entity.id}, entity.parent
        while parent is not None and parent in entities:
            if parent in seen:
                problems.append(Problem(entity.path, entity.line, f"entity {entity.id!r}: parent chain loops through {parent!r}"))
                break
            seen.add(parent)
            parent = entities[parent].parent


def _fact_file(
    path: str, doc: Any, entities: dict[str, Entity], facts: list[Fact],
    sources: dict[str, SourceInfo], problems: list[Problem],
) -> None:
    if not isinstance(doc, dict):
        problems.append(Problem(path, yamldata.line_of(doc), "a fact file must be a mapping with 'source' and 'facts'"))
        return
    head = _Fields(path, doc, FILE_KEYS, problems)
    source = head.text("source")
    if source is not None and not is_file_name(source):
        head.error("source", f"'source' must be the file name of a source document, not a path: {_shown(source)}")
        source = None
    base_year = doc.get("base_year")
    if base_year is not None and not (isinstance(base_year, int) and not isinstance(base_year, bool) and 1000 <= base_year <= 9999):
        head.error("base_year", f"'base_year' must be a four-digit year, not {_shown(base_year)}")
        base_year = None
    if source is not None:
        sources.setdefault(source, SourceInfo(source, doc.get("title") or "", base_year))
    items = doc.get("facts")
    if not isinstance(items, list):
        head.error("facts" if "facts" in doc else None, "'facts' must be a list of facts")
        return
    for index, item in enumerate(items):
        if not isinstance(item, dict):
            problems.append(Problem(path, yamldata.line_of(items, index), "each fact must be a mapping"))
            continue
        fact = _fact(path, item, source or "", entities, problems)
        if fact is not None:
            facts.append(fact)


def _fact(path: str, node: Any, source: str, entities: dict[str, Entity], problems: list[Problem]) -> Fact | None:
    before = len(problems)
    f = _Fields(path, node, FACT_KEYS, problems)
    values = {key: f.text(key) for key in REQUIRED_FACT_KEYS if key != "value"}
    # Names and units in either script: 江蘇 is the entity 江苏, 戶 the counter 户.
    values["subject"] = _as_read(values["subject"], entities.__contains__)
    values["unit"] = _as_read(values["unit"], is_known_unit)
    fact_id, subject, kind, unit = values["id"], values["subject"], values["kind"], values["unit"]
    if fact_id is not None and not ID_PATTERN.match(fact_id):
        f.error("id", f"id {fact_id!r} must match [a-z0-9][a-z0-9-]*")
    if subject is not None and subject not in entities:
        f.error("subject", f"unknown entity {subject!r}: add it to {ENTITIES_FILE}")
    if kind is not None and kind not in KINDS:
        f.error("kind", f"unknown kind {kind!r} (expected one of: {', '.join(KINDS)})")
    if unit is not None and not is_known_unit(unit):
        f.error("unit", f"unknown unit {unit!r}")
    period = f.text("period", required=False)
    if period is not None and not PERIOD_PATTERN.match(period):
        f.error("period", f"period {period!r} must look like 2020, 2020-Q1, 2020-H1, 2020-03, 2020-04-14 or 2020/2022")
    value, iso_date = _value(f, kind)
    qualifier = _as_read(f.text("qualifier", required=False), QUALIFIER_BOUNDS.__contains__)
    bound: Bound = "eq"
    if qualifier is not None:
        if qualifier not in QUALIFIER_BOUNDS:
            f.error("qualifier", f"unknown qualifier {qualifier!r} (expected one of: {', '.join(QUALIFIER_BOUNDS)})")
        else:
            bound = QUALIFIER_BOUNDS[qualifier]
    direction = f.text("direction", required=False)
    if direction not in (None, "up", "down"):
        f.error("direction", f"direction must be 'up' or 'down', not {direction!r}")
    if kind == "change" and direction is None:
        f.error(None, "a 'change' fact needs a 'direction' (up or down)")
    quote, as_written = values["quote"], values["as_written"]
    specs = _specs(f)
    if len(problems) > before or None in values.values() or (value is None and iso_date is None):
        return None
    assert fact_id and subject and kind and unit and quote and as_written and values["metric"]
    return Fact(
        id=fact_id, source=source, subject=subject, metric=values["metric"],
        keywords=f.texts("keywords"), kind=kind, value=value, unit=unit, as_written=as_written,
        quote=quote, period=period, qualifier=qualifier, bound=bound,
        direction=direction,  # type: ignore[arg-type]
        target=f.flag("target") if "target" in node else None, date=iso_date,
        counters=tuple(read_words(c) for c in f.texts("counters")), specs=specs,
        path=path, line=f.line(),
    )


def _as_read(value: str | None, known: Callable[[str], bool]) -> str | None:
    """A name or unit as known in its reading form (江蘇 -> 江苏) when it is not known as written."""
    if value is None or known(value):
        return value
    read = read_words(value)
    return read if known(read) else value


def _value(f: _Fields, kind: str | None) -> tuple[Decimal | None, str | None]:
    raw = f.node.get("value")
    if raw is None:
        f.error(None, "missing required key 'value'")
        return None, None
    if isinstance(raw, bool) or not isinstance(raw, (str, int)):
        f.error("value", f"'value' must be a quoted exact decimal, not {_shown(raw)}")
        return None, None
    text = str(raw).strip()
    if kind == "date":
        try:
            return None, date.fromisoformat(text).isoformat()
        except ValueError:
            if PERIOD_PATTERN.match(text):
                return None, text
            f.error("value", f"a date fact's value must be an ISO date like 2021-04-13, not {text!r}")
            return None, None
    try:
        value = Decimal(text)
    except InvalidOperation:
        f.error("value", f"'value' {text!r} is not a decimal number")
        return None, None
    if not value.is_finite() or len(value.as_tuple().digits) > MAX_DIGITS or abs(value.adjusted()) > MAX_DIGITS:
        f.error("value", f"'value' {text[:40]!r} is not a finite decimal of at most {MAX_DIGITS} digits")
        return None, None
    return value, None


def _specs(f: _Fields) -> tuple[Spec, ...]:
    items = f.node.get("specs")
    if items is None:
        return ()
    if not isinstance(items, list):
        f.error("specs", "'specs' must be a list of {agree: TEXT}, {flag: TEXT, reason: R} or {unverified: TEXT}")
        return ()
    specs: list[Spec] = []
    for index, item in enumerate(items):
        line = yamldata.line_of(items, index)
        spec = _spec(item, line)
        if isinstance(spec, str):
            f.problems.append(Problem(f.path, line, spec))
        else:
            specs.append(spec)
    return tuple(specs)


def _spec(item: Any, line: int) -> Spec | str:
    from typing import get_args

    from .model import REASONS, Why

    shapes = "a spec must be {agree: TEXT}, {flag: TEXT, reason: R} or {unverified: TEXT, why: W}"
    if not isinstance(item, dict) or set(item) - {"agree", "flag", "reason", "unverified", "why"}:
        return shapes
    if isinstance(item.get("agree"), str) and len(item) == 1:
        return Spec(text=item["agree"], verdict="agree", line=line)
    if isinstance(item.get("unverified"), str) and set(item) <= {"unverified", "why"}:
        why = item.get("why")
        if why is not None and why not in get_args(Why):
            return f"an 'unverified' spec's why must be one of: {', '.join(get_args(Why))}"
        return Spec(text=item["unverified"], verdict="unverified", why=why, line=line)
    if isinstance(item.get("flag"), str) and item.get("reason") in REASONS and set(item) == {"flag", "reason"}:
        return Spec(text=item["flag"], verdict="discrepancy", reason=item["reason"], line=line)
    if "flag" in item:
        return f"a 'flag' spec needs a text and a reason, one of: {', '.join(REASONS)}"
    return shapes


def _check_unique_ids(facts: list[Fact], problems: list[Problem]) -> None:
    first: dict[str, Fact] = {}
    for fact in facts:
        if fact.id in first:
            problems.append(Problem(fact.path, fact.line, f"duplicate id {fact.id!r} (first at {first[fact.id].path}:{first[fact.id].line})"))
        else:
            first[fact.id] = fact

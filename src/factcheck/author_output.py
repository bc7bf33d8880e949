"""Where a drafted fact file goes: standard output, a new file (never over one without
--force), or appended to an existing fact file (--merge), as text, so that its comments and
hand edits stay as they are."""

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from .author import Authored, Options, author
from .author_specs import with_specs
from .author_build import Drafted
from .author_yaml import header_notes, render, render_facts
from .facts import ID_PATTERN, FactBase, collect
from .model import Fact
from .read import InputError

_FACTS_KEY = re.compile(r"^facts:[ \t]*(\[\])?[ \t]*(#.*)?$", re.M)
_TOP_KEY = re.compile(r"^[^\s#-][^:\n]*:", re.M)
_ITEM = re.compile(r"^([ \t]*)- ", re.M)


class DraftError(Exception):
    """A one-line reason the draft cannot be made or written."""


def options(publisher: str | None, published: str | None, prefix: str | None) -> Options:
    """The command line's options checked: a date for --published, an id's shape for --prefix."""
    if prefix is not None and not ID_PATTERN.match(prefix):
        raise DraftError(f"--prefix: {prefix!r} must match [a-z0-9][a-z0-9-]*")
    try:
        day = date.fromisoformat(published) if published is not None else None
    except ValueError:
        raise DraftError(f"--published: {published!r} is not a date YYYY-MM-DD") from None
    return Options(publisher, day, prefix)


@dataclass(frozen=True)
class Result:
    text: str | None  # for standard output, when no file was written
    summary: str


def draft_file(source: Path, dirs: list[Path], options: Options, output: Path | None = None,
               force: bool = False, merge: Path | None = None) -> Result:
    """Draft the facts of `source`; write them where asked; a summary for standard error."""
    if output is not None and output.exists() and not force:
        raise DraftError(f"{output}: already exists (give --force to replace it)")
    if merge is not None:
        return _merge(source, dirs, options, merge, output)
    authored = with_specs(_authored(source, _base(dirs), options), dirs)
    text = render(authored)
    if output is not None:
        _write(output, text)
    return Result(None if output is not None else text, summary(authored, str(output) if output else None))


def _authored(source: Path, base: FactBase, options: Options, taken: frozenset[str] = frozenset()) -> Authored:
    try:
        return author(source, base, options, taken)
    except InputError as exc:
        raise DraftError(str(exc)) from None


def _base(dirs: list[Path]) -> FactBase:
    base, problems = collect(dirs)
    if problems:
        raise DraftError(f"broken fact base: {problems[0]}")
    return base


def summary(authored: Authored, path: str | None, kept: int | None = None) -> str:
    """facts, fields to check and entities proposed: what a reviewer has ahead."""
    facts = len(authored.facts)
    doubts = sum(len(fact.doubts) for _, fact in authored.facts) + (authored.title is not None) + bool(authored.year_doubt)
    where = f" to {path}" if path else ""
    added = f"; {kept} already there" if kept is not None else ""
    return (f"factcheck: drafted {_plural(facts, 'fact')} from {authored.source.name}{where}{added}: "
            f"{_plural(doubts, 'field')} to check, {_plural(len(authored.proposals), 'entity', 'entities')} proposed, "
            f"{_plural(sum(len(items.split(', ')) for items, _ in authored.left_out), 'item')} left out"
            + (f"; {_plural(len(authored.broken), 'spec')} of the fact base "
               f"{'fails' if len(authored.broken) == 1 else 'fail'} with them" if authored.broken else ""))


def _plural(count: int, one: str, many: str | None = None) -> str:
    return f"{count} {one if count == 1 else (many or one + 's')}"


def _write(path: Path, text: str) -> None:
    """Write the whole file or nothing: a temporary file beside it, then renamed."""
    try:
        with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=path.parent or ".", prefix=".factcheck-",
                                         suffix=".tmp", delete=False) as handle:
            handle.write(text)
        os.replace(handle.name, path)
    except OSError as exc:
        raise DraftError(f"{path}: cannot write: {exc.strerror or exc}") from None


# ---- --merge ----------------------------------------------------------------------------
def _merge(source: Path, dirs: list[Path], options: Options, target: Path, output: Path | None) -> Result:
    """Add to `target` only the drafted facts it does not have yet, as text appended to its list."""
    try:
        existing_text = target.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise DraftError(f"{target}: cannot read: {getattr(exc, 'strerror', None) or exc}") from None
    listed = [d for d in dirs if not _contains(d, target)] + [target]
    base = _base(listed)
    existing = [f for f in base.facts if Path(f.path).resolve() == target.resolve()]
    others = frozenset(f.id for f in base.facts) - {f.id for f in existing}
    authored = _authored(source, base, options, others)
    new = _missing(authored, existing)
    proposals = tuple(p for p in authored.proposals if any(f.proposal == p for _, f in new))
    authored_new = with_specs(replace(authored, facts=new, proposals=proposals, left_out=()), listed)
    _write(output or target, _appended(existing_text, authored_new, target))
    return Result(None, summary(authored_new, str(output or target), len(authored.facts) - len(new)))


def _missing(authored: Authored, existing: list[Fact]) -> tuple[tuple[str, Drafted], ...]:
    """The drafted facts whose figure no fact of the file states (at that place of the source),
    with ids that the file's facts do not use."""
    text = authored.source.draft.text
    stated = [span for fact in existing for span in figure_spans(fact, text)]
    used = {fact.id for fact in existing}
    missing = []
    for fact_id, fact in authored.facts:
        if any(overlaps(span, fact.spans) for span in stated):
            continue
        unique, number = fact_id, 2
        while unique in used:  # the file gives this id to another figure
            unique, number = f"{fact_id}-{number}", number + 1
        used.add(unique)
        missing.append((unique, fact))
    return tuple(missing)


def _contains(directory: Path, path: Path) -> bool:
    return directory.resolve() == path.resolve() or (directory.is_dir() and path.resolve().is_relative_to(directory.resolve()))


def figure_spans(fact: Fact, text: str) -> list[tuple[int, int]]:
    """Where the fact's figure stands in the source: its as_written inside each copy of its quote."""
    spans = []
    at = text.find(fact.quote)
    while at >= 0 and fact.quote:
        inner = fact.quote.find(fact.as_written)
        while inner >= 0:
            spans.append((at + inner, at + inner + len(fact.as_written)))
            inner = fact.quote.find(fact.as_written, inner + 1)
        at = text.find(fact.quote, at + 1)
    return spans


def overlaps(span: tuple[int, int], spans: Sequence[tuple[int, int]]) -> bool:
    return any(start < span[1] and span[0] < end for start, end in spans)


def _appended(existing: str, authored: Authored, target: Path) -> str:
    """The file with the new facts after its last one; `facts` must be its last key."""
    if not authored.facts:
        return existing
    key = _FACTS_KEY.search(existing)
    if key is None or _TOP_KEY.search(existing, key.end()):
        raise DraftError(f"{target}: cannot merge: 'facts:' must be the file's last key, with its facts listed below it")
    if key.group(1):  # facts: []
        existing = existing[:key.start()] + "facts:" + existing[key.end():]
    item = _ITEM.search(existing, key.start())
    indent = item.group(1) if item else "  "
    added = render_facts(authored)
    if indent != "  ":
        added = "".join(indent + line[2:] if line.startswith("  ") else line for line in added.splitlines(True))
    head = existing if existing.endswith("\n") else existing + "\n"
    note = [f"Added by `factcheck facts draft --merge` from {authored.source.name}: review each `# check:`.",
            *(line.removeprefix("# ") for line in header_notes(authored) if line != "#")]
    return head + "\n" + "".join(f"{indent}# {line}\n" for line in note) + "\n" + added

"""Path globs for `include`, `exclude` and per-path `overrides` in the configuration.

A pattern is matched against a path relative to the directory of the
configuration file, written with `/`:

- `*` matches within one path part, `?` one character, `[abc]` a set, `[!abc]` its complement;
- `**` as a whole part matches any number of parts (`drafts/**/*.md`, `**/old/*`);
- a pattern without `/` matches a part at any depth (`*.txt`, `archive`);
- a pattern matches a file when it matches the file or one of its folders
  (`wire` and `wire/` exclude everything under `wire/`).

Matching takes time linear in the path for each part of the pattern, whatever the
pattern: the parts between `**` are placed leftmost, one after the other, and each
part is matched by `fnmatch`'s translation, which does not backtrack over `*`. (A
regular expression with one `(?:[^/]*/)*` per `**` backtracked: `**/` twelve times
took minutes on a path 25 folders deep.) A malformed set such as `[z-a]` matches
nothing rather than failing.
"""

from __future__ import annotations

import fnmatch
import os
import re
from functools import lru_cache
from pathlib import Path, PurePosixPath
from typing import Callable, Sequence

Part = Callable[[str], "re.Match[str] | None"]
Chunk = tuple[Part, ...]  # parts that must match consecutive path parts


@lru_cache(maxsize=None)  # patterns come from one configuration file: bounded by its size
def _chunks(pattern: str) -> tuple[Chunk, ...]:
    """The pattern's parts, cut at each `**`: the first chunk is anchored at the start,
    the others float (`**` before each); an empty last chunk means a `**` at the end."""
    chunks: list[list[Part]] = [[]]
    for part in pattern.split("/"):
        if part == "**":
            if chunks[-1] or len(chunks) == 1:
                chunks.append([])
        else:
            chunks[-1].append(re.compile(fnmatch.translate(part)).match)
    return tuple(tuple(chunk) for chunk in chunks)


def _fits(chunk: Chunk, parts: Sequence[str], at: int) -> bool:
    return all(match(part) for match, part in zip(chunk, parts[at:at + len(chunk)]))


def _matches_prefix(chunks: tuple[Chunk, ...], parts: Sequence[str]) -> bool:
    """Whether the pattern matches the first k parts, for some k >= 1."""
    first, floating = chunks[0], chunks[1:]
    if len(first) > len(parts) or not _fits(first, parts, 0):
        return False
    at = len(first)
    for chunk in floating:
        found = next((i for i in range(at, len(parts) - len(chunk) + 1) if _fits(chunk, parts, i)), None)
        if found is None:
            return False
        at = found + len(chunk)
    return at >= 1 or bool(floating)


def matches(pattern: str, relative: str) -> bool:
    """Whether a glob matches a relative path or one of its folders.

    >>> matches("*.txt", "notes/a.txt"), matches("wire", "wire/2020/a.md")
    (True, True)
    >>> matches("drafts/*.md", "drafts/old/a.md"), matches("drafts/**", "drafts/old/a.md")
    (False, True)
    >>> matches("drafts/**/*.md", "drafts/c.md"), matches("*.md", "a/b.md/c"), matches("[z-a]", "z")
    (True, True, False)
    """
    pattern = pattern.strip()
    if pattern.startswith("./"):
        pattern = pattern[2:]
    pattern = pattern.rstrip("/") or "**"
    parts = PurePosixPath(relative).parts
    if "/" not in pattern:
        pattern = "**/" + pattern  # a name at any depth
    return _matches_prefix(_chunks(pattern.lstrip("/")), parts)


def any_match(patterns: tuple[str, ...] | list[str], relative: str) -> bool:
    return any(matches(p, relative) for p in patterns)


def relative_to(path: str, root: Path) -> str:
    """`path` relative to `root` with `/`, or as given when it lies outside `root`.

    >>> relative_to("/news/drafts/a.md", Path("/news"))
    'drafts/a.md'
    """
    absolute = os.path.abspath(path)
    try:
        inside = os.path.relpath(absolute, os.path.abspath(root))
    except ValueError:  # another drive on Windows
        return Path(path).as_posix()
    if inside == os.pardir or inside.startswith(os.pardir + os.sep):
        return Path(path).as_posix()
    return Path(inside).as_posix()

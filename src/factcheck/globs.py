"""Path globs for `include`, `exclude` and per-path `overrides` in the configuration.

A pattern is matched against a path relative to the directory of the
configuration file, written with `/`:

- `*` matches within one path part, `?` one character, `[abc]` a set;
- `**` matches any number of parts (`drafts/**/*.md`, `**/old/*`);
- a pattern without `/` matches a part at any depth (`*.txt`, `archive`);
- a pattern matches a file when it matches the file or one of its folders
  (`wire` and `wire/` exclude everything under `wire/`).
"""

from __future__ import annotations

import os
import re
from functools import lru_cache
from pathlib import Path, PurePosixPath


@lru_cache(maxsize=256)
def _regex(pattern: str) -> re.Pattern[str]:
    """Translate one glob into a regex over a whole relative path.

    >>> bool(_regex("drafts/**/*.md").match("drafts/a/b/c.md"))
    True
    >>> bool(_regex("drafts/**/*.md").match("drafts/c.md"))
    True
    >>> bool(_regex("*.md").match("a/b.md"))
    False
    """
    out, index = [], 0
    while index < len(pattern):
        char = pattern[index]
        if pattern.startswith("**/", index):
            out.append("(?:[^/]*/)*")
            index += 3
            continue
        if pattern.startswith("**", index):
            out.append(".*")
            index += 2
            continue
        if char == "*":
            out.append("[^/]*")
        elif char == "?":
            out.append("[^/]")
        elif char == "[" and pattern.find("]", index + 2) > 0:
            close = pattern.find("]", index + 2)
            body = pattern[index + 1:close]
            body = "^" + body[1:] if body.startswith("!") else body
            out.append(f"[{body.replace(chr(92), chr(92) * 2)}]")
            index = close + 1
            continue
        else:
            out.append(re.escape(char))
        index += 1
    return re.compile("".join(out) + r"\Z")


def matches(pattern: str, relative: str) -> bool:
    """Whether a glob matches a relative path or one of its folders.

    >>> matches("*.txt", "notes/a.txt"), matches("wire", "wire/2020/a.md")
    (True, True)
    >>> matches("drafts/*.md", "drafts/old/a.md"), matches("drafts/**", "drafts/old/a.md")
    (False, True)
    """
    pattern = pattern.strip()
    if pattern.startswith("./"):
        pattern = pattern[2:]
    pattern = pattern.rstrip("/") or "**"
    parts = PurePosixPath(relative).parts
    if "/" not in pattern:
        return any(_regex(pattern).match(part) for part in parts)
    regex = _regex(pattern.lstrip("/"))
    return any(regex.match("/".join(parts[:count])) for count in range(1, len(parts) + 1))


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

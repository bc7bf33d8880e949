"""The examples in the README and docs/, generated from real runs.

A fenced block right after a comment `<!-- example: [VAR=VALUE ...] factcheck ARGS [2>&1] -->` holds
what that command prints (with `2>&1`, its standard error after its output), run in the repository's root. tests/test_doc_examples.py checks every
one; `python tests/doc_examples.py` rewrites them after a change to the output.
"""

from __future__ import annotations

import os
import re
import shlex
import sys
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator, NamedTuple

ROOT = Path(__file__).resolve().parents[1]
DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
EXAMPLE = re.compile(r"<!-- example: (?P<command>[^\n]*?) -->\n```(?P<lang>\w*)\n(?P<shown>.*?)```", re.S)
# What could make a run differ from one machine or terminal to another.
UNSET = ("NO_COLOR", "FORCE_COLOR", "COLUMNS", "GITHUB_STEP_SUMMARY")


class Example(NamedTuple):
    doc: Path
    command: str
    shown: str
    span: tuple[int, int]  # of the shown text in the doc


def examples() -> list[Example]:
    found = []
    for doc in DOCS:
        text = doc.read_text(encoding="utf-8")
        found += [Example(doc, m["command"], m["shown"], m.span("shown")) for m in EXAMPLE.finditer(text)]
    return found


@contextmanager
def _in_root() -> Iterator[None]:
    before = Path.cwd()
    os.chdir(ROOT)
    try:
        yield
    finally:
        os.chdir(before)


def run(command: str) -> str:
    """What `command` prints on standard output (in process, in the repository's root)."""
    from typer.testing import CliRunner

    from factcheck.cli import app

    words = shlex.split(command)
    with_errors = words[-1] == "2>&1"
    if with_errors:
        words.pop()
    env: dict[str, str | None] = {name: None for name in UNSET}
    while "=" in words[0]:
        name, _, value = words.pop(0).partition("=")
        env[name] = value
    assert words[0] == "factcheck", command
    with _in_root():
        result = CliRunner().invoke(app, words[1:], env=env)
    assert result.exit_code in (0, 1), (command, result.output)
    return result.stdout + (result.stderr if with_errors else "")


def update() -> int:
    """Rewrite every example with what its command prints now; the number of examples changed."""
    changed = 0
    for doc in DOCS:
        text = doc.read_text(encoding="utf-8")
        new = EXAMPLE.sub(lambda m: m.group(0)[: m.start("shown") - m.start()] + run(m["command"]) + "```", text)
        if new != text:
            doc.write_text(new, encoding="utf-8")
            changed += 1
    return changed


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT / "src"))
    print(f"{update()} documents rewritten")

"""Small fact files the tests build on: one good fact and the entity it names; and helpers
the command-line tests share."""

from __future__ import annotations

import shutil
from pathlib import Path

ENTITIES = """\
entities:
  - id: 江苏
    kind: province
    aliases: [江苏省]
    english: Jiangsu
"""

GOOD_FACT = """\
source: s.txt
facts:
  - id: js-5g
    subject: 江苏
    metric: 新建5G基站
    kind: count
    value: "52000"
    unit: 座
    as_written: 5.2万座
    quote: 全年新建5G基站5.2万座。
    keywords: [new 5G base stations]
"""

SPECS = """\
    specs:
      - agree: 江苏今年将新建5G基站5.2万座。
      - flag: 江苏今年将新建5G基站5.3万座。
        reason: value
"""


def invoke(*args: str, input: str | bytes | None = None) -> tuple[int, str, str]:
    """The command line run in process: exit status, stdout, stderr; an exception other than
    the exit is a failure of the test (a traceback the user would see)."""
    from typer.testing import CliRunner

    from factcheck.cli import app

    result = CliRunner().invoke(app, list(args), input=input)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout, result.stderr


def copy_project(target: Path, names: list[str]) -> None:
    """These files and folders of this project's working tree into `target` (uncommitted
    changes included), without caches and build leftovers."""
    root = Path(__file__).resolve().parents[1]
    for name in names:
        source = root / name
        if source.is_dir():
            shutil.copytree(source, target / name, ignore=shutil.ignore_patterns("__pycache__", "*.egg-info", "_facts"))
        elif source.is_file():
            shutil.copy(source, target / name)

"""The table as a terminal shows it: through a pseudo-terminal of 80 and 160 columns (Python's pty,
no tmux needed), every line fits, every figure is in view and highlighted, and the colour flags
and variables do what they say.
"""

from __future__ import annotations

import fcntl
import json
import os
import pty
import re
import select
import shutil
import struct
import subprocess
import sys
import termios
from pathlib import Path

import pytest
from rich.cells import cell_len

ROOT = Path(__file__).resolve().parents[1]
MAIN = [sys.executable, "-c", "from factcheck.cli import main; main()"]
DRAFTS = ["examples/jiangsu-draft.md", "drafts/hainan-q1.md", "drafts/english.md"]
ESCAPE = re.compile(r"\x1b\[[0-9;]*m")
COLOUR = re.compile(r"\x1b\[(?:[0-9;]*;)?(?:3[0-7]|9[0-7]|38;5;\d+)(?:;[0-9;]*)?m")

pytestmark = pytest.mark.skipif(os.name != "posix", reason="needs a pseudo-terminal")


@pytest.fixture()
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "examples").mkdir()
    (tmp_path / "drafts").mkdir()
    shutil.copy(ROOT / "examples" / "jiangsu-draft.md", tmp_path / "examples")
    for name in ("hainan-q1.md", "english.md"):
        shutil.copy(ROOT / "tests" / "drafts" / name, tmp_path / "drafts")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def on_terminal(args: list[str], columns: int, cwd: Path, **env: str) -> str:
    """What `factcheck ARGS` writes to a terminal `columns` wide (line ends as the terminal gets them)."""
    leader, follower = pty.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 50, columns, 0, 0))
    clean = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES", "NO_COLOR", "FORCE_COLOR")}
    process = subprocess.Popen([*MAIN, *args], cwd=cwd, stdout=follower, stderr=follower, env={**clean, **env, "TERM": "xterm"})
    os.close(follower)
    screen = b""
    while True:
        ready, _, _ = select.select([leader], [], [], 60)
        if not ready:
            break
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # EIO: the process has gone and the terminal is closed
            break
        if not chunk:
            break
        screen += chunk
    os.close(leader)
    process.wait(timeout=60)
    return screen.decode("utf-8").replace("\r\n", "\n")


def _row_lines(lines: list[str], where: str, stacked: bool) -> list[str]:
    """The lines of the finding at `where`: its block, or its table row."""
    if stacked:
        start = next(i for i, line in enumerate(lines) if line.startswith(f"{where}  "))
        end = next((i for i in range(start + 1, len(lines)) if not lines[i].startswith("  ")), len(lines))
        return lines[start:end]
    start = next(i for i, line in enumerate(lines) if line.startswith(f"│ {where} "))
    end = next(i for i in range(start + 1, len(lines)) if not lines[i].startswith("│       │"))
    return lines[start:end]


@pytest.mark.parametrize("columns", [80, 160])
def test_every_line_fits_and_every_figure_shows(workdir: Path, columns: int) -> None:
    raw = on_terminal(DRAFTS, columns, workdir)
    plain = ESCAPE.sub("", raw)
    lines = plain.split("\n")
    assert all(cell_len(line) <= columns for line in lines), max(lines, key=cell_len)
    stacked = columns < 100
    assert ("┃ where" in plain) is not stacked  # a table at 160, blocks at 80
    by_file: dict[str, list[str]] = {}
    for name in DRAFTS:  # each draft's part of the screen, to find its rows by line:column
        part = plain.split(name, 1)[1]
        by_file[name] = part.split("\n")
    checked = 0
    for name in DRAFTS:
        out = subprocess.run([*MAIN, "--format", "json", name], cwd=workdir, capture_output=True, timeout=120).stdout
        for finding in json.loads(out)["files"][0]["findings"]:
            where = f"{finding['line']}:{finding['column']}"
            row = _row_lines(by_file[name], where, stacked)
            draft = next(line for line in row if "draft " in line)
            assert finding["text"] in draft, (where, finding["text"], row)  # the judged figure, whole, in view
            checked += 1
    assert checked > 20


def test_the_figure_is_highlighted(workdir: Path) -> None:
    raw = on_terminal(["examples/jiangsu-draft.md"], 80, workdir)
    for figure in ("99.7%", "94%", "84%", "5.3万座", "300家"):
        assert re.search(r"\x1b\[[0-9;]*4[0-9;]*m" + re.escape(figure), raw), figure  # underlined
    assert COLOUR.search(raw)  # and the verdicts coloured


def test_no_color_keeps_the_highlight_and_drops_the_colours(workdir: Path) -> None:
    raw = on_terminal(["examples/jiangsu-draft.md"], 160, workdir, NO_COLOR="1")
    assert re.search(r"\x1b\[[0-9;]*4[0-9;]*m5\.3万座", raw) and not COLOUR.search(raw)


def test_color_never_on_a_terminal_and_always_through_a_pipe(workdir: Path) -> None:
    assert "\x1b[" not in on_terminal(["--color", "never", "examples/jiangsu-draft.md"], 160, workdir)
    piped = subprocess.run([*MAIN, "--format", "table", "--color", "always", "examples/jiangsu-draft.md"], cwd=workdir, capture_output=True, timeout=120)
    assert COLOUR.search(piped.stdout.decode())
    forced = subprocess.run([*MAIN, "--format", "table", "examples/jiangsu-draft.md"], cwd=workdir, capture_output=True, timeout=120,
                            env={**os.environ, "FORCE_COLOR": "1"})
    assert COLOUR.search(forced.stdout.decode())
    plain = subprocess.run([*MAIN, "--format", "table", "examples/jiangsu-draft.md"], cwd=workdir, capture_output=True, timeout=120,
                           env={k: v for k, v in os.environ.items() if k != "FORCE_COLOR"})
    assert b"\x1b[" not in plain.stdout


@pytest.mark.parametrize("columns", [80, 160])
def test_facts_list_fits_the_terminal(workdir: Path, columns: int) -> None:
    plain = ESCAPE.sub("", on_terminal(["facts", "list"], columns, workdir))
    lines = plain.split("\n")
    assert all(cell_len(line) <= columns for line in lines), max(lines, key=cell_len)
    assert "js-5g-new-stations-2020" in plain and plain.rstrip().endswith("facts")

"""File names, folders and settings from a pull request: never a traceback, never raw on a terminal or a CI log.

A CI runner reads every line of a step's stdout and stderr: one that starts with
`::` (after spaces) is a workflow command. A file name can hold a line break, ESC,
or bytes that are not UTF-8; each test below puts such a name (or value) where
factcheck prints it and checks what comes out. (Issue 17, points 5, 9, 10 and 14.)
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from samples import ENTITIES, GOOD_FACT, invoke

from factcheck import batch

ROOT = Path(__file__).resolve().parents[1]
MAIN = [sys.executable, "-c", "from factcheck.cli import main; main()"]
FORMATS = ("table", "plain", "json", "github", "sarif", "junit", "markdown")
DISCREPANCY = "江苏今年将新建5G基站5.3万座。\n"
INJECTED = "a\n::error file=x,line=1::INJECTED\x1b]0;pwned\x07\u202e.md"
RAW = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")




COMMAND = re.compile(r"::(error|warning|notice) [^:\r\n]*::[^\r\n]*")


def assert_inert(text: str, commands: bool = False) -> None:
    """No terminal control, no bidi override, no line a runner would read as a command
    (but for the github format's own, whose properties cannot hold `::`)."""
    assert not RAW.search(text), text
    for line in text.split("\n"):
        assert not line.lstrip().startswith("::") or (commands and COMMAND.fullmatch(line)), line


@pytest.fixture()
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


# ---- names that are not UTF-8 (point 5) -----------------------------------------------------------

@pytest.fixture()
def latin1_name(here: Path) -> bytes:
    name = b"drafts/caf\xe9.md"
    os.makedirs(b"drafts")
    with open(name, "wb") as handle:
        handle.write(DISCREPANCY.encode("utf-8"))
    return name


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_name_that_is_not_utf8_under_strict_utf8_output(latin1_name: bytes, fmt: str) -> None:
    """UnicodeEncodeError in every format when stdout is strict UTF-8; in sarif, in any locale."""
    env = {**os.environ, "PYTHONIOENCODING": "utf-8:strict", "NO_COLOR": "1"}
    done = subprocess.run([*MAIN, "--format", fmt, "drafts"], capture_output=True, env=env, timeout=120)
    assert (done.returncode, done.stderr) == (1, b""), done.stderr.decode(errors="replace")
    out = done.stdout.decode("utf-8")  # strict: every byte is UTF-8
    assert "xe9.md" in out  # the byte as \xe9 (in JSON \\xe9, in sarif's URI %5Cxe9)


@pytest.mark.parametrize("fmt", ["json", "sarif"])
def test_a_name_that_is_not_utf8_is_valid_json_in_the_c_locale(latin1_name: bytes, fmt: str) -> None:
    """Under C.UTF-8 the raw byte 0xE9 reached the JSON: json.loads failed."""
    env = {**os.environ, "LC_ALL": "C.UTF-8", "LANG": "C.UTF-8"}
    env.pop("PYTHONIOENCODING", None)
    done = subprocess.run([*MAIN, "--format", fmt, "drafts"], capture_output=True, env=env, timeout=120)
    assert done.returncode == 1, done.stderr
    data = json.loads(done.stdout.decode("utf-8"))
    if fmt == "json":
        assert data["files"][0]["path"] == "drafts/caf\\xe9.md"


def test_a_missing_draft_with_a_name_that_is_not_utf8(here: Path) -> None:
    env = {**os.environ, "PYTHONIOENCODING": "utf-8:strict"}
    done = subprocess.run([*MAIN, os.fsdecode(b"caf\xe9\x1b[31m.md")], capture_output=True, env=env, timeout=120)
    assert done.returncode == 2
    assert done.stderr == b"factcheck: error: caf\\xe9\\x1b[31m.md: no such file or directory\n"


# ---- folders: deep, unreadable (points 5 and 14) ------------------------------------------------------

def test_a_folder_a_thousand_deep(here: Path) -> None:
    """Path.rglob recursed once per level: RecursionError."""
    deep = "drafts"
    for _ in range(1001):  # not mkdir(parents=True), nor rmtree below: they recurse as rglob did
        os.mkdir(deep)
        deep += "/d"
    Path(deep[:-2], "a.md").write_text(DISCREPANCY, encoding="utf-8")
    try:
        status, out, err = invoke("--format", "plain", "drafts")
    finally:
        os.unlink(Path(deep[:-2], "a.md"))
        while deep != "drafts":
            deep = deep[:-2]
            os.rmdir(deep)
    assert (status, err) == (1, "")
    assert out.startswith("drafts/d/d/") and "discrepancy [value] 5.3万座" in out


def test_an_unreadable_folder_is_warned_about(here: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """It was skipped without a word. (Tests run as root, where chmod does not stop a read.)"""
    Path("drafts/locked").mkdir(parents=True)
    Path("drafts/a.md").write_text(DISCREPANCY, encoding="utf-8")
    Path("drafts/locked/b.md").write_text(DISCREPANCY, encoding="utf-8")
    real = os.scandir

    def scandir(path: str) -> object:
        if path.endswith("locked"):
            raise PermissionError(13, "Permission denied")
        return real(path)

    monkeypatch.setattr(batch.os, "scandir", scandir)
    status, out, err = invoke("--format", "plain", "drafts")
    assert status == 1 and "drafts/a.md" in out and "locked" not in out
    assert err == "factcheck: warning: drafts/locked: cannot read this folder (Permission denied): its drafts are not checked\n"


# ---- names and values on stderr and stdout (point 9) ------------------------------------------------

def test_a_missing_draft_with_a_hostile_name(here: Path) -> None:
    status, out, err = invoke(INJECTED)
    assert (status, out) == (2, "")
    assert err == "factcheck: error: a\\x0a::error file=x,line=1::INJECTED\\x1b]0;pwned\\x07\\u202e.md: no such file or directory\n"


def test_a_warning_about_a_draft_with_a_hostile_name(here: Path) -> None:
    Path(INJECTED).write_text("<!-- factcheck: of -->\n" + DISCREPANCY, encoding="utf-8")
    status, out, err = invoke("--format", "plain", INJECTED)
    assert status == 1 and err.count("\n") == 1 and "unknown factcheck directive" in err
    assert_inert(err)
    assert_inert(out)


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_long_name_is_not_wrapped_into_a_workflow_command(here: Path, fmt: str) -> None:
    """The table wrapped a long title at its width: for one of these lengths the second line
    began with `::` (found by the fuzz campaign)."""
    Path("drafts").mkdir()
    for length in range(20, 200):
        Path("drafts", "a" * length + "::error::x.md").write_text("没有数字。\n", encoding="utf-8")
    status, out, err = invoke("--format", fmt, "drafts")
    assert (status, err) == (0, "")
    assert_inert(out, commands=fmt == "github")


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_line_break_in_a_name_starts_no_line_of_the_report(here: Path, fmt: str) -> None:
    """junit wrote the name in its details as it was: the text after the line break began a line
    (found by the fuzz campaign)."""
    Path("drafts").mkdir()
    Path("drafts", "a\n::error::x.md").write_text(DISCREPANCY, encoding="utf-8")
    status, out, err = invoke("--format", fmt, "drafts")
    assert (status, err) == (1, "")
    assert_inert(out, commands=fmt == "github")


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_draft_named_like_a_workflow_command(here: Path, fmt: str) -> None:
    """`::error::x.md` given by name (as pre-commit gives names) began a plain line with `::`."""
    for name in ("::error::x.md", " ::warning::y.md"):
        Path(name).write_text(DISCREPANCY, encoding="utf-8")
    status, out, err = invoke("--format", fmt, "::error::x.md", " ::warning::y.md")
    assert (status, err) == (1, "")
    assert_inert(out, commands=fmt == "github")


def hostile_facts(folder: Path) -> Path:
    facts = folder / "facts\n::error::x\x1b[2J"
    facts.mkdir()
    (facts / "entities.yaml").write_text(ENTITIES, encoding="utf-8")
    (facts / "f\n::warning::y\x1b]0;t\x07.yaml").write_text(GOOD_FACT.replace("subject: 江苏", "subject: 无此地"), encoding="utf-8")
    return facts


def test_a_broken_fact_base_with_hostile_file_names(here: Path) -> None:
    Path("d.md").write_text(DISCREPANCY, encoding="utf-8")
    status, out, err = invoke("d.md", "--no-default-facts", "--facts", str(hostile_facts(here)))
    assert (status, out) == (2, "") and err.count("\n") == 1 and "broken fact base" in err
    assert_inert(err)


def test_validate_with_hostile_file_names(here: Path) -> None:
    status, out, err = invoke("facts", "validate", str(hostile_facts(here)))
    assert status == 1 and "unknown entity '无此地'" in out
    assert_inert(out)
    assert_inert(err)


def test_config_shows_hostile_values_inert(here: Path) -> None:
    Path(".factcheck.yaml").write_text(
        'exclude: ["\\e]0;title\\a", "a\\n::error::b"]\nfacts: ["x\\u202ey"]\n'
        'overrides:\n  - paths: ["\\e[31m::warning::z"]\n    fail-on: never\n', encoding="utf-8")
    status, out, err = invoke("config")
    assert (status, err) == (0, "")
    assert_inert(out)
    assert "exclude: \\x1b]0;title\\x07, a\\x0a::error::b  [" in out


# ---- options hidden in file names (point 10) --------------------------------------------------------

def test_the_hook_ends_its_options_before_the_file_names(here: Path) -> None:
    """pre-commit runs `entry args FILES`: a committed `--write-baseline=notes.md` overwrote notes.md."""
    import yaml

    (hook,) = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert hook["args"][-1] == "--"
    Path("notes.md").write_text("keep\n", encoding="utf-8")
    Path("--write-baseline=notes.md").write_text(DISCREPANCY, encoding="utf-8")
    status, out, err = invoke(*hook["args"], "--write-baseline=notes.md", "notes.md")
    assert status == 1 and "--write-baseline=notes.md:1:12: discrepancy" in out
    assert Path("notes.md").read_text(encoding="utf-8") == "keep\n"


def test_the_action_ends_its_options_before_the_paths() -> None:
    action = (ROOT / "action.yml").read_text(encoding="utf-8")
    assert re.search(r"factcheck\"? check .* -- \$FACTCHECK_PATHS[ \n]", action)  # the venv's "$bin/factcheck"


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_names_like_options_are_drafts_after_the_double_dash(here: Path) -> None:
    for name in ("-", "--version", "-h", "check", "config", "facts"):
        if name != "-":
            Path(name).write_text(DISCREPANCY, encoding="utf-8")
    status, out, _ = invoke("--format", "plain", "--", "--version", "-h", "check", "config", "facts")
    assert status == 1 and out.count("discrepancy [value]") == 5
